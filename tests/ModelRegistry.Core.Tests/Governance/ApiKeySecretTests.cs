using ModelRegistry.Core.Governance;

namespace ModelRegistry.Core.Tests.Governance;

/// <summary>API key material: shape, prefix lookup and hash-only storage.</summary>
public sealed class ApiKeySecretTests
{
    [Fact]
    public void A_new_key_is_mr_prefix_secret_and_its_hash_is_sha256_hex_of_the_whole_key()
    {
        var (key, prefix, hash) = ApiKeySecret.Create();

        var parts = key.Split('_', 3);
        Assert.Equal("mr", parts[0]);
        Assert.Equal(prefix, parts[1]);
        Assert.Matches("^[0-9a-f]{8}$", prefix);
        Assert.True(parts[2].Length >= 43, "256 random bits need at least 43 base64url characters.");
        Assert.Matches("^[0-9a-f]{64}$", hash);
        Assert.Equal(ApiKeySecret.Hash(key), hash);
        Assert.DoesNotContain(parts[2], hash, StringComparison.Ordinal);
    }

    [Fact]
    public void Two_keys_never_share_a_secret()
    {
        var keys = Enumerable.Range(0, 50).Select(_ => ApiKeySecret.Create().Key).ToHashSet();

        Assert.Equal(50, keys.Count);
    }

    [Fact]
    public void A_key_matches_its_own_hash_only()
    {
        var (key, _, hash) = ApiKeySecret.Create();
        var (other, _, _) = ApiKeySecret.Create();

        Assert.True(ApiKeySecret.Matches(key, hash));
        Assert.False(ApiKeySecret.Matches(other, hash));
        Assert.False(ApiKeySecret.Matches(key[..^1], hash));
    }

    [Theory]
    [InlineData("mr_0123abcd_secret", "0123abcd")]
    [InlineData("mr_0123abcd_secret_with_underscores", "0123abcd")]
    [InlineData("mr_short_secret", null)]
    [InlineData("xx_0123abcd_secret", null)]
    [InlineData("mr_0123abcd", null)]
    [InlineData("Bearer something", null)]
    public void The_prefix_is_read_only_from_keys_shaped_like_ours(string presented, string? prefix)
        => Assert.Equal(prefix, ApiKeySecret.PrefixOf(presented));
}

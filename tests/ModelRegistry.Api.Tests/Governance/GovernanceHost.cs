using System.Net.Http.Headers;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using ModelRegistry.Core.Governance;
using ModelRegistry.Infrastructure;
using ModelRegistry.Infrastructure.Persistence;
using ModelRegistry.Api.Tests.Fixtures;

namespace ModelRegistry.Api.Tests.Governance;

/// <summary>
/// The real Api host on its own SQLite file, with a bootstrap admin key and a symmetric JWT issuer, so tests can act
/// as any principal with any grants the way a client of the registry does: over HTTP with a key or a bearer token.
/// </summary>
public class GovernanceHost : WebApplicationFactory<Program>, IAsyncLifetime
{
    /// <summary>The configured bootstrap admin key (principal <c>bootstrap-admin</c>, implicit global ADMIN).</summary>
    public const string BootstrapKey = "governance-tests-bootstrap-key";

    /// <summary>The issuer the host accepts.</summary>
    public const string Issuer = "https://issuer.governance.test";

    /// <summary>The audience the host accepts.</summary>
    public const string Audience = "model-registry";

    private static readonly byte[] SigningKey = RandomNumberGenerator.GetBytes(32);

    private readonly Dictionary<string, GovernanceClient> _principals = [];
    private readonly SemaphoreSlim _principalsLock = new(1, 1);

    /// <summary>The temporary data directory holding registry.db.</summary>
    public string DataDirectory { get; } = Path.Combine(Path.GetTempPath(), "model-registry-governance-tests", Guid.NewGuid().ToString("N"));

    /// <summary>The hosting environment; Development lets anonymous callers read.</summary>
    protected virtual string EnvironmentName => "Development";

    /// <summary>The bootstrap admin.</summary>
    public GovernanceClient Admin => WithKey(BootstrapKey);

    /// <summary>A caller without credentials.</summary>
    public GovernanceClient Anonymous() => new(CreateClient());

    /// <summary>A caller presenting <paramref name="key"/> in <c>X-Api-Key</c>.</summary>
    public GovernanceClient WithKey(string key)
    {
        var http = CreateClient();
        http.DefaultRequestHeaders.Add("X-Api-Key", key);
        return new GovernanceClient(http, key);
    }

    /// <summary>A caller presenting <paramref name="token"/> as a bearer token.</summary>
    public GovernanceClient WithBearer(string token)
    {
        var http = CreateClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return new GovernanceClient(http);
    }

    /// <summary>
    /// As the bootstrap admin, creates an API key for <paramref name="principal"/> and grants it <paramref name="grants"/>;
    /// returns a client using that key. The same principal asked for twice is the same client (grants are not re-applied).
    /// </summary>
    public async Task<GovernanceClient> ClientAsAsync(string principal, params (Role Role, string Scope)[] grants)
    {
        await _principalsLock.WaitAsync();
        try
        {
            if (_principals.TryGetValue(principal, out var known))
                return known;
            var admin = Admin;
            var created = await admin.MutateAsync(GovernanceOperations.CreateApiKey, new { name = "tests", principal });
            foreach (var (role, scope) in grants)
                await admin.MutateAsync(GovernanceOperations.GrantRole, new { principal, role = RoleLadder.Name(role), scope });
            var client = WithKey(created.GetProperty("secret").GetString()!);
            _principals[principal] = client;
            return client;
        }
        finally
        {
            _principalsLock.Release();
        }
    }

    /// <summary>An HS256 token signed with the host's key; override the audience, lifetime or key to make a bad one.</summary>
    public static string Token(string? subject, string[] groups, DateTime? expires = null, string audience = Audience, byte[]? signingKey = null)
    {
        var until = expires ?? DateTime.UtcNow.AddMinutes(10);
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = audience,
            IssuedAt = until.AddMinutes(-20),
            NotBefore = until.AddMinutes(-20),
            Expires = until,
            Claims = subject is null
                ? new Dictionary<string, object> { ["groups"] = groups }
                : new Dictionary<string, object> { ["sub"] = subject, ["groups"] = groups },
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(signingKey ?? SigningKey), SecurityAlgorithms.HmacSha256),
        };
        return new JsonWebTokenHandler().CreateToken(descriptor);
    }

    /// <summary>Uploads a small artifact to <paramref name="versionId"/> as the bootstrap admin and returns its ID.</summary>
    public async Task<string> UploadArtifactAsync(string versionId, string name)
    {
        using var http = CreateClient();
        http.DefaultRequestHeaders.Add("X-Api-Key", BootstrapKey);
        using var response = await http.PutAsync($"/artifacts/{versionId}/{name}", new ByteArrayContent([1, 2, 3]));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.Created, $"Upload answered {(int)response.StatusCode}: {body}");
        using var json = System.Text.Json.JsonDocument.Parse(body);
        return json.RootElement.GetProperty("id").GetString()!;
    }

    /// <summary>Runs <paramref name="work"/> on a database context of the host that reads everything (tampering, inspection).</summary>
    public async Task WithDatabaseAsync(Func<RegistryDbContext, Task> work)
    {
        await using var scope = Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ReadVisibilityHolder>().ForSystem();
        await work(scope.ServiceProvider.GetRequiredService<RegistryDbContext>());
    }

    /// <inheritdoc />
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(EnvironmentName);
        builder.UseSetting("Registry:DataDirectory", DataDirectory);
        builder.UseTestDatabase(DataDirectory);
        builder.UseSetting("Registry:Auth:BootstrapAdminKey", BootstrapKey);
        builder.UseSetting("Registry:Auth:Jwt:Issuer", Issuer);
        builder.UseSetting("Registry:Auth:Jwt:Audience", Audience);
        builder.UseSetting("Registry:Auth:Jwt:SigningKey", Convert.ToBase64String(SigningKey));
    }

    /// <summary>Starts the host so a broken start fails the fixture, not a random test.</summary>
    public virtual Task InitializeAsync()
    {
        Directory.CreateDirectory(DataDirectory);
        _ = Server;
        return Task.CompletedTask;
    }

    /// <summary>Stops the host and deletes its data directory.</summary>
    Task IAsyncLifetime.DisposeAsync() => HostDataDirectory.StopAndDeleteAsync(this, DataDirectory);
}

/// <summary>The same host in Production, where callers without credentials are refused outright.</summary>
public sealed class ProductionGovernanceHost : GovernanceHost
{
    /// <inheritdoc />
    protected override string EnvironmentName => "Production";
}

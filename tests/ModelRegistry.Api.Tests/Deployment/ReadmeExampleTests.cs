using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using ModelRegistry.Api.Tests.Fixtures;

namespace ModelRegistry.Api.Tests.Deployment;

/// <summary>The README's examples work as written against the registry they tell the reader to start.</summary>
public sealed partial class ReadmeExampleTests(DemoRegistryApiFactory factory) : IClassFixture<DemoRegistryApiFactory>
{
    [Fact]
    public async Task The_first_mutation_of_the_readme_succeeds_on_a_registry_started_with_the_demo_seed()
    {
        var body = CurlBody(Section("## First mutation"));

        using var response = await factory.CreateClient().AsAdmin().PostAsync(GraphQLClient.Path,
            new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        var payload = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("data").GetProperty("registerModel");

        Assert.Equal(JsonValueKind.Null, payload.GetProperty("errors").ValueKind);
        Assert.Equal(JsonValueKind.Object, payload.GetProperty("model").ValueKind);
    }

    private static string Section(string heading)
    {
        var readme = RepositoryFiles.Read("README.md");
        var start = readme.IndexOf(heading, StringComparison.Ordinal);
        Assert.True(start >= 0, $"README.md has no '{heading}' section");
        var end = readme.IndexOf("\n## ", start + heading.Length, StringComparison.Ordinal);
        return end < 0 ? readme[start..] : readme[start..end];
    }

    // The JSON body of the section's curl command that posts a mutation, as the shell passes it (single-quoted, no escapes).
    private static string CurlBody(string section)
    {
        var body = CurlData().Matches(section).Select(m => m.Groups["body"].Value).FirstOrDefault(b => b.Contains("mutation", StringComparison.Ordinal));
        Assert.NotNull(body);
        return body;
    }

    [GeneratedRegex(@"-d '(?<body>[^']*)'")]
    private static partial Regex CurlData();
}

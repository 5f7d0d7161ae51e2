using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ModelRegistry.Api.Tests.Fixtures;
using ModelRegistry.Core.Audit;
using ModelRegistry.Core.Governance;
using ModelRegistry.Infrastructure.Persistence;

namespace ModelRegistry.Api.Tests.Reports;

/// <summary>The demo organisation with a bootstrap admin key, for tests that act as an admin or as principals it creates.</summary>
public class GovernedRegistryFactory : RegistryApiFactory
{
    /// <summary>The bootstrap admin key's value.</summary>
    public const string AdminKey = "test-bootstrap-admin-key";

    /// <inheritdoc />
    protected override string? Seed => "demo";

    /// <summary>The host environment; Development lets callers without credentials read.</summary>
    protected virtual string Environment => "Development";

    /// <summary>An HTTP client sending <paramref name="apiKey"/> in X-Api-Key (none when null).</summary>
    public HttpClient ClientWithKey(string? apiKey)
    {
        var http = CreateClient();
        if (apiKey is not null)
            http.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
        http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        return http;
    }

    /// <summary>A GraphQL client acting as the bootstrap admin.</summary>
    public GraphQLClient Admin() => new(ClientWithKey(AdminKey));

    /// <summary>Creates (as admin) an API key for <paramref name="principal"/> holding <paramref name="role"/> at <paramref name="scope"/>.</summary>
    public async Task<string> KeyWithRoleAsync(string principal, string role, string scope)
    {
        var admin = Admin();
        await admin.MutateAsync("mutation($input: GrantRoleInput!) { grantRole(input: $input) { roleAssignment { id } errors { code message } } }",
            new { principal, role, scope });
        var created = await admin.MutateAsync("mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { secret errors { code message } } }",
            new { name = $"{principal}-key", principal });
        return created.GetProperty("secret").GetString()!;
    }

    /// <summary>Every audit event in sequence order, read with unrestricted visibility as an auditor with database access would.</summary>
    public async Task<List<AuditEvent>> WholeAuditLogAsync()
    {
        await using var scope = Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ReadVisibilityHolder>().ForSystem();
        return await scope.ServiceProvider.GetRequiredService<RegistryDbContext>().AuditEvents.AsNoTracking().OrderBy(e => e.Sequence).ToListAsync();
    }

    /// <inheritdoc />
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseEnvironment(Environment);
        builder.UseSetting("Registry:Auth:BootstrapAdminKey", AdminKey);
    }
}

/// <summary>The same registry in Production, where callers without credentials are refused.</summary>
public sealed class ProductionRegistryFactory : GovernedRegistryFactory
{
    /// <inheritdoc />
    protected override string Environment => "Production";
}

/// <summary>Replaces what changes from run to run (timestamps, and the audit hashes computed over them) so a report can be compared with a snapshot.</summary>
public static partial class Volatile
{
    /// <summary>The text with every ISO-8601 timestamp and every SHA-256 in hex replaced by a placeholder.</summary>
    public static string Normalise(string text) => Sha256().Replace(Timestamp().Replace(text, "<timestamp>"), "<sha256>");

    [GeneratedRegex(@"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z")]
    private static partial Regex Timestamp();

    [GeneratedRegex(@"\b[0-9a-f]{64}\b")]
    private static partial Regex Sha256();
}

using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ModelRegistry.Api.Tests.Hosting;
using ModelRegistry.Api.Tests.Fixtures;
using ModelRegistry.Api.Tests.Webhooks;
using ModelRegistry.Core.Governance;
using ModelRegistry.Core.Webhooks;
using ModelRegistry.Infrastructure.Persistence;

namespace ModelRegistry.Api.Tests.Replicas;

/// <summary>
/// On PostgreSQL, with nothing configured but the database and the anchor key file, every replica holds the same artifact
/// URL key, report signing key and Data Protection key ring: what one replica minted, signed or encrypted, the other accepts.
/// </summary>
[Trait("Category", TestDatabase.PostgresOnly)]
public sealed class SharedSecretsAcrossReplicasTests
{
    [Fact]
    public async Task A_downloadUrl_minted_by_one_replica_downloads_through_the_other()
    {
        await using var replicas = ReplicaPair.Start();
        var admin = replicas.A.GraphQL();
        var versionId = await admin.CreateVersionAsync(await admin.RegisterModelAsync());
        var bytes = RandomNumberGenerator.GetBytes(4096);
        using var upload = new HttpRequestMessage(HttpMethod.Put, $"/artifacts/{versionId}/model.bin")
        {
            Content = new ByteArrayContent(bytes) { Headers = { ContentType = MediaTypeHeaderValue.Parse("application/octet-stream") } },
        };
        using var uploaded = await replicas.A.CreateClient().AsAdmin().SendAsync(upload);
        Assert.Equal(HttpStatusCode.Created, uploaded.StatusCode);
        var url = (await admin.QueryAsync("query($id: ID!) { node(id: $id) { ... on ModelVersion { artifacts { downloadUrl } } } }", new { id = versionId }))
            .GetProperty("node").GetProperty("artifacts")[0].GetProperty("downloadUrl").GetString()!;

        using var download = await replicas.B.CreateClient().GetAsync(url);

        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(bytes, await download.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task A_report_signed_by_one_replica_verifies_with_the_public_key_the_other_publishes()
    {
        await using var replicas = ReplicaPair.Start();
        var name = RegistryArrange.UniqueName("signed");
        await replicas.A.GraphQL().CreateVersionAsync(await replicas.A.GraphQL().RegisterModelAsync(name));

        using var report = await replicas.A.CreateClient().AsAdmin().GetAsync($"/models/{name}/compliance-report.md");
        var publicKey = await replicas.B.CreateClient().GetStringAsync("/.well-known/model-registry/report-signing-key.pem");

        Assert.Equal(HttpStatusCode.OK, report.StatusCode);
        using var key = ECDsa.Create();
        key.ImportFromPem(publicKey);
        Assert.True(key.VerifyData(await report.Content.ReadAsByteArrayAsync(),
            Convert.FromBase64String(report.Headers.GetValues("X-Registry-Signature").Single()), HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence),
            "The report signed by replica A does not verify with the public key replica B serves.");
        Assert.Equal(publicKey, await replicas.A.CreateClient().GetStringAsync("/.well-known/model-registry/report-signing-key.pem"));
    }

    [Fact]
    public async Task A_webhook_secret_set_through_one_replica_is_decrypted_by_the_other()
    {
        await using var replicas = ReplicaPair.Start(new Dictionary<string, string> { ["Registry:Webhooks:AllowPlainHttp"] = "true" });
        const string secret = "shared-secret-0123456789";
        var created = await replicas.A.GraphQL().MutateAsync(WebhookRegistryFactory.CreateWebhook,
            new { url = "http://127.0.0.1:9/hook", eventTypes = new[] { "*" }, secret });
        var webhookId = created.GetProperty("webhook").GetProperty("id").GetString()!;

        await using var scope = replicas.B.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ReadVisibilityHolder>().ForSystem();
        var stored = await scope.ServiceProvider.GetRequiredService<RegistryDbContext>().Webhooks.AsNoTracking().SingleAsync();

        Assert.NotEqual(secret, stored.ProtectedSecret);
        Assert.Equal(secret, scope.ServiceProvider.GetRequiredService<IWebhookSecretProtector>().Unprotect(stored.ProtectedSecret));
        Assert.NotNull(webhookId);
    }

    [Fact]
    public async Task A_registry_on_PostgreSQL_storing_artifacts_on_the_file_system_warns_at_start_up()
    {
        var log = new CapturedLog();

        await using var replicas = ReplicaPair.Start(services: s => s.AddSingleton<ILoggerProvider>(log));

        Assert.Contains((typeof(Api.Artifacts.ArtifactStorePreparation).FullName!, LogLevel.Warning), log.Entries);
    }

    [Fact]
    public async Task The_keys_kept_in_the_database_are_one_row_each_however_many_replicas_started()
    {
        await using var replicas = ReplicaPair.Start();
        _ = replicas.A.Services.GetRequiredService<Api.Artifacts.ArtifactUrlSigner>();
        _ = replicas.B.Services.GetRequiredService<Api.Artifacts.ArtifactUrlSigner>();
        _ = replicas.A.Services.GetRequiredService<Api.Reports.ReportSigningKey>();
        _ = replicas.B.Services.GetRequiredService<Api.Reports.ReportSigningKey>();

        var names = await replicas.QueryAsync<string>("""SELECT "Name" FROM "RegistrySecrets" ORDER BY "Name" """);

        Assert.Equal(["artifact-url-signing-key", "report-signing-key"], names);
    }
}

using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using ModelRegistry.Api.Tests.Artifacts;
using ModelRegistry.Api.Tests.Fixtures;

namespace ModelRegistry.Api.Tests.Lineage;

/// <summary>
/// A registry whose clock the fixture moves an hour forward before each change, so every change has an instant of its own
/// and <see cref="Between"/> names a time when exactly the changes before it had happened:
/// <list type="number">
/// <item>team a's model and version 1, trained on a dataset version that team b's version is also trained on;</item>
/// <item>version 1 promoted to STAGING, alias champion set on it;</item>
/// <item>version 1 promoted to PRODUCTION and deployed (traffic 100) to a consumer application;</item>
/// <item>the deployment's traffic cut to 40, version 2 created, fine-tuned from version 1, and champion moved to it;</item>
/// <item>the deployment retired.</item>
/// </list>
/// </summary>
public sealed class TimeTravelHost : RegistryApiFactory
{
    /// <summary>The host's clock.</summary>
    public ShiftedClock Clock { get; } = new();

    /// <summary>The instant before the first change (index 0), and halfway between each change and the next (1 to 5).</summary>
    public DateTime[] Between { get; } = new DateTime[6];

    /// <summary>The instant each change started at (index 1 to 5) as the host's clock read it.</summary>
    public DateTime[] ChangedAt { get; } = new DateTime[6];

    /// <summary>Team a's model (name, ID), its versions and the deployment of version 1.</summary>
    public (string Name, string Id, string V1, string V2, string Deployment) A { get; private set; }

    /// <summary>Team b's model (name), version and deployment.</summary>
    public (string Name, string Version, string Deployment) B { get; private set; }

    /// <summary>The dataset version both teams' versions were trained on.</summary>
    public string SharedDatasetVersion { get; private set; } = "";

    /// <summary>A client holding VIEWER on team:team-a only.</summary>
    public GraphQLClient TeamAReader { get; private set; } = null!;

    /// <inheritdoc />
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock));
    }

    /// <inheritdoc />
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        var admin = GraphQL();
        var (_, readerKey) = await admin.CreateApiKeyAsync("time-travel-reader");
        await admin.GrantRoleAsync("time-travel-reader", "VIEWER", "team:team-a");
        TeamAReader = GraphQL(readerKey);

        await StepAsync(1, async () =>
        {
            SharedDatasetVersion = await admin.DatasetVersionAsync();
            var nameA = RegistryArrange.UniqueName("tt-a");
            var modelA = await RegisterAsync(admin, nameA, "team-a");
            A = (nameA, modelA, await admin.CreateVersionAsync(modelA, SharedDatasetVersion), "", "");
            var nameB = RegistryArrange.UniqueName("tt-b");
            var versionB = await admin.CreateVersionAsync(await RegisterAsync(admin, nameB, "team-b"), SharedDatasetVersion);
            await admin.PromoteAsync(versionB, "STAGING", "PRODUCTION");
            B = (nameB, versionB, await admin.RecordDeploymentAsync(versionB, "tt-b-app"));
        });
        await StepAsync(2, async () =>
        {
            await admin.PromoteAsync(A.V1, "STAGING");
            await SetAliasAsync(admin, A.V1);
        });
        await StepAsync(3, async () =>
        {
            await admin.PromoteAsync(A.V1, "PRODUCTION");
            A = A with { Deployment = await admin.RecordDeploymentAsync(A.V1, "tt-a-app") };
        });
        await StepAsync(4, async () =>
        {
            await UpdateDeploymentAsync(admin, "ACTIVE", 40, "canary of version 2");
            A = A with { V2 = await admin.CreateVersionAsync(A.Id) };
            await admin.AddEdgeAsync(A.V1, A.V2, "FINE_TUNED_FROM");
            await SetAliasAsync(admin, A.V2);
        });
        await StepAsync(5, () => UpdateDeploymentAsync(admin, "RETIRED", null, "replaced by version 2"));
    }

    // Moves the clock an hour past the previous step, runs the change, and notes the instants around it.
    private async Task StepAsync(int step, Func<Task> change)
    {
        Clock.Offset = TimeSpan.FromDays(1) + TimeSpan.FromHours(step);
        ChangedAt[step] = Now();
        if (step == 1)
            Between[0] = ChangedAt[1].AddMinutes(-30);
        await change();
        Between[step] = Now().AddMinutes(30);
    }

    private DateTime Now() => Clock.GetUtcNow().UtcDateTime;

    private static async Task<string> RegisterAsync(GraphQLClient admin, string name, string owner)
        => RegistryArrange.Id(await admin.MutateAsync(Operations.RegisterModel, new { name, task = "CLASSIFICATION", owner }), "model");

    private Task SetAliasAsync(GraphQLClient admin, string modelVersionId)
        => admin.MutateAsync(Operations.SetModelAlias, new { modelId = A.Id, alias = "champion", modelVersionId, reason = "best so far" });

    private Task UpdateDeploymentAsync(GraphQLClient admin, string status, int? trafficPercent, string reason)
        => admin.MutateAsync(Operations.UpdateDeploymentStatus, new { id = A.Deployment, status, trafficPercent, reason });
}

using Microsoft.AspNetCore.Hosting;
using ModelRegistry.Api.Tests.Monitoring;
using ModelRegistry.Core.Governance;
using static ModelRegistry.Api.Tests.Governance.GovernanceArrange;
using Ops = ModelRegistry.Api.Tests.Governance.GovernanceOperations;

namespace ModelRegistry.Api.Tests.Governance;

/// <summary>One host for the whole matrix: a model of team-a with a version and a team-a dataset, and one caller per role and scope.</summary>
public sealed class RbacMatrixHost : GovernanceHost
{
    /// <summary>The subject model's team.</summary>
    public const string Team = "team-a";
    /// <summary>A team with nothing of the subject's.</summary>
    public const string OtherTeam = "team-b";
    /// <summary>The subject model's name.</summary>
    public const string ModelName = "rbac-subject";

    /// <summary>The subject model.</summary>
    public string ModelId { get; private set; } = "";
    /// <summary>A DEVELOPMENT version of the subject model, shared by mutations that do not consume it.</summary>
    public string VersionId { get; private set; } = "";
    /// <summary>A team-a dataset.</summary>
    public string DatasetId { get; private set; } = "";
    /// <summary>A dataset of no team.</summary>
    public string SharedDatasetId { get; private set; } = "";

    /// <inheritdoc />
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        ModelId = await Admin.ModelAsync(ModelName, Team);
        VersionId = await Admin.VersionAsync(ModelId);
        DatasetId = await Admin.DatasetAsync("rbac-data", Team);
        SharedDatasetId = await Admin.DatasetAsync("rbac-shared-data", owner: null);
    }

    /// <summary>
    /// Without the per-principal rate limit: the matrix arranges most cases as the bootstrap admin, several hundred requests
    /// within a minute, which would otherwise meet the default budget depending on how fast the machine runs them. The
    /// budget has tests of its own (<c>Hardening/HardeningTests.cs</c>).
    /// </summary>
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Registry:Limits:RequestsPerMinute", "0");
    }

    /// <summary>The grant scope string a matrix scope column stands for.</summary>
    public static string GrantScope(string scope) => scope switch
    {
        "global" => AccessScope.Global,
        "own-team" => "team:" + Team,
        "other-team" => "team:" + OtherTeam,
        _ => "model:" + ModelName,
    };

    /// <summary>The caller holding exactly <paramref name="role"/> at <paramref name="scope"/>; anonymous for "none".</summary>
    public async Task<GovernanceClient> CallerAsync(string role, string scope)
        => role == "none"
            ? Anonymous()
            : await ClientAsAsync($"rbac-{role.ToLowerInvariant()}-{scope}", (Enum.Parse<Role>(role, ignoreCase: true), GrantScope(scope)));
}

/// <summary>
/// Every mutation × every role × every scope, allowed or refused exactly as the table says (docs/rbac.md reproduces it).
/// Anonymous callers are refused with UNAUTHENTICATED; callers lacking the role at a covering scope with FORBIDDEN when
/// they can read the subject, and with NOT_FOUND when they cannot.
/// </summary>
public sealed class RbacMatrixTests(RbacMatrixHost host) : IClassFixture<RbacMatrixHost>
{
    private static readonly string[] Roles = ["VIEWER", "CONTRIBUTOR", "DEPLOYER", "APPROVER", "ADMIN"];

    private static readonly Dictionary<string, char> ScopeLetters = new()
    {
        ["global"] = 'G', ["own-team"] = 'T', ["other-team"] = 'O', ["model"] = 'M',
    };

    // The scopes at which each role is allowed: G = global, T = the model's team, O = another team, M = the model by name.
    private static readonly Dictionary<string, string[]> Expected = new()
    {
        //                                    VIEWER CONTRIBUTOR DEPLOYER APPROVER ADMIN
        ["registerModel"] =                  ["",    "GT",       "GT",    "",      "GT"],
        ["updateModel"] =                    ["",    "GTM",      "GTM",   "",      "GTM"],
        ["createModelVersion"] =             ["",    "GTM",      "GTM",   "",      "GTM"],
        ["setModelAlias"] =                  ["",    "",         "GTM",   "",      "GTM"],
        ["renameModel"] =                    ["",    "GT",       "GT",    "",      "GT"],
        ["deleteModel"] =                    ["",    "GT",       "GT",    "",      "GT"],
        ["removeModelAlias"] =               ["",    "",         "GTM",   "",      "GTM"],
        ["setKeyValueTag"] =                 ["",    "GTM",      "GTM",   "",      "GTM"],
        ["deleteKeyValueTag"] =              ["",    "GTM",      "GTM",   "",      "GTM"],
        ["updateModelVersion"] =             ["",    "GTM",      "GTM",   "",      "GTM"],
        ["deleteModelVersion"] =             ["",    "GTM",      "GTM",   "",      "GTM"],
        ["registerDataset"] =                ["",    "GT",       "GT",    "",      "GT"],
        ["createDatasetVersion"] =           ["",    "GT",       "GT",    "",      "GT"],
        ["registerDataset (no owner)"] =     ["",    "G",        "G",     "",      "G"],
        ["createDatasetVersion (no owner)"] = ["",   "G",        "G",     "",      "G"],
        ["addLineageEdge"] =                 ["",    "GTM",      "GTM",   "",      "GTM"],
        ["closeLineageEdge"] =               ["",    "GTM",      "GTM",   "",      "GTM"],
        ["recordDeployment"] =               ["",    "",         "GTM",   "",      "GTM"],
        ["updateDeploymentStatus"] =         ["",    "",         "GTM",   "",      "GTM"],
        ["promoteModelVersion"] =            ["",    "GTM",      "GTM",   "",      "GTM"],
        ["restoreModelVersion"] =            ["",    "GTM",      "GTM",   "",      "GTM"],
        ["approvePromotion"] =               ["",    "",         "",      "GTM",   "GTM"],
        ["rejectPromotion"] =                ["",    "",         "",      "GTM",   "GTM"],
        ["cancelPromotion (another's)"] =    ["",    "",         "",      "",      "GTM"],
        ["createApiKey (for another)"] =     ["",    "",         "",      "",      "G"],
        ["revokeApiKey (another's)"] =       ["",    "",         "",      "",      "G"],
        ["grantRole"] =                      ["",    "",         "",      "",      "G"],
        ["revokeRole"] =                     ["",    "",         "",      "",      "G"],
        ["setPromotionPolicy (team scope)"] = ["",   "",         "",      "",      "GT"],
        ["setPromotionPolicy (model scope)"] = ["",  "",         "",      "",      "GTM"],
        ["setDeploymentPolicy (team scope)"] = ["",  "",         "",      "",      "GT"],
        ["setDeploymentPolicy (model scope)"] = ["", "",         "",      "",      "GTM"],
        ["createWebhook"] =                  ["",    "",         "",      "",      "G"],
        ["deleteWebhook"] =                  ["",    "",         "",      "",      "G"],
        ["deleteArtifact"] =                 ["",    "GTM",      "GTM",   "",      "GTM"],
        ["setBaselineProfile"] =             ["",    "GTM",      "GTM",   "",      "GTM"],
        ["configureMonitoring"] =            ["",    "",         "GTM",   "",      "GTM"],
        ["runMonitoringNow"] =               ["",    "",         "GTM",   "",      "GTM"],
        ["acknowledgeDriftAlert"] =          ["",    "",         "GTM",   "GTM",   "GTM"],
    };

    // Mutations on an existing subject of the team-a model: a caller with roles on another team only cannot read it.
    private static readonly HashSet<string> ModelBound =
    [
        "updateModel", "createModelVersion", "setModelAlias", "addLineageEdge", "closeLineageEdge", "recordDeployment",
        "updateDeploymentStatus", "promoteModelVersion", "restoreModelVersion", "approvePromotion", "rejectPromotion",
        "cancelPromotion (another's)", "deleteArtifact", "setBaselineProfile", "configureMonitoring", "runMonitoringNow",
        "acknowledgeDriftAlert", "renameModel", "deleteModel", "removeModelAlias", "setKeyValueTag", "deleteKeyValueTag",
        "updateModelVersion", "deleteModelVersion",
    ];

    // Renaming or deleting a model is refused while a grant names it ("model:<name>"), so these act on a fresh team-a model
    // of their own: a caller whose grants name the subject model alone cannot read it.
    private static readonly HashSet<string> FreshModel = ["renameModel", "deleteModel"];

    // A refused caller who cannot read the subject gets NOT_FOUND, as for an ID that does not exist; FORBIDDEN only for
    // one it can read. Another principal's API key is administration, readable by global ADMINs alone.
    private static bool IsHidden(string mutation, string scope)
        => mutation == "revokeApiKey (another's)" || (scope == "other-team" && ModelBound.Contains(mutation))
            || (scope == "model" && FreshModel.Contains(mutation));

    /// <summary>Every (mutation, role, scope) case; anonymous once per mutation.</summary>
    public static IEnumerable<object[]> Cases()
    {
        foreach (var mutation in Expected.Keys)
        {
            yield return [mutation, "none", "-"];
            foreach (var role in Roles)
                foreach (var scope in ScopeLetters.Keys)
                    yield return [mutation, role, scope];
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Mutation_is_allowed_or_refused_as_the_matrix_says(string mutation, string role, string scope)
    {
        var (document, input) = await ArrangeAsync(mutation);
        var caller = await host.CallerAsync(role, scope);

        var payload = await caller.PayloadAsync(document, input);

        var expected = role == "none" ? "UNAUTHENTICATED"
            : Expected[mutation][Array.IndexOf(Roles, role)].Contains(ScopeLetters[scope]) ? null
            : IsHidden(mutation, scope) ? "NOT_FOUND" : "FORBIDDEN";
        var actual = GovernanceClient.ErrorCodeOf(payload);
        Assert.True(expected == actual,
            $"{mutation} by {role} at {scope}: expected {expected ?? "success"} but got {actual ?? "success"}: {payload}");
    }

    /// <summary>Every mutation of the matrix, for the role that may change nothing.</summary>
    public static IEnumerable<object[]> Mutations() => Expected.Keys.Select(m => new object[] { m });

    // AUDITOR exists only at global scope, where it reads everything but administration: a column of "—" in the matrix.
    [Theory]
    [MemberData(nameof(Mutations))]
    public async Task A_global_AUDITOR_is_refused_every_mutation(string mutation)
    {
        var (document, input) = await ArrangeAsync(mutation);
        var auditor = await host.CallerAsync("AUDITOR", "global");

        var actual = GovernanceClient.ErrorCodeOf(await auditor.PayloadAsync(document, input));

        Assert.Equal(mutation == "revokeApiKey (another's)" ? "NOT_FOUND" : "FORBIDDEN", actual);
    }

    [Fact]
    public void The_matrix_covers_every_mutation_of_the_served_schema()
    {
        var served = ServedMutations.Names();
        var covered = Expected.Keys.Select(k => k.Split(' ')[0]).ToHashSet();
        Assert.Empty(served.Except(covered));
    }

    // Fresh subjects only where the mutation consumes them; the shared model, version and dataset serve the rest.
    private async Task<(string Document, object Input)> ArrangeAsync(string mutation)
    {
        var admin = host.Admin;
        switch (mutation)
        {
            case "registerModel":
                return (Ops.RegisterModel, new { name = Unique("model"), owner = RbacMatrixHost.Team, task = "CLASSIFICATION" });
            case "updateModel":
                return (Ops.UpdateModel, new { id = host.ModelId, description = "edited" });
            case "createModelVersion":
                return (Ops.CreateModelVersion, new { modelId = host.ModelId });
            case "setModelAlias":
                return (Ops.SetModelAlias, new { modelId = host.ModelId, alias = Unique("alias"), modelVersionId = host.VersionId });
            case "renameModel":
                return (Ops.RenameModel, new { id = await admin.ModelAsync(Unique("rbac-rename"), RbacMatrixHost.Team), newName = Unique("rbac-renamed") });
            case "deleteModel":
                return (Ops.DeleteModel, new { id = await admin.ModelAsync(Unique("rbac-delete"), RbacMatrixHost.Team), reason = "retired" });
            case "removeModelAlias":
                var alias = Unique("alias");
                await admin.MutateAsync(Ops.SetModelAlias, new { modelId = host.ModelId, alias, modelVersionId = host.VersionId });
                return (Ops.RemoveModelAlias, new { modelId = host.ModelId, alias });
            case "setKeyValueTag":
                return (Ops.SetKeyValueTag, new { modelId = host.ModelId, versionNumber = 1, key = Unique("key"), value = "v" });
            case "deleteKeyValueTag":
                var key = Unique("key");
                await admin.MutateAsync(Ops.SetKeyValueTag, new { modelId = host.ModelId, key, value = "v" });
                return (Ops.DeleteKeyValueTag, new { modelId = host.ModelId, key });
            case "updateModelVersion":
                return (Ops.UpdateModelVersion, new { id = host.VersionId, description = Unique("edited") });
            case "deleteModelVersion":
                return (Ops.DeleteModelVersion, new { id = await admin.VersionAsync(host.ModelId), reason = "bad export" });
            case "registerDataset":
                return (Ops.RegisterDataset, new { name = Unique("data"), owner = RbacMatrixHost.Team });
            case "createDatasetVersion":
                return (Ops.CreateDatasetVersion, new { datasetId = host.DatasetId, version = Unique("v") });
            case "registerDataset (no owner)":
                return (Ops.RegisterDataset, new { name = Unique("data"), owner = (string?)null });
            case "createDatasetVersion (no owner)":
                return (Ops.CreateDatasetVersion, new { datasetId = host.SharedDatasetId, version = Unique("v") });
            case "addLineageEdge":
                return (Ops.AddLineageEdge, new { sourceId = await admin.DatasetVersionAsync(host.DatasetId, Unique("v")), targetId = host.VersionId, relation = "TRAINED_ON" });
            case "closeLineageEdge":
                var edge = await admin.EdgeAsync(await admin.DatasetVersionAsync(host.DatasetId, Unique("v")), host.VersionId);
                return (Ops.CloseLineageEdge, new { id = edge, reason = "wrong data" });
            case "recordDeployment":
                return (Ops.RecordDeployment, new { modelVersionId = host.VersionId, environment = "development" });
            case "updateDeploymentStatus":
                return (Ops.UpdateDeploymentStatus, new { id = await admin.DeploymentAsync(host.VersionId), status = "DRAINING" });
            case "promoteModelVersion":
                return (Ops.PromoteModelVersion, new { modelVersionId = await admin.VersionAsync(host.ModelId), targetStage = "STAGING", reason = "ready" });
            case "restoreModelVersion":
                var archived = await admin.VersionAsync(host.ModelId);
                await admin.PromoteAsync(archived, "ARCHIVED");
                return (Ops.RestoreModelVersion, new { modelVersionId = archived, reason = "needed again" });
            case "approvePromotion":
                return (Ops.ApprovePromotion, new { promotionRequestId = await PendingRequestAsync(admin), comment = "looks good" });
            case "rejectPromotion":
                return (Ops.RejectPromotion, new { promotionRequestId = await PendingRequestAsync(admin), comment = "not yet" });
            case "cancelPromotion (another's)":
                return (Ops.CancelPromotion, new { promotionRequestId = await PendingRequestAsync(admin) });
            case "createApiKey (for another)":
                return (Ops.CreateApiKey, new { name = "other", principal = Unique("svc") });
            case "revokeApiKey (another's)":
                return (Ops.RevokeApiKey, new { id = await admin.ApiKeyAsync(Unique("svc")) });
            case "grantRole":
                return (Ops.GrantRole, new { principal = Unique("someone"), role = "VIEWER", scope = "global" });
            case "revokeRole":
                return (Ops.RevokeRole, new { id = await admin.GrantAsync(Unique("someone"), "VIEWER", "global") });
            case "setPromotionPolicy (team scope)":
                return (Ops.SetPromotionPolicy, new { scope = "team:" + RbacMatrixHost.Team, targetStage = "STAGING", requiredApprovals = 0 });
            case "setPromotionPolicy (model scope)":
                return (Ops.SetPromotionPolicy, new { scope = "model:" + RbacMatrixHost.ModelName, targetStage = "STAGING", requiredApprovals = 0 });
            case "setDeploymentPolicy (team scope)":
                return (Ops.SetDeploymentPolicy, new { scope = "team:" + RbacMatrixHost.Team, environment = Unique("env"), allowedStages = new[] { "STAGING" } });
            case "setDeploymentPolicy (model scope)":
                return (Ops.SetDeploymentPolicy, new { scope = "model:" + RbacMatrixHost.ModelName, environment = Unique("env"), allowedStages = new[] { "STAGING" } });
            case "createWebhook":
                return (Webhooks.WebhookRegistryFactory.CreateWebhook, WebhookInput());
            case "deleteWebhook":
                var webhook = await admin.MutateAsync(Webhooks.WebhookRegistryFactory.CreateWebhook, WebhookInput());
                return (Webhooks.WebhookRegistryFactory.DeleteWebhook, new { id = webhook.GetProperty("webhook").GetProperty("id").GetString() });
            case "deleteArtifact":
                return (Ops.DeleteArtifact, new { id = await host.UploadArtifactAsync(host.VersionId, Unique("file")), reason = "wrong export" });
            case "setBaselineProfile":
                return (MonitoringArrange.SetBaseline, new { modelVersionId = host.VersionId, features = Baseline });
            case "configureMonitoring":
                return (MonitoringArrange.Configure, Binding(await admin.DeploymentAsync(host.VersionId)));
            case "runMonitoringNow":
                return (MonitoringArrange.RunNow, new { deploymentId = await MonitoredDeploymentAsync(admin) });
            case "acknowledgeDriftAlert":
                return (MonitoringArrange.Acknowledge, new { alertId = await OpenAlertAsync(admin), comment = "seen" });
            default:
                throw new ArgumentOutOfRangeException(nameof(mutation), mutation, "No arrangement for this mutation.");
        }
    }

    private static object WebhookInput() => new { url = $"https://hooks.example.com/{Unique("hook")}", eventTypes = new[] { "*" }, secret = "rbac-matrix-secret-0123" };
    private static readonly object[] Baseline = [new { feature = "age", bucketEdges = MonitoringArrange.Edges, counts = MonitoringArrange.Baseline }];

    // Port 9 (discard) refuses at once, so the jobs runMonitoringNow enqueues fail fast into their retries.
    private static object Binding(string deploymentId)
        => new { deploymentId, prometheusUrl = "http://127.0.0.1:9", selector = "job=\"rbac\"", featureHistogramMetric = "model_feature_value" };

    private async Task<string> MonitoredDeploymentAsync(GovernanceClient admin)
    {
        var deploymentId = await admin.DeploymentAsync(host.VersionId);
        await admin.MutateAsync(MonitoringArrange.Configure, Binding(deploymentId));
        return deploymentId;
    }

    // A fresh deployment whose first window drifts, so each case acknowledges an OPEN alert of its own.
    private async Task<string> OpenAlertAsync(GovernanceClient admin)
    {
        await admin.MutateAsync(MonitoringArrange.SetBaseline, new { modelVersionId = host.VersionId, features = Baseline });
        var deploymentId = await MonitoredDeploymentAsync(admin);
        await MonitoringArrange.RecordWindowAsync(host.Services, deploymentId, new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc), [1, 2, 3, 90]);
        var alerts = await admin.QueryAsync("query($id: ID!) { node(id: $id) { ... on Deployment { modelVersion { driftAlerts(first: 1, where: { deploymentId: { eq: $id } }) { nodes { id } } } } } }",
            new { id = deploymentId });
        return alerts.GetProperty("node").GetProperty("modelVersion").GetProperty("driftAlerts").GetProperty("nodes")[0].GetProperty("id").GetString()!;
    }

    // Created and requested by the bootstrap admin, so any other caller is neither requester nor creator.
    private async Task<string> PendingRequestAsync(GovernanceClient admin)
    {
        var version = await admin.VersionAsync(host.ModelId);
        await admin.PromoteAsync(version, "STAGING");
        return await admin.PendingProductionRequestAsync(version);
    }
}

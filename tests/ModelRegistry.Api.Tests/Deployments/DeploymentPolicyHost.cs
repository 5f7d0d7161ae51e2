using System.Text.Json;
using ModelRegistry.Api.Tests.Governance;
using ModelRegistry.Core.Governance;
using static ModelRegistry.Api.Tests.Governance.GovernanceArrange;
using Ops = ModelRegistry.Api.Tests.Governance.GovernanceOperations;

namespace ModelRegistry.Api.Tests.Deployments;

/// <summary>A governed host (PRODUCTION needs one approval) with shortcuts that put a fresh version in any stage.</summary>
public sealed class DeploymentPolicyHost : GovernanceHost
{
    /// <summary>The team that owns the models these tests register unless told otherwise.</summary>
    public const string Team = "team-dp";

    private const string Errors = "errors { __typename code message field }";
    private const string DeploymentFields = "id status environment trafficPercent compliant complianceIssue nonCompliantSince";

    /// <summary>recordDeployment with the compliance fields.</summary>
    public const string Record = $"mutation($input: RecordDeploymentInput!) {{ recordDeployment(input: $input) {{ deployment {{ {DeploymentFields} }} {Errors} }} }}";

    /// <summary>updateDeploymentStatus with the compliance fields.</summary>
    public const string Update = $"mutation($input: UpdateDeploymentStatusInput!) {{ updateDeploymentStatus(input: $input) {{ deployment {{ {DeploymentFields} }} {Errors} }} }}";

    /// <summary>setDeploymentPolicy.</summary>
    public const string SetPolicy = $"mutation($input: SetDeploymentPolicyInput!) {{ setDeploymentPolicy(input: $input) {{ deploymentPolicy {{ scope environment allowedStages builtIn updatedBy }} {Errors} }} }}";

    /// <summary>A deployment with its compliance fields.</summary>
    public const string DeploymentNode = $"query($id: ID!) {{ node(id: $id) {{ ... on Deployment {{ {DeploymentFields} }} }} }}";

    /// <summary>A version of a fresh model of <paramref name="team"/>, moved to <paramref name="stage"/> through the workflow.</summary>
    public async Task<Subject> VersionInAsync(string stage, string team = Team)
    {
        var name = Unique("dp");
        var modelId = await Admin.ModelAsync(name, team);
        var versionId = await Admin.VersionAsync(modelId);
        switch (stage)
        {
            case "STAGING":
                await Admin.PromoteAsync(versionId, "STAGING");
                break;
            case "PRODUCTION":
                await Admin.PromoteAsync(versionId, "STAGING");
                await ApproveAsync(await Admin.PendingProductionRequestAsync(versionId));
                break;
            case "ARCHIVED":
                await Admin.PromoteAsync(versionId, "ARCHIVED");
                break;
        }
        return new Subject(name, modelId, versionId);
    }

    /// <summary>Approves a request as an approver who neither requested it nor created the version.</summary>
    public async Task ApproveAsync(string promotionRequestId)
        => await (await ApproverAsync()).MutateAsync(Ops.ApprovePromotion, new { promotionRequestId, comment = "fine" });

    /// <summary>An APPROVER at global scope.</summary>
    public Task<GovernanceClient> ApproverAsync() => ClientAsAsync("dp-approver", (Role.Approver, AccessScope.Global));

    /// <summary>Records a deployment that must be accepted; returns it.</summary>
    public async Task<JsonElement> DeployAsync(string modelVersionId, string environment, int? trafficPercent = null, params string[] consumers)
        => (await Admin.MutateAsync(Record, new { modelVersionId, environment, trafficPercent, consumers })).GetProperty("deployment");

    /// <summary>The deployment as it reads now.</summary>
    public async Task<JsonElement> DeploymentAsync(string id) => (await Admin.QueryAsync(DeploymentNode, new { id })).GetProperty("node");

    /// <summary>The one typed error of a refused payload.</summary>
    public static JsonElement ErrorOf(JsonElement payload)
        => Assert.Single(payload.GetProperty("errors").EnumerateArray());
}

/// <summary>A model and one of its versions.</summary>
public sealed record Subject(string ModelName, string ModelId, string VersionId);

using GraphQL.Types;
using ModelRegistry.Api.Common;
using ModelRegistry.Core.Deployments;

namespace ModelRegistry.Api.Deployments;

/// <summary>Arguments of <c>recordDeployment</c>.</summary>
public sealed class RecordDeploymentInput : IMutationInput
{
    /// <summary>The deployed version's ID.</summary>
    public string ModelVersionId { get; set; } = "";
    /// <summary>Environment name.</summary>
    public string Environment { get; set; } = "";
    /// <summary>Serving URL.</summary>
    public string? Endpoint { get; set; }
    /// <summary>Serving platform.</summary>
    public string? Platform { get; set; }
    /// <summary>Traffic share, 0–100.</summary>
    public int? TrafficPercent { get; set; }
    /// <summary>Names of consuming applications.</summary>
    public List<string>? Consumers { get; set; }
    /// <summary>Why, for the audit trail.</summary>
    public string? Reason { get; set; }
}

/// <summary>The <c>RecordDeploymentInput</c> type.</summary>
public sealed class RecordDeploymentInputType : InputObjectGraphType<RecordDeploymentInput>
{
    /// <summary>Declares the fields.</summary>
    public RecordDeploymentInputType()
    {
        Name = "RecordDeploymentInput";
        Field<NonNullGraphType<IdGraphType>>("modelVersionId");
        Field(x => x.Environment);
        Field(x => x.Endpoint, nullable: true);
        Field(x => x.Platform, nullable: true);
        Field(x => x.TrafficPercent, nullable: true);
        Field<ListGraphType<NonNullGraphType<StringGraphType>>>("consumers");
        Field(x => x.Reason, nullable: true).Description("Why, for the audit trail: chained as the reason of every event this mutation records.");
    }
}

/// <summary>Arguments of <c>updateDeploymentStatus</c>.</summary>
public sealed class UpdateDeploymentStatusInput : IMutationInput
{
    /// <summary>The deployment's ID.</summary>
    public string Id { get; set; } = "";
    /// <summary>The new status.</summary>
    public DeploymentStatus Status { get; set; }
    /// <summary>New traffic share, 0–100.</summary>
    public int? TrafficPercent { get; set; }
    /// <summary>Why.</summary>
    public string? Reason { get; set; }
}

/// <summary>The <c>UpdateDeploymentStatusInput</c> type.</summary>
public sealed class UpdateDeploymentStatusInputType : InputObjectGraphType<UpdateDeploymentStatusInput>
{
    /// <summary>Declares the fields.</summary>
    public UpdateDeploymentStatusInputType()
    {
        Name = "UpdateDeploymentStatusInput";
        Field<NonNullGraphType<IdGraphType>>("id");
        Field<NonNullGraphType<DeploymentStatusType>>("status");
        Field(x => x.TrafficPercent, nullable: true);
        Field(x => x.Reason, nullable: true);
    }
}

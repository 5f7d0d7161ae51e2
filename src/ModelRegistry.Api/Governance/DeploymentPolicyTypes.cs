using GraphQL.Types;
using ModelRegistry.Api.Common;
using ModelRegistry.Api.Versions;
using ModelRegistry.Core.Governance;
using ModelRegistry.Core.Versions;
using ModelRegistry.GraphQL.Filtering;
using ModelRegistry.GraphQL.Paging;
using ModelRegistry.GraphQL.Sorting;

namespace ModelRegistry.Api.Governance;

/// <summary>The <c>DeploymentPolicy</c> type: which stages may serve in one environment, at one scope.</summary>
public sealed class DeploymentPolicyType : ObjectGraphType<DeploymentPolicyRule>
{
    /// <summary>Declares the fields.</summary>
    public DeploymentPolicyType()
    {
        Name = "DeploymentPolicy";
        Description = "The stages a version must be in to be deployed, or to receive traffic, in an environment.";
        Field(r => r.Scope).Description("\"global\", \"team:<owner>\" or \"model:<name>\"; the most specific rule wins.");
        Field(r => r.Environment);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ModelStageType>>>>("allowedStages")
            .Description("Empty allows any stage but ARCHIVED, which never serves.")
            .Resolve(c => c.Source.AllowedStages);
        Field<NonNullGraphType<BooleanGraphType>>("builtIn")
            .Description("True for a default the registry applies where no rule is configured.")
            .Resolve(c => c.Source.Id == 0);
        Field<DateTimeGraphType>("updatedAt").Description("Null for a built-in default.").Resolve(c => c.Source.Id == 0 ? null : c.Source.UpdatedAt);
        Field(r => r.UpdatedBy);
    }
}

/// <summary>Arguments of <c>setDeploymentPolicy</c>.</summary>
public sealed class SetDeploymentPolicyInput : IMutationInput
{
    /// <summary>"global", "team:&lt;owner&gt;" or "model:&lt;name&gt;".</summary>
    public string Scope { get; set; } = AccessScope.Global;
    /// <summary>The environment governed.</summary>
    public string Environment { get; set; } = "";
    /// <summary>The stages allowed to serve there.</summary>
    public List<ModelStage> AllowedStages { get; set; } = [];
    /// <summary>Why, for the audit log.</summary>
    public string? Reason { get; set; }
}

/// <summary>The <c>SetDeploymentPolicyInput</c> type.</summary>
public sealed class SetDeploymentPolicyInputType : InputObjectGraphType<SetDeploymentPolicyInput>
{
    /// <summary>Declares the fields.</summary>
    public SetDeploymentPolicyInputType()
    {
        Name = "SetDeploymentPolicyInput";
        Field<StringGraphType>("scope").DefaultValue(AccessScope.Global);
        Field(x => x.Environment);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ModelStageType>>>>("allowedStages")
            .Description("Empty allows any stage but ARCHIVED; ARCHIVED itself is refused.");
        Field(x => x.Reason, nullable: true);
    }
}

/// <summary>The <c>SetDeploymentPolicyPayload</c> type.</summary>
public sealed class SetDeploymentPolicyPayloadType() : PayloadType<DeploymentPolicyRule, DeploymentPolicyType>("SetDeploymentPolicyPayload", "deploymentPolicy");

/// <summary><c>DeploymentPolicyFilterInput</c>.</summary>
public sealed class DeploymentPolicyFilterInput : FilterInputType<DeploymentPolicyRule>
{
    /// <summary>Declares the fields.</summary>
    public DeploymentPolicyFilterInput()
    {
        Name = "DeploymentPolicyFilterInput";
        Filter(r => r.Scope);
        Filter(r => r.Environment);
        Filter(r => r.UpdatedBy);
        Filter(r => r.UpdatedAt);
    }
}

/// <summary><c>DeploymentPolicySortInput</c>.</summary>
public sealed class DeploymentPolicySortInput : SortInputType<DeploymentPolicyRule>
{
    /// <summary>Declares the fields.</summary>
    public DeploymentPolicySortInput()
    {
        Name = "DeploymentPolicySortInput";
        Sort(r => r.Environment);
        Sort(r => r.Scope);
        Sort(r => r.UpdatedAt);
    }
}

/// <summary><c>DeploymentPoliciesConnection</c> / <c>DeploymentPoliciesEdge</c>.</summary>
public sealed class DeploymentPoliciesConnectionType() : ConnectionType<DeploymentPolicyType>("DeploymentPolicies");

using GraphQL.Types;
using ModelRegistry.Api.Common;
using ModelRegistry.Core.Versions;

namespace ModelRegistry.Api.Versions;

/// <summary>Arguments of <c>promoteModelVersion</c>.</summary>
public sealed class PromoteModelVersionInput : IMutationInput
{
    /// <summary>The version's ID.</summary>
    public string ModelVersionId { get; set; } = "";
    /// <summary>The stage asked for.</summary>
    public ModelStage TargetStage { get; set; }
    /// <summary>Why.</summary>
    public string Reason { get; set; } = "";
}

/// <summary>The <c>PromoteModelVersionInput</c> type.</summary>
public sealed class PromoteModelVersionInputType : InputObjectGraphType<PromoteModelVersionInput>
{
    /// <summary>Declares the fields.</summary>
    public PromoteModelVersionInputType()
    {
        Name = "PromoteModelVersionInput";
        Field<NonNullGraphType<IdGraphType>>("modelVersionId");
        Field<NonNullGraphType<ModelStageType>>("targetStage");
        Field(x => x.Reason);
    }
}

/// <summary>Arguments of <c>restoreModelVersion</c>.</summary>
public sealed class RestoreModelVersionInput : IMutationInput
{
    /// <summary>The archived version's ID.</summary>
    public string ModelVersionId { get; set; } = "";
    /// <summary>Why.</summary>
    public string Reason { get; set; } = "";
}

/// <summary>The <c>RestoreModelVersionInput</c> type.</summary>
public sealed class RestoreModelVersionInputType : InputObjectGraphType<RestoreModelVersionInput>
{
    /// <summary>Declares the fields.</summary>
    public RestoreModelVersionInputType()
    {
        Name = "RestoreModelVersionInput";
        Field<NonNullGraphType<IdGraphType>>("modelVersionId");
        Field(x => x.Reason);
    }
}

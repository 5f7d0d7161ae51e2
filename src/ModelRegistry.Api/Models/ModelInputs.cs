using GraphQL.Types;
using ModelRegistry.Api.Common;
using ModelRegistry.Core.Models;

namespace ModelRegistry.Api.Models;

/// <summary>Arguments of <c>registerModel</c>.</summary>
public sealed class RegisterModelInput : IMutationInput
{
    /// <summary>Unique, URL-safe name.</summary>
    public string Name { get; set; } = "";
    /// <summary>Human-friendly name.</summary>
    public string? DisplayName { get; set; }
    /// <summary>What the model does.</summary>
    public string? Description { get; set; }
    /// <summary>The problem kind.</summary>
    public ModelTask Task { get; set; }
    /// <summary>Owning team.</summary>
    public string Owner { get; set; } = "";
    /// <summary>Tags.</summary>
    public List<string>? Tags { get; set; }
    /// <summary>Why the business needs it.</summary>
    public string? BusinessContext { get; set; }
    /// <summary>Why, for the audit trail.</summary>
    public string? Reason { get; set; }
}

/// <summary>The <c>RegisterModelInput</c> type.</summary>
public sealed class RegisterModelInputType : InputObjectGraphType<RegisterModelInput>
{
    /// <summary>Declares the fields.</summary>
    public RegisterModelInputType()
    {
        Name = "RegisterModelInput";
        Field(x => x.Name);
        Field(x => x.DisplayName, nullable: true);
        Field(x => x.Description, nullable: true);
        Field<NonNullGraphType<ModelTaskType>>("task");
        Field(x => x.Owner);
        Field<ListGraphType<NonNullGraphType<StringGraphType>>>("tags");
        Field(x => x.BusinessContext, nullable: true);
        Field(x => x.Reason, nullable: true).Description("Why, for the audit trail: chained as the reason of every event this mutation records.");
    }
}

/// <summary>Arguments of <c>updateModel</c>; omitted fields stay as they are.</summary>
public sealed class UpdateModelInput : IMutationInput
{
    /// <summary>The model's ID.</summary>
    public string Id { get; set; } = "";
    /// <summary>New display name.</summary>
    public string? DisplayName { get; set; }
    /// <summary>New description.</summary>
    public string? Description { get; set; }
    /// <summary>New tags (replace the old ones).</summary>
    public List<string>? Tags { get; set; }
    /// <summary>New business context.</summary>
    public string? BusinessContext { get; set; }
    /// <summary>Why, for the audit trail.</summary>
    public string? Reason { get; set; }
}

/// <summary>The <c>UpdateModelInput</c> type.</summary>
public sealed class UpdateModelInputType : InputObjectGraphType<UpdateModelInput>
{
    /// <summary>Declares the fields.</summary>
    public UpdateModelInputType()
    {
        Name = "UpdateModelInput";
        Field<NonNullGraphType<IdGraphType>>("id");
        Field(x => x.DisplayName, nullable: true);
        Field(x => x.Description, nullable: true);
        Field<ListGraphType<NonNullGraphType<StringGraphType>>>("tags");
        Field(x => x.BusinessContext, nullable: true);
        Field(x => x.Reason, nullable: true);
    }
}

/// <summary>Arguments of <c>setModelAlias</c>.</summary>
public sealed class SetModelAliasInput : IMutationInput
{
    /// <summary>The model's ID.</summary>
    public string ModelId { get; set; } = "";
    /// <summary>Alias name.</summary>
    public string Alias { get; set; } = "";
    /// <summary>The version to point at.</summary>
    public string ModelVersionId { get; set; } = "";
    /// <summary>Why.</summary>
    public string? Reason { get; set; }
}

/// <summary>The <c>SetModelAliasInput</c> type.</summary>
public sealed class SetModelAliasInputType : InputObjectGraphType<SetModelAliasInput>
{
    /// <summary>Declares the fields.</summary>
    public SetModelAliasInputType()
    {
        Name = "SetModelAliasInput";
        Field<NonNullGraphType<IdGraphType>>("modelId");
        Field(x => x.Alias);
        Field<NonNullGraphType<IdGraphType>>("modelVersionId");
        Field(x => x.Reason, nullable: true);
    }
}

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
    /// <summary>Key/value tags (MLflow's registered-model tags).</summary>
    public List<KeyValueTagInput>? KeyValueTags { get; set; }
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
        Field<ListGraphType<NonNullGraphType<KeyValueTagInputType>>>("keyValueTags").Description("Key/value tags; a later duplicate of a key wins.");
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

/// <summary>A key/value tag as <c>registerModel</c> and <c>createModelVersion</c> take it.</summary>
public sealed class KeyValueTagInput
{
    /// <summary>The key, unique per model or version.</summary>
    public string Key { get; set; } = "";
    /// <summary>The value; omitted or null is stored as empty.</summary>
    public string? Value { get; set; }
}

/// <summary>The <c>KeyValueTagInput</c> type.</summary>
public sealed class KeyValueTagInputType : InputObjectGraphType<KeyValueTagInput>
{
    /// <summary>Declares the fields.</summary>
    public KeyValueTagInputType()
    {
        Name = "KeyValueTagInput";
        Field(x => x.Key);
        Field(x => x.Value, nullable: true).Description("Omitted or null is stored as the empty string.");
    }

    /// <summary>The drafts the Core commands take; later duplicates of a key win.</summary>
    public static IReadOnlyList<KeyValueDraft>? ToDrafts(List<KeyValueTagInput>? tags)
        => tags?.Select(t => new KeyValueDraft(t.Key, t.Value)).ToList();
}

/// <summary>Arguments of <c>renameModel</c>.</summary>
public sealed class RenameModelInput : IMutationInput
{
    /// <summary>The model's ID.</summary>
    public string Id { get; set; } = "";
    /// <summary>The new unique, URL-safe name.</summary>
    public string NewName { get; set; } = "";
    /// <summary>Why, for the audit trail.</summary>
    public string? Reason { get; set; }
}

/// <summary>The <c>RenameModelInput</c> type.</summary>
public sealed class RenameModelInputType : InputObjectGraphType<RenameModelInput>
{
    /// <summary>Declares the fields.</summary>
    public RenameModelInputType()
    {
        Name = "RenameModelInput";
        Field<NonNullGraphType<IdGraphType>>("id");
        Field(x => x.NewName);
        Field(x => x.Reason, nullable: true);
    }
}

/// <summary>Arguments of <c>deleteModel</c>.</summary>
public sealed class DeleteModelInput : IMutationInput
{
    /// <summary>The model's ID.</summary>
    public string Id { get; set; } = "";
    /// <summary>Why, for the audit trail.</summary>
    public string? Reason { get; set; }
}

/// <summary>The <c>DeleteModelInput</c> type.</summary>
public sealed class DeleteModelInputType : InputObjectGraphType<DeleteModelInput>
{
    /// <summary>Declares the fields.</summary>
    public DeleteModelInputType()
    {
        Name = "DeleteModelInput";
        Field<NonNullGraphType<IdGraphType>>("id");
        Field(x => x.Reason, nullable: true);
    }
}

/// <summary>Arguments of <c>removeModelAlias</c>.</summary>
public sealed class RemoveModelAliasInput : IMutationInput
{
    /// <summary>The model's ID.</summary>
    public string ModelId { get; set; } = "";
    /// <summary>Alias name.</summary>
    public string Alias { get; set; } = "";
    /// <summary>Why.</summary>
    public string? Reason { get; set; }
}

/// <summary>The <c>RemoveModelAliasInput</c> type.</summary>
public sealed class RemoveModelAliasInputType : InputObjectGraphType<RemoveModelAliasInput>
{
    /// <summary>Declares the fields.</summary>
    public RemoveModelAliasInputType()
    {
        Name = "RemoveModelAliasInput";
        Field<NonNullGraphType<IdGraphType>>("modelId");
        Field(x => x.Alias);
        Field(x => x.Reason, nullable: true);
    }
}

/// <summary>Arguments of <c>setKeyValueTag</c>: a tag of the model, or of one of its versions when a number is given.</summary>
public sealed class SetKeyValueTagInput : IMutationInput
{
    /// <summary>The model's ID.</summary>
    public string ModelId { get; set; } = "";
    /// <summary>The version's number; null tags the model itself.</summary>
    public int? VersionNumber { get; set; }
    /// <summary>The key.</summary>
    public string Key { get; set; } = "";
    /// <summary>The value; null is stored as empty.</summary>
    public string? Value { get; set; }
    /// <summary>Why.</summary>
    public string? Reason { get; set; }
}

/// <summary>The <c>SetKeyValueTagInput</c> type.</summary>
public sealed class SetKeyValueTagInputType : InputObjectGraphType<SetKeyValueTagInput>
{
    /// <summary>Declares the fields.</summary>
    public SetKeyValueTagInputType()
    {
        Name = "SetKeyValueTagInput";
        Field<NonNullGraphType<IdGraphType>>("modelId");
        Field(x => x.VersionNumber, nullable: true).Description("The number of the version to tag; omitted tags the model itself.");
        Field(x => x.Key);
        Field(x => x.Value, nullable: true).Description("Omitted or null is stored as the empty string.");
        Field(x => x.Reason, nullable: true);
    }
}

/// <summary>Arguments of <c>deleteKeyValueTag</c>.</summary>
public sealed class DeleteKeyValueTagInput : IMutationInput
{
    /// <summary>The model's ID.</summary>
    public string ModelId { get; set; } = "";
    /// <summary>The version's number; null deletes a tag of the model itself.</summary>
    public int? VersionNumber { get; set; }
    /// <summary>The key.</summary>
    public string Key { get; set; } = "";
    /// <summary>Why.</summary>
    public string? Reason { get; set; }
}

/// <summary>The <c>DeleteKeyValueTagInput</c> type.</summary>
public sealed class DeleteKeyValueTagInputType : InputObjectGraphType<DeleteKeyValueTagInput>
{
    /// <summary>Declares the fields.</summary>
    public DeleteKeyValueTagInputType()
    {
        Name = "DeleteKeyValueTagInput";
        Field<NonNullGraphType<IdGraphType>>("modelId");
        Field(x => x.VersionNumber, nullable: true).Description("The number of the version whose tag goes; omitted deletes a tag of the model itself.");
        Field(x => x.Key);
        Field(x => x.Reason, nullable: true);
    }
}

using GraphQL;
using GraphQL.Types;
using Microsoft.Extensions.DependencyInjection;
using ModelRegistry.Api.Common;
using ModelRegistry.Core.Models;

namespace ModelRegistry.Api.Models;

/// <summary>Mutations of the Models feature.</summary>
public static class ModelMutations
{
    /// <summary>Adds registerModel, updateModel, setModelAlias, renameModel, deleteModel, removeModelAlias, setKeyValueTag and deleteKeyValueTag.</summary>
    public static void AddTo(ObjectGraphType mutation)
    {
        mutation.Field<NonNullGraphType<RegisterModelPayloadType>>("registerModel")
            .Argument<NonNullGraphType<RegisterModelInputType>>("input")
            .ResolveAsync(async c =>
            {
                var input = c.GetArgument<RegisterModelInput>("input");
                var result = await c.RequestServices!.GetRequiredService<RegisterModel>().ExecuteAsync(
                    new RegisterModelCommand(input.Name, input.DisplayName, input.Description, input.Task, input.Owner, input.Tags, input.BusinessContext)
                    {
                        KeyValueTags = KeyValueTagInputType.ToDrafts(input.KeyValueTags),
                    },
                    c.CancellationToken);
                return InputFieldNames.From(result, ("key", "keyValueTags"), ("value", "keyValueTags"));
            });

        mutation.Field<NonNullGraphType<UpdateModelPayloadType>>("updateModel")
            .Argument<NonNullGraphType<UpdateModelInputType>>("input")
            .ResolveAsync(async c =>
            {
                var input = c.GetArgument<UpdateModelInput>("input");
                if (!IdArgument.TryDecode(input.Id, NodeTypes.Model, "id", out var modelId, out var error))
                    return Payload<Model>.Fail(error!);
                var result = await c.RequestServices!.GetRequiredService<UpdateModel>().ExecuteAsync(
                    new UpdateModelCommand(modelId, input.DisplayName, input.Description, input.Tags, input.BusinessContext, input.Reason),
                    c.CancellationToken);
                return Payload<Model>.From(result);
            });

        mutation.Field<NonNullGraphType<SetModelAliasPayloadType>>("setModelAlias")
            .Argument<NonNullGraphType<SetModelAliasInputType>>("input")
            .ResolveAsync(async c =>
            {
                var input = c.GetArgument<SetModelAliasInput>("input");
                if (!IdArgument.TryDecode(input.ModelId, NodeTypes.Model, "modelId", out var modelId, out var error)
                    || !IdArgument.TryDecode(input.ModelVersionId, NodeTypes.ModelVersion, "modelVersionId", out var versionId, out error))
                    return Payload<Model>.Fail(error!);
                var result = await c.RequestServices!.GetRequiredService<SetModelAlias>().ExecuteAsync(
                    new SetModelAliasCommand(modelId, input.Alias, versionId, input.Reason), c.CancellationToken);
                return Payload<Model>.From(result);
            });

        mutation.Field<NonNullGraphType<RenameModelPayloadType>>("renameModel")
            .Description("Renames a model (CONTRIBUTOR); its events keep the old name. Refused while a role grant or policy rule is scoped to the model by name.")
            .Argument<NonNullGraphType<RenameModelInputType>>("input")
            .ResolveAsync(async c =>
            {
                var input = c.GetArgument<RenameModelInput>("input");
                if (!IdArgument.TryDecode(input.Id, NodeTypes.Model, "id", out var modelId, out var error))
                    return Payload<Model>.Fail(error!);
                var result = await c.RequestServices!.GetRequiredService<RenameModel>().ExecuteAsync(
                    new RenameModelCommand(modelId, input.NewName, input.Reason), c.CancellationToken);
                return InputFieldNames.From(result, ("modelId", "id"));
            });

        mutation.Field<NonNullGraphType<DeleteModelPayloadType>>("deleteModel")
            .Description("Deletes a model and its versions (CONTRIBUTOR): they stay readable, marked deleted, and the name is free again. " +
                "IMMUTABLE when a version is or was in PRODUCTION; refused while a version serves or a grant or policy rule names the model.")
            .Argument<NonNullGraphType<DeleteModelInputType>>("input")
            .ResolveAsync(async c =>
            {
                var input = c.GetArgument<DeleteModelInput>("input");
                if (!IdArgument.TryDecode(input.Id, NodeTypes.Model, "id", out var modelId, out var error))
                    return Payload<Model>.Fail(error!);
                var result = await c.RequestServices!.GetRequiredService<DeleteModel>().ExecuteAsync(
                    new DeleteModelCommand(modelId, input.Reason), c.CancellationToken);
                return InputFieldNames.From(result, ("modelId", "id"), ("version", "id"));
            });

        mutation.Field<NonNullGraphType<RemoveModelAliasPayloadType>>("removeModelAlias")
            .Description("Removes an alias (DEPLOYER); the alias's history keeps the removal.")
            .Argument<NonNullGraphType<RemoveModelAliasInputType>>("input")
            .ResolveAsync(async c =>
            {
                var input = c.GetArgument<RemoveModelAliasInput>("input");
                if (!IdArgument.TryDecode(input.ModelId, NodeTypes.Model, "modelId", out var modelId, out var error))
                    return Payload<Model>.Fail(error!);
                var result = await c.RequestServices!.GetRequiredService<RemoveModelAlias>().ExecuteAsync(
                    new RemoveModelAliasCommand(modelId, input.Alias, input.Reason), c.CancellationToken);
                return Payload<Model>.From(result);
            });

        mutation.Field<NonNullGraphType<SetKeyValueTagPayloadType>>("setKeyValueTag")
            .Description("Sets (creates or replaces) a key/value tag of a model, or of one of its versions when `versionNumber` is given (CONTRIBUTOR).")
            .Argument<NonNullGraphType<SetKeyValueTagInputType>>("input")
            .ResolveAsync(async c =>
            {
                var input = c.GetArgument<SetKeyValueTagInput>("input");
                if (!IdArgument.TryDecode(input.ModelId, NodeTypes.Model, "modelId", out var modelId, out var error))
                    return Payload<Model>.Fail(error!);
                var result = await c.RequestServices!.GetRequiredService<SetKeyValueTag>().ExecuteAsync(
                    new SetKeyValueTagCommand(modelId, input.VersionNumber, input.Key, input.Value, input.Reason), c.CancellationToken);
                return InputFieldNames.From(result, ("version", "versionNumber"), ("modelVersionId", "versionNumber"));
            });

        mutation.Field<NonNullGraphType<DeleteKeyValueTagPayloadType>>("deleteKeyValueTag")
            .Description("Deletes a key/value tag of a model, or of one of its versions when `versionNumber` is given (CONTRIBUTOR); NOT_FOUND when there is none under the key.")
            .Argument<NonNullGraphType<DeleteKeyValueTagInputType>>("input")
            .ResolveAsync(async c =>
            {
                var input = c.GetArgument<DeleteKeyValueTagInput>("input");
                if (!IdArgument.TryDecode(input.ModelId, NodeTypes.Model, "modelId", out var modelId, out var error))
                    return Payload<Model>.Fail(error!);
                var result = await c.RequestServices!.GetRequiredService<DeleteKeyValueTag>().ExecuteAsync(
                    new DeleteKeyValueTagCommand(modelId, input.VersionNumber, input.Key, input.Reason), c.CancellationToken);
                return InputFieldNames.From(result, ("version", "versionNumber"), ("modelVersionId", "versionNumber"));
            });
    }
}

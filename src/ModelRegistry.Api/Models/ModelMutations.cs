using GraphQL;
using GraphQL.Types;
using Microsoft.Extensions.DependencyInjection;
using ModelRegistry.Api.Common;
using ModelRegistry.Core.Models;

namespace ModelRegistry.Api.Models;

/// <summary>Mutations of the Models feature.</summary>
public static class ModelMutations
{
    /// <summary>Adds registerModel, updateModel and setModelAlias.</summary>
    public static void AddTo(ObjectGraphType mutation)
    {
        mutation.Field<NonNullGraphType<RegisterModelPayloadType>>("registerModel")
            .Argument<NonNullGraphType<RegisterModelInputType>>("input")
            .ResolveAsync(async c =>
            {
                var input = c.GetArgument<RegisterModelInput>("input");
                var result = await c.RequestServices!.GetRequiredService<RegisterModel>().ExecuteAsync(
                    new RegisterModelCommand(input.Name, input.DisplayName, input.Description, input.Task, input.Owner, input.Tags, input.BusinessContext),
                    c.CancellationToken);
                return Payload<Model>.From(result);
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
    }
}

using System.Text.Json;
using GraphQL;
using GraphQL.Types;
using Microsoft.Extensions.DependencyInjection;
using ModelRegistry.Api.Common;
using ModelRegistry.Api.Models;
using ModelRegistry.Core.Common;
using ModelRegistry.Core.Models;
using ModelRegistry.Core.Promotions;
using ModelRegistry.Core.Versions;

namespace ModelRegistry.Api.Versions;

/// <summary>Mutations of the Versions feature.</summary>
public static class VersionMutations
{
    /// <summary>Adds createModelVersion, promoteModelVersion, restoreModelVersion, updateModelVersion and deleteModelVersion.</summary>
    public static void AddTo(ObjectGraphType mutation)
    {
        mutation.Field<NonNullGraphType<CreateModelVersionPayloadType>>("createModelVersion")
            .Argument<NonNullGraphType<CreateModelVersionInputType>>("input")
            .ResolveAsync(async c =>
            {
                var input = c.GetArgument<CreateModelVersionInput>("input");
                var command = ToCommand(input, out var error);
                if (command is null)
                    return Payload<ModelVersion>.Fail(error!);
                var result = await c.RequestServices!.GetRequiredService<CreateModelVersion>().ExecuteAsync(command, c.CancellationToken);
                return InputFieldNames.From(result, ("key", "keyValueTags"), ("value", "keyValueTags"));
            });

        mutation.Field<NonNullGraphType<PromoteModelVersionPayloadType>>("promoteModelVersion")
            .Description("Requests a stage change; where the stage's policy needs no approval it is applied at once (status APPLIED).")
            .Argument<NonNullGraphType<PromoteModelVersionInputType>>("input")
            .ResolveAsync(async c =>
            {
                var input = c.GetArgument<PromoteModelVersionInput>("input");
                if (!IdArgument.TryDecode(input.ModelVersionId, NodeTypes.ModelVersion, "modelVersionId", out var versionId, out var error))
                    return Payload<PromotionOutcome>.Fail(error!);
                var result = await c.RequestServices!.GetRequiredService<PromoteModelVersion>().ExecuteAsync(
                    new PromoteModelVersionCommand(versionId, input.TargetStage, input.Reason), c.CancellationToken);
                return Payload<PromotionOutcome>.From(result);
            });

        mutation.Field<NonNullGraphType<RestoreModelVersionPayloadType>>("restoreModelVersion")
            .Description("Brings an ARCHIVED version back to DEVELOPMENT; the only way out of ARCHIVED.")
            .Argument<NonNullGraphType<RestoreModelVersionInputType>>("input")
            .ResolveAsync(async c =>
            {
                var input = c.GetArgument<RestoreModelVersionInput>("input");
                if (!IdArgument.TryDecode(input.ModelVersionId, NodeTypes.ModelVersion, "modelVersionId", out var versionId, out var error))
                    return Payload<ModelVersion>.Fail(error!);
                var result = await c.RequestServices!.GetRequiredService<RestoreModelVersion>().ExecuteAsync(
                    new RestoreModelVersionCommand(versionId, input.Reason), c.CancellationToken);
                return Payload<ModelVersion>.From(result);
            });

        mutation.Field<NonNullGraphType<UpdateModelVersionPayloadType>>("updateModelVersion")
            .Description("Changes a version's description (CONTRIBUTOR).")
            .Argument<NonNullGraphType<UpdateModelVersionInputType>>("input")
            .ResolveAsync(async c =>
            {
                var input = c.GetArgument<UpdateModelVersionInput>("input");
                if (!IdArgument.TryDecode(input.Id, NodeTypes.ModelVersion, "id", out var versionId, out var error))
                    return Payload<ModelVersion>.Fail(error!);
                var result = await c.RequestServices!.GetRequiredService<UpdateModelVersion>().ExecuteAsync(
                    new UpdateModelVersionCommand(versionId, input.Description, input.Reason), c.CancellationToken);
                return InputFieldNames.From(result, ("modelVersionId", "id"));
            });

        mutation.Field<NonNullGraphType<DeleteModelVersionPayloadType>>("deleteModelVersion")
            .Description("Deletes a version (CONTRIBUTOR) and the aliases that point at it: it stays readable, marked deleted, and its number is never reused. " +
                "IMMUTABLE when it is or was in PRODUCTION; refused while a deployment serves it.")
            .Argument<NonNullGraphType<DeleteModelVersionInputType>>("input")
            .ResolveAsync(async c =>
            {
                var input = c.GetArgument<DeleteModelVersionInput>("input");
                if (!IdArgument.TryDecode(input.Id, NodeTypes.ModelVersion, "id", out var versionId, out var error))
                    return Payload<ModelVersion>.Fail(error!);
                var result = await c.RequestServices!.GetRequiredService<DeleteModelVersion>().ExecuteAsync(
                    new DeleteModelVersionCommand(versionId, input.Reason), c.CancellationToken);
                return InputFieldNames.From(result, ("modelVersionId", "id"), ("version", "id"));
            });
    }

    private static CreateModelVersionCommand? ToCommand(CreateModelVersionInput input, out DomainError? error)
    {
        if (!IdArgument.TryDecode(input.ModelId, NodeTypes.Model, "modelId", out var modelId, out error))
            return null;
        var trainedOn = new List<long>();
        foreach (var id in input.TrainedOn ?? [])
        {
            if (!IdArgument.TryDecode(id, NodeTypes.DatasetVersion, "trainedOn", out var key, out error))
                return null;
            trainedOn.Add(key);
        }
        var metrics = new List<MetricDraft>();
        foreach (var m in input.Metrics ?? [])
        {
            long? datasetVersionId = null;
            if (m.DatasetVersionId is not null)
            {
                if (!IdArgument.TryDecode(m.DatasetVersionId, NodeTypes.DatasetVersion, "metrics.datasetVersionId", out var key, out error))
                    return null;
                datasetVersionId = key;
            }
            metrics.Add(new MetricDraft(m.Name, m.Value, m.Split, datasetVersionId));
        }
        var source = input.SourceCode is { } s ? new SourceCodeRef { Repository = s.Repository, Commit = s.Commit, Path = s.Path } : null;
        return new CreateModelVersionCommand(modelId, input.Description, input.Framework, ToJson(input.Hyperparameters), ToJson(input.TrainingParameters),
            metrics, input.Tags, source, trainedOn)
        {
            Source = input.Source,
            RunId = input.RunId,
            RunLink = input.RunLink,
            KeyValueTags = KeyValueTagInputType.ToDrafts(input.KeyValueTags),
        };
    }

    private static string? ToJson(object? value) => value switch
    {
        null => null,
        JsonElement { ValueKind: JsonValueKind.Null } => null,
        JsonElement element => element.GetRawText(),
        _ => JsonSerializer.Serialize(value),
    };
}

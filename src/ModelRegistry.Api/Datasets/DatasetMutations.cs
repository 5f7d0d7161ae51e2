using GraphQL;
using GraphQL.Types;
using Microsoft.Extensions.DependencyInjection;
using ModelRegistry.Api.Common;
using ModelRegistry.Core.Datasets;

namespace ModelRegistry.Api.Datasets;

/// <summary>The <c>RegisterDatasetPayload</c> type.</summary>
public sealed class RegisterDatasetPayloadType() : PayloadType<Dataset, DatasetType>("RegisterDatasetPayload", "dataset");

/// <summary>The <c>CreateDatasetVersionPayload</c> type.</summary>
public sealed class CreateDatasetVersionPayloadType() : PayloadType<DatasetVersion, DatasetVersionType>("CreateDatasetVersionPayload", "datasetVersion");

/// <summary>Mutations of the Datasets feature.</summary>
public static class DatasetMutations
{
    /// <summary>Adds registerDataset and createDatasetVersion.</summary>
    public static void AddTo(ObjectGraphType mutation)
    {
        mutation.Field<NonNullGraphType<RegisterDatasetPayloadType>>("registerDataset")
            .Argument<NonNullGraphType<RegisterDatasetInputType>>("input")
            .ResolveAsync(async c =>
            {
                var input = c.GetArgument<RegisterDatasetInput>("input");
                var result = await c.RequestServices!.GetRequiredService<RegisterDataset>().ExecuteAsync(
                    new RegisterDatasetCommand(input.Name, input.Description, input.Owner), c.CancellationToken);
                return Payload<Dataset>.From(result);
            });

        mutation.Field<NonNullGraphType<CreateDatasetVersionPayloadType>>("createDatasetVersion")
            .Argument<NonNullGraphType<CreateDatasetVersionInputType>>("input")
            .ResolveAsync(async c =>
            {
                var input = c.GetArgument<CreateDatasetVersionInput>("input");
                if (!IdArgument.TryDecode(input.DatasetId, NodeTypes.Dataset, "datasetId", out var datasetId, out var error))
                    return Payload<DatasetVersion>.Fail(error!);
                var result = await c.RequestServices!.GetRequiredService<CreateDatasetVersion>().ExecuteAsync(
                    new CreateDatasetVersionCommand(datasetId, input.Version, input.Uri, input.Sha256, input.RowCount), c.CancellationToken);
                return Payload<DatasetVersion>.From(result);
            });
    }
}

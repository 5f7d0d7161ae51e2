using GraphQL;
using GraphQL.Types;
using Microsoft.Extensions.DependencyInjection;
using ModelRegistry.Api.Common;
using ModelRegistry.Core.Deployments;

namespace ModelRegistry.Api.Deployments;

/// <summary>The <c>RecordDeploymentPayload</c> type.</summary>
public sealed class RecordDeploymentPayloadType() : PayloadType<Deployment, DeploymentType>("RecordDeploymentPayload", "deployment");

/// <summary>The <c>UpdateDeploymentStatusPayload</c> type.</summary>
public sealed class UpdateDeploymentStatusPayloadType() : PayloadType<Deployment, DeploymentType>("UpdateDeploymentStatusPayload", "deployment");

/// <summary>Mutations of the Deployments feature.</summary>
public static class DeploymentMutations
{
    /// <summary>Adds recordDeployment and updateDeploymentStatus.</summary>
    public static void AddTo(ObjectGraphType mutation)
    {
        mutation.Field<NonNullGraphType<RecordDeploymentPayloadType>>("recordDeployment")
            .Argument<NonNullGraphType<RecordDeploymentInputType>>("input")
            .ResolveAsync(async c =>
            {
                var input = c.GetArgument<RecordDeploymentInput>("input");
                if (!IdArgument.TryDecode(input.ModelVersionId, NodeTypes.ModelVersion, "modelVersionId", out var versionId, out var error))
                    return Payload<Deployment>.Fail(error!);
                var result = await c.RequestServices!.GetRequiredService<RecordDeployment>().ExecuteAsync(
                    new RecordDeploymentCommand(versionId, input.Environment, input.Endpoint, input.Platform, input.TrafficPercent, input.Consumers),
                    c.CancellationToken);
                return Payload<Deployment>.From(result);
            });

        mutation.Field<NonNullGraphType<UpdateDeploymentStatusPayloadType>>("updateDeploymentStatus")
            .Description("Moves a deployment through PENDING, ACTIVE, DRAINING, RETIRED or FAILED; RETIRED is final.")
            .Argument<NonNullGraphType<UpdateDeploymentStatusInputType>>("input")
            .ResolveAsync(async c =>
            {
                var input = c.GetArgument<UpdateDeploymentStatusInput>("input");
                if (!IdArgument.TryDecode(input.Id, NodeTypes.Deployment, "id", out var deploymentId, out var error))
                    return Payload<Deployment>.Fail(error!);
                var result = await c.RequestServices!.GetRequiredService<UpdateDeploymentStatus>().ExecuteAsync(
                    new UpdateDeploymentStatusCommand(deploymentId, input.Status, input.TrafficPercent, input.Reason), c.CancellationToken);
                return Payload<Deployment>.From(result);
            });
    }
}

using GraphQL;
using GraphQL.Types;
using ModelRegistry.Api.Common;
using ModelRegistry.Api.Deployments;
using ModelRegistry.Api.Versions;
using ModelRegistry.Core.Deployments;
using ModelRegistry.Core.Monitoring;
using ModelRegistry.Core.Versions;
using CoreFeatureProfile = ModelRegistry.Core.Monitoring.FeatureProfileInput;

namespace ModelRegistry.Api.Monitoring;

/// <summary>The <c>SetBaselineProfilePayload</c> type.</summary>
public sealed class SetBaselineProfilePayloadType() : PayloadType<ModelVersion, ModelVersionType>("SetBaselineProfilePayload", "modelVersion");

/// <summary>The <c>ConfigureMonitoringPayload</c> type.</summary>
public sealed class ConfigureMonitoringPayloadType() : PayloadType<Deployment, DeploymentType>("ConfigureMonitoringPayload", "deployment");

/// <summary>The <c>AcknowledgeDriftAlertPayload</c> type.</summary>
public sealed class AcknowledgeDriftAlertPayloadType() : PayloadType<DriftAlert, DriftAlertType>("AcknowledgeDriftAlertPayload", "driftAlert");

/// <summary>The <c>RunMonitoringNowPayload</c> type.</summary>
public sealed class RunMonitoringNowPayloadType : ObjectGraphType<MonitoringRun>
{
    /// <summary>Declares the fields.</summary>
    public RunMonitoringNowPayloadType()
    {
        Name = "RunMonitoringNowPayload";
        Field<StringGraphType>("jobId").Description("The Hangfire job evaluating the window.").Resolve(c => c.Source.JobId);
        Field<MonitoringWindowType>("monitoringWindow")
            .Description("The window, when one is already stored for this window end (the job then leaves it as it is).").Resolve(c => c.Source.Window);
        this.AddErrorsField(p => p.Errors);
    }
}

/// <summary>Mutations of the Monitoring feature.</summary>
public static class MonitoringMutations
{
    /// <summary>Adds setBaselineProfile, configureMonitoring, runMonitoringNow and acknowledgeDriftAlert.</summary>
    public static void AddTo(ObjectGraphType mutation)
    {
        mutation.Field<NonNullGraphType<SetBaselineProfilePayloadType>>("setBaselineProfile")
            .Description("Replaces a version's baseline: per feature, a histogram over `le` edges (+Inf last) or category frequencies.")
            .Argument<NonNullGraphType<SetBaselineProfileInputType>>("input")
            .ResolveAsync(async c =>
            {
                var input = c.GetArgument<SetBaselineProfileInput>("input");
                if (!IdArgument.TryDecode(input.ModelVersionId, NodeTypes.ModelVersion, "modelVersionId", out var versionId, out var error))
                    return Payload<ModelVersion>.Fail(error!);
                var features = input.Features.Select(f => new CoreFeatureProfile(f.Feature, f.BucketEdges, f.Categories, f.Counts)).ToList();
                var result = await c.RequestServices!.GetRequiredService<SetBaselineProfile>()
                    .ExecuteAsync(new SetBaselineProfileCommand(versionId, features), c.CancellationToken);
                return Payload<ModelVersion>.From(result);
            });

        mutation.Field<NonNullGraphType<ConfigureMonitoringPayloadType>>("configureMonitoring")
            .Description("Creates or replaces the deployment's Prometheus binding and drift thresholds.")
            .Argument<NonNullGraphType<ConfigureMonitoringInputType>>("input")
            .ResolveAsync(async c =>
            {
                var input = c.GetArgument<ConfigureMonitoringInput>("input");
                if (!IdArgument.TryDecode(input.DeploymentId, NodeTypes.Deployment, "deploymentId", out var deploymentId, out var error))
                    return Payload<Deployment>.Fail(error!);
                var result = await c.RequestServices!.GetRequiredService<ConfigureMonitoring>().ExecuteAsync(
                    new ConfigureMonitoringCommand(deploymentId, input.PrometheusUrl, input.Selector, input.FeatureHistogramMetric, input.Window,
                        input.PsiWarning, input.PsiDrift, input.HealthyWindowsToResolve,
                        input.FeatureThresholds?.Select(t => new FeatureThreshold(t.Feature, t.PsiWarning, t.PsiDrift)).ToList()),
                    c.CancellationToken);
                return Payload<Deployment>.From(result);
            });

        mutation.Field<NonNullGraphType<RunMonitoringNowPayloadType>>("runMonitoringNow")
            .Description("Enqueues the monitoring job for one deployment now; `windowEnd` re-evaluates a past window.")
            .Argument<NonNullGraphType<RunMonitoringNowInputType>>("input")
            .ResolveAsync(async c =>
            {
                var input = c.GetArgument<RunMonitoringNowInput>("input");
                if (!IdArgument.TryDecode(input.DeploymentId, NodeTypes.Deployment, "deploymentId", out var deploymentId, out var error))
                    return new MonitoringRun(null, null, [error!]);
                return await c.RequestServices!.GetRequiredService<RunMonitoringNow>().ExecuteAsync(deploymentId, input.WindowEnd, c.CancellationToken);
            });

        mutation.Field<NonNullGraphType<AcknowledgeDriftAlertPayloadType>>("acknowledgeDriftAlert")
            .Description("OPEN → ACKNOWLEDGED, with a comment; DEPLOYER or APPROVER on the model.")
            .Argument<NonNullGraphType<AcknowledgeDriftAlertInputType>>("input")
            .ResolveAsync(async c =>
            {
                var input = c.GetArgument<AcknowledgeDriftAlertInput>("input");
                if (!IdArgument.TryDecode(input.AlertId, NodeTypes.DriftAlert, "alertId", out var alertId, out var error))
                    return Payload<DriftAlert>.Fail(error!);
                var result = await c.RequestServices!.GetRequiredService<AcknowledgeDriftAlert>()
                    .ExecuteAsync(new AcknowledgeDriftAlertCommand(alertId, input.Comment), c.CancellationToken);
                return Payload<DriftAlert>.From(result);
            });
    }
}

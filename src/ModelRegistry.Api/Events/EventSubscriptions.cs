using System.Linq.Expressions;
using System.Reactive.Linq;
using GraphQL;
using GraphQL.Types;
using ModelRegistry.Api.Common;
using ModelRegistry.Api.Deployments;
using ModelRegistry.Api.Versions;
using ModelRegistry.Core.Audit;
using ModelRegistry.Core.Audit.Events;
using ModelRegistry.Core.Deployments;
using ModelRegistry.Core.Versions;
using ModelRegistry.GraphQL.Relay;
using ModelRegistry.GraphQL.Subscriptions;

namespace ModelRegistry.Api.Events;

/// <summary>The Subscription root: live views of the event log.</summary>
public sealed class RegistrySubscription : ObjectGraphType
{
    /// <summary>Declares registryEvents, modelVersionPromoted, deploymentChanged and driftDetected.</summary>
    public RegistrySubscription()
    {
        Name = "Subscription";

        Field<NonNullGraphType<RegistryEventType>>("registryEvents")
            .Description("Every registry event, optionally filtered; `after` replays what was missed, then goes live.")
            .Argument<LongGraphType>("after")
            .Argument<ListGraphType<NonNullGraphType<StringGraphType>>>("types")
            .Argument<IdGraphType>("modelId")
            .ResolveStream(c =>
            {
                var after = c.GetArgument<long?>("after");
                var types = c.GetArgument<List<string>?>("types");
                var modelId = OptionalId(c.GetArgument<string?>("modelId"), NodeTypes.Model);
                Expression<Func<AuditEvent, bool>> filter = e =>
                    (types == null || types.Contains(e.Type)) && (modelId == null || e.ModelId == modelId);
                return Stream(c).Subscribe(after, filter).Where(EventVisibility.For(c));
            })
            // A replay depends on when the subscriber joined; only live-only subscriptions are shared.
            .SharedAcrossSubscribers("after");

        Field<NonNullGraphType<StageChangedEventType>>("modelVersionPromoted")
            .Description("Fires whenever a version's stage changes (promotion, demotion, archive, restore).")
            .Argument<IdGraphType>("modelId")
            .Argument<ModelStageType>("toStage")
            .ResolveStream(c =>
            {
                var modelId = OptionalId(c.GetArgument<string?>("modelId"), NodeTypes.Model);
                var toStage = c.GetArgument<ModelStage?>("toStage");
                return Stream(c)
                    .Subscribe(null, e => e.Type == EventTypes.StageChanged && (modelId == null || e.ModelId == modelId))
                    .Where(EventVisibility.For(c))
                    .Select(StageChangedEvent.Read)
                    .Where(e => e is not null && (toStage == null || e.To == toStage))
                    .Select(e => e!);
            })
            .SharedAcrossSubscribers();

        Field<NonNullGraphType<DeploymentType>>("deploymentChanged")
            .Description("Fires when a deployment is recorded or its status or traffic changes.")
            .Argument<StringGraphType>("environment")
            .ResolveStream(c =>
            {
                var environment = c.GetArgument<string?>("environment");
                return Stream(c)
                    .Subscribe(null, e => e.Type == EventTypes.DeploymentRecorded || e.Type == EventTypes.DeploymentUpdated)
                    .Where(EventVisibility.For(c))
                    .Where(e => environment == null || DeploymentEnvironmentOf(e) == environment);
            })
            .Resolve(c => c.LoadById<Deployment>(((AuditEvent)c.Source!).SubjectId))
            .SharedAcrossSubscribers();

        Field<NonNullGraphType<Monitoring.DriftAlertType>>("driftDetected")
            .Description("Fires when a drift alert is raised (a DRIFT_DETECTED event), optionally for one model's versions.")
            .Argument<IdGraphType>("modelId")
            .ResolveStream(c =>
            {
                var modelId = OptionalId(c.GetArgument<string?>("modelId"), NodeTypes.Model);
                return Stream(c)
                    .Subscribe(null, e => e.Type == EventTypes.DriftDetected && (modelId == null || e.ModelId == modelId))
                    .Where(EventVisibility.For(c));
            })
            .Resolve(c => c.LoadById<Core.Monitoring.DriftAlert>(((AuditEvent)c.Source!).SubjectId))
            .SharedAcrossSubscribers();
    }

    private static RegistryEventStream Stream(IResolveFieldContext c) => c.RequestServices!.GetRequiredService<RegistryEventStream>();

    private static long? OptionalId(string? id, string type) => id is null ? null : GlobalId.DecodeLong(id, type);

    private static string? DeploymentEnvironmentOf(AuditEvent e)
        => e.Type == EventTypes.DeploymentRecorded
            ? ChainedEventJson.Read<DeploymentRecorded>(e)?.Environment
            : ChainedEventJson.Read<DeploymentUpdated>(e)?.Environment;
}

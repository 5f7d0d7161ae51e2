using GraphQL;
using GraphQL.DataLoader;
using GraphQL.Types;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ModelRegistry.Api.Common;
using ModelRegistry.Api.Deployments;
using ModelRegistry.Api.Models;
using ModelRegistry.Api.Versions;
using ModelRegistry.Core.Deployments;
using ModelRegistry.Core.History;
using ModelRegistry.Core.Models;
using ModelRegistry.Core.Versions;
using ModelRegistry.GraphQL.Limits;

namespace ModelRegistry.Api.History;

/// <summary>
/// "What was X at time T", answered by the server: where an alias pointed, which stage a version was in, how a deployment's
/// status and traffic changed. Every answer is read through <see cref="StateHistory"/>, under the caller's read visibility.
/// </summary>
public static class HistoryFields
{
    /// <summary>Adds alias(name:, asOf:) to <c>Model</c>.</summary>
    public static void AddTo(ObjectGraphType<Model> model)
        => model.Field<ModelAliasType>("alias")
            .Description("One alias by name: where it points now, or with `asOf` where it pointed then (its version read as of then too). "
                         + "Null when the alias does not exist, or had not been set by then.")
            .Argument<NonNullGraphType<StringGraphType>>("name")
            .Argument<DateTimeGraphType>("asOf", "The instant to read the alias at; now when omitted.")
            .ResolveAsync(async c =>
            {
                var name = c.GetArgument<string>("name");
                if (c.GetArgument<DateTime?>("asOf") is { } at)
                    return await History(c).AliasAtAsync(c.Source.Id, name, at, c.CancellationToken);
                return await c.Db().ModelAliases.AsNoTracking().FirstOrDefaultAsync(a => a.ModelId == c.Source.Id && a.Name == name, c.CancellationToken);
            });

    /// <summary>Adds stageAt(time:) to <c>ModelVersion</c>.</summary>
    public static void AddTo(ObjectGraphType<ModelVersion> version)
        => version.Field<ModelStageType>("stageAt")
            .Description("The stage the version was in at `time`, from its stage history; null before the version existed.")
            .Argument<NonNullGraphType<DateTimeGraphType>>("time")
            .Resolve(c => new Mapped<ModelVersionAsOf?, object?>(VersionAsOf(c, c.Source.Id, c.GetArgument<DateTime>("time")), v => v?.Stage));

    /// <summary>Adds history to <c>Deployment</c>.</summary>
    public static void AddTo(ObjectGraphType<Deployment> deployment)
        => deployment.Field<NonNullGraphType<ListGraphType<NonNullGraphType<DeploymentChangeType>>>>("history")
            .Description("The deployment's recording and every change of its status or traffic since, oldest first, with who and why.")
            .Sliced()
            .Resolve(c => c.Slice(c.LoadMany("deployment.history", c.Source.Id, async (_, ids, ct) =>
                (await History(c).DeploymentHistoryAsync(ids, ct)).SelectMany(g => g.Select(change => (g.Key, change))).ToList())));

    /// <summary>A version as it stood at <paramref name="at"/> (null if it did not exist yet), batched with its siblings.</summary>
    public static IDataLoaderResult<ModelVersionAsOf?> VersionAsOf(IResolveFieldContext c, long id, DateTime at)
        => c.LoadOne($"version.asOf:{at.ToUniversalTime().Ticks}", id, async (_, ids, ct) =>
            new Dictionary<long, ModelVersionAsOf>(await History(c).VersionsAtAsync(ids, at, ct)));

    private static StateHistory History(IResolveFieldContext c)
    {
        // Db() carries a subscription's read visibility into its scope before the history reads through it.
        _ = c.Db();
        return c.RequestServices!.GetRequiredService<StateHistory>();
    }

    // A pending loader result with a projection applied once it has loaded.
    private sealed class Mapped<T, TResult>(IDataLoaderResult<T> inner, Func<T, TResult> map) : IDataLoaderResult<TResult>
    {
        public async Task<TResult> GetResultAsync(CancellationToken cancellationToken = default)
            => map(await inner.GetResultAsync(cancellationToken));

        async Task<object?> IDataLoaderResult.GetResultAsync(CancellationToken cancellationToken)
            => await GetResultAsync(cancellationToken);
    }
}

/// <summary>The <c>DeploymentChange</c> type.</summary>
public sealed class DeploymentChangeType : ObjectGraphType<DeploymentChange>
{
    /// <summary>Declares the fields.</summary>
    public DeploymentChangeType()
    {
        Name = "DeploymentChange";
        Description = "A deployment's recording (from: null) or a change of its status or traffic.";
        Field<NonNullGraphType<LongGraphType>>("sequence").Description("The registry event that recorded the change.").Resolve(c => c.Source.Sequence);
        Field<NonNullGraphType<DateTimeGraphType>>("at").Resolve(c => c.Source.At);
        Field(x => x.By);
        Field(x => x.Reason, nullable: true);
        Field<DeploymentStatusType>("from").Description("Null for the recording.").Resolve(c => c.Source.From);
        Field<NonNullGraphType<DeploymentStatusType>>("to").Resolve(c => c.Source.To);
        Field<IntGraphType>("trafficBefore").Description("The traffic share before the change.").Resolve(c => c.Source.TrafficBefore);
        Field<IntGraphType>("trafficPercent").Description("The traffic share after the change.").Resolve(c => c.Source.TrafficPercent);
    }
}

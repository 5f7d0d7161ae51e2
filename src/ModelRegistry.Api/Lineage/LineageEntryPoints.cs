using GraphQL.Types;
using ModelRegistry.Core.History;
using ModelRegistry.Core.Lineage;
using ModelRegistry.Core.Models;
using ModelRegistry.Core.Versions;
using ModelRegistry.Infrastructure.Lineage;

namespace ModelRegistry.Api.Lineage;

/// <summary>
/// Lineage reached from a version or an alias, so a picture of "the model's production version" is one round trip.
/// A version or alias read as of a past time walks as of that time unless <c>asOf</c> says otherwise.
/// </summary>
public static class LineageEntryPoints
{
    /// <summary>Adds lineage to <c>ModelVersion</c>.</summary>
    public static void AddTo(ObjectGraphType<ModelVersion> version)
        => version.Field<LineageGraphType>("lineage")
            .Description("The lineage around this version, as `Query.lineage` answers it for the version's ID; null when `asOf` is before it existed.")
            .WalkArguments()
            .ResolveAsync(async c => await LineageQueries.AnswerAsync(
                c, new LineageNodeRef(LineageNodeKind.ModelVersion, c.Source.Id), (c.Source as ModelVersionAsOf)?.AsOf));

    /// <summary>Adds lineage to <c>ModelAlias</c>.</summary>
    public static void AddTo(ObjectGraphType<ModelAlias> alias)
        => alias.Field<LineageGraphType>("lineage")
            .Description("The lineage around the version the alias points at (pointed at, when the alias was read with `asOf`).")
            .WalkArguments()
            .ResolveAsync(async c => await LineageQueries.AnswerAsync(
                c, new LineageNodeRef(LineageNodeKind.ModelVersion, c.Source.ModelVersionId), (c.Source as ModelAliasAsOf)?.AsOf));
}

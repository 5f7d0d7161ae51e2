using GraphQL;
using GraphQL.Types;
using Microsoft.Extensions.DependencyInjection;
using ModelRegistry.Api.Common;
using ModelRegistry.Core.Common;
using ModelRegistry.Core.Lineage;
using ModelRegistry.GraphQL.Relay;

namespace ModelRegistry.Api.Lineage;

/// <summary>Arguments of <c>addLineageEdge</c>.</summary>
public sealed class AddLineageEdgeInput : IMutationInput
{
    /// <summary>Upstream node ID.</summary>
    public string SourceId { get; set; } = "";
    /// <summary>Downstream node ID.</summary>
    public string TargetId { get; set; } = "";
    /// <summary>The relation.</summary>
    public LineageRelation Relation { get; set; }
    /// <summary>Why, for the audit trail.</summary>
    public string? Reason { get; set; }
}

/// <summary>The <c>AddLineageEdgeInput</c> type.</summary>
public sealed class AddLineageEdgeInputType : InputObjectGraphType<AddLineageEdgeInput>
{
    /// <summary>Declares the fields.</summary>
    public AddLineageEdgeInputType()
    {
        Name = "AddLineageEdgeInput";
        Field<NonNullGraphType<IdGraphType>>("sourceId");
        Field<NonNullGraphType<IdGraphType>>("targetId");
        Field<NonNullGraphType<LineageRelationType>>("relation");
        Field(x => x.Reason, nullable: true).Description("Why, for the audit trail: chained as the reason of every event this mutation records.");
    }
}

/// <summary>Arguments of <c>closeLineageEdge</c>.</summary>
public sealed class CloseLineageEdgeInput : IMutationInput
{
    /// <summary>The edge's ID.</summary>
    public string Id { get; set; } = "";
    /// <summary>Why.</summary>
    public string Reason { get; set; } = "";
}

/// <summary>The <c>CloseLineageEdgeInput</c> type.</summary>
public sealed class CloseLineageEdgeInputType : InputObjectGraphType<CloseLineageEdgeInput>
{
    /// <summary>Declares the fields.</summary>
    public CloseLineageEdgeInputType()
    {
        Name = "CloseLineageEdgeInput";
        Field<NonNullGraphType<IdGraphType>>("id");
        Field(x => x.Reason);
    }
}

/// <summary>The <c>AddLineageEdgePayload</c> type.</summary>
public sealed class AddLineageEdgePayloadType() : PayloadType<LineageEdge, LineageEdgeType>("AddLineageEdgePayload", "lineageEdge");

/// <summary>The <c>CloseLineageEdgePayload</c> type.</summary>
public sealed class CloseLineageEdgePayloadType() : PayloadType<LineageEdge, LineageEdgeType>("CloseLineageEdgePayload", "lineageEdge");

/// <summary>Mutations of the Lineage feature.</summary>
public static class LineageMutations
{
    /// <summary>Adds addLineageEdge and closeLineageEdge.</summary>
    public static void AddTo(ObjectGraphType mutation)
    {
        mutation.Field<NonNullGraphType<AddLineageEdgePayloadType>>("addLineageEdge")
            .Argument<NonNullGraphType<AddLineageEdgeInputType>>("input")
            .ResolveAsync(async c =>
            {
                var input = c.GetArgument<AddLineageEdgeInput>("input");
                if (!TryDecodeNode(input.SourceId, "sourceId", out var sourceKind, out var sourceId, out var error)
                    || !TryDecodeNode(input.TargetId, "targetId", out var targetKind, out var targetId, out error))
                    return Payload<LineageEdge>.Fail(error!);
                var result = await c.RequestServices!.GetRequiredService<AddLineageEdge>().ExecuteAsync(
                    new AddLineageEdgeCommand(sourceKind, sourceId, targetKind, targetId, input.Relation), c.CancellationToken);
                return Payload<LineageEdge>.From(result);
            });

        mutation.Field<NonNullGraphType<CloseLineageEdgePayloadType>>("closeLineageEdge")
            .Description("Ends a live edge's validity; it stays visible to lineage queries as of earlier times.")
            .Argument<NonNullGraphType<CloseLineageEdgeInputType>>("input")
            .ResolveAsync(async c =>
            {
                var input = c.GetArgument<CloseLineageEdgeInput>("input");
                if (!IdArgument.TryDecode(input.Id, NodeTypes.LineageEdge, "id", out var edgeId, out var error))
                    return Payload<LineageEdge>.Fail(error!);
                var result = await c.RequestServices!.GetRequiredService<CloseLineageEdge>().ExecuteAsync(
                    new CloseLineageEdgeCommand(edgeId, input.Reason), c.CancellationToken);
                return Payload<LineageEdge>.From(result);
            });
    }

    /// <summary>Decodes the ID of any lineage node into its kind and key.</summary>
    public static bool TryDecodeNode(string id, string field, out LineageNodeKind kind, out long key, out DomainError? error)
    {
        kind = default;
        key = 0;
        error = DomainError.Invalid($"'{field}' must be the ID of a ModelVersion, DatasetVersion, Deployment or ConsumerApplication.", field);
        if (!GlobalId.TryDecode(id, out var type, out var raw) || !long.TryParse(raw, out key) || !Enum.TryParse(type, out kind)
            || !Enum.IsDefined(kind) || type != kind.ToString())
            return false;
        error = null;
        return true;
    }
}

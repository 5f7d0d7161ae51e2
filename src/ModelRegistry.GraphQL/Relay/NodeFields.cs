using GraphQL;
using GraphQL.Types;
using Microsoft.Extensions.DependencyInjection;
using ModelRegistry.GraphQL.Errors;

namespace ModelRegistry.GraphQL.Relay;

/// <summary>Adds the Relay root fields <c>node(id: ID!): Node</c> and <c>nodes(ids: [ID!]!): [Node]!</c> to a query type.</summary>
public static class NodeFields
{
    /// <summary>Adds <c>node</c> and <c>nodes</c>, resolved through the registered <see cref="NodeResolver"/>s.</summary>
    public static ObjectGraphType<object?> AddNodeFields(this ObjectGraphType<object?> query)
    {
        query.Field<NodeInterfaceType>("node")
            .Description("Fetches any object by its global ID; null when it does not exist.")
            .Argument<NonNullGraphType<IdGraphType>>("id", "The global ID of the object.")
            .ResolveAsync(async context =>
            {
                var id = context.GetArgument<string>("id");
                if (!GlobalId.TryDecode(id, out var typeName, out var key))
                    throw Malformed(id);
                return await LoadAsync(context, typeName, key);
            });

        query.Field<NonNullGraphType<ListGraphType<NodeInterfaceType>>>("nodes")
            .Description("Fetches objects by their global IDs, in order; null in the place of each one that does not exist.")
            .Argument<NonNullGraphType<ListGraphType<NonNullGraphType<IdGraphType>>>>("ids", "The global IDs of the objects.")
            .ResolveAsync(async context =>
            {
                var ids = context.GetArgument<List<string>>("ids");
                var nodes = new List<object?>(ids.Count);
                // One by one: loaders usually share the request's DbContext, which runs one query at a time.
                for (var i = 0; i < ids.Count; i++)
                {
                    if (GlobalId.TryDecode(ids[i], out var typeName, out var key))
                    {
                        nodes.Add(await LoadAsync(context, typeName, key));
                        continue;
                    }
                    var error = Malformed(ids[i]);
                    error.Path = context.ResponsePath.Concat(new object[] { i });
                    context.Errors.Add(error);
                    nodes.Add(null);
                }
                return nodes;
            });
        return query;
    }

    private static async Task<object?> LoadAsync(IResolveFieldContext context, string typeName, string key)
    {
        var services = context.RequestServices ?? throw new InvalidOperationException("Node fields need ExecutionOptions.RequestServices.");
        var registry = services.GetRequiredService<NodeRegistry>();
        return registry.TryGet(typeName, out var resolver)
            ? await resolver.Load(services, key, context.CancellationToken)
            : null;
    }

    private static ExecutionError Malformed(string id)
        => new($"'{id}' is not a valid node ID.") { Code = ErrorCodes.InvalidArgument };
}

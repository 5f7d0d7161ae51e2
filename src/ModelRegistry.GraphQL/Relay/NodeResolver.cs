namespace ModelRegistry.GraphQL.Relay;

/// <summary>Loads the object of one node type by the key inside its global ID; null when no such object exists.</summary>
/// <param name="TypeName">The GraphQL object type name encoded in the ID (e.g. "Model").</param>
/// <param name="ClrType">The CLR type the loader returns, used to pick the object type for the <c>Node</c> interface.</param>
/// <param name="Load">Loads by key with the request's services.</param>
public sealed record NodeResolver(string TypeName, Type ClrType, Func<IServiceProvider, string, CancellationToken, Task<object?>> Load);

/// <summary>The node resolvers of the schema, by type name.</summary>
public sealed class NodeRegistry
{
    private readonly Dictionary<string, NodeResolver> _byTypeName;
    private readonly List<NodeResolver> _resolvers;

    /// <summary>Collects the registered resolvers; a type name may be registered once.</summary>
    public NodeRegistry(IEnumerable<NodeResolver> resolvers)
    {
        _resolvers = resolvers.ToList();
        _byTypeName = new Dictionary<string, NodeResolver>(StringComparer.Ordinal);
        foreach (var resolver in _resolvers)
        {
            if (!_byTypeName.TryAdd(resolver.TypeName, resolver))
                throw new InvalidOperationException($"Node type '{resolver.TypeName}' has more than one resolver.");
        }
    }

    /// <summary>Finds the resolver for a type name.</summary>
    public bool TryGet(string typeName, out NodeResolver resolver) => _byTypeName.TryGetValue(typeName, out resolver!);

    /// <summary>The GraphQL type name of a loaded node object, or null when no resolver returns its CLR type.</summary>
    public string? TypeNameOf(object node)
        => _resolvers.FirstOrDefault(r => r.ClrType == node.GetType())?.TypeName
           ?? _resolvers.FirstOrDefault(r => r.ClrType.IsInstanceOfType(node))?.TypeName;
}

using GraphQL.Types;

namespace ModelRegistry.GraphQL.Relay;

/// <summary>The Relay <c>Node</c> interface (<c>id: ID!</c>); concrete types are picked through the <see cref="NodeRegistry"/>.</summary>
public sealed class NodeInterfaceType : InterfaceGraphType<object>
{
    /// <summary>Creates the interface.</summary>
    public NodeInterfaceType(NodeRegistry registry)
    {
        Name = "Node";
        Description = "An object with a globally unique, opaque ID.";
        Field<NonNullGraphType<IdGraphType>>("id").Description("The globally unique ID of the object.");
        ResolveType = node => registry.TypeNameOf(node) is { } name
            ? PossibleTypes.FirstOrDefault(t => t.Name == name)
            : null;
    }
}

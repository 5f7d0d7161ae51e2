using ModelRegistry.Api.Common;
using ModelRegistry.Api.Events;
using ModelRegistry.Api.Lineage;

namespace ModelRegistry.Api.Schema;

/// <summary>The served schema.</summary>
public sealed class RegistrySchema : global::GraphQL.Types.Schema
{
    /// <summary>Wires the roots and the types only reachable through interfaces and unions.</summary>
    public RegistrySchema(IServiceProvider services, RegistryQuery query, RegistryMutation mutation, RegistrySubscription subscription) : base(services)
    {
        Query = query;
        Mutation = mutation;
        Subscription = subscription;
        foreach (var type in ErrorTypes.All)
            RegisterType(type);
        RegisterType(typeof(LineageNodeType));
    }
}

using ModelRegistry.Api.Common;
using ModelRegistry.Api.Events;
using ModelRegistry.Api.Lineage;
using ModelRegistry.GraphQL.Scalars;

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
        foreach (var mutationName in MutationErrors.ByMutation.Keys)
            RegisterType(new MutationErrorInterfaceType(mutationName));
        RegisterType(typeof(LineageNodeType));
        // The October 2021 introspection that graphql-js's full query asks for: isRepeatable, deprecated arguments and
        // input fields (includeDeprecated, isDeprecated, deprecationReason) and specifiedByURL.
        Features.RepeatableDirectives = true;
        Features.DeprecationOfInputValues = true;
        RegisterType(new LenientLongGraphType());
        SpecifiedBy.Register(this, ScalarSpecifications);
    }

    /// <summary>Where each custom scalar's behaviour is specified, served as <c>@specifiedBy(url:)</c>.</summary>
    public static IReadOnlyDictionary<string, string> ScalarSpecifications { get; } = new Dictionary<string, string>
    {
        ["DateTime"] = "https://scalars.graphql.org/andimarek/date-time",
        ["Long"] = "https://spec.openapis.org/oas/v3.1.0#data-types",
        ["JSON"] = "https://www.rfc-editor.org/rfc/rfc8259",
    };
}

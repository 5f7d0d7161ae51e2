using GraphQL;
using GraphQL.Resolvers;
using GraphQL.Types;
using Microsoft.Extensions.DependencyInjection;
using ModelRegistry.Core.Telemetry;
using ModelRegistry.Core.Writes;

namespace ModelRegistry.Api.Common;

/// <summary>The <c>input</c> of a mutation. Every one carries a reason, optional unless the mutation requires it.</summary>
public interface IMutationInput
{
    /// <summary>Why the caller makes the change, for the audit trail.</summary>
    string? Reason { get; }
}

/// <summary>A mutation payload that may carry domain errors instead of its result.</summary>
public interface IMutationPayload
{
    /// <summary>The errors that stopped the change; null or empty when it succeeded.</summary>
    IReadOnlyList<Core.Common.DomainError>? Errors { get; }
}

/// <summary>Hands each mutation's <c>input.reason</c> to the write path, in one place for every mutation.</summary>
public static class MutationReasons
{
    /// <summary>
    /// Wraps every field of the Mutation type so that its input's reason is stated (<see cref="StatedReason"/>) while
    /// the field resolves, counts the domain errors its payload returns (whether or not the client selects them), and fails the schema build if a mutation has no input with a reason: a new mutation cannot
    /// reach clients without a way to say why.
    /// </summary>
    public static void StateFromInputs(ObjectGraphType mutation)
    {
        foreach (var field in mutation.Fields)
        {
            var input = field.Arguments?.Find("input")?.Type;
            var clrType = input is null ? null : UnwrapInputClrType(input);
            if (clrType is null || !typeof(IMutationInput).IsAssignableFrom(clrType))
                throw new InvalidOperationException($"Mutation {field.Name} has no input that implements {nameof(IMutationInput)}.");
            var inner = field.Resolver ?? throw new InvalidOperationException($"Mutation {field.Name} has no resolver.");
            field.Resolver = new FuncFieldResolver<object?>(async context =>
            {
                var reason = context.Arguments is { } arguments && arguments.TryGetValue("input", out var argument)
                    ? (argument.Value as IMutationInput)?.Reason
                    : null;
                object? payload;
                using (context.RequestServices!.GetRequiredService<StatedReason>().State(reason))
                    payload = await inner.ResolveAsync(context);
                if (payload is IMutationPayload { Errors: { Count: > 0 } errors })
                {
                    var metrics = context.RequestServices!.GetRequiredService<RegistryMetrics>();
                    foreach (var error in errors)
                        metrics.MutationErrors.Add(1, new("mutation", field.Name), new KeyValuePair<string, object?>("code", error.Code));
                }
                return payload;
            });
        }
    }

    // The CLR type an input graph type parses into (InputObjectGraphType<T>), looking through NonNull.
    private static Type? UnwrapInputClrType(Type graphType)
    {
        if (graphType.IsGenericType && graphType.GetGenericTypeDefinition() == typeof(NonNullGraphType<>))
            graphType = graphType.GetGenericArguments()[0];
        for (var t = graphType; t is not null; t = t.BaseType)
            if (t.IsGenericType && t.GetGenericTypeDefinition() == typeof(InputObjectGraphType<>))
                return t.GetGenericArguments()[0];
        return null;
    }
}

using GraphQL.Types;
using ModelRegistry.Core.Common;
using ModelRegistry.GraphQL.Limits;

namespace ModelRegistry.Api.Common;

/// <summary>A mutation payload: the changed entity, or the domain errors that stopped the change.</summary>
public sealed record Payload<T>(T? Value, IReadOnlyList<DomainError>? Errors) : IMutationPayload where T : class
{
    /// <summary>Maps a use-case result.</summary>
    public static Payload<T> From(Result<T> result) => result.IsSuccess ? new(result.Value, null) : new(null, [result.Error!]);

    /// <summary>A payload carrying one error.</summary>
    public static Payload<T> Fail(DomainError error) => new(null, [error]);
}

/// <summary>Graph type of a payload with one entity field and <c>errors</c>.</summary>
public abstract class PayloadType<T, TGraphType> : ObjectGraphType<Payload<T>> where T : class where TGraphType : IGraphType
{
    /// <summary>Names the payload and its entity field.</summary>
    protected PayloadType(string name, string valueField)
    {
        Name = name;
        Field<TGraphType>(valueField).Resolve(c => c.Source.Value);
        this.AddErrorsField(p => p.Errors);
    }
}

/// <summary>The <c>errors</c> field every payload ends with.</summary>
public static class PayloadErrorsField
{
    /// <summary>
    /// Adds <c>errors: [&lt;Mutation&gt;Error!]</c>, the mutation being the one the payload is named after, with each
    /// error checked against <see cref="MutationErrors"/> before it is served.
    /// </summary>
    public static void AddErrorsField<TSource>(this ObjectGraphType<TSource> payload, Func<TSource, IReadOnlyList<DomainError>?> errors)
    {
        var mutation = MutationErrors.MutationOf(payload.Name);
        var type = new ListGraphType(new NonNullGraphType(new GraphQLTypeReference(MutationErrors.InterfaceName(mutation))));
        // A use case stops at its first error, so a payload carries one; the cost estimate charges one, not a page.
        payload.Field("errors", type)
            .Bounded(1)
            .Resolve(c => c.RequestServices!.GetRequiredService<MutationErrorGuard>().Check(mutation, errors(c.Source)));
    }
}

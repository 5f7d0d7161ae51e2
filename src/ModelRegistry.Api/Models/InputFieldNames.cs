using ModelRegistry.Api.Common;
using ModelRegistry.Core.Common;

namespace ModelRegistry.Api.Models;

/// <summary>
/// The lifecycle use cases are shared with the MLflow facade and name the field at fault in their own words
/// (<c>modelId</c>, <c>version</c>); a payload error's <c>field</c> must name the field of the mutation's input, so a
/// client can point at it.
/// </summary>
public static class InputFieldNames
{
    /// <summary>The payload of <paramref name="result"/>, its error's field renamed when <paramref name="renames"/> lists it.</summary>
    public static Payload<T> From<T>(Result<T> result, params (string UseCase, string Input)[] renames) where T : class
    {
        if (result.Error is not { Field: { } field } error)
            return Payload<T>.From(result);
        foreach (var (useCase, input) in renames)
            if (field == useCase)
                return Payload<T>.Fail(error with { Field = input });
        return Payload<T>.From(result);
    }
}

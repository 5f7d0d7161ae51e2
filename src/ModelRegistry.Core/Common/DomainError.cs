namespace ModelRegistry.Core.Common;

/// <summary>A refusal a client can act on: a stable code, a message and, where it applies, the offending field.</summary>
public sealed record DomainError(string Code, string Message, string? Field = null)
{
    /// <summary>The subject does not exist (or the caller may not see it).</summary>
    public static DomainError NotFound(string what, string? field = null) => new(ErrorCodes.NotFound, $"{what} was not found.", field);

    /// <summary>Input that breaks a rule of the registry.</summary>
    public static DomainError Invalid(string message, string? field = null) => new(ErrorCodes.ValidationFailed, message, field);
}

namespace ModelRegistry.Core.Common;

/// <summary>The outcome of a use case: a value, or a domain error that changed nothing.</summary>
public readonly record struct Result<T>
{
    private Result(T? value, DomainError? error)
    {
        Value = value;
        Error = error;
    }

    /// <summary>The value when the use case succeeded.</summary>
    public T? Value { get; }

    /// <summary>The refusal when it did not.</summary>
    public DomainError? Error { get; }

    /// <summary>True when there is no error.</summary>
    public bool IsSuccess => Error is null;

    /// <summary>A success.</summary>
    public static Result<T> Ok(T value) => new(value, null);

    /// <summary>A refusal.</summary>
    public static Result<T> Fail(DomainError error) => new(default, error);

    /// <summary>Lets a use case return a value directly.</summary>
    public static implicit operator Result<T>(T value) => Ok(value);

    /// <summary>Lets a use case return an error directly.</summary>
    public static implicit operator Result<T>(DomainError error) => Fail(error);
}

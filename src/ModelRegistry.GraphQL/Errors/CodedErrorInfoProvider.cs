using GraphQL;
using GraphQL.Execution;
using GraphQL.Validation;
using Microsoft.Extensions.Options;
using ModelRegistry.GraphQL.Execution;

namespace ModelRegistry.GraphQL.Errors;

/// <summary>Shapes every error as <c>{ message, locations, path, extensions: { code } }</c> and hides unexpected exceptions.</summary>
/// <remarks>
/// GraphQL.NET derives codes from exception type names (e.g. <c>FIELDS_ON_CORRECT_TYPE</c>); clients of a Hot Chocolate-style
/// API expect a small stable set instead, so engine errors are folded into those while codes chosen by resolvers pass through.
/// </remarks>
public sealed class CodedErrorInfoProvider(IOptions<GraphQLEndpointOptions> options) : IErrorInfoProvider
{
    /// <summary>The message clients see for unexpected exceptions when details are hidden.</summary>
    public const string GenericMessage = "An unexpected error occurred while executing the request.";

    /// <inheritdoc />
    public ErrorInfo GetInfo(ExecutionError executionError)
    {
        ArgumentNullException.ThrowIfNull(executionError);
        var expose = options.Value.ExposeExceptionDetails;
        var extensions = new Dictionary<string, object?>();
        string message;
        if (executionError is UnhandledError)
        {
            var cause = executionError.InnerException ?? executionError;
            message = expose ? cause.Message : GenericMessage;
            extensions["code"] = ErrorCodes.InternalServerError;
            if (expose)
                extensions["details"] = cause.ToString();
        }
        else
        {
            message = executionError.Message;
            extensions["code"] = CodeFor(executionError);
        }
        if (executionError.Data is { Count: > 0 } data)
        {
            foreach (System.Collections.DictionaryEntry entry in data)
            {
                if (entry.Key is string key && !extensions.ContainsKey(key))
                    extensions[key] = entry.Value;
            }
        }
        return new ErrorInfo { Message = message, Extensions = extensions };
    }

    /// <summary>The <c>extensions.code</c> a client receives for <paramref name="error"/> (metrics count by the same code).</summary>
    public static string CodeFor(ExecutionError error) => error is UnhandledError ? ErrorCodes.InternalServerError : CodeOf(error);

    private static string CodeOf(ExecutionError error) => error switch
    {
        { Code: { Length: > 0 } code } when IsChosenCode(error) => code,
        SyntaxError => ErrorCodes.ParseFailed,
        InvalidVariableError => ErrorCodes.InvalidArgument,
        ValidationError or DocumentError => ErrorCodes.ValidationFailed,
        { Code: { Length: > 0 } code } => code,
        _ => ErrorCodes.ExecutionFailed,
    };

    // Engine errors get codes from their type names; only errors whose code was set on purpose keep theirs.
    private static bool IsChosenCode(ExecutionError error)
        => error is ICodedError || error.GetType() == typeof(ExecutionError);
}

/// <summary>Marks an engine-derived error (e.g. a validation error raised by a toolkit rule) whose own code must be kept.</summary>
public interface ICodedError;

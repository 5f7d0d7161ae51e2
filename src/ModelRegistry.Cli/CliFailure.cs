namespace ModelRegistry.Cli;

/// <summary>
/// A failure the command reports as one line on stderr (<c>error: CODE: message</c>) and ends with <see cref="ExitCode"/>.
/// </summary>
public sealed class CliFailure(int exitCode, string code, string message, Exception? inner = null) : Exception(message, inner)
{
    /// <summary>The process exit code, one of <see cref="ExitCodes"/>.</summary>
    public int ExitCode { get; } = exitCode;

    /// <summary>A machine-readable code: the registry's <c>extensions.code</c>, or a client-side code such as USAGE.</summary>
    public string Code { get; } = code;

    /// <summary>The command line, a local file or the configuration is wrong.</summary>
    public static CliFailure Usage(string message) => new(ExitCodes.Usage, "USAGE", message);

    /// <summary>The registry refused the request, with its error code.</summary>
    public static CliFailure Refused(string code, string message) => new(ExitCodes.Refused, code, message);

    /// <summary>The registry could not be reached or could not answer.</summary>
    public static CliFailure Unreachable(string message, Exception? inner = null) => new(ExitCodes.Unreachable, "UNREACHABLE", message, inner);
}

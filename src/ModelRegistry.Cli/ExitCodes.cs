namespace ModelRegistry.Cli;

/// <summary>The process exit codes of <c>modelreg</c>; scripts branch on them, so they never change meaning.</summary>
public static class ExitCodes
{
    /// <summary>The command did what it was asked.</summary>
    public const int Ok = 0;

    /// <summary>The command line, a local file or the local configuration is wrong; no request changed anything.</summary>
    public const int Usage = 1;

    /// <summary>The registry answered and refused (GraphQL or payload error, HTTP 4xx), or its answer failed verification.</summary>
    public const int Refused = 2;

    /// <summary>The registry could not be reached or could not answer (connection refused, DNS, time-out, HTTP 5xx); retrying later may help.</summary>
    public const int Unreachable = 3;
}

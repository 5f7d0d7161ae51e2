using Hangfire.Logging;
using Microsoft.Extensions.Logging;
using HangfireLogLevel = Hangfire.Logging.LogLevel;
using MsLogLevel = Microsoft.Extensions.Logging.LogLevel;

namespace ModelRegistry.Api.Jobs;

/// <summary>
/// Hangfire's log provider for one host. Hangfire keeps a single process-wide provider and builds loggers from it in
/// constructors (a retry filter, a job client); when two hosts share a process, one may build a logger from the other's
/// factory just after that host was disposed. Such a logger becomes a silent one instead of an exception that would stop
/// start-up.
/// </summary>
public sealed class HostLogProvider(ILoggerFactory factory) : ILogProvider
{
    /// <inheritdoc />
    public ILog GetLogger(string name)
    {
        try
        {
            return new HostLog(factory.CreateLogger(name));
        }
        catch (ObjectDisposedException)
        {
            return SilentLog.Instance;
        }
    }

    private sealed class HostLog(ILogger logger) : ILog
    {
        public bool Log(HangfireLogLevel logLevel, Func<string>? messageFunc, Exception? exception = null)
        {
            var level = logLevel switch
            {
                HangfireLogLevel.Trace => MsLogLevel.Trace,
                HangfireLogLevel.Debug => MsLogLevel.Debug,
                HangfireLogLevel.Info => MsLogLevel.Information,
                HangfireLogLevel.Warn => MsLogLevel.Warning,
                HangfireLogLevel.Error => MsLogLevel.Error,
                _ => MsLogLevel.Critical,
            };
            // Hangfire asks with no message whether a level is on.
            if (messageFunc is null)
                return logger.IsEnabled(level);
            if (!logger.IsEnabled(level))
                return false;
            logger.Log(level, 0, messageFunc(), exception, static (message, _) => message);
            return true;
        }
    }

    private sealed class SilentLog : ILog
    {
        public static readonly SilentLog Instance = new();

        public bool Log(HangfireLogLevel logLevel, Func<string>? messageFunc, Exception? exception = null) => false;
    }
}

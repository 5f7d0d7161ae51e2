using Hangfire;
using Hangfire.Logging;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ModelRegistry.Api.Jobs;
using ModelRegistry.Api.Tests.Fixtures;

namespace ModelRegistry.Api.Tests.Jobs;

/// <summary>
/// Hangfire's log provider is process-wide; with several hosts in one process, a host starting while another is disposed
/// built its retry filter from the disposed host's logger factory and failed to start (seen in CI).
/// </summary>
public sealed class HostLogProviderTests
{
    [Fact]
    public void A_logger_asked_of_a_disposed_factory_is_silent_instead_of_throwing()
    {
        var factory = LoggerFactory.Create(_ => { });
        var provider = new HostLogProvider(factory);
        Assert.False(provider.GetLogger("before").Log(Hangfire.Logging.LogLevel.Info, null));
        factory.Dispose();
        Assert.Throws<ObjectDisposedException>(() => factory.CreateLogger("probe"));

        var log = provider.GetLogger("after");
        Assert.False(log.Log(Hangfire.Logging.LogLevel.Error, () => "lost", new InvalidOperationException()));
    }

    [Fact]
    public void A_live_factory_receives_Hangfire_messages_at_the_mapped_level()
    {
        var sink = new ListLoggerProvider();
        using var factory = LoggerFactory.Create(b => b.SetMinimumLevel(Microsoft.Extensions.Logging.LogLevel.Information).AddProvider(sink));
        var log = new HostLogProvider(factory).GetLogger("Hangfire.Test");

        Assert.False(log.Log(Hangfire.Logging.LogLevel.Debug, null));
        Assert.True(log.Log(Hangfire.Logging.LogLevel.Warn, null));
        Assert.True(log.Log(Hangfire.Logging.LogLevel.Warn, () => "retrying job 7"));
        Assert.False(log.Log(Hangfire.Logging.LogLevel.Debug, () => "not written"));

        Assert.Equal([(Microsoft.Extensions.Logging.LogLevel.Warning, "Hangfire.Test", "retrying job 7")], sink.Entries);
    }

    [Fact]
    public async Task After_a_host_is_disposed_Hangfire_can_still_build_a_retry_filter_in_the_process()
    {
        var host = new RegistryApiFactory();
        await host.InitializeAsync();
        await host.DisposeAsync();

        // What another host's start-up does first; before the fix this threw ObjectDisposedException when no other host
        // had replaced the provider in between.
        var retry = new AutomaticRetryAttribute { Attempts = 1 };
        Assert.Equal(1, retry.Attempts);
        Assert.NotNull(LogProvider.GetLogger("after-dispose"));
    }

    private sealed class ListLoggerProvider : ILoggerProvider
    {
        public List<(Microsoft.Extensions.Logging.LogLevel, string, string)> Entries { get; } = [];

        public ILogger CreateLogger(string categoryName) => new ListLogger(this, categoryName);

        public void Dispose()
        {
        }

        private sealed class ListLogger(ListLoggerProvider owner, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(Microsoft.Extensions.Logging.LogLevel logLevel) => true;

            public void Log<TState>(Microsoft.Extensions.Logging.LogLevel logLevel, EventId eventId, TState state, Exception? exception,
                Func<TState, Exception?, string> formatter)
            {
                lock (owner.Entries)
                    owner.Entries.Add((logLevel, category, formatter(state, exception)));
            }
        }
    }
}

using System.Collections.Concurrent;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ModelRegistry.Api.Tests.Fixtures;

namespace ModelRegistry.Api.Tests.Hosting;

/// <summary>Keeps the category and level of every entry the host logs.</summary>
public sealed class CapturedLog : ILoggerProvider
{
    private readonly ConcurrentQueue<(string Category, LogLevel Level)> _entries = new();

    /// <summary>The entries logged so far.</summary>
    public IReadOnlyList<(string Category, LogLevel Level)> Entries => [.. _entries];

    /// <inheritdoc />
    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _entries);

    /// <inheritdoc />
    public void Dispose()
    {
    }

    private sealed class Logger(string category, ConcurrentQueue<(string, LogLevel)> entries) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            => entries.Enqueue((category, logLevel));
    }
}

/// <summary>A Development host whose log entries the test can read.</summary>
public class LogCapturingRegistryApiFactory : RegistryApiFactory
{
    /// <summary>What the host logged.</summary>
    public CapturedLog Log { get; } = new();

    /// <inheritdoc />
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseEnvironment("Development");
        builder.ConfigureServices(services => services.AddSingleton<ILoggerProvider>(Log));
    }
}

/// <summary>The same host with SQL command logging asked for in the standard logging configuration.</summary>
public sealed class SqlLoggingRegistryApiFactory : LogCapturingRegistryApiFactory
{
    /// <inheritdoc />
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Logging:LogLevel:" + SqlCommandLoggingTests.Category, "Information");
    }
}

/// <summary>EF Core logs every SQL statement at Information; the registry keeps that quiet unless the operator asks for it.</summary>
public sealed class SqlCommandLoggingTests(LogCapturingRegistryApiFactory quiet, SqlLoggingRegistryApiFactory verbose)
    : IClassFixture<LogCapturingRegistryApiFactory>, IClassFixture<SqlLoggingRegistryApiFactory>
{
    /// <summary>EF Core's category for executed commands.</summary>
    public const string Category = "Microsoft.EntityFrameworkCore.Database.Command";

    [Fact]
    public async Task By_default_no_executed_SQL_statement_is_logged_below_Warning()
    {
        await quiet.GraphQL().RegisterModelAsync();
        await quiet.GraphQL().QueryAsync("{ models(first: 5) { totalCount } }");

        Assert.DoesNotContain(quiet.Log.Entries, e => e.Category == Category && e.Level < LogLevel.Warning);
        Assert.Contains(quiet.Log.Entries, e => e.Category.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal) || e.Category.StartsWith("Hangfire", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Logging_LogLevel_for_the_command_category_turns_SQL_logging_back_on()
    {
        await verbose.GraphQL().QueryAsync("{ models(first: 5) { totalCount } }");

        Assert.Contains(verbose.Log.Entries, e => e.Category == Category && e.Level == LogLevel.Information);
    }
}

using ModelRegistry.Infrastructure.Events;

namespace ModelRegistry.Api.Events;

/// <summary>Runs the cross-replica event relay while the host runs, when the registry is on PostgreSQL (nothing otherwise).</summary>
public sealed class EventRelayService(IServiceProvider services) : BackgroundService
{
    /// <inheritdoc />
    protected override Task ExecuteAsync(CancellationToken stoppingToken)
        => services.GetService<PostgresEventRelay>() is { } relay ? relay.RunAsync(stoppingToken) : Task.CompletedTask;
}

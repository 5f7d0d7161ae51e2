using ModelRegistry.Core.Monitoring;

namespace ModelRegistry.Api.Jobs;

/// <summary>Refuses a Prometheus query to a host the policy does not allow, whatever binding asked for it.</summary>
public sealed class PrometheusHostGuard(PrometheusHostPolicy policy) : DelegatingHandler
{
    /// <inheritdoc />
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        => request.RequestUri is { } url && policy.Allows(url)
            ? base.SendAsync(request, cancellationToken)
            : Task.FromException<HttpResponseMessage>(new HttpRequestException(
                $"{request.RequestUri?.Host} is not an allowed Prometheus host ({PrometheusHostPolicy.Setting})."));
}

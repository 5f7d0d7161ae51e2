using System.Net;
using System.Text.RegularExpressions;

namespace ModelRegistry.Bench.Drift;

/// <summary>Answers Prometheus instant queries in-process: reads the deployment from the PromQL and serves the pooled JSON.</summary>
public sealed partial class PrometheusJsonHandler(SyntheticHistograms histograms) : HttpMessageHandler
{
    [GeneratedRegex("deployment=\"d(\\d+)\"", RegexOptions.CultureInvariant)]
    private static partial Regex Labels();

    /// <inheritdoc />
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var query = Uri.UnescapeDataString(request.RequestUri!.Query);
        var match = Labels().Match(query);
        var body = histograms.Answer(int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));
        return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent(body) });
    }
}

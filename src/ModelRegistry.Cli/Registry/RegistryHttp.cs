using System.Net;
using System.Net.Sockets;
using ModelRegistry.Cli.Configuration;

namespace ModelRegistry.Cli.Registry;

/// <summary>
/// The one HttpClient a command uses, and the translation of transport failures into exit codes: no answer or a 5xx
/// is <see cref="ExitCodes.Unreachable"/> (worth retrying), a 4xx is <see cref="ExitCodes.Refused"/>.
/// </summary>
public sealed class RegistryHttp : IDisposable
{
    /// <summary>The header that carries the API key.</summary>
    public const string ApiKeyHeader = "X-Api-Key";

    /// <summary>How long a GraphQL request may take before the registry counts as unreachable.</summary>
    public static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(100);

    private readonly HttpClient _client;

    /// <summary>A client for <paramref name="connection"/>.</summary>
    public RegistryHttp(RegistryConnection connection)
    {
        Connection = connection;
        // No overall time-out: an upload of several GiB legitimately takes long. Connects and GraphQL calls are bounded instead.
        _client = new HttpClient(new SocketsHttpHandler { ConnectTimeout = TimeSpan.FromSeconds(15), AllowAutoRedirect = false })
        {
            Timeout = Timeout.InfiniteTimeSpan,
        };
        _client.DefaultRequestHeaders.UserAgent.ParseAdd("modelreg/" + typeof(RegistryHttp).Assembly.GetName().Version);
    }

    /// <summary>The registry this client talks to.</summary>
    public RegistryConnection Connection { get; }

    /// <summary>
    /// Sends <paramref name="request"/>, adding the API key when it goes to the registry itself (never to a storage
    /// account a signed download URL points at). Network failures become <see cref="CliFailure"/>s.
    /// </summary>
    public async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct, TimeSpan? timeout = null)
    {
        if (Connection.ApiKey is not null && request.RequestUri is not null && Connection.IsRegistryOrigin(request.RequestUri))
            request.Headers.TryAddWithoutValidation(ApiKeyHeader, Connection.ApiKey);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        if (timeout is { } limit)
            deadline.CancelAfter(limit);
        try
        {
            var response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, deadline.Token);
            if ((int)response.StatusCode >= 500)
            {
                var status = (int)response.StatusCode;
                response.Dispose();
                throw CliFailure.Unreachable($"The registry at {Connection.BaseUrl} answered {status} {(HttpStatusCode)status}; try again later.");
            }
            return response;
        }
        catch (OperationCanceledException e) when (!ct.IsCancellationRequested)
        {
            throw CliFailure.Unreachable($"The registry at {Connection.BaseUrl} did not answer in time.", e);
        }
        catch (HttpRequestException e)
        {
            throw CliFailure.Unreachable($"Cannot reach the registry at {Connection.BaseUrl}: {Describe(e)}", e);
        }
    }

    private static string Describe(HttpRequestException e) => e.InnerException switch
    {
        SocketException socket => socket.SocketErrorCode switch
        {
            SocketError.ConnectionRefused => "connection refused.",
            SocketError.HostNotFound or SocketError.NoData => "host not found.",
            SocketError.TimedOut => "connection timed out.",
            _ => socket.Message,
        },
        { } inner => inner.Message,
        null => e.Message,
    };

    /// <inheritdoc />
    public void Dispose() => _client.Dispose();
}

using System.Net;
using System.Net.Sockets;

namespace ModelRegistry.Cli.Tests.Fixtures;

/// <summary>Finds a loopback port nothing listens on, for "unreachable registry" cases.</summary>
public static class FreePort
{
    /// <summary>A port that was free a moment ago.</summary>
    public static int Find()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

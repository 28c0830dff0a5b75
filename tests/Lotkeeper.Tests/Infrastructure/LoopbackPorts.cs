using System.Net;
using System.Net.Sockets;

namespace Lotkeeper.Tests.Infrastructure;

/// <summary>Ports on 127.0.0.1 for servers the tests start.</summary>
public static class LoopbackPorts
{
    /// <summary>
    /// Returns a port the operating system just handed out and released, so nothing listens on it. Another process
    /// could take it before the caller binds it, which is unlikely on a test machine but possible.
    /// </summary>
    public static int FindFree()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

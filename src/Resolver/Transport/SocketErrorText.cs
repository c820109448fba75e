// SocketErrorText: why a server could not be reached, in the words an operator uses (kdig's and
// dig's "connection refused", "network unreachable", "timed out") instead of a SocketError member
// name: the text every transport puts in TransportResult.Error, and so in the resolution's error.
using System.Net.Sockets;

namespace Resolver.Transport;

internal static class SocketErrorText
{
    /// <summary>The reason for <paramref name="error"/>; <paramref name="tcp"/> for a connection (else a datagram).</summary>
    public static string Describe(SocketError error, bool tcp) => error switch
    {
        // UDP: the kernel reports the ICMP port unreachable on the connected socket (RFC 1122 §4.1.3.3).
        SocketError.ConnectionRefused => tcp ? "connection refused" : "refused (ICMP port unreachable: nothing listens on that port)",
        SocketError.ConnectionReset => tcp ? "connection reset by the server" : "refused (ICMP port unreachable: nothing listens on that port)",
        SocketError.NetworkUnreachable => "network unreachable (no route to that network)",
        SocketError.HostUnreachable => "host unreachable (no route to that host)",
        SocketError.NetworkDown => "network down",
        SocketError.TimedOut => "timed out",
        SocketError.AddressFamilyNotSupported => "this host has no network of that address family",
        SocketError.AddressNotAvailable => "address not available on this host",
        SocketError.AccessDenied => "permission denied (a firewall or policy forbids it)",
        SocketError.ConnectionAborted => "connection aborted",
        SocketError.Shutdown => "connection closed by the server",
        _ => "network error (" + error + ")",
    };

    /// <summary>The reason for <paramref name="error"/>, naming the socket error when it is one.</summary>
    public static string Describe(Exception error, bool tcp) => error switch
    {
        SocketException socket => Describe(socket.SocketErrorCode, tcp),
        IOException { InnerException: SocketException inner } => Describe(inner.SocketErrorCode, tcp),
        _ => error.Message,
    };
}

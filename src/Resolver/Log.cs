// Log: every log message of the Resolver assembly, as [LoggerMessage] source-generated methods with
// stable event ids (1xx transport, 2xx iteration, 3xx cache). One file, so ids never collide.
using System.Net;
using Microsoft.Extensions.Logging;
using Resolver.Protocol;

namespace Resolver;

internal static partial class Log
{
    // Transport
    [LoggerMessage(101, LogLevel.Debug, "No response for {Name} {Type} from {Server} over {Protocol}")]
    public static partial void QueryTimedOut(ILogger logger, DnsName name, RrType type, IPEndPoint server, string protocol);

    [LoggerMessage(102, LogLevel.Debug, "Ignored a datagram while waiting for {Server}: {Reason}")]
    public static partial void IgnoredResponse(ILogger logger, IPEndPoint server, string reason);

    [LoggerMessage(103, LogLevel.Debug, "Malformed response from {Server}: {Error}")]
    public static partial void MalformedResponse(ILogger logger, IPEndPoint server, string error);

    [LoggerMessage(104, LogLevel.Debug, "Truncated response for {Name} {Type} from {Server}: retrying over TCP")]
    public static partial void TruncatedRetryingTcp(ILogger logger, DnsName name, RrType type, IPEndPoint server);

    [LoggerMessage(105, LogLevel.Debug, "Network error talking to {Server} over {Protocol}: {Error}")]
    public static partial void NetworkError(ILogger logger, IPEndPoint server, string protocol, string error);

    // Iteration
    [LoggerMessage(201, LogLevel.Debug, "Asking {Server} (zone {Zone}) for {Name} {Type}")]
    public static partial void SendingQuery(ILogger logger, IPEndPoint server, DnsName zone, DnsName name, RrType type);

    [LoggerMessage(202, LogLevel.Debug, "Skipping server {Server} for zone {Zone}: {Reason}")]
    public static partial void SkippingServer(ILogger logger, IPEndPoint server, DnsName zone, string reason);

    [LoggerMessage(203, LogLevel.Debug, "Dropped {Count} out-of-bailiwick or unrelated records from {Server} (zone {Zone})")]
    public static partial void ScrubbedRecords(ILogger logger, int count, IPEndPoint server, DnsName zone);

    [LoggerMessage(204, LogLevel.Debug, "Referral from zone {Zone} to {Child}")]
    public static partial void FollowingReferral(ILogger logger, DnsName zone, DnsName child);

    [LoggerMessage(207, LogLevel.Debug, "Every server of cached zone {Zone} failed ({Reason}); asking its parent {Parent} for a fresh referral")]
    public static partial void RefetchingDelegation(ILogger logger, DnsName zone, DnsName parent, string reason);

    [LoggerMessage(208, LogLevel.Debug, "Upstreams of forward zone {Zone} failed ({Reason}); iterating (forward-first)")]
    public static partial void ForwardFirstFallback(ILogger logger, DnsName zone, string reason);

    [LoggerMessage(209, LogLevel.Debug, "Every server of the referral to {Zone} failed ({Reason}); asking the servers of the zone's own NS RRset")]
    public static partial void TryingChildNsSet(ILogger logger, DnsName zone, string reason);

    [LoggerMessage(210, LogLevel.Debug, "No address of a server of {Zone} could be found; asking the {Count} out-of-bailiwick glue address(es) its referral gave")]
    public static partial void UsingOutOfZoneGlue(ILogger logger, DnsName zone, int count);

    [LoggerMessage(205, LogLevel.Information, "Resolution of {Name} {Type} failed: {Reason}")]
    public static partial void ResolutionFailed(ILogger logger, DnsName name, RrType type, string reason);

    [LoggerMessage(206, LogLevel.Debug, "Following {Kind} from {Owner} to {Target}")]
    public static partial void FollowingAlias(ILogger logger, RrType kind, DnsName owner, DnsName target);

    // Resolution and validation (4xx)
    [LoggerMessage(401, LogLevel.Information, "{Name} {Type}: {ResponseCode} {Status} {Reason}")]
    public static partial void Resolved(ILogger logger, DnsName name, RrType type, ResponseCode responseCode, SecurityStatus status, string reason);

    [LoggerMessage(402, LogLevel.Debug, "{Name} {Type}: Bogus answer, retrying at other servers (attempt {Attempt}): {Reason}")]
    public static partial void RetryingBogus(ILogger logger, DnsName name, RrType type, int attempt, string reason);

    [LoggerMessage(403, LogLevel.Information, "{Name} {Type}: authorities failed, answering stale data (RFC 8767)")]
    public static partial void ServingStale(ILogger logger, DnsName name, RrType type);

    [LoggerMessage(404, LogLevel.Debug, "{Name} {Type}: background refresh ({Kind}) finished: {Outcome}")]
    public static partial void Refreshed(ILogger logger, DnsName name, RrType type, string kind, string outcome);
}

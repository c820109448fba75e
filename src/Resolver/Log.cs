// Log: every log message of the Resolver assembly, as [LoggerMessage] source-generated methods with
// stable event ids (1xx transport, 2xx iteration, 3xx cache, 4xx resolution). One file, so ids never
// collide. Messages are sentences. Levels: one resolution writes at most one Information entry, and
// only when it fails or its answer is Bogus (410, 411); everything else — the steps, a Secure or
// Insecure answer, stale data served — is Debug, so that an application logging at Information
// sees what needs attention and not every query.
using System.Net;
using Microsoft.Extensions.Logging;
using Resolver.Protocol;

namespace Resolver;

internal static partial class Log
{
    // Transport
    [LoggerMessage(101, LogLevel.Debug, "No response from {Server} over {Protocol} for {Name} {Type} before the timeout.")]
    public static partial void QueryTimedOut(ILogger logger, DnsName name, RrType type, IPEndPoint server, string protocol);

    [LoggerMessage(102, LogLevel.Debug, "Ignored a datagram while waiting for {Server}: {Reason}.")]
    public static partial void IgnoredResponse(ILogger logger, IPEndPoint server, string reason);

    [LoggerMessage(103, LogLevel.Debug, "The response from {Server} is malformed: {Error}.")]
    public static partial void MalformedResponse(ILogger logger, IPEndPoint server, string error);

    [LoggerMessage(104, LogLevel.Debug, "The response from {Server} for {Name} {Type} is truncated; asking again over TCP.")]
    public static partial void TruncatedRetryingTcp(ILogger logger, DnsName name, RrType type, IPEndPoint server);

    [LoggerMessage(105, LogLevel.Debug, "Could not reach {Server} over {Protocol}: {Error}.")]
    public static partial void NetworkError(ILogger logger, IPEndPoint server, string protocol, string error);

    // Iteration
    [LoggerMessage(201, LogLevel.Debug, "Asking {Server}, a server of zone {Zone}, for {Name} {Type}.")]
    public static partial void SendingQuery(ILogger logger, IPEndPoint server, DnsName zone, DnsName name, RrType type);

    [LoggerMessage(202, LogLevel.Debug, "Skipping server {Server} of zone {Zone}: {Reason}.")]
    public static partial void SkippingServer(ILogger logger, IPEndPoint server, DnsName zone, string reason);

    [LoggerMessage(203, LogLevel.Debug, "Dropped {Count} out-of-bailiwick or unrelated records from {Server} (zone {Zone}).")]
    public static partial void ScrubbedRecords(ILogger logger, int count, IPEndPoint server, DnsName zone);

    [LoggerMessage(204, LogLevel.Debug, "Zone {Zone} delegates {Child}; following the referral.")]
    public static partial void FollowingReferral(ILogger logger, DnsName zone, DnsName child);

    [LoggerMessage(207, LogLevel.Debug, "Every server of cached zone {Zone} failed ({Reason}); asking its parent {Parent} for a fresh referral.")]
    public static partial void RefetchingDelegation(ILogger logger, DnsName zone, DnsName parent, string reason);

    [LoggerMessage(208, LogLevel.Debug, "The upstreams of forward zone {Zone} failed ({Reason}); iterating instead (forward-first).")]
    public static partial void ForwardFirstFallback(ILogger logger, DnsName zone, string reason);

    [LoggerMessage(209, LogLevel.Debug, "Every server of the referral to {Zone} failed ({Reason}); asking the servers of the zone's own NS RRset.")]
    public static partial void TryingChildNsSet(ILogger logger, DnsName zone, string reason);

    [LoggerMessage(210, LogLevel.Debug, "No address of a server of {Zone} could be found; asking the {Count} out-of-bailiwick glue address(es) its referral gave.")]
    public static partial void UsingOutOfZoneGlue(ILogger logger, DnsName zone, int count);

    // Debug: the resolution's one Information entry (410) says it, with the same reason.
    [LoggerMessage(205, LogLevel.Debug, "Iterating for {Name} {Type} failed: {Reason}.")]
    public static partial void IterationFailed(ILogger logger, DnsName name, RrType type, string reason);

    [LoggerMessage(206, LogLevel.Debug, "The {Kind} at {Owner} points to {Target}; following it.")]
    public static partial void FollowingAlias(ILogger logger, RrType kind, DnsName owner, DnsName target);

    // Resolution and validation (4xx)
    [LoggerMessage(401, LogLevel.Debug, "Resolved {Name} {Type}: {ResponseCode}, {Status}.")]
    public static partial void Resolved(ILogger logger, DnsName name, RrType type, string responseCode, SecurityStatus status);

    [LoggerMessage(405, LogLevel.Debug, "Resolved {Name} {Type}: {ResponseCode}, {Reason}.")]
    public static partial void ResolvedWithReason(ILogger logger, DnsName name, RrType type, string responseCode, string reason);

    [LoggerMessage(410, LogLevel.Information, "Could not resolve {Name} {Type}: {Error}.")]
    public static partial void ResolutionFailed(ILogger logger, DnsName name, RrType type, string error);

    [LoggerMessage(411, LogLevel.Information, "The answer for {Name} {Type} is bogus ({Handling}): {Reason}.")]
    public static partial void BogusAnswer(ILogger logger, DnsName name, RrType type, string handling, string reason);

    [LoggerMessage(402, LogLevel.Debug, "The answer for {Name} {Type} is bogus ({Reason}); asking other servers (attempt {Attempt}).")]
    public static partial void RetryingBogus(ILogger logger, DnsName name, RrType type, int attempt, string reason);

    [LoggerMessage(403, LogLevel.Debug, "The authorities for {Name} {Type} failed or were slow; answering stale data (RFC 8767).")]
    public static partial void ServingStale(ILogger logger, DnsName name, RrType type);

    [LoggerMessage(404, LogLevel.Debug, "The background refresh ({Kind}) of {Name} {Type} finished: {Outcome}.")]
    public static partial void Refreshed(ILogger logger, DnsName name, RrType type, string kind, string outcome);
}

// FuzzSeed: one starting input of the fuzzer — a DNS message in wire form — with, for responses built
// from the fuzzer's signed zones, what offline validation needs (the DNSKEY/DS/NSEC records, the
// anchors, the instant) and the verdict the unmutated response gets.
using Resolver.Protocol;

namespace Resolver.Fuzz;

/// <summary>A seed input and, when it came from a signed zone, its validation context.</summary>
/// <param name="Name">Where it came from (a packet fixture, a signed-zone question, a corpus file).</param>
/// <param name="Wire">The message bytes.</param>
/// <param name="Validation">The offline-validation context, or null for inputs that only feed the parser and denial proofs.</param>
internal sealed record FuzzSeed(string Name, byte[] Wire, ValidationContext? Validation)
{
    /// <summary>The parsed original (null when the seed does not parse: a corpus file may be malformed on purpose).</summary>
    public DnsMessage? Original { get; } = DnsMessage.TryParse(Wire, out DnsMessage? m) ? m : null;
}

/// <summary>What <see cref="OfflineValidator"/> is given besides the response.</summary>
/// <param name="Supporting">DNSKEY, DS and NSEC/NSEC3 records (with RRSIGs) of every zone.</param>
/// <param name="Anchors">The top zone's DS as trust anchor.</param>
/// <param name="Now">The instant signatures are valid at.</param>
/// <param name="ZoneData">
/// Every record of the signed zones: the genuine data a Secure answer may hold. A byte-level splice can
/// turn one seed's response into another's (a genuine response to another question), so "not in this
/// seed's response" alone would flag genuine data.
/// </param>
internal sealed record ValidationContext(IReadOnlyList<ResourceRecord> Supporting, TrustAnchorStore Anchors, DateTimeOffset Now, IReadOnlyList<ResourceRecord>? ZoneData = null);

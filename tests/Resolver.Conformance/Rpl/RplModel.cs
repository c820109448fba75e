// RplModel: the parsed form of one .rpl scenario file (Unbound testbound / Deckard): the CONFIG
// options, the ranges of canned upstream answers, and the steps. Records are parsed with the
// library's ZoneFileReader; anything the reader could not understand is kept as an error on the
// entry, so a scenario fails (or is skipped) with the reason only when that entry is actually used.
using System.Net;
using Resolver.Protocol;

namespace Resolver.Conformance.Rpl;

/// <summary>A whole scenario file.</summary>
internal sealed class RplScenario
{
    public required string Path { get; init; }

    public string Title { get; set; } = string.Empty;

    public RplConfig Config { get; } = new();

    public List<RplRange> Ranges { get; } = [];

    public List<RplStep> Steps { get; } = [];
}

/// <summary>The CONFIG block: the options that matter to replay, plus every option as written.</summary>
internal sealed class RplConfig
{
    /// <summary>Every option in order as (section, name, value), unknown ones included.</summary>
    public List<(string Section, string Name, string Value)> Options { get; } = [];

    /// <summary>trust-anchor values (zone-file text of DS or DNSKEY records).</summary>
    public List<string> TrustAnchors { get; } = [];

    /// <summary>Stub zones: name → server addresses (Deckard's bare stub-addr is the root).</summary>
    public List<RplZoneServers> StubZones { get; } = [];

    /// <summary>Forward zones: name → upstream addresses.</summary>
    public List<RplZoneServers> ForwardZones { get; } = [];

    public List<DnsName> DomainInsecure { get; } = [];

    /// <summary>The validation instant (val-override-date / val-override-timestamp), UTC.</summary>
    public DateTimeOffset? ValidationTime { get; set; }

    /// <summary>Names looked up at once (the first number of Unbound's target-fetch-policy, at least 1); null: the library's default.</summary>
    public int? ParallelNameServerLookups { get; set; }

    public bool QnameMinimisation { get; set; }

    public string? Value(string name) => Options.LastOrDefault(o => o.Name == name).Value;
}

/// <summary>A zone name with the servers a stub-zone or forward-zone sends it to.</summary>
internal sealed class RplZoneServers(DnsName name)
{
    public DnsName Name { get; } = name;

    public List<IPAddress> Addresses { get; } = [];

    /// <summary>forward-first: yes — iterate when the forwarders fail (forward-zone only).</summary>
    public bool First { get; set; }
}

/// <summary>RANGE_BEGIN first last … RANGE_END: answers valid between two steps, for some servers.</summary>
internal sealed class RplRange
{
    public int FirstStep { get; init; }

    public int LastStep { get; init; }

    /// <summary>The servers this range speaks for; empty means any server.</summary>
    public List<IPAddress> Addresses { get; } = [];

    public List<RplEntry> Entries { get; } = [];

    public bool Covers(int step, IPAddress server) =>
        step >= FirstStep && step <= LastStep && (Addresses.Count == 0 || Addresses.Any(a => a.Equals(server)));
}

/// <summary>ENTRY_BEGIN … ENTRY_END: a message pattern (MATCH) and/or a message (REPLY, SECTION).</summary>
internal sealed class RplEntry
{
    public int Line { get; init; }

    /// <summary>MATCH keywords, lowercased (opcode, qtype, qname, subdomain, all, flags, ede=N …).</summary>
    public HashSet<string> Match { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>ADJUST keywords (copy_id, copy_query …).</summary>
    public HashSet<string> Adjust { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>REPLY header flags (QR AA TC RD RA AD CD, and DO for the EDNS bit).</summary>
    public HashSet<string> Flags { get; } = new(StringComparer.OrdinalIgnoreCase);

    public ResponseCode Rcode { get; set; } = ResponseCode.NoError;

    public OpCode OpCode { get; set; } = OpCode.Query;

    public List<DnsQuestion> Questions { get; } = [];

    public List<ResourceRecord> Answer { get; } = [];

    public List<ResourceRecord> Authority { get; } = [];

    public List<ResourceRecord> Additional { get; } = [];

    /// <summary>A raw packet given in hex instead of sections.</summary>
    public byte[]? RawPacket { get; set; }

    /// <summary>Why part of the entry could not be read (an unparseable record); null when fine.</summary>
    public string? Error { get; set; }

    public bool Has(string flag) => Flags.Contains(flag);

    public DnsQuestion? Question => Questions.Count > 0 ? Questions[0] : null;
}

internal enum RplStepKind
{
    Query,
    CheckAnswer,
    TimePasses,
    CheckOutQuery,
    Reply,
    Nothing,
    Traffic,
    Other,
}

/// <summary>STEP n KIND [ELAPSE s] with its entry.</summary>
internal sealed class RplStep
{
    public int Number { get; init; }

    public RplStepKind Kind { get; init; }

    public string KindText { get; init; } = string.Empty;

    public double ElapseSeconds { get; init; }

    public RplEntry? Entry { get; set; }

    public int Line { get; init; }
}

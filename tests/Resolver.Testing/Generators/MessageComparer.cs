// MessageComparer: structural comparison of DNS messages and records for tests. DnsMessage is a
// mutable class without value equality, and record equality ignores the case of names (RFC 4343),
// so this compares every header field, every section entry and the EDNS fields and options, and
// also the exact bytes of every name and every record's data — a round trip must give back the
// original case, not just an equal name.
using Resolver.Protocol;
using Resolver.Protocol.Records;

namespace Resolver.Testing.Generators;

/// <summary>Lists every difference between two messages or records (empty when they are the same).</summary>
public static class MessageComparer
{
    /// <summary>The differences between <paramref name="expected"/> and <paramref name="actual"/>.</summary>
    public static IReadOnlyList<string> Differences(DnsMessage expected, DnsMessage actual)
    {
        ArgumentNullException.ThrowIfNull(expected);
        ArgumentNullException.ThrowIfNull(actual);
        var diffs = new List<string>();
        Check(diffs, "ID", expected.Id, actual.Id);
        Check(diffs, "QR", expected.IsResponse, actual.IsResponse);
        Check(diffs, "opcode", expected.OpCode, actual.OpCode);
        Check(diffs, "AA", expected.IsAuthoritativeAnswer, actual.IsAuthoritativeAnswer);
        Check(diffs, "TC", expected.IsTruncated, actual.IsTruncated);
        Check(diffs, "RD", expected.RecursionDesired, actual.RecursionDesired);
        Check(diffs, "RA", expected.RecursionAvailable, actual.RecursionAvailable);
        Check(diffs, "Z", expected.ReservedBit, actual.ReservedBit);
        Check(diffs, "AD", expected.AuthenticData, actual.AuthenticData);
        Check(diffs, "CD", expected.CheckingDisabled, actual.CheckingDisabled);
        Check(diffs, "RCODE", expected.ResponseCode, actual.ResponseCode);

        Check(diffs, "question count", expected.Questions.Count, actual.Questions.Count);
        for (int i = 0; i < Math.Min(expected.Questions.Count, actual.Questions.Count); i++)
        {
            DnsQuestion e = expected.Questions[i];
            DnsQuestion a = actual.Questions[i];
            CheckName(diffs, $"question {i} name", e.Name, a.Name);
            Check(diffs, $"question {i} type", e.Type, a.Type);
            Check(diffs, $"question {i} class", e.Class, a.Class);
        }

        CompareSection(diffs, "answer", expected.Answers, actual.Answers);
        CompareSection(diffs, "authority", expected.Authorities, actual.Authorities);
        CompareSection(diffs, "additional", expected.Additionals, actual.Additionals);
        CompareEdns(diffs, expected.Edns, actual.Edns);
        return diffs;
    }

    /// <summary>The differences between two records: owner bytes, class, TTL, type, data (value and bytes).</summary>
    public static IReadOnlyList<string> Differences(ResourceRecord expected, ResourceRecord actual)
    {
        ArgumentNullException.ThrowIfNull(expected);
        ArgumentNullException.ThrowIfNull(actual);
        var diffs = new List<string>();
        CompareRecord(diffs, "record", expected, actual);
        return diffs;
    }

    /// <summary>The differences between two record data: value equality and the exact wire bytes.</summary>
    public static IReadOnlyList<string> Differences(RecordData expected, RecordData actual)
    {
        ArgumentNullException.ThrowIfNull(expected);
        ArgumentNullException.ThrowIfNull(actual);
        var diffs = new List<string>();
        CompareData(diffs, "data", expected, actual);
        return diffs;
    }

    /// <summary>Throws with every difference listed when the messages differ (for use inside properties).</summary>
    public static void AssertSame(DnsMessage expected, DnsMessage actual)
    {
        IReadOnlyList<string> diffs = Differences(expected, actual);
        if (diffs.Count > 0)
        {
            throw new Xunit.Sdk.XunitException("Messages differ:\n  " + string.Join("\n  ", diffs));
        }
    }

    private static void CompareSection(List<string> diffs, string section, IList<ResourceRecord> expected, IList<ResourceRecord> actual)
    {
        Check(diffs, $"{section} count", expected.Count, actual.Count);
        for (int i = 0; i < Math.Min(expected.Count, actual.Count); i++)
        {
            CompareRecord(diffs, $"{section} {i}", expected[i], actual[i]);
        }
    }

    private static void CompareRecord(List<string> diffs, string where, ResourceRecord expected, ResourceRecord actual)
    {
        CheckName(diffs, $"{where} owner", expected.Name, actual.Name);
        Check(diffs, $"{where} class", expected.Class, actual.Class);
        Check(diffs, $"{where} TTL", expected.Ttl, actual.Ttl);
        CompareData(diffs, where, expected.Data, actual.Data);
        if (!expected.Equals(actual))
        {
            diffs.Add($"{where}: ResourceRecord.Equals is false");
        }
    }

    private static void CompareData(List<string> diffs, string where, RecordData expected, RecordData actual)
    {
        Check(diffs, $"{where} type", expected.Type, actual.Type);
        Check(diffs, $"{where} data class", expected.GetType().Name, actual.GetType().Name);
        if (!expected.Equals(actual))
        {
            diffs.Add($"{where} data: expected '{expected}', got '{actual}'");
        }

        if (expected.GetHashCode() != actual.GetHashCode() && expected.Equals(actual))
        {
            diffs.Add($"{where} data: equal but hash codes differ");
        }

        byte[] e = expected.ToWire();
        byte[] a = actual.ToWire();
        if (!e.AsSpan().SequenceEqual(a))
        {
            diffs.Add($"{where} data bytes: expected {Convert.ToHexString(e)}, got {Convert.ToHexString(a)}");
        }
    }

    private static void CompareEdns(List<string> diffs, EdnsRecord? expected, EdnsRecord? actual)
    {
        if (expected is null || actual is null)
        {
            if (expected is not null || actual is not null)
            {
                diffs.Add($"EDNS: expected {(expected is null ? "none" : "present")}, got {(actual is null ? "none" : "present")}");
            }

            return;
        }

        Check(diffs, "EDNS payload size", expected.UdpPayloadSize, actual.UdpPayloadSize);
        Check(diffs, "EDNS version", expected.Version, actual.Version);
        Check(diffs, "EDNS DO", expected.DnssecOk, actual.DnssecOk);
        Check(diffs, "EDNS other flags", expected.OtherFlags, actual.OtherFlags);
        Check(diffs, "EDNS option count", expected.Options.Count, actual.Options.Count);
        for (int i = 0; i < Math.Min(expected.Options.Count, actual.Options.Count); i++)
        {
            if (!expected.Options[i].Equals(actual.Options[i]))
            {
                diffs.Add($"EDNS option {i}: expected '{expected.Options[i]}', got '{actual.Options[i]}'");
            }
        }
    }

    private static void CheckName(List<string> diffs, string what, DnsName expected, DnsName actual)
    {
        if (!expected.WireForm.SequenceEqual(actual.WireForm))
        {
            diffs.Add($"{what}: expected {expected}, got {actual}{(expected.Equals(actual) ? " (differs in case only)" : string.Empty)}");
        }
    }

    private static void Check<T>(List<string> diffs, string what, T expected, T actual)
    {
        if (!EqualityComparer<T>.Default.Equals(expected, actual))
        {
            diffs.Add($"{what}: expected {expected}, got {actual}");
        }
    }
}

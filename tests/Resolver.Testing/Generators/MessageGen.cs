// MessageGen and EdnsGen: FsCheck generators for whole DNS messages — every header flag, any
// opcode, RCODEs including the 12-bit extended ones (which need EDNS, RFC 6891 §6.1.3), zero or
// more questions, records of every type in every section, and EDNS with options including
// Extended DNS Error (RFC 8914). Owner and target names come from a family of related names, so
// that the messages compress the way real responses do.
using FsCheck;
using FsCheck.Fluent;
using Resolver.Protocol;
using Resolver.Protocol.Records;

namespace Resolver.Testing.Generators;

/// <summary>Generators of EDNS(0) options and records.</summary>
public static class EdnsGen
{
    private static readonly string[] s_texts =
        ["", "signature expired", "no SEP matching the DS found for example.", "DNSKEY missing", "ünïcödé", "日本語のテキスト", "key 🔑", "a\0b", "tab\tnewline\n"];

    /// <summary>Extended DNS Error text: UTF-8 that survives a round trip (no trailing NUL, RFC 8914 §2).</summary>
    public static Gen<string> ExtraText { get; } = Gen.Frequency(
        (3, Gen.Elements(s_texts)),
        (2, Gen.Choose(0, 60).SelectMany(n => Gen.ArrayOf(Gen.Choose(0x20, 0x7E).Select(i => (char)i), n)).Select(c => new string(c))),
        (1, Gen.Choose(1, 20).SelectMany(n => Gen.ArrayOf(Gen.Elements('é', 'ß', '€', '\u0001', 'Ω', 'z', ' '), n)).Select(c => new string(c))));

    /// <summary>An Extended DNS Error option: registered info-codes and any other 16-bit value.</summary>
    public static Gen<EdnsOption> ExtendedError { get; } =
        from code in Gen.Frequency((4, Gen.Choose(0, 30)), (1, Gen.Choose(0, ushort.MaxValue)))
        from text in ExtraText
        select (EdnsOption)new ExtendedDnsErrorOption((ExtendedErrorCode)code, text);

    /// <summary>An option kept as bytes: cookies, padding, NSID, client subnet, or any code but 15 (EDE).</summary>
    public static Gen<EdnsOption> Generic { get; } =
        from code in Gen.Frequency(
            (3, Gen.Elements<ushort>(3, 8, 10, 12, 11)),
            (1, Gen.Choose(0, ushort.MaxValue).Select(i => (ushort)i)))
        where code != (ushort)EdnsOptionCode.ExtendedDnsError
        from data in ByteGen.SkewedBlob(0, 24, 300)
        select (EdnsOption)new GenericEdnsOption((EdnsOptionCode)code, data);

    /// <summary>Any option.</summary>
    public static Gen<EdnsOption> Option { get; } = Gen.Frequency((2, ExtendedError), (3, Generic));

    /// <summary>EDNS parameters with 0 to 4 options.</summary>
    public static Gen<EdnsRecord> Record { get; } =
        from payload in Gen.Frequency((3, Gen.Elements<ushort>(512, 1232, 4096)), (1, ByteGen.UInt16))
        from version in Gen.Frequency((4, Gen.Constant<byte>(0)), (1, ByteGen.Any))
        from dnssecOk in ByteGen.Bool
        from otherFlags in Gen.Frequency((4, Gen.Constant(0)), (1, Gen.Choose(0, 0x7FFF)))
        from count in Gen.Frequency((3, Gen.Constant(0)), (3, Gen.Choose(1, 2)), (1, Gen.Choose(3, 4)))
        from options in Gen.ListOf(Option, count)
        select Build(payload, version, dnssecOk, (ushort)otherFlags, options);

    private static EdnsRecord Build(ushort payload, byte version, bool dnssecOk, ushort otherFlags, IEnumerable<EdnsOption> options)
    {
        var edns = new EdnsRecord { UdpPayloadSize = payload, Version = version, DnssecOk = dnssecOk, OtherFlags = otherFlags };
        foreach (EdnsOption option in options)
        {
            edns.Options.Add(option);
        }

        return edns;
    }
}

/// <summary>Generators of questions, resource records and whole messages.</summary>
public static class MessageGen
{
    /// <summary>A class: IN almost always, sometimes CH, HS, NONE, ANY or any value.</summary>
    public static Gen<RrClass> Class { get; } = Gen.Frequency(
        (12, Gen.Constant(RrClass.IN)),
        (1, Gen.Elements(RrClass.CH, RrClass.HS, RrClass.NONE, RrClass.ANY)),
        (1, ByteGen.UInt16.Select(v => (RrClass)v)));

    /// <summary>A TTL: common values and any 32-bit value.</summary>
    public static Gen<uint> Ttl { get; } = Gen.Frequency(
        (3, Gen.Elements<uint>(0, 60, 300, 3600, 86400, 172800)),
        (2, ByteGen.UInt32));

    /// <summary>A record of any type but OPT, owned by a name from <paramref name="owners"/>.</summary>
    public static Gen<ResourceRecord> Record(Gen<DnsName> owners) =>
        from owner in owners
        from rrClass in Class
        from ttl in Ttl
        from data in RecordDataGen.AnyText
        select new ResourceRecord(owner, rrClass, ttl, data);

    /// <summary>A record of any type but OPT with any owner.</summary>
    public static Gen<ResourceRecord> AnyRecord { get; } = Record(NameGen.Any);

    /// <summary>A question.</summary>
    public static Gen<DnsQuestion> Question(Gen<DnsName> names) =>
        from name in names
        from type in RecordDataGen.AnyType
        from rrClass in Class
        select new DnsQuestion(name, type, rrClass);

    private static Gen<HeaderFields> Header { get; } =
        from id in ByteGen.UInt16
        from flags in Gen.ArrayOf(ByteGen.Bool, 8)
        from opcode in Gen.Frequency((6, Gen.Constant(0)), (1, Gen.Choose(0, 15)))
        select new HeaderFields(id, flags, (OpCode)opcode);

    /// <summary>
    /// A message: random header, 0–3 questions, 0–8 records per section (owners drawn from one
    /// family of related names) and EDNS more often than not. RCODEs above 15 only come with EDNS.
    /// </summary>
    public static Gen<DnsMessage> Message { get; } =
        from family in NameGen.Family
        let names = NameGen.Related(family)
        from header in Header
        from questionCount in Gen.Frequency((1, Gen.Constant(0)), (6, Gen.Constant(1)), (1, Gen.Choose(2, 3)))
        from questions in Gen.ListOf(Question(names), questionCount)
        from answers in Section(names)
        from authorities in Section(names)
        from additionals in Section(names)
        from edns in Gen.Frequency((1, Gen.Constant<EdnsRecord?>(null)), (3, EdnsGen.Record.Select(e => (EdnsRecord?)e)))
        from rcode in edns is null ? Gen.Choose(0, 15) : Gen.Frequency((3, Gen.Choose(0, 15)), (1, Gen.Choose(16, 0xFFF)))
        select Build(header, questions, answers, authorities, additionals, edns, rcode);

    private static Gen<IList<ResourceRecord>> Section(Gen<DnsName> names) =>
        Gen.Frequency((2, Gen.Constant(0)), (4, Gen.Choose(1, 3)), (1, Gen.Choose(4, 8)))
            .SelectMany(count => Gen.ListOf(Record(names), count))
            .Select(list => (IList<ResourceRecord>)list.ToList());

    private static DnsMessage Build(
        HeaderFields header,
        IEnumerable<DnsQuestion> questions,
        IEnumerable<ResourceRecord> answers,
        IEnumerable<ResourceRecord> authorities,
        IEnumerable<ResourceRecord> additionals,
        EdnsRecord? edns,
        int rcode)
    {
        var message = new DnsMessage
        {
            Id = header.Id,
            IsResponse = header.Flags[0],
            IsAuthoritativeAnswer = header.Flags[1],
            IsTruncated = header.Flags[2],
            RecursionDesired = header.Flags[3],
            RecursionAvailable = header.Flags[4],
            ReservedBit = header.Flags[5],
            AuthenticData = header.Flags[6],
            CheckingDisabled = header.Flags[7],
            OpCode = header.OpCode,
            ResponseCode = (ResponseCode)rcode,
            Edns = edns,
        };
        Fill(message.Questions, questions);
        Fill(message.Answers, answers);
        Fill(message.Authorities, authorities);
        Fill(message.Additionals, additionals);
        return message;
    }

    private static void Fill<T>(IList<T> target, IEnumerable<T> items)
    {
        foreach (T item in items)
        {
            target.Add(item);
        }
    }

    private sealed record HeaderFields(ushort Id, bool[] Flags, OpCode OpCode);
}

// RecordDataGen: FsCheck generators for the data of every record type the library models (A, AAAA,
// NS, CNAME, DNAME, PTR, MX, TXT, SRV, SOA, DS, DNSKEY, RRSIG, NSEC, NSEC3, NSEC3PARAM, OPT, and the
// application types TLSA, SMIMEA, SSHFP, OPENPGPKEY, CDS, CDNSKEY, CAA, URI, ZONEMD, CSYNC, SVCB,
// HTTPS with every SvcParamKey and unknown keys) and
// for types it does not (UnknownData, RFC 3597). Values are realistic and varied: real key and
// signature sizes next to tiny and huge ones, salts from none to 255 bytes, type bitmaps with
// several windows, TXT strings with quotes, backslashes and bytes above 0x7F.
using System.Net;
using FsCheck;
using FsCheck.Fluent;
using Resolver.Protocol;
using Resolver.Protocol.Records;

namespace Resolver.Testing.Generators;

/// <summary>Generators of <see cref="RecordData"/> for every type.</summary>
public static class RecordDataGen
{
    /// <summary>Every type with a dedicated record-data class and a presentation form (OPT excluded).</summary>
    public static IReadOnlyList<RrType> TextTypes { get; } =
    [
        RrType.A, RrType.AAAA, RrType.NS, RrType.CNAME, RrType.DNAME, RrType.PTR, RrType.MX, RrType.TXT,
        RrType.SRV, RrType.SOA, RrType.DS, RrType.DNSKEY, RrType.RRSIG, RrType.NSEC, RrType.NSEC3, RrType.NSEC3PARAM,
        RrType.TLSA, RrType.SMIMEA, RrType.SSHFP, RrType.OPENPGPKEY, RrType.CDS, RrType.CDNSKEY, RrType.CAA, RrType.URI,
        RrType.ZONEMD, RrType.CSYNC, RrType.SVCB, RrType.HTTPS,
    ];

    /// <summary>The application types of issue 17 (TLSA ... HTTPS): the subset the malformed-data properties mutate.</summary>
    public static IReadOnlyList<RrType> ApplicationTypes { get; } =
    [
        RrType.TLSA, RrType.SMIMEA, RrType.SSHFP, RrType.OPENPGPKEY, RrType.CDS, RrType.CDNSKEY, RrType.CAA, RrType.URI,
        RrType.ZONEMD, RrType.CSYNC, RrType.SVCB, RrType.HTTPS,
    ];

    private static readonly RrType[] s_commonTypes =
    [
        RrType.A, RrType.NS, RrType.CNAME, RrType.SOA, RrType.PTR, RrType.HINFO, RrType.MX, RrType.TXT, RrType.AAAA,
        RrType.SRV, RrType.DNAME, RrType.DS, RrType.SSHFP, RrType.RRSIG, RrType.NSEC, RrType.DNSKEY, RrType.NSEC3,
        RrType.NSEC3PARAM, RrType.TLSA, RrType.CDS, RrType.CDNSKEY, RrType.SVCB, RrType.HTTPS, RrType.CAA,
    ];

    /// <summary>An RR type: usually a common one, sometimes any 16-bit value.</summary>
    public static Gen<RrType> AnyType { get; } = Gen.Frequency(
        (4, Gen.Elements(s_commonTypes)),
        (1, ByteGen.UInt16.Select(v => (RrType)v)))
        .Where(t => !EmbeddedNames.Has(t)); // those need well-formed data: see LegacyNamed

    /// <summary>A type without a dedicated class (named ones such as HINFO, and unnamed ones).</summary>
    public static Gen<RrType> UnknownType { get; } = Gen.Frequency(
            (1, Gen.Elements(RrType.HINFO, RrType.SSHFP, RrType.TLSA, RrType.CDS, RrType.CDNSKEY, RrType.SVCB, RrType.HTTPS, RrType.CAA, RrType.ANY, RrType.AXFR)),
            (3, ByteGen.UInt16.Select(v => (RrType)v)))
        .Where(t => !RecordDataRegistry.IsKnown(t) && !EmbeddedNames.Has(t));

    /// <summary>A DNSSEC algorithm number: the registered ones and any other byte.</summary>
    public static Gen<DnssecAlgorithm> Algorithm { get; } = Gen.Frequency(
        (4, Gen.Elements<byte>(5, 7, 8, 10, 13, 14, 15, 16).Select(b => (DnssecAlgorithm)b)),
        (1, ByteGen.Any.Select(b => (DnssecAlgorithm)b)));

    /// <summary>A character-string: printable text, text needing escapes, any bytes, empty, or 255 bytes.</summary>
    public static Gen<byte[]> CharacterString { get; } = Gen.Frequency(
        (4, Gen.Choose(0, 40).SelectMany(n => Gen.ArrayOf(Gen.Choose(0x20, 0x7E).Select(i => (byte)i), n))),
        (2, Gen.Choose(1, 30).SelectMany(n => Gen.ArrayOf(Gen.Elements("\"\\; ()$@\t\r\n\0"u8.ToArray()), n))),
        (2, ByteGen.Blob(0, 255)),
        (1, Gen.Constant(Array.Empty<byte>())),
        (1, ByteGen.Blob(255, 255)),
        (1, Gen.Elements("v=spf1 -all", "héllo wörld", "日本語", "🔑 key", "\"quoted\"", "back\\slash")
            .Select(s => System.Text.Encoding.UTF8.GetBytes(s))));

    /// <summary>An NSEC3 salt: none (RFC 9276 recommends it), 8 bytes, or up to the 255-byte limit.</summary>
    public static Gen<byte[]> Salt { get; } = Gen.Frequency(
        (3, Gen.Constant(Array.Empty<byte>())),
        (3, ByteGen.Blob(1, 16)),
        (1, ByteGen.Blob(17, 255)));

    /// <summary>A type bitmap: empty, a typical set, or a spread over several windows.</summary>
    public static Gen<TypeBitmap> Bitmap { get; } = Gen.Frequency(
        (1, Gen.Constant(TypeBitmap.Empty)),
        (4, Gen.ListOf(Gen.Elements(s_commonTypes), 5).Select(TypeBitmap.FromTypes)),
        (2, from count in Gen.Choose(1, 12)
            from types in Gen.ListOf(AnyType, count)
            select TypeBitmap.FromTypes(types)));

    /// <summary>A = an IPv4 address.</summary>
    public static Gen<RecordData> A { get; } = ByteGen.Blob(4, 4).Select(b => (RecordData)new AData(new IPAddress(b)));

    /// <summary>AAAA = an IPv6 address, including ::, ::1 and IPv4-mapped ones.</summary>
    public static Gen<RecordData> Aaaa { get; } = Gen.Frequency(
            (6, ByteGen.Blob(16, 16)),
            (1, Gen.Elements(new byte[16], IPAddress.IPv6Loopback.GetAddressBytes(), IPAddress.Parse("::ffff:192.0.2.1").GetAddressBytes(), IPAddress.Parse("2001:db8::53").GetAddressBytes())))
        .Select(b => (RecordData)new AaaaData(new IPAddress(b)));

    /// <summary>NS.</summary>
    public static Gen<RecordData> Ns { get; } = Target.Select(n => (RecordData)new NsData(n));

    /// <summary>CNAME.</summary>
    public static Gen<RecordData> Cname { get; } = Target.Select(n => (RecordData)new CnameData(n));

    /// <summary>DNAME.</summary>
    public static Gen<RecordData> Dname { get; } = Target.Select(n => (RecordData)new DnameData(n));

    /// <summary>PTR.</summary>
    public static Gen<RecordData> Ptr { get; } = Target.Select(n => (RecordData)new PtrData(n));

    /// <summary>MX.</summary>
    public static Gen<RecordData> Mx { get; } =
        from preference in ByteGen.UInt16
        from exchange in Target
        select (RecordData)new MxData(preference, exchange);

    /// <summary>TXT: one to many character-strings, empty to 255 bytes, printable or not.</summary>
    public static Gen<RecordData> Txt { get; } =
        from count in Gen.Frequency((6, Gen.Choose(1, 3)), (1, Gen.Choose(4, 20)))
        from strings in Gen.ListOf(CharacterString, count)
        select (RecordData)new TxtData(strings.Select(s => new ReadOnlyMemory<byte>(s)));

    /// <summary>SRV.</summary>
    public static Gen<RecordData> Srv { get; } =
        from priority in ByteGen.UInt16
        from weight in ByteGen.UInt16
        from port in Gen.Frequency((3, Gen.Elements<ushort>(53, 443, 5060, 853)), (1, ByteGen.UInt16))
        from target in Target
        select (RecordData)new SrvData(priority, weight, port, target);

    /// <summary>SOA.</summary>
    public static Gen<RecordData> Soa { get; } =
        from mname in Target
        from rname in Target
        from serial in ByteGen.UInt32
        from refresh in ByteGen.UInt32
        from retry in ByteGen.UInt32
        from expire in ByteGen.UInt32
        from minimum in ByteGen.UInt32
        select (RecordData)new SoaData(mname, rname, serial, refresh, retry, expire, minimum);

    // DS digests, DNSKEY keys and RRSIG signatures are never empty here: the wire form allows it
    // but the presentation form cannot express it (see Properties/Regressions.cs in
    // Resolver.Protocol.Tests), and a generator that hit it in every run would hide other failures.

    /// <summary>DS: SHA-1, SHA-256 and SHA-384 digest sizes, and odd ones.</summary>
    public static Gen<RecordData> Ds { get; } =
        from keyTag in ByteGen.UInt16
        from algorithm in Algorithm
        from digestType in Gen.Frequency((4, Gen.Elements<byte>(1, 2, 4)), (1, ByteGen.Any))
        from digest in Gen.Frequency((4, Gen.Elements(20, 32, 48).SelectMany(n => ByteGen.Blob(n, n))), (1, ByteGen.Blob(1, 100)))
        select (RecordData)new DsData(keyTag, algorithm, (DigestType)digestType, digest);

    /// <summary>DNSKEY: KSK/ZSK/revoked flags and keys from 32 bytes (Ed25519) to RSA-4096 size.</summary>
    public static Gen<RecordData> Dnskey { get; } =
        from flags in Gen.Frequency((4, Gen.Elements<ushort>(256, 257, 385, 0)), (1, ByteGen.UInt16))
        from protocol in Gen.Frequency((6, Gen.Constant<byte>(3)), (1, ByteGen.Any))
        from algorithm in Algorithm
        from key in Gen.Frequency((4, Gen.Elements(32, 57, 64, 96, 132, 260, 264, 516).SelectMany(n => ByteGen.Blob(n, n))), (1, ByteGen.Blob(1, 1100)))
        select (RecordData)new DnskeyData(flags, protocol, algorithm, key);

    /// <summary>RRSIG: any covered type, real signature sizes, times anywhere in the 32-bit range.</summary>
    public static Gen<RecordData> Rrsig { get; } =
        from typeCovered in AnyType
        from algorithm in Algorithm
        from labels in Gen.Frequency((4, Gen.Choose(0, 6)), (1, Gen.Choose(0, 255)))
        from originalTtl in ByteGen.UInt32
        from expiration in ByteGen.UInt32
        from inception in ByteGen.UInt32
        from keyTag in ByteGen.UInt16
        from signer in NameGen.Any
        from signature in Gen.Frequency((4, Gen.Elements(64, 114, 128, 256, 512).SelectMany(n => ByteGen.Blob(n, n))), (1, ByteGen.Blob(1, 600)))
        select (RecordData)new RrsigData(typeCovered, algorithm, (byte)labels, originalTtl, expiration, inception, keyTag, signer, signature);

    /// <summary>NSEC.</summary>
    public static Gen<RecordData> Nsec { get; } =
        from next in NameGen.Any
        from bitmap in Bitmap
        select (RecordData)new NsecData(next, bitmap);

    /// <summary>NSEC3: SHA-1 sized hashes mostly, salts from none to 255 bytes, opt-out or not.</summary>
    public static Gen<RecordData> Nsec3 { get; } =
        from algorithm in Gen.Frequency((6, Gen.Constant<byte>(1)), (1, ByteGen.Any))
        from flags in Gen.Frequency((6, Gen.Elements<byte>(0, 1)), (1, ByteGen.Any))
        from iterations in ByteGen.UInt16
        from salt in Salt
        from next in Gen.Frequency((6, ByteGen.Blob(20, 20)), (1, ByteGen.Blob(1, 255)))
        from bitmap in Bitmap
        select (RecordData)new Nsec3Data(algorithm, flags, iterations, salt, next, bitmap);

    /// <summary>NSEC3PARAM.</summary>
    public static Gen<RecordData> Nsec3Param { get; } =
        from algorithm in Gen.Frequency((6, Gen.Constant<byte>(1)), (1, ByteGen.Any))
        from flags in Gen.Frequency((6, Gen.Constant<byte>(0)), (1, ByteGen.Any))
        from iterations in ByteGen.UInt16
        from salt in Salt
        select (RecordData)new Nsec3ParamData(algorithm, flags, iterations, salt);

    private static Gen<byte[]> NonEmptyBlob(int max) => Gen.Frequency(
        (4, Gen.Elements(20, 32, 48, 64).SelectMany(n => ByteGen.Blob(n, n))),
        (1, ByteGen.Blob(1, max)));

    private static readonly Gen<(byte Usage, byte Selector, byte Matching, byte[] Data)> s_association =
        from usage in Gen.Frequency((4, Gen.Elements<byte>(0, 1, 2, 3)), (1, ByteGen.Any))
        from selector in Gen.Frequency((4, Gen.Elements<byte>(0, 1)), (1, ByteGen.Any))
        from matching in Gen.Frequency((4, Gen.Elements<byte>(0, 1, 2)), (1, ByteGen.Any))
        from data in NonEmptyBlob(600)
        select (usage, selector, matching, data);

    /// <summary>TLSA (RFC 6698): usual usages, selectors and matching types, SHA sizes and whole certificates.</summary>
    public static Gen<RecordData> Tlsa { get; } = s_association.Select(a => (RecordData)new TlsaData(a.Usage, a.Selector, a.Matching, a.Data));

    /// <summary>SMIMEA (RFC 8162).</summary>
    public static Gen<RecordData> Smimea { get; } = s_association.Select(a => (RecordData)new SmimeaData(a.Usage, a.Selector, a.Matching, a.Data));

    /// <summary>SSHFP (RFC 4255, 6594, 7479).</summary>
    public static Gen<RecordData> Sshfp { get; } =
        from algorithm in Gen.Frequency((4, Gen.Elements<byte>(1, 2, 3, 4, 6)), (1, ByteGen.Any))
        from type in Gen.Frequency((4, Gen.Elements<byte>(1, 2)), (1, ByteGen.Any))
        from fingerprint in NonEmptyBlob(100)
        select (RecordData)new SshfpData(algorithm, type, fingerprint);

    /// <summary>OPENPGPKEY (RFC 7929).</summary>
    public static Gen<RecordData> Openpgpkey { get; } = ByteGen.Blob(1, 1200).Select(k => (RecordData)new OpenpgpkeyData(k));

    /// <summary>CDS (RFC 7344), including the RFC 8078 delete form.</summary>
    public static Gen<RecordData> Cds { get; } = Gen.Frequency(
        (6, Ds.Select(d => (RecordData)new CdsData((DsData)d))),
        (1, Gen.Constant((RecordData)new CdsData(new DsData(0, 0, 0, [0])))));

    /// <summary>CDNSKEY (RFC 7344), including the RFC 8078 delete form.</summary>
    public static Gen<RecordData> Cdnskey { get; } = Gen.Frequency(
        (6, Dnskey.Select(d => (RecordData)new CdnskeyData((DnskeyData)d))),
        (1, Gen.Constant((RecordData)new CdnskeyData(new DnskeyData(0, 3, 0, [0])))));

    /// <summary>CAA (RFC 8659): the registered tags and random ones, values from empty to past 255 bytes.</summary>
    public static Gen<RecordData> Caa { get; } =
        from flags in Gen.Frequency((4, Gen.Elements<byte>(0, 128)), (1, ByteGen.Any))
        from tag in Gen.Frequency(
            (4, Gen.Elements("issue", "issuewild", "iodef", "contactemail", "issuemail", "Issue")),
            (1, Gen.Choose(1, 20).SelectMany(n => Gen.ArrayOf(Gen.Elements("abcXYZ019".ToCharArray()), n)).Select(c => new string(c))))
        from value in Gen.Frequency((3, CharacterString), (1, ByteGen.Blob(256, 700)))
        select (RecordData)new CaaData(flags, tag, value);

    /// <summary>URI (RFC 7553).</summary>
    public static Gen<RecordData> Uri { get; } =
        from priority in ByteGen.UInt16
        from weight in ByteGen.UInt16
        from target in Gen.Frequency(
            (3, Gen.Elements("ftp://ftp1.example.com/public", "https://www.example.com/path?q=\"x\"", "mailto:ops@example.net").Select(s => System.Text.Encoding.UTF8.GetBytes(s))),
            (1, ByteGen.Blob(1, 400)))
        select (RecordData)new UriData(priority, weight, target);

    /// <summary>ZONEMD (RFC 8976): SHA-384 and SHA-512 sizes, and odd digests of 12 bytes or more.</summary>
    public static Gen<RecordData> Zonemd { get; } =
        from serial in ByteGen.UInt32
        from scheme in Gen.Frequency((4, Gen.Constant<byte>(1)), (1, ByteGen.Any))
        from hash in Gen.Frequency((4, Gen.Elements<byte>(1, 2)), (1, ByteGen.Any))
        from digest in Gen.Frequency((4, Gen.Elements(48, 64).SelectMany(n => ByteGen.Blob(n, n))), (1, ByteGen.Blob(12, 100)))
        select (RecordData)new ZonemdData(serial, scheme, hash, digest);

    /// <summary>CSYNC (RFC 7477).</summary>
    public static Gen<RecordData> Csync { get; } =
        from serial in ByteGen.UInt32
        from flags in Gen.Frequency((4, Gen.Elements<ushort>(0, 1, 2, 3)), (1, ByteGen.UInt16))
        from bitmap in Bitmap
        select (RecordData)new CsyncData(serial, flags, bitmap);

    /// <summary>One SvcParam of any key with a well-formed value (RFC 9460 §7), unknown keys included.</summary>
    public static Gen<SvcParam> SvcParam { get; } = Gen.Frequency(
        (2, from count in Gen.Choose(1, 3)
            from ids in Gen.ListOf(Gen.Frequency(
                (4, Gen.Elements("h2", "h3", "http/1.1", "dot", "doq").Select(s => System.Text.Encoding.ASCII.GetBytes(s))),
                (1, Gen.Choose(1, 12).SelectMany(n => Gen.ArrayOf(Gen.Elements("a,\\\" ;\x01\xff".Select(c => (byte)c).ToArray()), n)))), count)
            select new SvcParam(SvcParamKey.Alpn, [.. ids.SelectMany(id => new[] { (byte)id.Length }.Concat(id))])),
        (1, Gen.Constant(new SvcParam(SvcParamKey.NoDefaultAlpn, []))),
        (2, ByteGen.UInt16.Select(p => new SvcParam(SvcParamKey.Port, [(byte)(p >> 8), (byte)p]))),
        (2, Gen.Choose(1, 4).SelectMany(n => ByteGen.Blob(4 * n, 4 * n)).Select(v => new SvcParam(SvcParamKey.Ipv4Hint, v))),
        (1, ByteGen.Blob(0, 80).Select(v => new SvcParam(SvcParamKey.Ech, v))),
        (2, Gen.Choose(1, 3).SelectMany(n => ByteGen.Blob(16 * n, 16 * n)).Select(v => new SvcParam(SvcParamKey.Ipv6Hint, v))),
        (2, from key in Gen.Choose(7, 65534)
            from value in Gen.Frequency((3, CharacterString), (1, ByteGen.Blob(0, 300)))
            select new SvcParam((SvcParamKey)key, value)));

    private static Gen<T> ServiceBinding<T>(Func<ushort, DnsName, IEnumerable<SvcParam>, T> create) =>
        from priority in Gen.Frequency((1, Gen.Constant<ushort>(0)), (4, Gen.Choose(1, 3).Select(i => (ushort)i)), (1, ByteGen.UInt16))
        from target in Gen.Frequency((1, Gen.Constant(DnsName.Root)), (3, NameGen.Any))
        from count in Gen.Frequency((1, Gen.Constant(0)), (4, Gen.Choose(1, 6)))
        from candidates in Gen.ListOf(SvcParam, count)
        from mandatory in Gen.Elements(false, true)
        select create(priority, target, WithMandatory(candidates.DistinctBy(p => p.Key).ToList(), mandatory));

    // Keys distinct; when asked, a mandatory list naming some of the keys present (RFC 9460 §8).
    private static List<SvcParam> WithMandatory(List<SvcParam> parameters, bool mandatory)
    {
        if (!mandatory || parameters.Count == 0)
        {
            return parameters;
        }

        byte[] keys = [.. parameters.Select(p => (ushort)p.Key).Order().Take(3).SelectMany(k => new[] { (byte)(k >> 8), (byte)k })];
        return [.. parameters, new SvcParam(SvcParamKey.Mandatory, keys)];
    }

    /// <summary>SVCB (RFC 9460): AliasMode and ServiceMode, every registered key, unknown keys, mandatory lists.</summary>
    public static Gen<RecordData> Svcb { get; } = ServiceBinding((p, t, s) => (RecordData)new SvcbData(p, t, s));

    /// <summary>HTTPS (RFC 9460 §9).</summary>
    public static Gen<RecordData> Https { get; } = ServiceBinding((p, t, s) => (RecordData)new HttpsData(p, t, s));

    /// <summary>Data of one of the application types (TLSA ... HTTPS).</summary>
    public static Gen<RecordData> Application { get; } = Gen.OneOf(
        Tlsa, Smimea, Sshfp, Openpgpkey, Cds, Cdnskey, Caa, Uri, Zonemd, Csync, Svcb, Https);

    /// <summary>
    /// Opaque data of older types that carry names (RFC 4034 §6.2 list, Records/EmbeddedNames.cs), laid
    /// out as their RFCs say: RP (two names), AFSDB (preference + name), MB (a name), NAPTR (two 16-bit
    /// fields, three character-strings, a name).
    /// </summary>
    public static Gen<RecordData> LegacyNamed { get; } = Gen.OneOf(
        from mbox in NameGen.Any
        from txt in NameGen.Any
        select (RecordData)new UnknownData((RrType)17, [.. mbox.WireForm, .. txt.WireForm]),
        from subtype in ByteGen.UInt16
        from host in NameGen.Any
        select (RecordData)new UnknownData((RrType)18, [(byte)(subtype >> 8), (byte)subtype, .. host.WireForm]),
        from mailbox in NameGen.Any
        select (RecordData)new UnknownData((RrType)7, [.. mailbox.WireForm]),
        from order in ByteGen.UInt16
        from preference in ByteGen.UInt16
        from flags in CharacterString
        from services in CharacterString
        from regexp in CharacterString
        from replacement in NameGen.Any
        select (RecordData)new UnknownData((RrType)35,
            [(byte)(order >> 8), (byte)order, (byte)(preference >> 8), (byte)preference,
             (byte)flags.Length, .. flags, (byte)services.Length, .. services, (byte)regexp.Length, .. regexp,
             .. replacement.WireForm]));

    /// <summary>Opaque data of a type without a dedicated class, empty to a few hundred bytes.</summary>
    public static Gen<RecordData> Unknown { get; } = Gen.Frequency(
        (6, from type in UnknownType
            from data in ByteGen.SkewedBlob(0, 16, 400)
            select (RecordData)new UnknownData(type, data)),
        (1, LegacyNamed));

    /// <summary>OPT data (wire only: OPT has no presentation form).</summary>
    public static Gen<RecordData> Opt { get; } =
        from options in Gen.ListOf(EdnsGen.Option, 3)
        select (RecordData)new OptData(options);

    /// <summary>Data of any type that has a presentation form (every type but OPT).</summary>
    public static Gen<RecordData> AnyText { get; } = Gen.OneOf(
        A, Aaaa, Ns, Cname, Dname, Ptr, Mx, Txt, Srv, Soa, Ds, Dnskey, Rrsig, Nsec, Nsec3, Nsec3Param, Unknown, Application);

    /// <summary>Data of the given type (<see cref="Unknown"/> for types without a dedicated class).</summary>
    public static Gen<RecordData> ForType(RrType type) => type switch
    {
        RrType.A => A,
        RrType.AAAA => Aaaa,
        RrType.NS => Ns,
        RrType.CNAME => Cname,
        RrType.DNAME => Dname,
        RrType.PTR => Ptr,
        RrType.MX => Mx,
        RrType.TXT => Txt,
        RrType.SRV => Srv,
        RrType.SOA => Soa,
        RrType.DS => Ds,
        RrType.DNSKEY => Dnskey,
        RrType.RRSIG => Rrsig,
        RrType.NSEC => Nsec,
        RrType.NSEC3 => Nsec3,
        RrType.NSEC3PARAM => Nsec3Param,
        RrType.OPT => Opt,
        RrType.TLSA => Tlsa,
        RrType.SMIMEA => Smimea,
        RrType.SSHFP => Sshfp,
        RrType.OPENPGPKEY => Openpgpkey,
        RrType.CDS => Cds,
        RrType.CDNSKEY => Cdnskey,
        RrType.CAA => Caa,
        RrType.URI => Uri,
        RrType.ZONEMD => Zonemd,
        RrType.CSYNC => Csync,
        RrType.SVCB => Svcb,
        RrType.HTTPS => Https,
        _ => ByteGen.SkewedBlob(0, 16, 400).Select(data => (RecordData)new UnknownData(type, data)),
    };

    private static Gen<DnsName> Target => Gen.Frequency((3, NameGen.Host), (2, NameGen.Any));
}

// RecordDataRegistry: the one table from RR type to its wire reader and text parser. Types not in
// the table are read and written as opaque bytes (UnknownData, RFC 3597).
using System.Collections.Frozen;
using Resolver.Protocol.Text;
using Resolver.Protocol.Wire;

namespace Resolver.Protocol.Records;

/// <summary>Reads record data of a given type from wire form or presentation text.</summary>
public static class RecordDataRegistry
{
    internal delegate RecordData WireReader(ref DnsReader reader, int length);

    internal delegate RecordData TextParser(RdataTextReader reader);

    private readonly record struct Codec(WireReader Read, TextParser Parse);

    private static readonly FrozenDictionary<RrType, Codec> s_codecs = new Dictionary<RrType, Codec>
    {
        [RrType.A] = new(AData.ReadData, AData.ParseData),
        [RrType.NS] = new(NsData.ReadData, NsData.ParseData),
        [RrType.SOA] = new(SoaData.ReadData, SoaData.ParseData),
        [RrType.DS] = new(DsData.ReadData, DsData.ParseData),
        [RrType.DNSKEY] = new(DnskeyData.ReadData, DnskeyData.ParseData),
        [RrType.RRSIG] = new(RrsigData.ReadData, RrsigData.ParseData),
        [RrType.AAAA] = new(AaaaData.ReadData, AaaaData.ParseData),
        [RrType.CNAME] = new(CnameData.ReadData, CnameData.ParseData),
        [RrType.DNAME] = new(DnameData.ReadData, DnameData.ParseData),
        [RrType.PTR] = new(PtrData.ReadData, PtrData.ParseData),
        [RrType.MX] = new(MxData.ReadData, MxData.ParseData),
        [RrType.TXT] = new(TxtData.ReadData, TxtData.ParseData),
        [RrType.SRV] = new(SrvData.ReadData, SrvData.ParseData),
        [RrType.NSEC] = new(NsecData.ReadData, NsecData.ParseData),
        [RrType.NSEC3] = new(Nsec3Data.ReadData, Nsec3Data.ParseData),
        [RrType.NSEC3PARAM] = new(Nsec3ParamData.ReadData, Nsec3ParamData.ParseData),
        [RrType.OPT] = new(OptData.ReadData, OptData.ParseData),
        [RrType.SSHFP] = new(SshfpData.ReadData, SshfpData.ParseData),
        [RrType.TLSA] = new(TlsaData.ReadData, TlsaData.ParseData),
        [RrType.SMIMEA] = new(SmimeaData.ReadData, SmimeaData.ParseData),
        [RrType.CDS] = new(CdsData.ReadData, CdsData.ParseData),
        [RrType.CDNSKEY] = new(CdnskeyData.ReadData, CdnskeyData.ParseData),
        [RrType.OPENPGPKEY] = new(OpenpgpkeyData.ReadData, OpenpgpkeyData.ParseData),
        [RrType.CSYNC] = new(CsyncData.ReadData, CsyncData.ParseData),
        [RrType.ZONEMD] = new(ZonemdData.ReadData, ZonemdData.ParseData),
        [RrType.URI] = new(UriData.ReadData, UriData.ParseData),
        [RrType.CAA] = new(CaaData.ReadData, CaaData.ParseData),
        [RrType.SVCB] = new(SvcbData.ReadData, SvcbData.ParseData),
        [RrType.HTTPS] = new(HttpsData.ReadData, HttpsData.ParseData),
    }.ToFrozenDictionary();

    /// <summary>True when <paramref name="type"/> has a dedicated record-data type.</summary>
    public static bool IsKnown(RrType type) => s_codecs.ContainsKey(type);

    /// <summary>
    /// Reads <paramref name="length"/> bytes of record data of <paramref name="type"/> at the reader's
    /// position. The data must use exactly <paramref name="length"/> bytes.
    /// </summary>
    /// <exception cref="DnsFormatException">The data is malformed for its type.</exception>
    public static RecordData Read(RrType type, ref DnsReader reader, int length)
    {
        int start = reader.Position;
        if (length < 0 || length > reader.Remaining)
        {
            ThrowHelper.Format($"Record data length {length} runs past the end of the message", start);
        }

        RecordData data = s_codecs.TryGetValue(type, out var codec)
            ? codec.Read(ref reader, length)
            : EmbeddedNames.ReadUncompressed(type, ref reader, length) is { } expanded
                ? new UnknownData(type, expanded)
                : UnknownData.ReadData(type, ref reader, length);
        if (reader.Position != start + length)
        {
            ThrowHelper.Format($"{type} record data used {reader.Position - start} of its {length} bytes", start);
        }

        return data;
    }

    /// <summary>Reads record data of <paramref name="type"/> from its uncompressed wire form alone.</summary>
    /// <exception cref="DnsFormatException">The data is malformed for its type.</exception>
    public static RecordData FromWire(RrType type, ReadOnlySpan<byte> data)
    {
        var reader = new DnsReader(data);
        return Read(type, ref reader, data.Length);
    }

    /// <summary>Parses record data of <paramref name="type"/> from presentation fields, including the
    /// generic <c>\# length hex</c> form of RFC 3597 §5 for any type.</summary>
    internal static RecordData Parse(RrType type, RdataTextReader reader)
    {
        if (reader.PeekIsGenericMarker())
        {
            byte[] bytes = reader.ReadGenericData();
            if (type == RrType.OPT)
            {
                return reader.Fail<RecordData>("OPT is a pseudo-record and has no presentation form.");
            }

            try
            {
                return FromWire(type, bytes);
            }
            catch (DnsFormatException e)
            {
                return reader.Fail<RecordData>($"\\# data is not valid {type} data: {e.Message}");
            }
        }

        RecordData data = s_codecs.TryGetValue(type, out var codec)
            ? codec.Parse(reader)
            : EmbeddedNames.ParseText(type, reader) is { } legacy
                ? new UnknownData(type, legacy)
                : reader.Fail<RecordData>($"Type {RrTypeText.Format(type)} has no presentation form here; use \\# length hex (RFC 3597).");
        reader.ExpectEnd();
        return data;
    }
}

// TwoAlgorithmZones: hierarchies (root → test. → example.test.) whose example.test. has an RSA/SHA-256
// key and an ECDSA P-256 key, for the rules about several algorithms (RFC 4035 §2.2, RFC 6840 §5.11,
// algorithm downgrade hardening): a DS for both but only ECDSA signing (the lab's dsboth.keys.), an
// algorithm rollover where both sign but only the RSA key has a DS (algroll.keys.), and both with a
// DS and signing except one RRset that lost its RSA signature. Shared by the resolver tests and the
// scenario generator.
using Resolver.Protocol;
using Resolver.Protocol.Records;

namespace Resolver.Testing.Signing;

/// <summary>Hierarchies with two algorithms in example.test.</summary>
public static class TwoAlgorithmZones
{
    private static readonly DnsName s_tld = DnsName.Parse("test.");
    private static readonly DnsName s_example = DnsName.Parse("example.test.");

    /// <summary>The name whose A RRset <see cref="DataMissingRsaSignature"/> leaves signed by ECDSA only.</summary>
    public static DnsName Www { get; } = DnsName.Parse("www.example.test.");

    private const string Data = "www A 192.0.2.80\nwww TXT \"two algorithms\"\n";

    private static SigningKey Rsa => ZoneKeys.Generate(s_example, false, DnssecAlgorithm.RsaSha256)[0];

    private static SigningKey Ecdsa => ZoneKeys.Generate(s_example, false, DnssecAlgorithm.EcdsaP256Sha256)[0];

    /// <summary>DS for the RSA and the ECDSA key; the RSA key is published but everything is signed with ECDSA only.</summary>
    public static ZoneHierarchy DsForBothSignedByOne()
    {
        ZoneHierarchy h = Build(new ZoneSigningOptions { Keys = [Ecdsa], PublishedOnly = [Rsa] });
        return WithDs(h, Rsa, Ecdsa);
    }

    /// <summary>Both keys sign every RRset; the DS names the RSA key only (an algorithm rollover, RFC 6781 §4.1.4).</summary>
    public static ZoneHierarchy RolloverDsForOne()
    {
        ZoneHierarchy h = Build(new ZoneSigningOptions { Keys = [Rsa, Ecdsa] });
        return WithDs(h, Rsa);
    }

    /// <summary>DS for both, both sign everything, except that <see cref="Www"/>/A carries only its ECDSA signature.</summary>
    public static ZoneHierarchy DataMissingRsaSignature()
    {
        ZoneHierarchy h = Build(new ZoneSigningOptions { Keys = [Rsa, Ecdsa] });
        return h.With(h[s_example].StripSignatures(Www, RrType.A, Rsa.KeyTag));
    }

    private static ZoneHierarchy Build(ZoneSigningOptions example) => new ZoneHierarchyBuilder()
        .AddZone(".")
        .AddZone("test.")
        .AddZone("example.test.", example, text: Data)
        .Build();

    private static ZoneHierarchy WithDs(ZoneHierarchy h, params SigningKey[] keys)
    {
        RecordData[] ds = [.. keys.Select(k => (RecordData)k.CreateDs(s_example, DigestType.Sha256))];
        return h.With(h[s_tld].ReplaceRrSet(new RrSet(s_example, RrClass.IN, RrType.DS, 3600, ds), resign: true));
    }
}

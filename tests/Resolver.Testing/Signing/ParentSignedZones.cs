// ParentSignedZones: a hierarchy (root → test. → example.test.) in which www.example.test./A, data
// of the delegated child zone example.test., carries only a signature made with the parent's key
// (signer test.) — a valid signature by the wrong zone (RFC 4035 §5.3.1: the signer must be the zone
// that holds the data; the lab's parentsig.sigs.). test. also holds data of its own (host.test.),
// and the child's other names stay correctly signed. Shared by the resolver tests and the generator.
using Resolver.Protocol;
using Resolver.Protocol.Records;

namespace Resolver.Testing.Signing;

/// <summary>A child zone's RRset signed by its parent.</summary>
public static class ParentSignedZones
{
    private static readonly DnsName s_tld = DnsName.Parse("test.");
    private static readonly DnsName s_example = DnsName.Parse("example.test.");

    /// <summary>The child's name whose A RRset the parent signed.</summary>
    public static DnsName Www { get; } = DnsName.Parse("www.example.test.");

    /// <summary>A correctly signed name of the child.</summary>
    public static DnsName Ok { get; } = DnsName.Parse("ok.example.test.");

    /// <summary>A name in the parent zone itself, signed by the parent.</summary>
    public static DnsName ParentData { get; } = DnsName.Parse("host.test.");

    /// <summary>The hierarchy.</summary>
    public static ZoneHierarchy Build()
    {
        ZoneHierarchy h = new ZoneHierarchyBuilder()
            .AddZone(".")
            .AddZone("test.", text: "host A 192.0.2.70\n")
            .AddZone("example.test.", text: "www A 192.0.2.71\nok A 192.0.2.72\n")
            .Build();
        SignedZone parent = h[s_tld];
        SignedZone child = h[s_example];
        RrSet www = child.GetRrSet(Www, RrType.A)!;
        SigningKey parentZsk = parent.Zsks.Count > 0 ? parent.Zsks[0] : parent.Keys[0];
        ResourceRecord bySigner = RrsetSigner.SignToRecord(www, parentZsk, s_tld, child.Options.Inception, child.Options.Expiration);
        var records = child.Records.Where(r => !(r.Name == Www && r.Data is RrsigData { TypeCovered: RrType.A })).Append(bySigner);
        return h.With(child.WithRecords(records));
    }
}

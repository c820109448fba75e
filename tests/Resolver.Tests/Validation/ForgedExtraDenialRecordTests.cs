// Regression (found by tests/Resolver.Fuzz): a denial whose authority section carried, beside the
// NSEC records the proof needs, another of the zone's NSEC records with its RDATA altered (its
// RRSIG no longer verifies) came out Secure — the altered record was skipped as if it were not
// there. RFC 4035 §5.5: a response whose signatures do not validate is BAD; Unbound
// (validate_msg_signatures) makes the whole message Bogus when any authority RRset fails.
using Resolver.Protocol;
using Resolver.Protocol.Records;
using Resolver.Testing.Signing;
using static Resolver.Tests.Scenarios.ScenarioZones;

namespace Resolver.Tests.Validation;

public sealed class ForgedExtraDenialRecordTests
{
    private static TrustAnchorStore Anchors => TrustAnchorStore.Create(Standard.TrustAnchorDs.Select(r => new TrustAnchor(r.Name, r.Data)));

    /// <summary>The response with one more of the zone's NSEC/NSEC3 RRsets (and its RRSIGs) added to the authority, its RDATA changed by <paramref name="forge"/>.</summary>
    private static DnsMessage WithForgedExtra(string qname, RrType qtype, string zone, Func<ResourceRecord, ResourceRecord> forge,
        Func<ResourceRecord, ResourceRecord>? forgeSignature = null)
    {
        DnsMessage response = Scenarios.OfflineValidatorTests.ResponseFor(Standard, qname, qtype);
        var present = response.Authorities.Where(r => r.Type is RrType.NSEC or RrType.NSEC3).Select(r => r.Name).ToHashSet();
        var extra = Standard[zone].Records
            .Where(r => (r.Data is RrsigData s ? s.TypeCovered : r.Type) is RrType.NSEC or RrType.NSEC3 && !present.Contains(r.Name))
            .GroupBy(r => r.Name).First();
        foreach (ResourceRecord r in extra)
        {
            response.Authorities.Add(r.Data is RrsigData ? (forgeSignature ?? (x => x))(r) : forge(r));
        }

        return DnsMessage.Parse(response.ToWire());
    }

    private static Nsec3Data Nsec3With(Nsec3Data d, byte flags) =>
        new(d.HashAlgorithm, flags, d.Iterations, d.Salt, d.NextHashedOwnerName, d.TypeBitmap);

    private static RrsigData WithSigner(RrsigData s, DnsName signer) =>
        new(s.TypeCovered, s.Algorithm, s.Labels, s.OriginalTtl, s.SignatureExpiration, s.SignatureInception, s.KeyTag, signer, s.Signature);

    private static Task<ResolveResult> Validate(DnsMessage response) =>
        OfflineValidator.ValidateAsync(response, SupportingRecords(Standard), Anchors, ZoneSigningOptions.ValidAt, null, CancellationToken.None);

    [Fact]
    public async Task Nxdomain_with_an_extra_nsec_whose_rdata_was_changed_is_Bogus_Rfc4035Section5_5()
    {
        DnsMessage response = WithForgedExtra("nope.example.test.", RrType.A, "example.test.",
            r => r with { Data = new NsecData(N("zzz.example.test."), ((NsecData)r.Data).TypeBitmap) });

        ResolveResult result = await Validate(response);

        Assert.Equal(SecurityStatus.Bogus, result.Status);
    }

    [Fact]
    public async Task Nodata_with_an_extra_nsec3_whose_rdata_was_changed_is_Bogus_Rfc4035Section5_5()
    {
        DnsMessage response = WithForgedExtra("www.n3.test.", RrType.MX, "n3.test.",
            r => r with { Data = Nsec3With((Nsec3Data)r.Data, flags: 1) });

        ResolveResult result = await Validate(response);

        Assert.Equal(SecurityStatus.Bogus, result.Status);
    }

    [Fact]
    public async Task An_extra_nsec3_altered_with_its_rrsig_naming_another_signer_is_Bogus_Rfc4035Section5_3_1()
    {
        // The signer of an RRset must be the zone that holds it (RFC 4035 §5.3.1): an RRSIG naming the
        // parent does not take the record out of the zone whose proof it rides along with.
        DnsMessage response = WithForgedExtra("nope.test.", RrType.A, "test.",
            r => r with { Data = Nsec3With((Nsec3Data)r.Data, flags: 1) },
            r => r with { Data = WithSigner((RrsigData)r.Data, DnsName.Root) });

        ResolveResult result = await Validate(response);

        Assert.Equal(SecurityStatus.Bogus, result.Status);
    }

    // Regression (tests/Resolver.Fuzz, CI seed 20261207): the zone's apex NSEC (which the NODATA
    // carries beside the proof), altered, with its RRSIG re-labelled to the parent, was taken for the
    // parent's record at the cut and skipped — Secure. The apex is inside the zone: its NSEC is the
    // zone's, whatever signer the RRSIG names (RFC 4035 §5.3.1).
    [Fact]
    public async Task The_apex_nsec_altered_with_its_rrsig_naming_the_parent_is_Bogus_Rfc4035Section5_3_1()
    {
        DnsMessage response = Scenarios.OfflineValidatorTests.ResponseFor(Standard, "www.example.test.", RrType.MX);
        DnsName apex = N("example.test.");
        for (int i = 0; i < response.Authorities.Count; i++)
        {
            ResourceRecord r = response.Authorities[i];
            response.Authorities[i] = (r.Name.Equals(apex), r.Data) switch
            {
                (true, NsecData nsec) => r with { Data = new NsecData(N("zzz.example.test."), nsec.TypeBitmap) },
                (true, RrsigData { TypeCovered: RrType.NSEC } sig) => r with { Data = WithSigner(sig, N("test.")) },
                _ => r,
            };
        }

        ResolveResult result = await Validate(DnsMessage.Parse(response.ToWire()));

        Assert.Equal(SecurityStatus.Bogus, result.Status);
    }

    [Fact]
    public async Task The_same_denials_unaltered_stay_Secure()
    {
        Assert.Equal(SecurityStatus.Secure, (await Validate(WithForgedExtra("nope.example.test.", RrType.A, "example.test.", r => r))).Status);
        Assert.Equal(SecurityStatus.Secure, (await Validate(WithForgedExtra("www.n3.test.", RrType.MX, "n3.test.", r => r))).Status);
        Assert.Equal(SecurityStatus.Secure, (await Validate(WithForgedExtra("nope.test.", RrType.A, "test.", r => r))).Status);
    }
}

// LabValidatorRuleTests: validator rules of issue 12 against the lab's real zones (second batch),
// iterating and forwarding through the lab's unbound (127.53.100.1): the wildcard DNAME of
// wdname.deny. is Bogus (RFC 4592 §4.4); www.parentsig.sigs., signed by its parent's key, is Bogus
// (RFC 4035 §5.3.1); dsboth.keys. (DS for alg 8 and 13, signed with 13 only) is Secure, and Bogus
// only with algorithm downgrade hardening, while algroll.keys. stays Secure (RFC 6840 §5.11); a root
// key sentinel TXT question is an ordinary NXDOMAIN (RFC 8509 §3.2). Skipped when the lab is down.
using System.Net;
using Resolver.Protocol;
using Resolver.Protocol.Records;
using Resolver.Testing;
using Xunit.Abstractions;

namespace Resolver.Tests.Lab;

public sealed class LabValidatorRuleTests(ITestOutputHelper output)
{
    private static DnsResolver Resolver(bool forward, bool harden = false) => LabValidationMatrixTests.LabResolver(o =>
    {
        o.Validation.HardenAlgorithmDowngrade = harden;
        if (forward)
        {
            o.Iteration.Forwarders.Add(new IPEndPoint(IPAddress.Parse("127.53.100.1"), 53));
            o.Transport.UdpTimeout = TimeSpan.FromSeconds(3);
        }
    });

    private async Task<ResolveResult> Resolve(DnsResolver resolver, string name, RrType type)
    {
        ResolveResult result = await resolver.ResolveAsync(DnsName.Parse(name), type, CancellationToken.None);
        output.WriteLine($"{name} {type}: {result.Status} {DnsMessage.FormatRcode(result.ResponseCode)} {result.Reason}");
        return result;
    }

    [LabTheory(RequiresRunning = true)]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Wildcard_dname_and_parent_signed_child_data_are_bogus(bool forward)
    {
        using DnsResolver resolver = Resolver(forward);
        ResolveResult dname = await Resolve(resolver, "x.w.wdname.deny.", RrType.DNAME);
        Assert.Equal(SecurityStatus.Bogus, dname.Status);
        Assert.Equal(ValidationFailureKind.WildcardDname, dname.Reason!.Kind);

        ResolveResult parentSigned = await Resolve(resolver, "www.parentsig.sigs.", RrType.A);
        Assert.Equal(SecurityStatus.Bogus, parentSigned.Status);
        Assert.Equal(SecurityStatus.Secure, (await Resolve(resolver, "ok.parentsig.sigs.", RrType.A)).Status);
    }

    [LabTheory(RequiresRunning = true)]
    [InlineData(false, false)]
    [InlineData(false, true)]
    [InlineData(true, false)]
    [InlineData(true, true)]
    public async Task Algorithm_downgrade_hardening_decides_dsboth_only(bool forward, bool harden)
    {
        using DnsResolver resolver = Resolver(forward, harden);
        ResolveResult dsBoth = await Resolve(resolver, "www.dsboth.keys.", RrType.A);
        Assert.Equal(harden ? SecurityStatus.Bogus : SecurityStatus.Secure, dsBoth.Status);
        if (harden)
        {
            Assert.Equal(ValidationFailureKind.AlgorithmDowngrade, dsBoth.Reason!.Kind);
        }

        Assert.Equal(SecurityStatus.Secure, (await Resolve(resolver, "www.algroll.keys.", RrType.A)).Status);
    }

    [LabTheory(RequiresRunning = true)]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Root_key_sentinel_txt_question_is_an_ordinary_name(bool forward)
    {
        ushort rootKsk = TrustAnchorStore.ParseZoneText(File.ReadAllText(LabState.Current.TrustAnchorPath))
            .Select(a => a.Data).OfType<DsData>().First().KeyTag;
        using DnsResolver resolver = Resolver(forward);
        ResolveResult txt = await Resolve(resolver, $"root-key-sentinel-not-ta-{rootKsk:D5}.", RrType.TXT);
        Assert.Equal((SecurityStatus.Secure, ResponseCode.NXDomain), (txt.Status, txt.ResponseCode));
        ResolveResult a = await Resolve(resolver, $"root-key-sentinel-not-ta-{rootKsk:D5}.", RrType.A);
        Assert.Equal(ValidationFailureKind.RootKeySentinel, a.Reason!.Kind);
    }
}

// ValidityWindowProperties: the RRSIG validity window (RFC 4035 §5.3.1) in RFC 1982 serial
// arithmetic, against a model on an unbounded timeline. Inception, expiration and now are drawn
// as absolute seconds — often around the 2106 and 2242 wraps of the 32-bit field — with the window
// shorter than 2^31 and now less than 2^31 seconds from the inception (beyond that RFC 1982 leaves
// the order undefined); the RRSIG holds them modulo 2^32, the verifier gets the absolute now. The
// signature is Valid exactly when inception − skew ≤ now ≤ expiration + skew on the timeline.
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Resolver.Protocol.Dnssec;
using Resolver.Protocol.Records;
using Resolver.Testing.Signing;

namespace Resolver.Protocol.Tests.Dnssec.Properties;

public sealed class ValidityWindowProperties
{
    private const long Era = 1L << 32;
    private const int MaxSkew = 86_400;
    private static readonly DnsName s_zone = DnsName.Parse("Example.");
    private static readonly RrSet s_rrset = new(
        DnsName.Parse("www.EXAMPLE."), RrClass.IN, RrType.A, 300,
        [new AData(System.Net.IPAddress.Parse("192.0.2.1")), new AData(System.Net.IPAddress.Parse("192.0.2.2"))]);

    private static readonly Gen<long> s_inception = Gen.Frequency(
        // Anywhere from 1970 + 2^31 s (2038) to the third era.
        (2, from high in Gen.Choose(0, 5) from low in Gen.Choose(0, int.MaxValue) select (1L << 31) + (high * (1L << 31)) + low),
        // Around the 2106 (2^32) and 2242 (2^33) wraps, on either side.
        (3, from wrap in Gen.Elements(Era, 2 * Era) from before in Gen.Choose(-int.MaxValue, int.MaxValue) select wrap + before),
        (1, Gen.Elements(Era - 1, Era, 2 * Era - 1, 2 * Era)));

    private static readonly Gen<int> s_length = Gen.Frequency(
        (3, Gen.Choose(0, int.MaxValue)),
        (3, Gen.Choose(0, 86_400 * 60)),
        (1, Gen.Elements(0, 1, int.MaxValue - 1, int.MaxValue)));

    [Property(MaxTest = 3000)]
    public Property Valid_IffNowIsInsideTheWindow_InSerialOrder() =>
        Prop.ForAll(
            Arb.From(
                from algorithm in Gen.Elements(SigningKey.SupportedAlgorithms.ToArray())
                from inception in s_inception
                from skew in Gen.Frequency((3, Gen.Constant(0)), (1, Gen.Choose(0, MaxSkew)))
                from rawLength in s_length
                // RFC 1982 orders two serials only when they are less than 2^31 apart: the window plus
                // the skew stays below that, so every comparison the check makes is defined.
                let length = Math.Min(rawLength, int.MaxValue - skew)
                from delta in Gen.Frequency(
                    (3, Gen.Choose(-int.MaxValue, int.MaxValue).Select(d => (long)d)),
                    (3, from edge in Gen.Elements(0L, length, -skew, (long)length + skew)
                        from step in Gen.Choose(-2, 2)
                        select Math.Clamp(edge + step, -int.MaxValue, int.MaxValue)))
                select (algorithm, inception, length, skew, now: inception + delta)),
            t =>
            {
                (DnssecAlgorithm algorithm, long inception, int length, int skew, long now) = t;
                long expiration = inception + length;
                SigningKey key = SignedRrsetCase.KeyFor(algorithm, 0);
                RrsigData rrsig = RrsetSigner.Sign(s_rrset, key, s_zone, (uint)(inception % Era), (uint)(expiration % Era));
                var options = new SignatureCheckOptions { ClockSkew = TimeSpan.FromSeconds(skew) };
                SignatureCheckResult r = SignatureVerifier.Check(
                    s_rrset, rrsig, SignedRrsetCase.KeySet(s_zone, RrClass.IN, key.Dnskey), s_zone, DateTimeOffset.FromUnixTimeSeconds(now), options);

                SignatureStatus expected =
                    now < inception - skew ? SignatureStatus.NotYetValid :
                    now > expiration + skew ? SignatureStatus.Expired :
                    SignatureStatus.Valid;
                bool wraps = inception / Era != expiration / Era || inception / Era != now / Era;
                return (r.Status == expected).Label(
                        $"{algorithm}: inception {inception} ({rrsig.SignatureInception}), expiration {expiration} ({rrsig.SignatureExpiration}), " +
                        $"skew {skew}, now {now} ({(uint)(now % Era)}): {r.Status}, expected {expected}")
                    .And((r.VerificationsPerformed == (expected == SignatureStatus.Valid ? 1 : 0)).Label("the window is checked before any cryptography"))
                    .Classify(wraps, "across a 2^32 wrap")
                    .Classify(true, expected.ToString());
            });
}

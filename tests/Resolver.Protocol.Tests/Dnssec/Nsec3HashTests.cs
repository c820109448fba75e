// Nsec3HashTests: RFC 5155 Appendix A owner hashes, case-insensitivity and the iteration bound.
using Resolver.Protocol.Dnssec;

namespace Resolver.Protocol.Tests.Dnssec;

public sealed class Nsec3HashTests
{
    private static readonly byte[] s_salt = Convert.FromHexString("AABBCCDD");

    [Theory]
    [InlineData("example.", "0p9mhaveqvm6t7vbl5lop2u3t2rp3tom")]
    [InlineData("a.example.", "35mthgpgcu1qg68fab165klnsnk3dpvl")]
    [InlineData("ai.example.", "gjeqe526plbf1g8mklp59enfd789njgi")]
    [InlineData("ns1.example.", "2t7b4g4vsa5smi47k61mv5bv1a22bojr")]
    [InlineData("ns2.example.", "q04jkcevqvmu85r014c7dkba38o0ji5r")]
    [InlineData("w.example.", "k8udemvp1j2f7eg6jebps17vp3n8i58h")]
    [InlineData("*.w.example.", "r53bq7cc2uvmubfu5ocmm6pers9tk9en")]
    [InlineData("x.w.example.", "b4um86eghhds6nea196smvmlo4ors995")]
    [InlineData("y.w.example.", "ji6neoaepv8b5o6k4ev33abha8ht9fgc")]
    [InlineData("x.y.w.example.", "2vptu5timamqttgl4luu9kg21e0aor3s")]
    [InlineData("xx.example.", "t644ebqk9bibcna874givr6joj62mlhv")]
    public void Rfc5155_AppendixA_OwnerLabels(string name, string expectedLabel)
    {
        Assert.Equal(expectedLabel, Nsec3Hash.ComputeLabel(DnsName.Parse(name), s_salt, 12));
        Assert.Equal(Resolver.Protocol.Text.Base32Hex.Decode(expectedLabel), Nsec3Hash.Compute(DnsName.Parse(name), s_salt, 12));
    }

    [Fact]
    public void Rfc5155_AppendixA_OwnerName_IsLabelUnderZone()
    {
        DnsName owner = Nsec3Hash.ComputeOwnerName(DnsName.Parse("a.example."), DnsName.Parse("example."), s_salt, 12);
        Assert.Equal(DnsName.Parse("35mthgpgcu1qg68fab165klnsnk3dpvl.example."), owner);
    }

    [Fact]
    public void Hash_IgnoresCase()
    {
        Assert.Equal(
            Nsec3Hash.ComputeLabel(DnsName.Parse("X.W.Example."), s_salt, 12),
            Nsec3Hash.ComputeLabel(DnsName.Parse("x.w.example."), s_salt, 12));
    }

    [Fact]
    public void ZeroIterations_EmptySalt_IsOneSha1OfTheWireName()
    {
        DnsName name = DnsName.Parse("Example.");
        byte[] expected = System.Security.Cryptography.SHA1.HashData(DnsName.Parse("example.").WireForm);
        Assert.Equal(expected, Nsec3Hash.Compute(name, [], 0));
    }

    [Fact]
    public void Iterations_AboveRfc5155Limit_AreRejected()
    {
        _ = Nsec3Hash.Compute(DnsName.Parse("example."), s_salt, Nsec3Hash.MaxIterations);
        Assert.Throws<ArgumentOutOfRangeException>(() => Nsec3Hash.Compute(DnsName.Parse("example."), s_salt, Nsec3Hash.MaxIterations + 1));
    }

    [Fact]
    public void LongestSaltAndName_Fit()
    {
        string label = new('a', 63);
        DnsName name = DnsName.Parse($"{label}.{label}.{label}.{new string('b', 61)}.");
        Assert.Equal(255, name.WireLength);
        byte[] salt = Enumerable.Range(0, 255).Select(i => (byte)i).ToArray();
        Assert.Equal(20, Nsec3Hash.Compute(name, salt, 3).Length);
    }
}

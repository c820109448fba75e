// CanonicalOrderProperties: DnsName.CompareTo is the RFC 4034 §6.1 canonical order and a total
// order: antisymmetric, transitive, consistent with Equals (0 exactly when the names are equal
// ignoring ASCII case, with equal hash codes), and equal to a direct reading of §6.1 written here
// (labels compared right to left as lower-cased byte strings, a name before its subdomains). The
// RFC's own example list sorts into its stated order from any permutation.
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Resolver.Testing.Generators;

namespace Resolver.Protocol.Tests.Properties;

public sealed class CanonicalOrderProperties
{
    // RFC 4034 §6.1, in the order the RFC gives.
    private static readonly string[] s_rfc4034Example =
    [
        "example", "a.example", "yljkjljk.a.example", "Z.a.example", "zABC.a.EXAMPLE", "z.example",
        "\\001.z.example", "*.z.example", "\\200.z.example",
    ];

    // Names from a small alphabet of labels, so that shared suffixes, prefixes, equal names and
    // names differing only in case are common rather than rare.
    private static readonly Gen<DnsName> s_close =
        from count in Gen.Choose(0, 4)
        from labels in Gen.ListOf(Gen.Elements("a", "A", "b", "ab", "aB", "a-", "z", "Z", "za", "*", "\u0001", "\u00c8", "[", "_", "0"), count)
        from mixed in Gen.Elements(true, false)
        let name = NameGen.FromLabels(labels.Select(l => l.Select(c => (byte)c).ToArray()))
        from result in mixed ? NameGen.WithRandomCase(name) : Gen.Constant(name)
        select result;

    private static readonly Gen<DnsName> s_names = Gen.Frequency((3, s_close), (1, NameGen.Any));

    // Pairs of unrelated names, and pairs of one name in two spellings of case.
    private static readonly Gen<(DnsName, DnsName)> s_pairs = Gen.Frequency(
        (3, Gen.Zip(s_names, s_names)),
        (1, from name in s_names
            from other in NameGen.WithRandomCase(name)
            select (name, other)));

    [Property(MaxTest = 3000)]
    public Property CompareTo_IsAntisymmetric_AndConsistentWithEquals() =>
        Prop.ForAll(Arb.From(s_pairs), pair =>
        {
            (DnsName a, DnsName b) = pair;
            int ab = Math.Sign(a.CompareTo(b));
            int ba = Math.Sign(b.CompareTo(a));
            bool equal = a.Equals(b);
            return (ab == -ba).Label($"sign({a} vs {b}) = {ab} but sign({b} vs {a}) = {ba}")
                .And(((ab == 0) == equal).Label($"CompareTo({a}, {b}) = {ab} but Equals = {equal}"))
                .And((equal == string.Equals(a.ToString(), b.ToString(), StringComparison.OrdinalIgnoreCase)).Label("Equals is case-insensitive equality of the text"))
                .And((!equal || a.GetHashCode() == b.GetHashCode()).Label("equal names have equal hash codes"))
                .And((ab == Math.Sign(Rfc4034Compare(a, b))).Label($"disagrees with RFC 4034 §6.1 on {a} vs {b}"))
                .Classify(equal, "equal")
                .Classify(equal && !a.WireForm.SequenceEqual(b.WireForm), "case differs");
        });

    [Property(MaxTest = 2000)]
    public Property CompareTo_IsTransitive() =>
        Prop.ForAll(Arb.From(Gen.ArrayOf(s_close, 3)), triple =>
        {
            DnsName[] sorted = [.. triple];
            Array.Sort(sorted, (x, y) => Rfc4034Compare(x, y));
            // The model orders them x ≤ y ≤ z; CompareTo must agree on every pair, including x ≤ z.
            bool ok = sorted[0].CompareTo(sorted[1]) <= 0 && sorted[1].CompareTo(sorted[2]) <= 0 && sorted[0].CompareTo(sorted[2]) <= 0;
            return ok.Label($"not transitive on {sorted[0]}, {sorted[1]}, {sorted[2]}");
        });

    [Property(MaxTest = 500)]
    public Property SortingWithCompareTo_GivesASequenceOrderedOnEveryPair() =>
        Prop.ForAll(Arb.From(Gen.Choose(2, 30).SelectMany(n => Gen.ListOf(s_names, n))), names =>
        {
            var sorted = names.ToList();
            sorted.Sort();
            for (int i = 0; i < sorted.Count; i++)
            {
                for (int j = i + 1; j < sorted.Count; j++)
                {
                    if (sorted[i].CompareTo(sorted[j]) > 0)
                    {
                        return false.Label($"{sorted[i]} sorted before {sorted[j]} but compares greater");
                    }
                }
            }

            return true.Label("sorted");
        });

    [Property(MaxTest = 300)]
    public Property Rfc4034Example_SortsFromAnyPermutation() =>
        Prop.ForAll(Arb.From(Gen.Shuffle(s_rfc4034Example)), permutation =>
        {
            var names = permutation.Select(DnsName.Parse).ToList();
            names.Sort();
            return names.Select(n => n.ToString()).SequenceEqual(s_rfc4034Example.Select(s => s + "."))
                .Label($"sorted: {string.Join(' ', names)}");
        });

    [Fact]
    public void Rfc4034_Section6_1_ExampleOrder()
    {
        var expected = s_rfc4034Example.Select(DnsName.Parse).ToList();
        var sorted = expected.AsEnumerable().Reverse().OrderBy(n => n).ToList();
        Assert.Equal(expected.Select(n => n.ToString()), sorted.Select(n => n.ToString()));
        for (int i = 0; i + 1 < expected.Count; i++)
        {
            Assert.True(expected[i] < expected[i + 1], $"{expected[i]} < {expected[i + 1]}");
        }
    }

    // RFC 4034 §6.1 read literally: compare the rightmost labels first, each as a left-justified
    // octet string with upper-case ASCII letters lower-cased; absent labels sort first.
    private static int Rfc4034Compare(DnsName a, DnsName b)
    {
        int i = a.LabelCount - 1;
        int j = b.LabelCount - 1;
        for (; i >= 0 && j >= 0; i--, j--)
        {
            byte[] x = [.. a.GetLabel(i).ToArray().Select(Lower)];
            byte[] y = [.. b.GetLabel(j).ToArray().Select(Lower)];
            int c = x.AsSpan().SequenceCompareTo(y);
            if (c != 0)
            {
                return c;
            }
        }

        return a.LabelCount.CompareTo(b.LabelCount);

        static byte Lower(byte c) => c is >= (byte)'A' and <= (byte)'Z' ? (byte)(c + 32) : c;
    }
}

// OptionLimitTests: a setting's declaration accepts its range inclusively, rejects what lies outside
// with an ArgumentOutOfRangeException naming the setting and its range, and prints itself for help.
using Resolver.Protocol.Dnssec;
using Resolver.Protocol.Dnssec.Denial;

namespace Resolver.Protocol.Tests;

public sealed class OptionLimitTests
{
    private static readonly OptionLimit<int> s_count = new("Count", 10, 1, 10_000);

    [Fact]
    public void Validate_AcceptsTheBoundsAndRejectsOutside_NamingTheSettingAndRange()
    {
        Assert.Equal(1, s_count.Validate(1));
        Assert.Equal(10_000, s_count.Validate(10_000));
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => s_count.Validate(10_001));
        Assert.Equal("Count", e.ParamName);
        Assert.Equal(10_001, e.ActualValue);
        Assert.StartsWith("Count must be between 1 and 10,000.", e.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => s_count.Validate(0));
    }

    [Fact]
    public void Validate_WithAnotherSettingAsUpperBound_RejectsAboveIt()
    {
        Assert.Equal(5, s_count.Validate(5, 5, "Other"));
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => s_count.Validate(6, 5, "Other"));
        Assert.Contains("at most Other", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_RejectsADefaultOutsideTheRange() =>
        Assert.Throws<ArgumentException>(() => new OptionLimit<int>("Bad", 0, 1, 2));

    [Fact]
    public void Describe_WritesDefaultAndRangeForPeople()
    {
        Assert.Equal("Default 10; range 1 – 10,000.", s_count.Describe());
        var time = new OptionLimit<TimeSpan>("Wait", TimeSpan.FromMilliseconds(1500), TimeSpan.FromMilliseconds(10), TimeSpan.FromDays(7));
        Assert.Equal("Default 1.5 s; range 10 ms – 7 days.", time.Describe());
        Assert.Equal("15 minutes", OptionLimit.Format(TimeSpan.FromMinutes(15)));
        Assert.Equal("1 hour", OptionLimit.Format(TimeSpan.FromHours(1)));
        Assert.Equal("0", OptionLimit.Format(TimeSpan.Zero));
    }

    [Fact]
    public void With_ANewName_KeepsTheNumbers_AndNamesItselfInMessages()
    {
        OptionLimit<int> renamed = Nsec3ProofLimits.InsecureIterationLimit with { Name = "Nsec3InsecureIterations" };
        Assert.Equal((100, 0, Nsec3Hash.MaxIterations), (renamed.Default, renamed.Min, renamed.Max));
        Assert.Equal("Nsec3InsecureIterations", Assert.Throws<ArgumentOutOfRangeException>(() => renamed.Validate(-1)).ParamName);
    }

    [Fact]
    public void ProofAndCheckOptions_StartAtTheirDeclaredDefaults()
    {
        Assert.Equal(Nsec3ProofLimits.InsecureIterationLimit.Default, Nsec3ProofOptions.Default.InsecureIterationLimit);
        Assert.Equal(Nsec3ProofLimits.BogusIterationLimit.Default, Nsec3ProofOptions.Default.BogusIterationLimit);
        Assert.Equal(Nsec3ProofLimits.MaxHashComputations.Default, Nsec3ProofOptions.Default.MaxHashComputations);
        Assert.Equal(SignatureCheckLimits.MaxKeysPerSignature.Default, SignatureCheckOptions.Default.MaxKeysPerSignature);
        Assert.Equal(SignatureCheckLimits.ClockSkew.Default, SignatureCheckOptions.Default.ClockSkew);
    }
}

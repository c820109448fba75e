// ValidatorLimitsTests: the NSEC3 iteration limit (RFC 9276 §3.2) is one declaration — the
// validator's setting, the protocol's proof option and the aggressive-NSEC cap read the same
// numbers — and every options class starts at its declared defaults, which pass its own checks.
using Resolver.Cache;
using Resolver.Iteration;
using Resolver.Protocol;
using Resolver.Protocol.Dnssec.Denial;
using Resolver.Transport;

namespace Resolver.Tests.Validation;

public sealed class ValidatorLimitsTests
{
    [Fact]
    public void Nsec3InsecureIterationLimit_IsOneDeclaration_ForValidatorProofAndAggressiveNsec()
    {
        OptionLimit<int> proof = Nsec3ProofLimits.InsecureIterationLimit;
        foreach (OptionLimit<int> copy in new[] { ValidatorLimits.Nsec3InsecureIterations, DnsCacheLimits.AggressiveNsecMaxIterations })
        {
            Assert.Equal((proof.Default, proof.Min, proof.Max), (copy.Default, copy.Min, copy.Max));
        }

        Assert.Equal(proof.Default, new ValidatorOptions().Nsec3InsecureIterations);
        Assert.Equal(proof.Default, new DnsCacheOptions().AggressiveNsecMaxIterations);
        Assert.Equal(proof.Default, Nsec3ProofOptions.Default.InsecureIterationLimit);
        Assert.Equal(Nsec3ProofLimits.BogusIterationLimit.Default, new ValidatorOptions().Nsec3BogusIterations);
    }

    [Fact]
    public void Options_StartAtTheirDeclaredDefaults_AndTheDefaultsValidate()
    {
        var validator = new ValidatorOptions();
        Assert.Equal(ValidatorLimits.MaxSignatureValidations.Default, validator.MaxSignatureValidations);
        Assert.Equal(ValidatorLimits.MaxRestarts.Default, validator.MaxRestarts);
        Assert.Equal(ValidatorLimits.BogusTtl.Default, validator.BogusTtl);
        Assert.Equal(DnsCacheLimits.SizeLimit.Default, new DnsCacheOptions().SizeLimit);
        Assert.Equal(IterationLimits.MaxReferrals.Default, new IterationOptions().MaxReferrals);
        Assert.Equal(TransportLimits.UdpTimeout.Default, new TransportOptions().UdpTimeout);
        new ResolverOptions().Validate();
    }

    [Fact]
    public void ValidatorOptions_OutOfRange_NamesTheSettingAndItsRange()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new ValidatorOptions { Nsec3InsecureIterations = 2_501 });
        Assert.Equal(nameof(ValidatorOptions.Nsec3InsecureIterations), e.ParamName);
        Assert.StartsWith("Nsec3InsecureIterations must be between 0 and 2,500.", e.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => new ValidatorOptions { BogusTtl = TimeSpan.FromHours(2) });
    }
}

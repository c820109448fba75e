// VerdictMappingTests: the translation table between the verdict vocabularies is total and
// consistent — every reason maps to a status, only Insecure reasons go without an RFC 8914 code,
// a failure never turns a key entry Secure, and key-entry states round-trip to the statuses.
using Resolver.Protocol;
using Resolver.Protocol.Dnssec;
using Resolver.Validation;

namespace Resolver.Tests.Validation;

public sealed class VerdictMappingTests
{
    [Fact]
    public void EveryReason_HasAStatus_AndOnlyInsecureReasonsLackAnExtendedErrorCode()
    {
        foreach (ValidationFailureKind kind in Enum.GetValues<ValidationFailureKind>())
        {
            SecurityStatus status = VerdictMapping.StatusOf(kind);
            Assert.NotEqual(SecurityStatus.Secure, status);
            Assert.Equal(status, ValidationFailure.StatusOf(kind));
            if (VerdictMapping.ToExtendedErrorCode(kind) is null)
            {
                Assert.Equal(SecurityStatus.Insecure, status);
            }
        }
    }

    [Fact]
    public void KeyEntryStates_AndStatuses_RoundTrip()
    {
        foreach (SecurityStatus status in new[] { SecurityStatus.Insecure, SecurityStatus.Bogus, SecurityStatus.Indeterminate })
        {
            Assert.Equal(status, VerdictMapping.StatusOf(VerdictMapping.StateOf(status)));
        }

        Assert.Equal(SecurityStatus.Secure, VerdictMapping.StatusOf(KeyEntryState.Secure));
        Assert.Equal(SecurityStatus.Unchecked, VerdictMapping.StatusOf(KeyEntryState.Unresolved));
    }

    [Fact]
    public void SignatureFailures_MapToReasons_AndAValidSignatureRanksAboveEveryFailure()
    {
        foreach (SignatureStatus status in Enum.GetValues<SignatureStatus>().Where(s => s != SignatureStatus.Valid))
        {
            Assert.NotEqual(SecurityStatus.Insecure, VerdictMapping.StatusOf(VerdictMapping.DataFailureKind(status)));
            Assert.True(VerdictMapping.Rank(SignatureStatus.Valid) > VerdictMapping.Rank(status));
        }

        Assert.Equal(ValidationFailureKind.MissingSignatures, VerdictMapping.KeySetFailureKind(SignatureStatus.NoMatchingKey, unsigned: true));
        Assert.Equal(ValidationFailureKind.DsKeyDidNotSign, VerdictMapping.KeySetFailureKind(SignatureStatus.NoMatchingKey, unsigned: false));
    }

    [Fact]
    public void Weakness_BogusBeatsIndeterminateBeatsInsecureBeatsSecure() =>
        Assert.Equal(
            [SecurityStatus.Secure, SecurityStatus.Insecure, SecurityStatus.Indeterminate, SecurityStatus.Bogus],
            new[] { SecurityStatus.Bogus, SecurityStatus.Secure, SecurityStatus.Indeterminate, SecurityStatus.Insecure }.OrderBy(VerdictMapping.Weakness));
}

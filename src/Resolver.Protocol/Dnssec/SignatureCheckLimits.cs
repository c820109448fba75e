// SignatureCheckLimits: the one declaration of each signature-check limit's default and range; the
// validator's settings of the same name (Resolver's ValidatorOptions) follow these.
namespace Resolver.Protocol.Dnssec;

/// <summary>Defaults and ranges of <see cref="SignatureCheckOptions"/>.</summary>
public static class SignatureCheckLimits
{
    /// <summary>Tolerance on both ends of a validity window (RFC 4035 §5.3.1). Default 0; range 0 – 1 day.</summary>
    public static OptionLimit<TimeSpan> ClockSkew { get; } = new(nameof(SignatureCheckOptions.ClockSkew), TimeSpan.Zero, TimeSpan.Zero, TimeSpan.FromDays(1));

    /// <summary>Keys sharing one key tag tried per signature (KeyTrap, CVE-2023-50387). Default 4; range 1 – 64.</summary>
    public static OptionLimit<int> MaxKeysPerSignature { get; } =
        new(nameof(SignatureCheckOptions.MaxKeysPerSignature), SignatureCheckOptions.DefaultMaxKeysPerSignature, 1, 64);
}

// ExitCodes: the process exit codes of dnssec-resolve, as listed in --help.
namespace Resolver.Cli;

internal static class ExitCodes
{
    /// <summary>Success (a secure or insecure answer, NXDOMAIN and NODATA included).</summary>
    public const int Ok = 0;

    /// <summary>The answer is bogus, or a check failed.</summary>
    public const int Failed = 1;

    /// <summary>Resolution failure, indeterminate answer, or another runtime failure.</summary>
    public const int RuntimeFailure = 2;

    /// <summary>Bad usage (EX_USAGE from sysexits.h).</summary>
    public const int Usage = 64;
}

// SignatureAlgorithms: the one table from DNSSEC algorithm number to its verifier, and the two
// small abstractions behind it: ISignatureAlgorithm turns a DNSKEY public-key field into a
// VerificationKey (or reports it malformed), and a VerificationKey verifies signatures, from any
// thread. Importing is the expensive step (2–8× a verify), so keys are meant to be kept — see
// PublicKeyCache. RFC 8624 §3.1: RSAMD5 (1), DSA (3, 6) and GOST (12) MUST NOT be validated, so
// they are absent from the table, like every unknown number.
using System.Collections.Concurrent;
using System.Collections.Frozen;

namespace Resolver.Protocol.Dnssec;

/// <summary>One DNSSEC signing algorithm: parses DNSKEY public keys into verification keys.</summary>
internal interface ISignatureAlgorithm
{
    /// <summary>The algorithm number.</summary>
    DnssecAlgorithm Algorithm { get; }

    /// <summary>Imports a DNSKEY public-key field; null when it is malformed for this algorithm
    /// (bad encoding, wrong length, point not on the curve, modulus out of range). Never throws
    /// for bad key bytes.</summary>
    VerificationKey? ImportKey(ReadOnlySpan<byte> publicKey);
}

/// <summary>An imported public key. <see cref="Verify"/> is safe to call from several threads at once.</summary>
internal abstract class VerificationKey : IDisposable
{
    /// <summary>True when <paramref name="signature"/> (the RRSIG signature field) is a valid signature
    /// of <paramref name="data"/>. A malformed signature is simply not valid: never throws for it.</summary>
    public abstract bool Verify(ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature);

    /// <summary>Releases native key handles; a verification under way on another thread finishes first.</summary>
    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Releases the key's resources.</summary>
    protected virtual void Dispose(bool disposing)
    {
    }
}

/// <summary>The table of implemented signature algorithms.</summary>
internal static class SignatureAlgorithms
{
    private static readonly FrozenDictionary<DnssecAlgorithm, ISignatureAlgorithm> s_table = new ISignatureAlgorithm[]
    {
        new RsaSignatureAlgorithm(DnssecAlgorithm.RsaSha1),
        new RsaSignatureAlgorithm(DnssecAlgorithm.RsaSha1Nsec3Sha1),
        new RsaSignatureAlgorithm(DnssecAlgorithm.RsaSha256),
        new RsaSignatureAlgorithm(DnssecAlgorithm.RsaSha512),
        new EcdsaSignatureAlgorithm(DnssecAlgorithm.EcdsaP256Sha256),
        new EcdsaSignatureAlgorithm(DnssecAlgorithm.EcdsaP384Sha384),
        new EdDsaSignatureAlgorithm(DnssecAlgorithm.Ed25519),
        new EdDsaSignatureAlgorithm(DnssecAlgorithm.Ed448),
    }.ToFrozenDictionary(a => a.Algorithm);

    /// <summary>The implementation of <paramref name="algorithm"/>, or null when there is none.</summary>
    public static ISignatureAlgorithm? Get(DnssecAlgorithm algorithm) => s_table.GetValueOrDefault(algorithm);
}

/// <summary>
/// A few interchangeable instances of a BCL key object. The BCL does not document RSA and ECDsa
/// instances as safe for concurrent use, so each verification rents one; a busy key grows to as
/// many instances as threads verify with it at once (bounded by <see cref="MaxIdle"/> kept idle).
/// </summary>
internal sealed class KeyInstancePool<T>(Func<T> factory, T first) : IDisposable
    where T : class, IDisposable
{
    private const int MaxIdle = 8;

    private readonly ConcurrentBag<T> _idle = [first];
    private int _idleCount = 1;
    private volatile bool _disposed;

    public T Rent()
    {
        if (_idle.TryTake(out T? instance))
        {
            Interlocked.Decrement(ref _idleCount);
            return instance;
        }

        return factory();
    }

    public void Return(T instance)
    {
        if (!_disposed && Interlocked.Increment(ref _idleCount) <= MaxIdle)
        {
            _idle.Add(instance);
            if (!_disposed)
            {
                return;
            }

            // Disposed while returning: drain what is left.
            Drain();
            return;
        }

        if (!_disposed)
        {
            Interlocked.Decrement(ref _idleCount);
        }

        instance.Dispose();
    }

    public void Dispose()
    {
        _disposed = true;
        Drain();
    }

    private void Drain()
    {
        while (_idle.TryTake(out T? instance))
        {
            instance.Dispose();
        }
    }
}

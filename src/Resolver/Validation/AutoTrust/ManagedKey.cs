// ManagedKey: one key (or configured DS seed) of an automatically updated trust point and its RFC
// 5011 bookkeeping: state, when it last changed (the hold-down timers run from it), how many
// refreshes have seen it while pending, and which trusted keys vouched for it when it was first seen.
using Resolver.Protocol.Records;

namespace Resolver.Validation;

/// <summary>One key of a trust point with its RFC 5011 state; a DS seed has <see cref="Ds"/> set instead of <see cref="Key"/>.</summary>
internal sealed class ManagedKey
{
    public ManagedKey(DnskeyData key, TrustAnchorKeyState state, DateTimeOffset lastChange)
    {
        Key = key;
        State = state;
        LastChange = lastChange;
    }

    public ManagedKey(DsData ds, DateTimeOffset lastChange)
    {
        Ds = ds;
        State = TrustAnchorKeyState.Start;
        LastChange = lastChange;
    }

    /// <summary>The key as last seen (with the REVOKE bit once revoked); null for a DS seed.</summary>
    public DnskeyData? Key { get; set; }

    /// <summary>A configured DS anchor not yet matched to a published key.</summary>
    public DsData? Ds { get; }

    public TrustAnchorKeyState State { get; set; }

    /// <summary>When <see cref="State"/> last changed: the add and remove hold-downs run from it.</summary>
    public DateTimeOffset LastChange { get; set; }

    /// <summary>Refreshes that saw the key while AddPend (Unbound requires two before accepting it).</summary>
    public int PendingCount { get; set; }

    /// <summary>Key tags (REVOKE bit clear) of the trusted keys that validated the RRset that first held this key.</summary>
    public IReadOnlyList<ushort> Validators { get; set; } = [];

    /// <summary>True when the key is a trust anchor now (RFC 5011 §4: Valid and Missing keys are trusted).</summary>
    public bool IsTrusted => Key is not null && State is TrustAnchorKeyState.Valid or TrustAnchorKeyState.Missing;

    /// <summary>The key tag with the REVOKE bit cleared: one key keeps one identity across its revocation.</summary>
    public ushort BaseTag => Key is null ? (ushort)0 : BaseOf(Key).KeyTag;

    /// <summary>The same key with the REVOKE bit cleared (RFC 5011 §3: revocation changes only that bit, and so the tag).</summary>
    public static DnskeyData BaseOf(DnskeyData key) =>
        key.IsRevoked ? new DnskeyData((ushort)(key.Flags & ~DnskeyData.RevokeFlag), key.Protocol, key.Algorithm, key.PublicKey) : key;

    /// <summary>True when both are the same key, whatever their REVOKE bits.</summary>
    public static bool SameKey(DnskeyData a, DnskeyData b) =>
        (a.Flags & ~DnskeyData.RevokeFlag) == (b.Flags & ~DnskeyData.RevokeFlag)
        && a.Protocol == b.Protocol && a.Algorithm == b.Algorithm && a.PublicKey.SequenceEqual(b.PublicKey);
}

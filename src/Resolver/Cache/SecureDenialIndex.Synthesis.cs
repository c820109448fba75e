// SecureDenialIndex.Synthesis: answering from the index (RFC 8198 §5.1–5.3) — a negative answer
// (NXDOMAIN or NODATA) or a wildcard-expanded RRset, synthesized only when the held, validated
// NSEC/NSEC3 records prove it on their own, above the closest configured zone (the floor).
using System.Collections.Immutable;
using Resolver.Protocol;
using Resolver.Protocol.Dnssec;
using Resolver.Protocol.Dnssec.Denial;
using Resolver.Protocol.Records;

namespace Resolver.Cache;

internal sealed partial class SecureDenialIndex
{
    /// <summary>
    /// An RRset for <paramref name="name"/>/<paramref name="type"/> (or a CNAME there) synthesized from
    /// a wildcard held for the closest enclosing zone, with the held NSEC/NSEC3 records proving that
    /// no closer match exists (RFC 8198 §5.3, RFC 4035 §5.3.4); null when none proves it. The records
    /// carry the wildcard's RRSIGs unchanged, so the validator checks them as any wildcard answer.
    /// </summary>
    public SynthesizedAnswer? SynthesizeWildcard(DnsName name, RrType type, DnsName? floor = null)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (type is RrType.DS or RrType.ANY || name.IsWildcard)
        {
            return null;
        }

        DateTimeOffset now = _time.GetUtcNow();
        lock (_gate)
        {
            for (DnsName zone = name; ; zone = zone.Parent)
            {
                if (_zones.TryGetValue(zone, out ZoneDenials? entries))
                {
                    return entries.Wildcards.Count == 0 ? null : ProveWildcard(name, type, zone, entries, now);
                }

                if (zone.IsRoot || (floor is not null && zone.Equals(floor)))
                {
                    return null;
                }
            }
        }
    }

    /// <summary>
    /// A negative answer for <paramref name="name"/>/<paramref name="type"/> proven by records held
    /// for the closest enclosing zone (for DS, the parent side: RFC 4035 §3.1.4.1), or null. Tries
    /// NXDOMAIN, then NODATA (including empty non-terminals and wildcard NODATA); a proof that is
    /// only Insecure (an opt-out span) is not used (RFC 8198 §5.2 needs a Secure one). Records of
    /// zones above <paramref name="floor"/> are not used: a zone configured below them (a stub zone)
    /// is served by its own servers, whatever the public parent says about the name.
    /// </summary>
    public SynthesizedDenial? Synthesize(DnsName name, RrType type, DnsName? floor = null)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (type == RrType.DS && name.IsRoot)
        {
            return null;
        }

        DateTimeOffset now = _time.GetUtcNow();
        lock (_gate)
        {
            for (DnsName zone = type == RrType.DS ? name.Parent : name; ; zone = zone.Parent)
            {
                if (_zones.TryGetValue(zone, out ZoneDenials? entries))
                {
                    // The closest zone held decides; a zone above it knows only the delegation.
                    return entries.Soa is { } soa && soa.Expires > now ? Prove(name, type, zone, entries, soa, now) : null;
                }

                if (zone.IsRoot || (floor is not null && zone.Equals(floor)))
                {
                    return null;
                }
            }
        }
    }

    private SynthesizedDenial? Prove(DnsName name, RrType type, DnsName zone, ZoneDenials entries, Entry soa, DateTimeOffset now)
    {
        var candidates = new List<Entry>();
        Candidates(name, zone, entries, now, candidates);
        if (candidates.Count == 0)
        {
            return null;
        }

        List<ResourceRecord> records = [.. candidates.SelectMany(c => c.Records)];
        DenialResult proof = DenialProofs.Prove(DenialResponseKind.NxDomain, name, type, zone, records);
        NegativeKind kind = NegativeKind.NxDomain;
        if (proof.Status != DenialStatus.Secure)
        {
            proof = DenialProofs.Prove(DenialResponseKind.NoData, name, type, zone, records);
            kind = NegativeKind.NoData;
        }

        if (proof.Status != DenialStatus.Secure)
        {
            return null;
        }

        var used = proof.Evidence.Select(e => e.Record.Name).ToHashSet();
        ImmutableArray<ResourceRecord> authority =
        [
            .. soa.Live(now),
            .. candidates.Where(c => used.Contains(c.Records[0].Name)).Distinct().SelectMany(c => c.Live(now)),
        ];
        return new SynthesizedDenial(kind, zone, authority);
    }

    private SynthesizedAnswer? ProveWildcard(DnsName name, RrType type, DnsName zone, ZoneDenials entries, DateTimeOffset now)
    {
        for (DnsName encloser = name.Parent; encloser.IsSubdomainOf(zone); encloser = encloser.Parent)
        {
            DnsName wildcard = encloser.Prepend("*"u8);
            Entry? expansion = entries.Wildcards.GetValueOrDefault((wildcard, type)) ?? entries.Wildcards.GetValueOrDefault((wildcard, RrType.CNAME));
            if (expansion is not null && expansion.Expires > now)
            {
                var candidates = new List<Entry>();
                Candidates(name, zone, entries, now, candidates);
                RrType found = expansion.Records[0].Type;
                DenialResult proof = DenialProofs.Prove(DenialResponseKind.WildcardAnswer, name, found, zone,
                    [.. candidates.SelectMany(c => c.Records)], encloser.LabelCount);
                if (proof.Status != DenialStatus.Secure)
                {
                    return null;
                }

                var used = proof.Evidence.Select(e => e.Record.Name).ToHashSet();
                return new SynthesizedAnswer(
                    zone,
                    [.. expansion.Live(now).Select(r => r with { Name = name })],
                    [.. candidates.Where(c => used.Contains(c.Records[0].Name)).SelectMany(c => c.Live(now))]);
            }

            if (encloser.Equals(zone))
            {
                break;
            }
        }

        return null;
    }

    // The records a proof about `name` can need: with NSEC, the record at or before the name and those
    // at or before the wildcard of each ancestor down to the zone (RFC 4035 §5.4); with NSEC3, the
    // records matching or covering the hash of each ancestor and of its wildcard (RFC 5155 §8.3-8.7).
    private void Candidates(DnsName name, DnsName zone, ZoneDenials entries, DateTimeOffset now, List<Entry> found)
    {
        void AddAtOrBefore(SortedList<DnsName, Entry> list, DnsName key)
        {
            if (AtOrBefore(list, key) is { } e && e.Expires > now && !found.Contains(e))
            {
                found.Add(e);
            }
        }

        if (entries.Nsec.Count > 0)
        {
            AddAtOrBefore(entries.Nsec, name);
            for (DnsName n = name; n.IsStrictSubdomainOf(zone) || n.Equals(zone); n = n.Parent)
            {
                AddAtOrBefore(entries.Nsec, n.Prepend("*"u8));
                if (n.Equals(zone))
                {
                    break;
                }
            }
        }

        if (entries.Nsec3.Count > 0 && entries.Nsec3.Values[0].Records[0].Data is Nsec3Data parameters &&
            parameters.HashAlgorithm == Nsec3Hash.Sha1Algorithm && parameters.Iterations <= _maxNsec3Iterations)
        {
            byte[] salt = parameters.Salt.ToArray();
            for (DnsName n = name; n.IsStrictSubdomainOf(zone) || n.Equals(zone); n = n.Parent)
            {
                AddAtOrBefore(entries.Nsec3, Nsec3Hash.ComputeOwnerName(n, zone, salt, parameters.Iterations));
                AddAtOrBefore(entries.Nsec3, Nsec3Hash.ComputeOwnerName(n.Prepend("*"u8), zone, salt, parameters.Iterations));
                if (n.Equals(zone))
                {
                    break;
                }
            }
        }
    }

    // The entry with the greatest owner at or before `key` in canonical order; before the first,
    // the last (the chain wraps round to the apex, RFC 4034 §4.1.1, RFC 5155 §3.1.7).
    private static Entry? AtOrBefore(SortedList<DnsName, Entry> list, DnsName key)
    {
        IList<DnsName> keys = list.Keys;
        int lo = 0, hi = keys.Count - 1, at = -1;
        while (lo <= hi)
        {
            int mid = (lo + hi) >>> 1;
            if (keys[mid].CompareTo(key) <= 0)
            {
                at = mid;
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }

        return keys.Count == 0 ? null : list.Values[at < 0 ? keys.Count - 1 : at];
    }
}

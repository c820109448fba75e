// Mutator: makes one fuzz input from a seed. Byte-level mutations (bit flips, interesting bytes,
// truncation, insertion, deletion, splicing with another seed, compression pointers) exercise the
// parser; structure-aware ones work on the parsed message and write it back, so the result still
// parses and reaches the validator: an RR's RDATA, TTL, class or owner (case, or another name)
// changed, records removed, duplicated, moved or spliced in from another seed, RRSIG fields
// altered, the question changed, the RCODE flipped. Everything is drawn from one Random, so a seed
// number replays the same inputs.
using Resolver.Protocol;
using Resolver.Protocol.Records;

namespace Resolver.Fuzz;

/// <summary>Derives fuzz inputs from seeds.</summary>
internal sealed class Mutator(Random random, IReadOnlyList<FuzzSeed> seeds)
{
    private static readonly byte[] s_interesting = [0x00, 0x01, 0x3f, 0x40, 0x7f, 0x80, 0xc0, 0xff];

    /// <summary>A mutated copy of <paramref name="seed"/>'s bytes and a short description of what was done.</summary>
    public (byte[] Wire, string What) Mutate(FuzzSeed seed)
    {
        int rounds = 1 + random.Next(3);
        var what = new List<string>(rounds);
        byte[] wire = seed.Wire;
        bool structural = seed.Original is not null && random.Next(10) < 7;
        if (structural)
        {
            DnsMessage message = DnsMessage.Parse(wire);
            for (int i = 0; i < rounds; i++)
            {
                what.Add(MutateStructure(message));
            }

            try
            {
                return (message.ToWire(), string.Join(", ", what));
            }
            catch (InvalidOperationException)
            {
                // Documented: a message over 65,535 bytes or an extended RCODE without EDNS; fall back to bytes.
                what.Clear();
            }
        }

        for (int i = 0; i < rounds; i++)
        {
            (wire, string w) = MutateBytes(wire);
            what.Add(w);
        }

        return (wire, string.Join(", ", what));
    }

    private (byte[], string) MutateBytes(byte[] input)
    {
        var bytes = new List<byte>(input);
        int At() => bytes.Count == 0 ? 0 : random.Next(bytes.Count);
        switch (random.Next(9))
        {
            case 0 when bytes.Count > 0:
                {
                    int i = At();
                    bytes[i] ^= (byte)(1 << random.Next(8));
                    return ([.. bytes], $"bitflip@{i}");
                }

            case 1 when bytes.Count > 0:
                {
                    int i = At();
                    bytes[i] = s_interesting[random.Next(s_interesting.Length)];
                    return ([.. bytes], $"byte@{i}");
                }

            case 2:
                {
                    int n = At();
                    return ([.. bytes.Take(n)], $"truncate@{n}");
                }

            case 3:
                {
                    int i = At();
                    byte[] extra = new byte[1 + random.Next(8)];
                    random.NextBytes(extra);
                    bytes.InsertRange(i, extra);
                    return ([.. bytes], $"insert{extra.Length}@{i}");
                }

            case 4 when bytes.Count > 0:
                {
                    int i = At();
                    int n = Math.Min(1 + random.Next(16), bytes.Count - i);
                    bytes.RemoveRange(i, n);
                    return ([.. bytes], $"delete{n}@{i}");
                }

            case 5:
                {
                    byte[] other = seeds[random.Next(seeds.Count)].Wire;
                    int cut = At(), from = random.Next(other.Length + 1);
                    return ([.. bytes.Take(cut), .. other.Skip(from)], $"splice@{cut}+{from}");
                }

            case 6 when bytes.Count > 2:
                {
                    // A compression pointer to anywhere: loops, forward pointers, pointers into the header.
                    int i = random.Next(12, Math.Max(13, bytes.Count - 1));
                    if (i + 1 >= bytes.Count)
                    {
                        return ([.. bytes], "noop");
                    }

                    int target = random.Next(bytes.Count);
                    bytes[i] = (byte)(0xc0 | (target >> 8 & 0x3f));
                    bytes[i + 1] = (byte)target;
                    return ([.. bytes], $"pointer@{i}->{target}");
                }

            case 7 when bytes.Count >= 12:
                {
                    // A section count in the header.
                    int i = 4 + 2 * random.Next(4);
                    bytes[i] = (byte)random.Next(3);
                    bytes[i + 1] = s_interesting[random.Next(s_interesting.Length)];
                    return ([.. bytes], $"count@{i}");
                }

            default:
                {
                    int i = At();
                    int n = Math.Min(1 + random.Next(32), bytes.Count - i);
                    bytes.InsertRange(i, bytes.GetRange(i, n));
                    return ([.. bytes], $"dup{n}@{i}");
                }
        }
    }

    private string MutateStructure(DnsMessage m)
    {
        var sections = new[] { m.Answers, m.Authorities, m.Additionals };
        IList<ResourceRecord>? section = sections.Where(s => s.Count > 0).OrderBy(_ => random.Next()).FirstOrDefault();
        int op = random.Next(15);
        if (op == 14 && m.Questions.Count == 1)
        {
            // The question: another name of the message (or its parent), another type, or its case.
            DnsQuestion q = m.Questions[0];
            var names = m.Answers.Concat(m.Authorities).Select(r => r.Name).Append(q.Name.IsRoot ? q.Name : q.Name.Parent).ToList();
            m.Questions[0] = random.Next(3) switch
            {
                0 => new DnsQuestion(names[random.Next(names.Count)], q.Type),
                1 => new DnsQuestion(q.Name, (RrType)random.Next(1, 60)),
                _ => new DnsQuestion(FlipCase(q.Name), q.Type),
            };
            return $"question {m.Questions[0].Name}/{m.Questions[0].Type}";
        }


        if (section is null || op == 0)
        {
            m.ResponseCode = m.ResponseCode == ResponseCode.NXDomain ? ResponseCode.NoError : ResponseCode.NXDomain;
            return "rcode";
        }

        int index = random.Next(section.Count);
        ResourceRecord rr = section[index];
        switch (op)
        {
            case 1:
                section[index] = rr with { Ttl = random.Next(4) switch { 0 => 0, 1 => rr.Ttl + 1, 2 => uint.MaxValue, _ => (uint)random.Next() } };
                return $"ttl {rr.Name}/{rr.Type}";
            case 2:
                section[index] = rr with { Name = FlipCase(rr.Name) };
                return $"owner-case {rr.Name}/{rr.Type}";
            case 3 or 4:
                section[index] = rr with { Data = new UnknownData(rr.Type, FlipRdata(rr.Data.ToWire())) };
                return $"rdata {rr.Name}/{rr.Type}";
            case 5:
                section.RemoveAt(index);
                return $"remove {rr.Name}/{rr.Type}";
            case 6:
                sections[random.Next(3)].Insert(0, rr);
                return $"duplicate {rr.Name}/{rr.Type}";
            case 7:
                {
                    DnsMessage? other = seeds[random.Next(seeds.Count)].Original;
                    var pool = other?.Answers.Concat(other.Authorities).ToList() ?? [];
                    if (pool.Count == 0)
                    {
                        return "noop";
                    }

                    ResourceRecord spliced = pool[random.Next(pool.Count)];
                    section.Insert(random.Next(section.Count + 1), spliced);
                    return $"splice {spliced.Name}/{spliced.Type}";
                }

            case 8:
                {
                    var names = m.Answers.Concat(m.Authorities).Select(r => r.Name).Concat(m.Questions.Select(q => q.Name)).ToList();
                    DnsName name = names[random.Next(names.Count)];
                    name = random.Next(3) switch
                    {
                        0 when !name.IsRoot => name.Parent,
                        1 => name.Prepend(random.Next(2) == 0 ? "*" : "x"),
                        _ => name,
                    };
                    section[index] = rr with { Name = name };
                    return $"rename {rr.Name}/{rr.Type}->{name}";
                }

            case 9:
                {
                    ResourceRecord? same = m.Answers.Concat(m.Authorities).Where(r => r.Type == rr.Type && !ReferenceEquals(r, rr)).OrderBy(_ => random.Next()).FirstOrDefault();
                    if (same is null)
                    {
                        return "noop";
                    }

                    section[index] = rr with { Data = same.Data };
                    return $"swap-rdata {rr.Name}/{rr.Type}";
                }

            case 10:
                section[index] = rr with { Class = (RrClass)random.Next(1, 5) };
                return $"class {rr.Name}/{rr.Type}";
            case 11 when rr.Data is RrsigData sig:
                section[index] = rr with { Data = MutateRrsig(sig) };
                return $"rrsig-field {rr.Name}";
            case 12:
                section.RemoveAt(index);
                sections[random.Next(3)].Add(rr);
                return $"move {rr.Name}/{rr.Type}";
            default:
                {
                    // A case flip inside the RDATA: no change in canonical form for the RFC 4034 §6.2 types, a change for NSEC's next name.
                    byte[] data = rr.Data.ToWire();
                    int[] letters = [.. Enumerable.Range(0, data.Length).Where(i => char.IsAsciiLetter((char)data[i]))];
                    if (letters.Length == 0)
                    {
                        return "noop";
                    }

                    data[letters[random.Next(letters.Length)]] ^= 0x20;
                    section[index] = rr with { Data = new UnknownData(rr.Type, data) };
                    return $"rdata-case {rr.Name}/{rr.Type}";
                }
        }
    }

    private RrsigData MutateRrsig(RrsigData s) => random.Next(6) switch
    {
        0 => new RrsigData(s.TypeCovered, s.Algorithm, (byte)(s.Labels + random.Next(-2, 3)), s.OriginalTtl, s.SignatureExpiration, s.SignatureInception, s.KeyTag, s.SignerName, s.Signature),
        1 => new RrsigData(s.TypeCovered, s.Algorithm, s.Labels, (uint)random.Next(), s.SignatureExpiration, s.SignatureInception, s.KeyTag, s.SignerName, s.Signature),
        2 => new RrsigData(s.TypeCovered, s.Algorithm, s.Labels, s.OriginalTtl, s.SignatureInception, s.SignatureExpiration, s.KeyTag, s.SignerName, s.Signature),
        3 => new RrsigData(s.TypeCovered, s.Algorithm, s.Labels, s.OriginalTtl, s.SignatureExpiration, s.SignatureInception, (ushort)random.Next(65536), s.SignerName, s.Signature),
        4 => new RrsigData(s.TypeCovered, s.Algorithm, s.Labels, s.OriginalTtl, s.SignatureExpiration, s.SignatureInception, s.KeyTag, s.SignerName.IsRoot ? s.SignerName : s.SignerName.Parent, s.Signature),
        _ => new RrsigData((RrType)random.Next(1, 60), s.Algorithm, s.Labels, s.OriginalTtl, s.SignatureExpiration, s.SignatureInception, s.KeyTag, s.SignerName, s.Signature),
    };

    private byte[] FlipRdata(byte[] data)
    {
        if (data.Length == 0 || random.Next(5) == 0)
        {
            // Shorter or longer than the type's fixed layout.
            int n = random.Next(data.Length + 4);
            byte[] resized = new byte[n];
            data.AsSpan(0, Math.Min(n, data.Length)).CopyTo(resized);
            return resized;
        }

        int count = 1 + random.Next(3);
        for (int i = 0; i < count; i++)
        {
            data[random.Next(data.Length)] ^= (byte)(1 << random.Next(8));
        }

        return data;
    }

    private DnsName FlipCase(DnsName name)
    {
        byte[] wire = name.WireForm.ToArray();
        for (int i = 0; i < wire.Length; i++)
        {
            if (char.IsAsciiLetter((char)wire[i]) && random.Next(2) == 0)
            {
                wire[i] ^= 0x20;
            }
        }

        return DnsName.FromWire(wire);
    }
}

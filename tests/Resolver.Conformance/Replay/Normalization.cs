// Normalization: input quirks of the corpus that Unbound's message parser tolerates and that are
// not what any scenario is about, fixed before replay and reported on the scenario's result line.
// Only one exists: an RRSIG placed in another section than the RRset it covers (several Unbound
// files put the answer's RRSIG in the additional section). RFC 4035 §3.1.1 puts an RRSIG in the
// same section as its RRset, and this library pairs them only there (so a real response with a
// stray signature is judged unsigned); the harness moves such a signature next to its RRset.
using Resolver.Conformance.Rpl;
using Resolver.Protocol;
using Resolver.Protocol.Records;

namespace Resolver.Conformance.Replay;

internal static class Normalization
{
    /// <summary>Moves misplaced RRSIGs in the upstream answers; returns how many moved.</summary>
    public static int MoveStraySignatures(RplScenario scenario)
    {
        int moved = 0;
        foreach (RplEntry entry in scenario.Ranges.SelectMany(r => r.Entries))
        {
            List<ResourceRecord>[] sections = [entry.Answer, entry.Authority, entry.Additional];
            foreach (List<ResourceRecord> from in sections)
            {
                for (int i = 0; i < from.Count; i++)
                {
                    if (from[i].Data is not RrsigData sig || Covers(from, from[i], sig))
                    {
                        continue;
                    }

                    ResourceRecord rr = from[i];
                    List<ResourceRecord>? to = sections.FirstOrDefault(s => !ReferenceEquals(s, from) && Covers(s, rr, sig));
                    if (to is not null)
                    {
                        from.RemoveAt(i--);
                        to.Add(rr);
                        moved++;
                    }
                }
            }
        }

        return moved;
    }

    private static bool Covers(List<ResourceRecord> section, ResourceRecord rrsig, RrsigData sig) =>
        section.Exists(r => r.Type == sig.TypeCovered && r.Name == rrsig.Name && r.Class == rrsig.Class);
}

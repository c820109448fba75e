// KeyTrapBenchmarks (CVE-2023-50387, issue 12 item 6): what a KeyTrap zone costs the resolver next to
// a normal cold Secure resolution, in the same run. On in-process loopback servers: root → test. →
// two leaf zones, RSA/SHA-256. good.test. is signed normally (one server); trap.test. is served by
// THREE servers that all return the decoys (KeyTrapZone: 24 keys sharing one tag and 30 keys with
// tags of their own, RSA-4096 so that importing a decoy costs more than verifying with it; 8
// signatures naming the shared tag and one per lone key over www.trap.test. A), so the resolver
// re-fetches the failed answer from each server within ValidatorOptions.MaxRestarts — and the one
// per-resolution budget (MaxSignatureValidations, MaxKeyImports) must bound the whole.
// Cold: a fresh resolver per operation (empty caches, no imported keys).
//   ColdSecure        the baseline: www.good.test. A, Secure
//   ColdKeyTrapBogus  www.trap.test. A, Bogus (WorkLimitExceeded) — must stay within 5× of ColdSecure
//   ColdSecureBesideTheTrap  ok.trap.test. A, Secure (the decoy-laden DNSKEY RRset, over TCP, costs too)
// `-- keytrap-cpu [N [SIGS IMPORTS]]` prints the process CPU time per operation of each and the ratio (BenchmarkDotNet
// reports wall-clock time; everything here, servers included, runs in this process, so the two agree).
using System.Diagnostics;
using System.Net;
using BenchmarkDotNet.Attributes;
using Resolver.Protocol;
using Resolver.Protocol.Records;
using Resolver.Testing.Servers;
using Resolver.Testing.Signing;
using Resolver.Transport;

namespace Resolver.Benchmarks.Validation;

[MemoryDiagnoser]
public class KeyTrapBenchmarks
{
    private static readonly DnsName GoodWww = DnsName.Parse("www.good.test.");
    private static readonly DnsName TrapWww = DnsName.Parse("www.trap.test.");
    private static readonly DnsName TrapOk = DnsName.Parse("ok.trap.test.");
    private TestDnsNetwork _net = null!;
    private ResolverOptions _options = null!;
    private DnsResolver _cold = null!;

    [GlobalSetup]
    public void Setup()
    {
        // 0: root, 1: test., 2-4: trap.test. (three servers), 5: good.test.
        _net = TestDnsNetwork.Start(6);
        IPAddress[] trapServers = [_net[2].Address, _net[3].Address, _net[4].Address];
        SignedZone good = Zone("good.test.", [_net[5].Address], "www A 192.0.2.1\n");
        SignedZone trap = Zone("trap.test.", trapServers, "www A 192.0.2.2\nok A 192.0.2.3\n");
        trap = KeyTrapZone.Arm(trap, TrapWww, RrType.A, collidingKeys: 24, collidingSignatures: 8, distinctKeys: 30, rsaBits: 4096);
        SignedZone test = Zone("test.", [_net[1].Address], string.Empty, [.. Delegation(good, [_net[5].Address]), .. Delegation(trap, trapServers)]);
        SignedZone root = Zone(".", [_net[0].Address], string.Empty, Delegation(test, [_net[1].Address]));
        Serve(0, root);
        Serve(1, test);
        Serve(2, trap);
        Serve(3, trap);
        Serve(4, trap);
        Serve(5, good);
        _options = SignedChain.Options(_net, root);

        // Fail fast on a broken set-up rather than benchmark the wrong thing.
        Expect(ColdOnce(GoodWww), SecurityStatus.Secure);
        ResolveResult bogus = Expect(ColdOnce(TrapWww), SecurityStatus.Bogus);
        if (bogus.Reason?.Kind != ValidationFailureKind.WorkLimitExceeded)
        {
            throw new InvalidOperationException("the trap is not stopped by the work budget: " + bogus);
        }

        Expect(ColdOnce(TrapOk), SecurityStatus.Secure);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _cold?.Dispose();
        _net.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    [IterationSetup]
    public void FreshResolver()
    {
        _cold?.Dispose();
        _cold = new DnsResolver(_options, new SignedChain.FixedTime(), transport: new DnsTransport());
    }

    [Benchmark(Baseline = true, Description = "cold Secure: www.good.test. (3-level chain, RSA)")]
    public ResolveResult ColdSecure() => _cold.ResolveAsync(GoodWww, RrType.A, default).GetAwaiter().GetResult();

    [Benchmark(Description = "cold KeyTrap Bogus: www.trap.test. (3 servers, all decoys)")]
    public ResolveResult ColdKeyTrapBogus() => _cold.ResolveAsync(TrapWww, RrType.A, default).GetAwaiter().GetResult();

    [Benchmark(Description = "cold Secure beside the trap: ok.trap.test.")]
    public ResolveResult ColdSecureBesideTheTrap() => _cold.ResolveAsync(TrapOk, RrType.A, default).GetAwaiter().GetResult();

    /// <summary>
    /// Process CPU time per cold operation of each benchmark, and the ratio to ColdSecure, over
    /// <paramref name="iterations"/> operations each (after a warm-up): `-- keytrap-cpu [N]`.
    /// </summary>
    public static void PrintCpuRatio(int iterations, int? maxSignatureValidations = null, int? maxKeyImports = null)
    {
        var bench = new KeyTrapBenchmarks();
        bench.Setup();
        bench._options.Validation.MaxSignatureValidations = maxSignatureValidations ?? bench._options.Validation.MaxSignatureValidations;
        bench._options.Validation.MaxKeyImports = maxKeyImports ?? bench._options.Validation.MaxKeyImports;
        Console.WriteLine($"budget: {bench._options.Validation.MaxSignatureValidations} verifications, {bench._options.Validation.MaxKeyImports} key imports per resolution");
        try
        {
            (string Name, Func<ResolveResult> Run)[] cases =
            [
                ("ColdSecure", bench.ColdSecure),
                ("ColdKeyTrapBogus", bench.ColdKeyTrapBogus),
                ("ColdSecureBesideTheTrap", bench.ColdSecureBesideTheTrap),
            ];
            var perOp = new Dictionary<string, double>();
            foreach ((string name, Func<ResolveResult> run) in cases)
            {
                for (int i = 0; i < 5; i++)
                {
                    bench.FreshResolver();
                    run();
                }

                TimeSpan cpu = TimeSpan.Zero;
                ResolveResult last = null!;
                for (int i = 0; i < iterations; i++)
                {
                    bench.FreshResolver();
                    TimeSpan before = Process.GetCurrentProcess().TotalProcessorTime;
                    last = run();
                    cpu += Process.GetCurrentProcess().TotalProcessorTime - before;
                }

                perOp[name] = cpu.TotalMilliseconds / iterations;
                Console.WriteLine($"{name,-26} {perOp[name],8:F2} ms CPU/op  {last.Status}  work: {last.Work.SignatureValidations} verifications, {last.Work.KeyImports} key imports, {last.Work.UpstreamQueries} queries");
            }

            Console.WriteLine($"ratio ColdKeyTrapBogus / ColdSecure: {perOp["ColdKeyTrapBogus"] / perOp["ColdSecure"]:F2} (must be within 5)");
        }
        finally
        {
            bench.Cleanup();
        }
    }

    private ResolveResult ColdOnce(DnsName name)
    {
        FreshResolver();
        return _cold.ResolveAsync(name, RrType.A, default).GetAwaiter().GetResult();
    }

    private static ResolveResult Expect(ResolveResult result, SecurityStatus status) =>
        result.Status == status ? result : throw new InvalidOperationException($"set-up: expected {status}: {result}");

    private void Serve(int index, SignedZone zone)
    {
        var responder = new SignedZoneResponder(zone);
        _net[index].AddZone(zone.Origin.ToString(), zone.ToString());
        _net[index].Rewrite = (query, response) => responder.Answer(query, response);
    }

    // A zone signed with RSA/SHA-256 KSK + ZSK whose name servers ns1..nsN are at `servers`.
    private static SignedZone Zone(string origin, IPAddress[] servers, string text, IEnumerable<ResourceRecord>? extra = null)
    {
        DnsName apex = DnsName.Parse(origin);
        var records = new List<ResourceRecord>
        {
            new(apex, 3600, new SoaData(apex.Prepend("ns1"), apex.Prepend("hostmaster"), 1, 7200, 3600, 1_209_600, 300)),
        };
        for (int i = 0; i < servers.Length; i++)
        {
            DnsName ns = apex.Prepend($"ns{i + 1}");
            records.Add(new(apex, 3600, new NsData(ns)));
            records.Add(new(ns, 3600, new AData(servers[i])));
        }

        foreach (string line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            string[] f = line.Split(' ');
            records.Add(new(apex.Prepend(f[0]), 3600, new AData(IPAddress.Parse(f[2]))));
        }

        records.AddRange(extra ?? []);
        return ZoneSigner.Sign(records, ZoneSigningOptions.For(apex, true, DnssecAlgorithm.RsaSha256));
    }

    private static IEnumerable<ResourceRecord> Delegation(SignedZone child, IPAddress[] servers)
    {
        for (int i = 0; i < servers.Length; i++)
        {
            DnsName ns = child.Origin.Prepend($"ns{i + 1}");
            yield return new(child.Origin, 3600, new NsData(ns));
            yield return new(ns, 3600, new AData(servers[i]));
        }

        foreach (ResourceRecord ds in child.CreateDsRecords())
        {
            yield return ds;
        }
    }
}

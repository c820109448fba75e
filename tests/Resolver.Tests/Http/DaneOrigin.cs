// DaneOrigin: the loopback world of the HTTPS/DANE end-to-end tests — an HttpsTestServer with a
// certificate made in the test, and a signed hierarchy (root → test. → example.test., plus the
// unsigned unsigned.test.) on in-process authoritative servers publishing A records for 127.0.0.1
// and TLSA records at _PORT._tcp for the server's real port: www (DANE-EE 3 1 1 of the server's key),
// alias (CNAME to www), wrong (DANE-EE with a wrong hash), ta (DANE-TA 2 0 1 of the intermediate the
// server sends), pkixee (only PKIX-EE 1 1 1), bogus (its A and TLSA signatures corrupted) and
// www.unsigned.test (Insecure, no TLSA).
using System.Security.Cryptography;
using Resolver.Protocol;
using Resolver.Testing.Servers;
using Resolver.Testing.Signing;
using Resolver.Tests.Dane;
using Resolver.Tests.Scenarios;

namespace Resolver.Tests.Http;

internal sealed class DaneOrigin : IAsyncDisposable
{
    private DaneOrigin(TestPki pki, HttpsTestServer server, SignedNetwork network)
    {
        Pki = pki;
        Server = server;
        Network = network;
    }

    public TestPki Pki { get; }

    public HttpsTestServer Server { get; }

    public SignedNetwork Network { get; }

    public int Port => Server.Port;

    public static DaneOrigin Start()
    {
        var pki = TestPki.Create("www.example.test", false, "ta.example.test");
        HttpsTestServer server = HttpsTestServer.Start(pki.Server, pki.Intermediate);
        int port = server.Port;
        string eeHash = Convert.ToHexString(SHA256.HashData(pki.Server.PublicKey.ExportSubjectPublicKeyInfo()));
        string wrongHash = Convert.ToHexString(SHA256.HashData([1, 2, 3]));
        string taHash = Convert.ToHexString(SHA256.HashData(pki.Intermediate.RawData));
        ZoneHierarchy hierarchy = new ZoneHierarchyBuilder()
            .AddZone(".")
            .AddZone("test.")
            .AddZone("example.test.", text: $"""
                www                A      127.0.0.1
                _{port}._tcp.www   TLSA   3 1 1 {eeHash}
                alias              CNAME  www
                wrong              A      127.0.0.1
                _{port}._tcp.wrong TLSA   3 1 1 {wrongHash}
                ta                 A      127.0.0.1
                _{port}._tcp.ta    TLSA   2 0 1 {taHash}
                pkixee             A      127.0.0.1
                _{port}._tcp.pkixee TLSA  1 1 1 {eeHash}
                bogus              A      127.0.0.1
                _{port}._tcp.bogus TLSA   3 1 1 {eeHash}
                """)
            .AddUnsignedZone("unsigned.test.", text: "www A 127.0.0.1\n")
            .Build();
        SignedZone broken = hierarchy["example.test."]
            .CorruptSignature(DnsName.Parse("bogus.example.test."), RrType.A)
            .CorruptSignature(DnsName.Parse($"_{port}._tcp.bogus.example.test."), RrType.TLSA);
        return new DaneOrigin(pki, server, SignedNetwork.Start(hierarchy.With(broken)));
    }

    public string Url(string host) => $"https://{host}:{Port}/";

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        await Network.DisposeAsync();
        Pki.Dispose();
    }
}

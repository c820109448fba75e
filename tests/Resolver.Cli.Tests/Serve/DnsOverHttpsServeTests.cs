// DnsOverHttpsServeTests: serve answers DNS over HTTPS (RFC 8484) on its --https-listen address —
// POST and GET over HTTP/2, through the library's own DoH client and a plain HttpClient — with the same
// answers as over UDP; requests that are not DNS queries get the HTTP status RFC 8484 implies, and the
// freshness lifetime follows the answer's smallest TTL (§5.1).
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Resolver.Cli.Serve;
using Resolver.Protocol;
using Resolver.Testing.Servers;
using Resolver.Transport;
using static Resolver.Cli.Tests.CliHarness;

namespace Resolver.Cli.Tests.Serve;

public sealed class DnsOverHttpsServeTests
{
    private static ResolveResult Answer(DnsName name, RrType type, ResolveBehavior _) =>
        Secure(name, type, A(name.ToString(), "192.0.2.1", ttl: 120));

    private static async Task<(HttpsDnsListener Listener, string Pin)> StartAsync()
    {
        X509Certificate2 certificate = TlsDnsServer.MakeCertificate("dns.test");
        string pin = Convert.ToBase64String(SHA256.HashData(certificate.PublicKey.ExportSubjectPublicKeyInfo()));
        HttpsDnsListener listener = await HttpsDnsListener.StartAsync(
            new IPEndPoint(IPAddress.Loopback, 0), certificate, new QueryHandler(new FakeResolver(Answer)),
            new ServerLog(TextWriter.Null, TimeProvider.System), logQueries: false, new TcpLimits(), default);
        return (listener, pin);
    }

    // An HttpClient that trusts exactly the server's key (the test certificate is self-signed).
    private static HttpClient PlainClient(string pin) => new(new SocketsHttpHandler
    {
        SslOptions =
        {
            RemoteCertificateValidationCallback = (_, certificate, _, _) =>
                certificate is X509Certificate2 served && Convert.ToBase64String(SHA256.HashData(served.PublicKey.ExportSubjectPublicKeyInfo())) == pin,
        },
    })
    {
        DefaultRequestVersion = HttpVersion.Version20,
        DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
    };

    private static Uri QueryUri(HttpsDnsListener listener, string query = "") => new($"https://127.0.0.1:{listener.EndPoint.Port}{HttpsDnsListener.Path}{query}");

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Post_and_get_queries_are_answered_by_the_resolver_Rfc8484(bool useGet)
    {
        var (listener, pin) = await StartAsync();
        await using (listener)
        {
            var upstream = new HttpsUpstream { Uri = QueryUri(listener), Address = listener.EndPoint, SpkiPins = [pin], UseGet = useGet };
            using var client = new DnsOverHttpsTransport([upstream]);
            TransportResult[] results = await Task.WhenAll(Enumerable.Range(0, 4).Select(i =>
                client.QueryAsync(listener.EndPoint, DnsMessage.CreateQuery(0, Name($"n{i}.example."), RrType.A, recursionDesired: true, dnssecOk: true), TransportOptions.Default, default)));

            Assert.All(results, r => Assert.True(r.HasResponse, r.Error));
            Assert.All(results, r => Assert.Equal("192.0.2.1", Assert.Single(r.Response!.Answers).Data.ToString()));
            Assert.All(results, r => Assert.True(r.Response!.AuthenticData));
        }
    }

    [Fact]
    public async Task The_answer_is_fresh_for_its_smallest_ttl_Rfc8484_5_1()
    {
        var (listener, pin) = await StartAsync();
        await using (listener)
        {
            using HttpClient http = PlainClient(pin);
            using var body = new ByteArrayContent(DnsMessage.CreateQuery(0, Name("www.example."), RrType.A, recursionDesired: true).ToWire());
            body.Headers.ContentType = new MediaTypeHeaderValue(HttpsDnsListener.MediaType);
            using HttpResponseMessage response = await http.PostAsync(QueryUri(listener), body);

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(HttpVersion.Version20, response.Version);
            Assert.Equal(HttpsDnsListener.MediaType, response.Content.Headers.ContentType?.MediaType);
            Assert.Equal(TimeSpan.FromSeconds(120), response.Headers.CacheControl?.MaxAge);
            DnsMessage answer = DnsMessage.Parse(await response.Content.ReadAsByteArrayAsync());
            Assert.Single(answer.Answers);
        }
    }

    [Fact]
    public async Task Requests_that_are_not_dns_queries_get_the_http_error_that_says_why()
    {
        var (listener, pin) = await StartAsync();
        await using (listener)
        {
            using HttpClient http = PlainClient(pin);

            using var text = new StringContent("hello");
            using HttpResponseMessage wrongType = await http.PostAsync(QueryUri(listener), text);
            Assert.Equal(HttpStatusCode.UnsupportedMediaType, wrongType.StatusCode);

            using HttpResponseMessage notBase64 = await http.GetAsync(QueryUri(listener, "?dns=%21%21%21"));
            Assert.Equal(HttpStatusCode.BadRequest, notBase64.StatusCode);

            using HttpResponseMessage noQuery = await http.GetAsync(QueryUri(listener));
            Assert.Equal(HttpStatusCode.BadRequest, noQuery.StatusCode);

            using var put = new HttpRequestMessage(HttpMethod.Put, QueryUri(listener));
            using HttpResponseMessage wrongMethod = await http.SendAsync(put);
            Assert.Equal(HttpStatusCode.MethodNotAllowed, wrongMethod.StatusCode);

            using HttpResponseMessage elsewhere = await http.GetAsync(new Uri($"https://127.0.0.1:{listener.EndPoint.Port}/other"));
            Assert.Equal(HttpStatusCode.NotFound, elsewhere.StatusCode);
        }
    }

    [Fact]
    public void Base64url_without_padding_decodes_and_anything_else_is_refused_Rfc8484_6()
    {
        // RFC 8484 §4.1.1's GET example: the query for www.example.com A, ID 0, RD.
        byte[]? query = HttpsDnsListener.DecodeBase64Url("AAABAAABAAAAAAAAA3d3dwdleGFtcGxlA2NvbQAAAQAB");
        Assert.NotNull(query);
        DnsMessage parsed = DnsMessage.Parse(query);
        Assert.Equal("www.example.com.", parsed.Questions[0].Name.ToString());
        Assert.Null(HttpsDnsListener.DecodeBase64Url("not base64!"));
        Assert.Null(HttpsDnsListener.DecodeBase64Url(string.Empty));
    }

    [Fact]
    public void The_smallest_ttl_skips_the_opt_record_and_tolerates_a_truncated_message()
    {
        var message = new DnsMessage { Id = 1, IsResponse = true };
        message.Questions.Add(new DnsQuestion(Name("a.example."), RrType.A));
        message.Answers.Add(A("a.example.", "192.0.2.1", ttl: 300));
        message.Answers.Add(A("a.example.", "192.0.2.2", ttl: 30));
        message.Edns = new EdnsRecord { DnssecOk = true };
        byte[] wire = message.ToWire();

        Assert.Equal(30u, HttpsDnsListener.SmallestTtl(wire));
        Assert.Null(HttpsDnsListener.SmallestTtl(wire.AsSpan(0, 5)));
    }
}

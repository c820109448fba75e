// Transport tests on real loopback sockets: UDP answers, EDNS payload and DO bit, fresh IDs and ports,
// decoys with a wrong ID, question or source port ignored, TC → TCP, a silent server timing out, a
// closed port as a network error, malformed answers, and cancellation.
using System.Net;
using Resolver.Protocol;
using Resolver.Testing.Servers;
using Resolver.Transport;

namespace Resolver.Tests.Transport;

public sealed class DnsTransportTests
{
    private static DnsMessage Query(string name, RrType type = RrType.A) => DnsMessage.CreateQuery(0, DnsName.Parse(name), type);

    [Fact]
    public async Task Udp_answer_is_returned_with_edns_1232_and_do_sent()
    {
        await using TestDnsNetwork net = TestZones.ThreeLevels();
        var transport = new DnsTransport();
        TransportResult result = await transport.QueryAsync(net[2].EndPoint, Query("www.example.test."), TestZones.FastTransport(), default);

        Assert.Equal(TransportStatus.Response, result.Status);
        Assert.False(result.OverTcp);
        Assert.Equal(ResponseCode.NoError, result.Response!.ResponseCode);
        Assert.Single(result.Response.Answers);
        ReceivedQuery received = Assert.Single(net[2].Queries);
        Assert.NotNull(received.Message.Edns);
        Assert.Equal(1232, received.Message.Edns!.UdpPayloadSize);
        Assert.True(received.Message.Edns.DnssecOk);
    }

    [Fact]
    public async Task Every_query_gets_a_fresh_id_and_source_port()
    {
        await using TestDnsNetwork net = TestZones.ThreeLevels();
        var transport = new DnsTransport();
        DnsMessage query = Query("www.example.test.");
        for (int i = 0; i < 20; i++)
        {
            Assert.True((await transport.QueryAsync(net[2].EndPoint, query, TestZones.FastTransport(), default)).HasResponse);
        }

        ReceivedQuery[] received = [.. net[2].Queries];
        Assert.Equal(20, received.Length);
        // 20 IDs from 65,536 collide with probability ~0.3%; 20 ephemeral ports practically never all repeat.
        Assert.True(received.Select(r => r.Message.Id).Distinct().Count() >= 18);
        Assert.True(received.Select(r => r.Client.Port).Distinct().Count() >= 18);
        Assert.Equal(0, query.Id);   // the caller's message is not modified
    }

    [Theory]
    [InlineData(DecoyKind.WrongId)]
    [InlineData(DecoyKind.WrongQuestion)]
    [InlineData(DecoyKind.WrongSourcePort)]
    [InlineData(DecoyKind.WrongId | DecoyKind.WrongQuestion | DecoyKind.WrongSourcePort)]
    public async Task Decoys_are_ignored_and_the_real_answer_is_taken(DecoyKind decoys)
    {
        await using TestDnsNetwork net = TestZones.ThreeLevels();
        net[2].Decoys = decoys;
        TransportResult result = await new DnsTransport().QueryAsync(net[2].EndPoint, Query("www.example.test."), TestZones.FastTransport(), default);

        Assert.Equal(TransportStatus.Response, result.Status);
        var a = Assert.IsType<Resolver.Protocol.Records.AData>(Assert.Single(result.Response!.Answers).Data);
        Assert.Equal(IPAddress.Parse("192.0.2.1"), a.Address);   // not the decoy's 192.0.2.66
    }

    [Fact]
    public async Task Question_is_matched_case_insensitively()
    {
        await using TestDnsNetwork net = TestZones.ThreeLevels();
        net[2].Rewrite = (_, response) =>
        {
            response.Questions[0] = response.Questions[0] with { Name = DnsName.Parse("WwW.ExAmPlE.TeSt.") };
            return response;
        };
        TransportResult result = await new DnsTransport().QueryAsync(net[2].EndPoint, Query("www.example.test."), TestZones.FastTransport(), default);
        Assert.Equal(TransportStatus.Response, result.Status);
    }

    [Fact]
    public async Task A_response_to_another_question_only_times_out()
    {
        await using TestDnsNetwork net = TestZones.ThreeLevels();
        net[2].Rewrite = (_, response) =>
        {
            response.Questions[0] = response.Questions[0] with { Type = RrType.MX };
            return response;
        };
        TransportResult result = await new DnsTransport().QueryAsync(net[2].EndPoint, Query("www.example.test."), TestZones.FastTransport(), default);
        Assert.Equal(TransportStatus.Timeout, result.Status);
    }

    [Fact]
    public async Task Truncated_udp_answer_is_retried_over_tcp()
    {
        await using TestDnsNetwork net = TestZones.ThreeLevels();
        net[2].TruncateAllUdp = true;
        TransportResult result = await new DnsTransport().QueryAsync(net[2].EndPoint, Query("www.example.test."), TestZones.FastTransport(), default);

        Assert.Equal(TransportStatus.Response, result.Status);
        Assert.True(result.OverTcp);
        Assert.False(result.Response!.IsTruncated);
        Assert.Single(result.Response.Answers);
        Assert.Equal([false, true], net[2].Queries.Select(q => q.OverTcp));
    }

    [Fact]
    public async Task Large_answer_over_the_edns_payload_comes_over_tcp()
    {
        await using TestDnsNetwork net = TestDnsNetwork.Start(1);
        string txt = string.Join("\n", Enumerable.Range(0, 30).Select(i => $"big TXT \"{new string((char)('a' + (i % 26)), 100)}\""));
        net[0].AddZone("big.test.", TestZones.Soa("big.test.") + "@ NS ns\nns A 127.0.0.1\n" + txt);
        TransportResult result = await new DnsTransport().QueryAsync(net[0].EndPoint, Query("big.big.test.", RrType.TXT), TestZones.FastTransport(), default);

        Assert.True(result.OverTcp);
        Assert.Equal(30, result.Response!.Answers.Count);
    }

    [Fact]
    public async Task Silent_server_times_out()
    {
        await using TestDnsNetwork net = TestZones.ThreeLevels();
        net[2].Silent = true;
        TransportResult result = await new DnsTransport().QueryAsync(net[2].EndPoint, Query("www.example.test."), TestZones.FastTransport(), default);
        Assert.Equal(TransportStatus.Timeout, result.Status);
        Assert.Equal("no UDP response within 1 s", result.Error);
        Assert.Single(net[2].Queries);
    }

    [Fact]
    public async Task Closed_port_is_a_network_error_without_waiting_for_the_timeout()
    {
        IPEndPoint closed = TestDnsNetwork.ClosedEndPoint();
        var options = new TransportOptions { UdpTimeout = TimeSpan.FromSeconds(30) };
        TransportResult result = await new DnsTransport().QueryAsync(closed, Query("www.example.test."), options, default);
        Assert.Equal(TransportStatus.NetworkError, result.Status);
        Assert.True(result.RoundTripTime < TimeSpan.FromSeconds(10));
        // Said as an operator says it, not as a SocketError member name.
        Assert.Equal("refused (ICMP port unreachable: nothing listens on that port)", result.Error);
    }

    [Fact]
    public async Task Closed_tcp_port_says_connection_refused()
    {
        IPEndPoint closed = TestDnsNetwork.ClosedEndPoint();
        var options = new TransportOptions { TcpOnly = true };
        TransportResult result = await new DnsTransport().QueryAsync(closed, Query("www.example.test."), options, default);
        Assert.Equal(TransportStatus.NetworkError, result.Status);
        Assert.Equal("connection refused", result.Error);
    }

    [Fact]
    public async Task Malformed_answer_from_the_server_is_reported()
    {
        await using TestDnsNetwork net = TestZones.ThreeLevels();
        // An answer claiming one answer record but carrying none cannot be parsed.
        using var rogue = new System.Net.Sockets.UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        var server = (IPEndPoint)rogue.Client.LocalEndPoint!;
        Task<TransportResult> pending = new DnsTransport().QueryAsync(server, Query("www.example.test."), TestZones.FastTransport(), default);
        System.Net.Sockets.UdpReceiveResult received = await rogue.ReceiveAsync();
        byte[] reply = (byte[])received.Buffer.Clone();
        reply[2] |= 0x80;   // QR
        reply[7] = 1;       // ANCOUNT = 1, no record follows
        await rogue.SendAsync(reply, received.RemoteEndPoint);

        TransportResult result = await pending;
        Assert.Equal(TransportStatus.Malformed, result.Status);
    }

    [Fact]
    public async Task Cancellation_is_honoured()
    {
        await using TestDnsNetwork net = TestZones.ThreeLevels();
        net[2].Silent = true;
        using var cts = new CancellationTokenSource();
        Task<TransportResult> pending = new DnsTransport().QueryAsync(
            net[2].EndPoint, Query("www.example.test."), new TransportOptions { UdpTimeout = TimeSpan.FromSeconds(30) }, cts.Token);
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => pending);
    }

    [Fact]
    public void Options_outside_their_range_are_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new TransportOptions { UdpTimeout = TimeSpan.Zero }.Validate());
        Assert.Throws<ArgumentOutOfRangeException>(() => new TransportOptions { TcpReadTimeout = TimeSpan.FromMinutes(5) }.Validate());
        new TransportOptions().Validate();
    }
}

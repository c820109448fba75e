// StubForwarder: the in-process upstream used when the lab is not running — a UDP server on loopback
// that answers every A question with 192.0.2.80 (RD and RA set, as a recursive resolver would) and
// every other question with an empty NOERROR. Built only from the package's protocol types.
using System.Net;
using System.Net.Sockets;
using Resolver.Protocol;
using Resolver.Protocol.Records;

internal sealed class StubForwarder : IDisposable
{
    public static readonly IPAddress Answer = IPAddress.Parse("192.0.2.80");

    private readonly UdpClient _udp = new(new IPEndPoint(IPAddress.Loopback, 0));
    private readonly CancellationTokenSource _stop = new();

    private StubForwarder() => _ = Task.Run(ServeAsync);

    public IPEndPoint EndPoint => (IPEndPoint)_udp.Client.LocalEndPoint!;

    public static StubForwarder Start() => new();

    private async Task ServeAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            UdpReceiveResult received;
            try
            {
                received = await _udp.ReceiveAsync(_stop.Token);
            }
            catch (Exception) when (_stop.IsCancellationRequested)
            {
                return;
            }

            if (!DnsMessage.TryParse(received.Buffer, out DnsMessage? query) || query.Question is not { } question)
            {
                continue;
            }

            var response = new DnsMessage
            {
                Id = query.Id,
                IsResponse = true,
                RecursionDesired = query.RecursionDesired,
                RecursionAvailable = true,
                CheckingDisabled = query.CheckingDisabled,
                ResponseCode = ResponseCode.NoError,
                Edns = query.Edns,
            };
            response.Questions.Add(question);
            if (question.Type == RrType.A)
            {
                response.Answers.Add(new ResourceRecord(question.Name, 300, new AData(Answer)));
            }

            await _udp.SendAsync(response.ToWire(), received.RemoteEndPoint);
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _udp.Dispose();
        _stop.Dispose();
    }
}

// TcpAttack: the load generator of benchmarks/compare-under-attack.sh (issue 15 item 6). Measures the
// rate at which honest clients are answered by a running server — UDP (several senders, one query in
// flight each) and TCP (a fresh connection per query, the worst case for slots) — first unloaded,
// then while SLOW attacking connections, each from its own loopback address (127.0.2.x, 127.0.3.x …),
// hold TCP connections open: half send nothing, half send the first byte of a length prefix and no
// more, and each reconnects as soon as the server closes it (a slowloris that never lets go).
// Prints
//   honest-udp-qps UNLOADED LOADED RATIO
//   honest-tcp-qps UNLOADED LOADED RATIO
//   attack: N connections held on average, M reconnects
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Resolver.Protocol;
using Resolver.Protocol.Text;

namespace Resolver.Benchmarks;

internal static class TcpAttack
{
    private static readonly TimeSpan s_queryTimeout = TimeSpan.FromSeconds(1);

    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length != 5)
        {
            await Console.Error.WriteLineAsync("usage: tcp-attack SERVER:PORT SECONDS SLOW-CONNECTIONS NAMES-FILE").ConfigureAwait(false);
            return 64;
        }

        IPEndPoint server = IPEndPoint.Parse(args[1]);
        var duration = TimeSpan.FromSeconds(double.Parse(args[2], CultureInfo.InvariantCulture));
        int slow = int.Parse(args[3], CultureInfo.InvariantCulture);
        (DnsName Name, RrType Type)[] names = [.. File.ReadLines(args[4])
            .Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(p => p.Length == 2)
            .Select(p => (DnsName.Parse(p[0]), RrTypeText.TryParseType(p[1], out RrType t) ? t : throw new FormatException(p[1])))];

        await HonestRatesAsync(server, names, TimeSpan.FromSeconds(1)).ConfigureAwait(false);   // warm-up (JIT, caches), not counted
        (double udp0, double tcp0) = await HonestRatesAsync(server, names, duration).ConfigureAwait(false);
        using var stop = new CancellationTokenSource();
        var attack = new SlowClients(server, slow);
        Task attacking = attack.RunAsync(stop.Token);
        await attack.AllConnectedAsync(TimeSpan.FromSeconds(30)).ConfigureAwait(false);
        (double udp1, double tcp1) = await HonestRatesAsync(server, names, duration).ConfigureAwait(false);
        await stop.CancelAsync().ConfigureAwait(false);
        await attacking.ConfigureAwait(false);

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"honest-udp-qps {udp0:F0} {udp1:F0} {Ratio(udp1, udp0):F2}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"honest-tcp-qps {tcp0:F0} {tcp1:F0} {Ratio(tcp1, tcp0):F2}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"attack: {attack.HeldAverage:F0} of {slow} connections held on average, {attack.Reconnects} reconnects"));
        return 0;
    }

    private static double Ratio(double loaded, double unloaded) => unloaded > 0 ? loaded / unloaded : 0;

    // Answers per second over `duration`: 4 UDP senders and (at the same time) 2 TCP clients.
    private static async Task<(double Udp, double Tcp)> HonestRatesAsync(IPEndPoint server, (DnsName Name, RrType Type)[] names, TimeSpan duration)
    {
        using var until = new CancellationTokenSource(duration);
        long udp = 0, tcp = 0;
        Task[] senders =
        [
            .. Enumerable.Range(0, 4).Select(i => Task.Run(async () =>
            {
                using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
                socket.Connect(server);
                byte[] buffer = new byte[4096];
                for (int n = i; !until.IsCancellationRequested; n++)
                {
                    var (name, type) = names[n % names.Length];
                    ushort id = (ushort)n;
                    await socket.SendAsync(DnsMessage.CreateQuery(id, name, type, recursionDesired: true).ToWire()).ConfigureAwait(false);
                    using var wait = CancellationTokenSource.CreateLinkedTokenSource(until.Token);
                    wait.CancelAfter(s_queryTimeout);
                    try
                    {
                        int got = await socket.ReceiveAsync(buffer, wait.Token).ConfigureAwait(false);
                        if (got >= 2 && (buffer[0] << 8 | buffer[1]) == id)
                        {
                            Interlocked.Increment(ref udp);
                        }
                    }
                    catch (OperationCanceledException)
                    {
                    }
                }
            })),
            .. Enumerable.Range(0, 2).Select(i => Task.Run(async () =>
            {
                for (int n = i; !until.IsCancellationRequested; n++)
                {
                    var (name, type) = names[n % names.Length];
                    try
                    {
                        if (await TcpQueryAsync(server, name, type, until.Token).ConfigureAwait(false))
                        {
                            Interlocked.Increment(ref tcp);
                        }
                    }
                    catch (Exception e) when (e is SocketException or IOException or OperationCanceledException)
                    {
                        // refused, reset or timed out: not answered
                    }
                }
            })),
        ];
        await Task.WhenAll(senders).ConfigureAwait(false);
        return (udp / duration.TotalSeconds, tcp / duration.TotalSeconds);
    }

    private static async Task<bool> TcpQueryAsync(IPEndPoint server, DnsName name, RrType type, CancellationToken until)
    {
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(until);
        wait.CancelAfter(s_queryTimeout);
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(server, wait.Token).ConfigureAwait(false);
        byte[] query = DnsMessage.CreateQuery(7, name, type, recursionDesired: true).ToWire();
        byte[] framed = new byte[query.Length + 2];
        framed[0] = (byte)(query.Length >> 8);
        framed[1] = (byte)query.Length;
        query.CopyTo(framed, 2);
        await socket.SendAsync(framed, wait.Token).ConfigureAwait(false);
        byte[] prefix = new byte[2];
        if (!await ReadExactlyAsync(socket, prefix, wait.Token).ConfigureAwait(false))
        {
            return false;
        }

        byte[] response = new byte[prefix[0] << 8 | prefix[1]];
        return await ReadExactlyAsync(socket, response, wait.Token).ConfigureAwait(false) && response.Length >= 2 && response[1] == 7;
    }

    private static async Task<bool> ReadExactlyAsync(Socket socket, Memory<byte> buffer, CancellationToken cancellationToken)
    {
        for (int read = 0; read < buffer.Length;)
        {
            int n = await socket.ReceiveAsync(buffer[read..], cancellationToken).ConfigureAwait(false);
            if (n == 0)
            {
                return false;
            }

            read += n;
        }

        return true;
    }

    // The attackers: one connection per source address, kept open, reopened when the server closes it.
    private sealed class SlowClients(IPEndPoint server, int count)
    {
        private readonly TaskCompletionSource _connected = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _open;
        private int _everConnected;
        private long _reconnects;
        private long _heldSum;
        private long _heldSamples;

        public long Reconnects => Interlocked.Read(ref _reconnects);

        public double HeldAverage => _heldSamples == 0 ? 0 : (double)_heldSum / _heldSamples;

        public Task AllConnectedAsync(TimeSpan timeout) => _connected.Task.WaitAsync(timeout);

        public async Task RunAsync(CancellationToken stop)
        {
            Task sampler = Task.Run(async () =>
            {
                while (!stop.IsCancellationRequested)
                {
                    Interlocked.Add(ref _heldSum, Volatile.Read(ref _open));
                    Interlocked.Increment(ref _heldSamples);
                    await Task.Delay(100, CancellationToken.None).ConfigureAwait(false);
                }
            }, CancellationToken.None);
            await Task.WhenAll(Enumerable.Range(0, count).Select(i => HoldAsync(i, stop))).ConfigureAwait(false);
            await sampler.ConfigureAwait(false);
        }

        private async Task HoldAsync(int i, CancellationToken stop)
        {
            var from = new IPAddress(new byte[] { 127, (byte)(2 + i / 250), (byte)(i % 250 + 1), 1 });
            bool first = true;
            while (!stop.IsCancellationRequested)
            {
                using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                try
                {
                    socket.Bind(new IPEndPoint(from, 0));
                    await socket.ConnectAsync(server, stop).ConfigureAwait(false);
                    if (i % 2 == 0)
                    {
                        await socket.SendAsync(new byte[] { 0 }, stop).ConfigureAwait(false);   // a length prefix never finished
                    }

                    Interlocked.Increment(ref _open);
                    if (first && Interlocked.Increment(ref _everConnected) == count)
                    {
                        _connected.TrySetResult();
                    }

                    first = false;
                    // Held until the server closes it (the read ends or is reset) or the run stops.
                    try
                    {
                        await socket.ReceiveAsync(new byte[16], stop).ConfigureAwait(false);
                    }
                    finally
                    {
                        Interlocked.Decrement(ref _open);
                    }
                }
                catch (Exception e) when (e is SocketException or OperationCanceledException)
                {
                }

                if (!stop.IsCancellationRequested)
                {
                    Interlocked.Increment(ref _reconnects);
                    await Task.Delay(20, CancellationToken.None).ConfigureAwait(false);
                }
            }
        }
    }
}

// HappyEyeballs: RFC 8305 connection racing — addresses interleaved by family, IPv6 first (§4), one
// attempt started every Connection Attempt Delay or as soon as the previous one fails (§5), the first
// connection to succeed wins and the others are cancelled (a loser that connects anyway is closed).
// The connect step and the clock are parameters, so tests race fake attempts on a fake clock.
using System.Net;
using System.Net.Sockets;

namespace Resolver.Http;

internal static class HappyEyeballs
{
    /// <summary>RFC 8305 §4: IPv6 and IPv4 addresses alternate, IPv6 first, each family in its answer order.</summary>
    public static List<IPAddress> Order(IEnumerable<IPAddress> addresses)
    {
        List<IPAddress> v6 = [.. addresses.Where(a => a.AddressFamily == AddressFamily.InterNetworkV6)];
        List<IPAddress> v4 = [.. addresses.Where(a => a.AddressFamily != AddressFamily.InterNetworkV6)];
        var ordered = new List<IPAddress>(v6.Count + v4.Count);
        for (int i = 0; i < Math.Max(v6.Count, v4.Count); i++)
        {
            if (i < v6.Count)
            {
                ordered.Add(v6[i]);
            }

            if (i < v4.Count)
            {
                ordered.Add(v4[i]);
            }
        }

        return ordered;
    }

    /// <summary>Races <paramref name="connect"/> over <paramref name="endPoints"/> in order, staggered by <paramref name="delay"/>.</summary>
    /// <exception cref="AggregateException">Every attempt failed (the inner exceptions, in attempt order).</exception>
    public static async Task<T> ConnectAsync<T>(IReadOnlyList<IPEndPoint> endPoints, TimeSpan delay, TimeProvider time,
        Func<IPEndPoint, CancellationToken, Task<T>> connect, CancellationToken cancellationToken)
        where T : class, IDisposable
    {
        using var race = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var running = new List<Task<T>>();
        var failures = new List<Exception>();
        Task startNext = Task.CompletedTask;
        int next = 0;
        try
        {
            while (true)
            {
                if (next < endPoints.Count && startNext.IsCompleted)
                {
                    // the delay's timer starts before the attempt does, so it is always measured from the attempt's start
                    IPEndPoint endPoint = endPoints[next++];
                    startNext = next < endPoints.Count ? Task.Delay(delay, time, race.Token) : Task.Delay(Timeout.Infinite, race.Token);
                    running.Add(Attempt(connect, endPoint, race.Token));
                    continue;
                }

                if (running.Count == 0)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    throw new AggregateException($"No connection to any of {endPoints.Count} address(es)", failures);
                }

                Task done = await Task.WhenAny([.. running, startNext]).ConfigureAwait(false);
                if (done == startNext)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    continue;
                }

                var attempt = (Task<T>)done;
                running.Remove(attempt);
                if (attempt.IsCompletedSuccessfully)
                {
                    return attempt.Result;
                }

                failures.Add(attempt.Exception?.InnerException ?? new OperationCanceledException());
                startNext = Task.CompletedTask; // §5: a failed attempt starts the next one at once
            }
        }
        finally
        {
            await race.CancelAsync().ConfigureAwait(false);
            foreach (Task<T> loser in running)
            {
                _ = loser.ContinueWith(static t =>
                {
                    if (t.IsCompletedSuccessfully)
                    {
                        t.Result.Dispose();
                    }
                }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            }
        }
    }

    private static async Task<T> Attempt<T>(Func<IPEndPoint, CancellationToken, Task<T>> connect, IPEndPoint endPoint, CancellationToken cancellationToken)
    {
        await Task.Yield();
        return await connect(endPoint, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A TCP connection to <paramref name="endPoint"/>.</summary>
    public static async Task<Socket> ConnectSocketAsync(IPEndPoint endPoint, CancellationToken cancellationToken)
    {
        var socket = new Socket(endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(endPoint, cancellationToken).ConfigureAwait(false);
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}

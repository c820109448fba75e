// HappyEyeballsTests: RFC 8305 ordering (§4: families interleaved, IPv6 first) and racing (§5: the
// next attempt starts after the Connection Attempt Delay, or at once when one fails; the first
// success wins; late winners are closed) with fake attempts on a FakeTimeProvider — no sleeping.
using System.Net;
using Microsoft.Extensions.Time.Testing;
using Resolver.Http;

namespace Resolver.Tests.Http;

public sealed class HappyEyeballsTests
{
    private static readonly TimeSpan Delay = TimeSpan.FromMilliseconds(250);

    private sealed class Conn(IPEndPoint endPoint) : IDisposable
    {
        public IPEndPoint EndPoint { get; } = endPoint;

        public bool Disposed { get; private set; }

        public void Dispose() => Disposed = true;
    }

    // One pending attempt per address, completed by the test.
    private sealed class Attempts
    {
        public List<(IPEndPoint EndPoint, TaskCompletionSource<Conn> Done)> Started { get; } = [];

        public Task<Conn> Connect(IPEndPoint endPoint, CancellationToken cancellationToken)
        {
            var done = new TaskCompletionSource<Conn>(TaskCreationOptions.RunContinuationsAsynchronously);
            cancellationToken.Register(() => done.TrySetCanceled(cancellationToken));
            lock (Started)
            {
                Started.Add((endPoint, done));
            }

            return done.Task;
        }

        public int Count
        {
            get
            {
                lock (Started)
                {
                    return Started.Count;
                }
            }
        }
    }

    private static IPEndPoint[] EndPoints(params string[] addresses) => [.. addresses.Select(a => new IPEndPoint(IPAddress.Parse(a), 443))];

    private static async Task WaitFor(Func<bool> condition)
    {
        for (int i = 0; i < 2000 && !condition(); i++)
        {
            await Task.Yield();
            await Task.Delay(1);
        }

        Assert.True(condition());
    }

    [Fact]
    public void Rfc8305_Section4_InterleavesFamiliesIpv6First()
    {
        IPAddress[] input = [.. new[] { "192.0.2.1", "192.0.2.2", "192.0.2.3", "2001:db8::1", "2001:db8::2" }.Select(IPAddress.Parse)];
        Assert.Equal(["2001:db8::1", "192.0.2.1", "2001:db8::2", "192.0.2.2", "192.0.2.3"], HappyEyeballs.Order(input).Select(a => a.ToString()));
    }

    [Fact]
    public async Task Rfc8305_Section5_NextAttemptStartsOnlyAfterTheDelay()
    {
        var time = new FakeTimeProvider();
        var attempts = new Attempts();
        Task<Conn> race = HappyEyeballs.ConnectAsync(EndPoints("2001:db8::1", "192.0.2.1"), Delay, time, attempts.Connect, CancellationToken.None);
        await WaitFor(() => attempts.Count == 1);
        time.Advance(TimeSpan.FromMilliseconds(249));
        await Task.Delay(20);
        Assert.Equal(1, attempts.Count);
        time.Advance(TimeSpan.FromMilliseconds(1));
        await WaitFor(() => attempts.Count == 2);

        // the second (IPv4) attempt wins; the first, connecting late, is closed
        var winner = new Conn(attempts.Started[1].EndPoint);
        attempts.Started[1].Done.SetResult(winner);
        Assert.Same(winner, await race);
        var late = new Conn(attempts.Started[0].EndPoint);
        attempts.Started[0].Done.TrySetResult(late);
        Assert.Equal("192.0.2.1", winner.EndPoint.Address.ToString());
        Assert.False(winner.Disposed);
    }

    [Fact]
    public async Task Rfc8305_Section5_AFailedAttemptStartsTheNextAtOnce()
    {
        var time = new FakeTimeProvider();
        var attempts = new Attempts();
        Task<Conn> race = HappyEyeballs.ConnectAsync(EndPoints("2001:db8::1", "192.0.2.1"), Delay, time, attempts.Connect, CancellationToken.None);
        await WaitFor(() => attempts.Count == 1);
        attempts.Started[0].Done.SetException(new System.Net.Sockets.SocketException((int)System.Net.Sockets.SocketError.ConnectionRefused));
        await WaitFor(() => attempts.Count == 2); // no time advanced
        attempts.Started[1].Done.SetResult(new Conn(attempts.Started[1].EndPoint));
        Assert.Equal("192.0.2.1", (await race).EndPoint.Address.ToString());
    }

    [Fact]
    public async Task EveryAttemptFails_AggregateOfAllFailures()
    {
        var time = new FakeTimeProvider();
        var attempts = new Attempts();
        Task<Conn> race = HappyEyeballs.ConnectAsync(EndPoints("2001:db8::1", "192.0.2.1"), Delay, time, attempts.Connect, CancellationToken.None);
        await WaitFor(() => attempts.Count == 1);
        attempts.Started[0].Done.SetException(new InvalidOperationException("one"));
        await WaitFor(() => attempts.Count == 2);
        attempts.Started[1].Done.SetException(new InvalidOperationException("two"));
        AggregateException ex = await Assert.ThrowsAsync<AggregateException>(() => race);
        Assert.Equal(["one", "two"], ex.InnerExceptions.Select(e => e.Message));
    }

    [Fact]
    public async Task TheWinnerCancelsTheOthers()
    {
        var time = new FakeTimeProvider();
        var attempts = new Attempts();
        Task<Conn> race = HappyEyeballs.ConnectAsync(EndPoints("2001:db8::1", "192.0.2.1", "2001:db8::2"), Delay, time, attempts.Connect, CancellationToken.None);
        await WaitFor(() => attempts.Count == 1);
        time.Advance(Delay);
        await WaitFor(() => attempts.Count == 2);
        attempts.Started[0].Done.SetResult(new Conn(attempts.Started[0].EndPoint));
        Assert.Equal("2001:db8::1", (await race).EndPoint.Address.ToString());
        await WaitFor(() => attempts.Started[1].Done.Task.IsCanceled);
        time.Advance(Delay * 4);
        await Task.Delay(20);
        Assert.Equal(2, attempts.Count); // the third never started
    }
}

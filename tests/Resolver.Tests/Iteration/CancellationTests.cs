// CancellationTests: the caller's CancellationToken reaches the iteration work (issue 13 item 6).
// Identical questions in flight share one resolution; that shared work runs under a token that is
// cancelled when every waiter has cancelled (the waiters are counted), so a caller that gave up
// alone stops the upstream queries it caused, while a caller that gave up beside others leaves
// their answer intact. The network is a gate the test opens: no sleeps, no real sockets.
using System.Net;
using Resolver.Cache;
using Resolver.Iteration;
using Resolver.Protocol;
using Resolver.Protocol.Records;
using Resolver.Transport;

namespace Resolver.Tests.Iteration;

public sealed class CancellationTests
{
    private static readonly IPEndPoint s_upstream = new(IPAddress.Parse("192.0.2.53"), 53);
    private static readonly DnsQuestion s_question = new(DnsName.Parse("www.example.test."), RrType.A);

    // Generous: only reached when the rule is broken (the test then fails instead of hanging).
    private static readonly TimeSpan s_guard = TimeSpan.FromSeconds(20);

    private static ForwardingIterator Forwarder(GatedTransport transport, DnsCache cache)
    {
        var options = new IterationOptions { ForwarderAttempts = 3 };
        options.Forwarders.Add(s_upstream);
        return new ForwardingIterator(transport, cache, options);
    }

    [Fact]
    public async Task A_cancelled_caller_that_was_the_only_waiter_stops_its_upstream_queries()
    {
        var transport = new GatedTransport(answer: false);
        using var cache = new DnsCache();
        using ForwardingIterator forwarder = Forwarder(transport, cache);
        using var cts = new CancellationTokenSource();

        Task<IterationResult> waiting = forwarder.ResolveAsync(s_question, cts.Token);
        await transport.FirstSent.Task.WaitAsync(s_guard);
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);

        // The upstream query in flight is cancelled, and once the network answers (a timeout, which
        // would make the forwarder ask again) the abandoned work has ended without asking again.
        await transport.QueryCancelled.Task.WaitAsync(s_guard);
        transport.Release();
        await forwarder.WhenIdleAsync().WaitAsync(s_guard);
        Assert.Equal(1, transport.Sent);
    }

    [Fact]
    public async Task One_of_two_waiters_cancelling_leaves_the_others_answer_intact()
    {
        var transport = new GatedTransport(answer: true);
        using var cache = new DnsCache();
        using ForwardingIterator forwarder = Forwarder(transport, cache);
        using var cts = new CancellationTokenSource();

        Task<IterationResult> leaving = forwarder.ResolveAsync(s_question, cts.Token);
        await transport.FirstSent.Task.WaitAsync(s_guard);
        Task<IterationResult> staying = forwarder.ResolveAsync(s_question, CancellationToken.None);
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => leaving);
        transport.Release();

        IterationResult result = await staying.WaitAsync(s_guard);
        Assert.Equal(IterationStatus.Answer, result.Status);
        Assert.Equal("192.0.2.1", Assert.Single(result.Answers[^1].RrSet.RrSet.Data).ToString());
        Assert.Equal(1, transport.Sent);
        Assert.False(transport.QueryCancelled.Task.IsCompleted);
    }

    [Fact]
    public async Task Cancelling_every_waiter_of_a_coalesced_resolution_cancels_the_shared_work()
    {
        var transport = new GatedTransport(answer: true);
        using var cache = new DnsCache();
        using ForwardingIterator forwarder = Forwarder(transport, cache);
        using var first = new CancellationTokenSource();
        using var second = new CancellationTokenSource();

        Task<IterationResult> a = forwarder.ResolveAsync(s_question, first.Token);
        await transport.FirstSent.Task.WaitAsync(s_guard);
        Task<IterationResult> b = forwarder.ResolveAsync(s_question, second.Token);
        await first.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => a);
        Assert.False(transport.QueryCancelled.Task.IsCompleted);   // one waiter is left

        await second.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => b);
        await transport.QueryCancelled.Task.WaitAsync(s_guard);
        Assert.Equal(1, transport.Sent);
    }

    // Every query waits for Release (or its token); then it is answered, or times out.
    private sealed class GatedTransport(bool answer) : IDnsTransport
    {
        private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _sent;

        public TaskCompletionSource FirstSent { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource QueryCancelled { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public int Sent => Volatile.Read(ref _sent);

        public void Release() => _release.TrySetResult();

        public async Task<TransportResult> QueryAsync(IPEndPoint server, DnsMessage query, TransportOptions options, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _sent);
            FirstSent.TrySetResult();
            try
            {
                await _release.Task.WaitAsync(cancellationToken);
            }
            catch (OperationCanceledException)
            {
                QueryCancelled.TrySetResult();
                throw;
            }

            if (!answer)
            {
                return TransportResult.Failure(TransportStatus.Timeout, server, overTcp: false, TimeSpan.Zero, "timed out");
            }

            DnsQuestion question = query.Questions[0];
            var response = new DnsMessage
            {
                Id = query.Id,
                IsResponse = true,
                RecursionDesired = true,
                RecursionAvailable = true,
                CheckingDisabled = query.CheckingDisabled,
            };
            response.Questions.Add(question);
            response.Answers.Add(new ResourceRecord(question.Name, 300, new AData(IPAddress.Parse("192.0.2.1"))));
            return TransportResult.FromResponse(server, response, overTcp: false, TimeSpan.FromMilliseconds(1));
        }
    }
}

// ServerSelectorTests: the per-server retransmission timeout (RFC 6298 §2, §5.5) and the failure
// count that tells the iterator a server is down, on a fake clock.
using System.Net;
using Microsoft.Extensions.Time.Testing;
using Resolver.Iteration;
using Resolver.Protocol;

namespace Resolver.Tests.Iteration;

public sealed class ServerSelectorTests
{
    private static readonly IPEndPoint Server = new(IPAddress.Parse("192.0.2.1"), 53);
    private static readonly TimeSpan Max = TimeSpan.FromMilliseconds(1500);

    private static readonly IPEndPoint Other = new(IPAddress.Parse("192.0.2.2"), 53);

    private static ServerSelector Selector(FakeTimeProvider? time = null) =>
        new(time ?? new FakeTimeProvider(), TimeSpan.FromSeconds(30), TimeSpan.FromMilliseconds(376), TimeSpan.FromMinutes(15));

    [Fact]
    public void A_server_never_heard_from_gets_the_first_guess() =>
        Assert.Equal(TimeSpan.FromMilliseconds(376), Selector().Timeout(Server, Max));

    [Fact]
    public void The_first_sample_sets_srtt_and_half_of_it_as_variance()
    {
        // RFC 6298 §2.2: SRTT = R, RTTVAR = R/2, RTO = SRTT + 4·RTTVAR = 3R.
        ServerSelector selector = Selector();
        selector.RecordResponse(Server, TimeSpan.FromMilliseconds(100));
        Assert.Equal(TimeSpan.FromMilliseconds(300), selector.Timeout(Server, Max));
    }

    [Fact]
    public void A_fast_server_gets_at_least_the_minimum_timeout()
    {
        ServerSelector selector = Selector();
        selector.RecordResponse(Server, TimeSpan.FromMilliseconds(0.2));
        Assert.Equal(TimeSpan.FromMilliseconds(50), selector.Timeout(Server, Max));
    }

    [Fact]
    public void Each_timeout_in_a_row_doubles_the_wait_up_to_the_maximum_and_an_answer_resets_it()
    {
        ServerSelector selector = Selector();
        selector.RecordResponse(Server, TimeSpan.FromMilliseconds(100));
        Assert.Equal(1, selector.RecordFailure(Server, 0));
        Assert.Equal(TimeSpan.FromMilliseconds(600), selector.Timeout(Server, Max));
        Assert.Equal(2, selector.RecordFailure(Server, 1));
        Assert.Equal(TimeSpan.FromMilliseconds(1200), selector.Timeout(Server, Max));
        Assert.Equal(3, selector.RecordFailure(Server, 2));
        Assert.Equal(Max, selector.Timeout(Server, Max));
        Assert.True(selector.IsBackedOff(Server));

        selector.RecordResponse(Server, TimeSpan.FromMilliseconds(100));
        Assert.False(selector.IsBackedOff(Server));
        Assert.True(selector.Timeout(Server, Max) < TimeSpan.FromMilliseconds(600));
    }

    [Fact]
    public void Queries_that_time_out_together_are_one_loss_not_several()
    {
        // Regression: eight concurrent resolutions whose queries to a zone's only server met one slow
        // moment each recorded a timeout "in a row", the server was declared down after the third, and
        // every resolution in flight failed with SERVFAIL instead of retransmitting (seen against the lab).
        ServerSelector selector = Selector();
        selector.RecordResponse(Server, TimeSpan.FromMilliseconds(1));
        int sentAt = selector.LossesInARow(Server);
        for (int i = 0; i < 8; i++)
        {
            Assert.Equal(1, selector.RecordFailure(Server, sentAt));
        }

        // A retransmission sent after that loss, and lost too, is a second loss in a row.
        Assert.Equal(2, selector.RecordFailure(Server, selector.LossesInARow(Server)));
        Assert.Equal(TimeSpan.FromMilliseconds(200), selector.Timeout(Server, Max));
    }

    [Fact]
    public void Later_samples_are_smoothed()
    {
        // RFC 6298 §2.3: RTTVAR = 3/4·RTTVAR + 1/4·|SRTT − R|, SRTT = 7/8·SRTT + 1/8·R.
        ServerSelector selector = Selector();
        selector.RecordResponse(Server, TimeSpan.FromMilliseconds(100));   // SRTT 100, RTTVAR 50
        selector.RecordResponse(Server, TimeSpan.FromMilliseconds(20));    // RTTVAR 57.5, SRTT 90
        Assert.Equal(90 + (4 * 57.5), selector.Timeout(Server, Max).TotalMilliseconds, precision: 6);
    }

    [Fact]
    public void A_lame_server_is_asked_last_for_that_zone_only_until_the_memory_expires()
    {
        var time = new FakeTimeProvider();
        ServerSelector selector = Selector(time);
        DnsName zone = DnsName.Parse("example.test."), otherZone = DnsName.Parse("other.test.");
        // The lame server is the faster one: without the lame memory it would be asked first.
        selector.RecordResponse(Server, TimeSpan.FromMilliseconds(1));
        selector.RecordResponse(Other, TimeSpan.FromMilliseconds(50));
        selector.RecordLame(Server, zone);

        Assert.True(selector.IsLame(Server, zone));
        Assert.Equal([Other, Server], selector.Order([Server, Other], zone));
        // Lameness is per (server, zone): the same server is still first for a zone it serves.
        Assert.Equal([Server, Other], selector.Order([Server, Other], otherZone));

        time.Advance(TimeSpan.FromMinutes(15));
        Assert.False(selector.IsLame(Server, zone));
        Assert.Equal([Server, Other], selector.Order([Server, Other], zone));
    }

    [Fact]
    public void A_zero_lame_ttl_turns_the_memory_off()
    {
        var selector = new ServerSelector(new FakeTimeProvider(), TimeSpan.FromSeconds(30), TimeSpan.FromMilliseconds(376), TimeSpan.Zero);
        selector.RecordLame(Server, DnsName.Root);
        Assert.False(selector.IsLame(Server, DnsName.Root));
    }
}

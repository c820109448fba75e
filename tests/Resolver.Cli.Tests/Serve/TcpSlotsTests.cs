// TcpSlotsTests: the slot accounting behind serve's TCP side — a share per address, and when every
// slot is taken, the connection idle longest (never one mid-message) gives its slot up (RFC 7766 §6.2.3).
using System.Net;
using Resolver.Cli.Serve;

namespace Resolver.Cli.Tests.Serve;

public sealed class TcpSlotsTests
{
    private static readonly IPAddress s_a = IPAddress.Parse("192.0.2.1");
    private static readonly IPAddress s_b = IPAddress.Parse("192.0.2.2");
    private static readonly IPAddress s_c = IPAddress.Parse("192.0.2.3");

    [Fact]
    public async Task When_every_slot_is_taken_the_longest_idle_connection_gives_its_slot_up()
    {
        using var slots = new TcpSlots(new TcpLimits { MaxConnections = 2, MaxConnectionsPerClient = 2 });
        TcpSlot first = (await slots.TryTakeAsync(s_a, mayEvict: false, CancellationToken.None))!;
        TcpSlot second = (await slots.TryTakeAsync(s_b, mayEvict: false, CancellationToken.None))!;
        second.BeginWaiting();   // idle since now: first has waited longer
        first.Evicted.Register(first.Dispose);   // the connection closes when told to

        TcpSlot? third = await slots.TryTakeAsync(s_c, mayEvict: true, CancellationToken.None);

        Assert.NotNull(third);
        Assert.True(first.WasEvicted);
        Assert.False(second.WasEvicted);
        Assert.Equal(1, slots.Evictions);
        Assert.Equal(2, slots.InUse);
    }

    [Fact]
    public async Task A_connection_whose_query_is_being_answered_is_never_evicted()
    {
        using var slots = new TcpSlots(new TcpLimits { MaxConnections = 1, MaxConnectionsPerClient = 1 });
        TcpSlot busy = (await slots.TryTakeAsync(s_a, mayEvict: false, CancellationToken.None))!;
        Assert.True(busy.BeginAnswer());

        Assert.Null(await slots.TryTakeAsync(s_b, mayEvict: true, CancellationToken.None));
        Assert.False(busy.WasEvicted);
        Assert.Equal(0, slots.Evictions);
    }

    [Fact]
    public async Task A_connection_without_a_whole_query_takes_only_a_free_slot()
    {
        using var slots = new TcpSlots(new TcpLimits { MaxConnections = 1, MaxConnectionsPerClient = 1 });
        TcpSlot waiting = (await slots.TryTakeAsync(s_a, mayEvict: false, CancellationToken.None))!;

        Assert.Null(await slots.TryTakeAsync(s_b, mayEvict: false, CancellationToken.None));
        Assert.False(waiting.WasEvicted);
        Assert.Equal(0, slots.Evictions);
    }

    [Fact]
    public async Task An_evicted_connection_whose_query_completes_meanwhile_is_told_to_close()
    {
        using var slots = new TcpSlots(new TcpLimits { MaxConnections = 1, MaxConnectionsPerClient = 1 });
        TcpSlot first = (await slots.TryTakeAsync(s_a, mayEvict: false, CancellationToken.None))!;
        Task<TcpSlot?> second = slots.TryTakeAsync(s_b, mayEvict: true, CancellationToken.None).AsTask();

        Assert.False(first.BeginAnswer());   // its slot was promised away: it closes
        first.Dispose();
        Assert.NotNull(await second);
    }

    [Fact]
    public async Task One_address_over_its_share_is_refused_without_evicting_anyone()
    {
        using var slots = new TcpSlots(new TcpLimits { MaxConnections = 4, MaxConnectionsPerClient = 1 });
        TcpSlot held = (await slots.TryTakeAsync(s_a, mayEvict: false, CancellationToken.None))!;

        Assert.Null(await slots.TryTakeAsync(s_a, mayEvict: false, CancellationToken.None));
        Assert.Equal(1, slots.InUse);
        held.Dispose();
        Assert.NotNull(await slots.TryTakeAsync(s_a, mayEvict: false, CancellationToken.None));
    }

    [Fact]
    public async Task A_slot_given_back_twice_is_counted_once()
    {
        using var slots = new TcpSlots(new TcpLimits { MaxConnections = 1, MaxConnectionsPerClient = 1 });
        TcpSlot slot = (await slots.TryTakeAsync(s_a, mayEvict: false, CancellationToken.None))!;
        slot.Dispose();
        slot.Dispose();

        Assert.Equal(0, slots.InUse);
        Assert.NotNull(await slots.TryTakeAsync(s_b, mayEvict: false, CancellationToken.None));
        Assert.Equal(1, slots.InUse);
    }
}

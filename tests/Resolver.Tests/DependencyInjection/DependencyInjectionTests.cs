// DependencyInjectionTests: services.AddDnssecResolver(...) registers a working IDnsResolver, and an
// application can decorate or replace its IDnsTransport. The registrations are resolved by
// MinimalServiceProvider (the concrete container is not among the pinned packages).
using System.Collections.Concurrent;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Resolver.Protocol;
using Resolver.Testing.Servers;
using Resolver.Transport;

namespace Resolver.Tests.DependencyInjection;

public sealed class DependencyInjectionTests
{
    [Fact]
    public async Task AddDnssecResolver_ResolvesOneConfiguredResolver_ThatResolves()
    {
        await using TestDnsNetwork net = TestZones.ThreeLevels();
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(time);   // the application's clock wins over the default (TryAdd)
        services.AddDnssecResolver(o =>
        {
            o.Iteration = TestZones.Options(net);
            o.Transport = TestZones.FastTransport();
            o.Validation.TrustAnchors = TrustAnchorStore.Empty;
            o.Validation.MaxRestarts = 0;
        });
        using var provider = new MinimalServiceProvider(services);

        IDnsResolver resolver = provider.GetRequiredService<IDnsResolver>();
        Assert.Same(provider.GetRequiredService<DnsResolver>(), resolver);
        Assert.Same(resolver, provider.GetRequiredService<IDnsResolver>());
        Assert.Same(time, provider.GetRequiredService<TimeProvider>());

        ResolveResult result = await resolver.ResolveAsync(DnsName.Parse("www.example.test."), RrType.A, CancellationToken.None);
        Assert.False(result.IsResolutionFailure, result.ToString());
        Assert.Equal(SecurityStatus.Indeterminate, result.Status);   // no anchors configured: the options reached the resolver
        Assert.Single(result.Records);
    }

    [Fact]
    public void AddDnssecResolver_KeepsAnExistingRegistration()
    {
        var services = new ServiceCollection();
        using var mine = new DnsResolver();
        services.AddSingleton<IDnsResolver>(mine);
        services.AddDnssecResolver();
        using var provider = new MinimalServiceProvider(services);
        Assert.Same(mine, provider.GetRequiredService<IDnsResolver>());
        Assert.Throws<ArgumentNullException>(() => DnssecResolverServiceCollectionExtensions.AddDnssecResolver(null!));
    }

    [Fact]
    public async Task AddDnssecResolver_ADecoratingTransportRegisteredByTheApp_SeesTheResolversQueries()
    {
        // Issue 13: the registration passed "transport: null", so the resolver always made its own
        // sockets and nothing registered in the container ever saw a query.
        await using TestDnsNetwork net = TestZones.ThreeLevels();
        var services = new ServiceCollection();
        services.AddDnssecResolver(o =>
        {
            o.Iteration = TestZones.Options(net);
            o.Transport = TestZones.FastTransport();
            o.Validation.TrustAnchors = TrustAnchorStore.Empty;
        });
        services.AddSingleton<IDnsTransport>(sp => new CountingTransport(sp.GetRequiredService<DnsTransport>()));
        using var provider = new MinimalServiceProvider(services);

        IDnsResolver resolver = provider.GetRequiredService<IDnsResolver>();
        ResolveResult result = await resolver.ResolveAsync(DnsName.Parse("www.example.test."), RrType.A, CancellationToken.None);

        Assert.False(result.IsResolutionFailure, result.ToString());
        Assert.Single(result.Records);
        var counting = Assert.IsType<CountingTransport>(provider.GetRequiredService<IDnsTransport>());
        Assert.Contains(counting.Questions, q => q.Name == DnsName.Parse("www.example.test.") && q.Type == RrType.A);
    }

    [Fact]
    public async Task AddDnssecResolver_ATransportRegisteredBeforehand_ReplacesTheNetwork()
    {
        var services = new ServiceCollection();
        var refusing = new RefusingTransport();
        services.AddSingleton<IDnsTransport>(refusing);
        services.AddDnssecResolver(o => o.Validation.MaxRestarts = 0);
        using var provider = new MinimalServiceProvider(services);

        ResolveResult result = await provider.GetRequiredService<IDnsResolver>().ResolveAsync(DnsName.Parse("www.example.test."), RrType.A, CancellationToken.None);

        Assert.True(result.IsResolutionFailure, result.ToString());
        Assert.NotEqual(0, refusing.Queries);   // the root servers were asked through the application's transport, not sockets
    }

    [Fact]
    public void DnsResolver_DisposedTwice_DoesNotThrow_Regression()
    {
        // Found by the container test: IDnsResolver and DnsResolver registrations share one instance,
        // which a container disposes once per registration.
        var resolver = new DnsResolver();
        resolver.Dispose();
        resolver.Dispose();
    }

    /// <summary>An application's decorator: records each question, then lets the default network send it.</summary>
    private sealed class CountingTransport(IDnsTransport inner) : IDnsTransport
    {
        private readonly ConcurrentQueue<DnsQuestion> _questions = new();

        public IReadOnlyCollection<DnsQuestion> Questions => _questions;

        public Task<TransportResult> QueryAsync(IPEndPoint server, DnsMessage query, TransportOptions options, CancellationToken cancellationToken)
        {
            _questions.Enqueue(query.Questions[0]);
            return inner.QueryAsync(server, query, options, cancellationToken);
        }
    }

    /// <summary>An application's replacement network that answers nothing.</summary>
    private sealed class RefusingTransport : IDnsTransport
    {
        private int _queries;

        public int Queries => Volatile.Read(ref _queries);

        public Task<TransportResult> QueryAsync(IPEndPoint server, DnsMessage query, TransportOptions options, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _queries);
            return Task.FromResult(TransportResult.Failure(TransportStatus.NetworkError, server, overTcp: false, TimeSpan.Zero, "the test network answers nothing"));
        }
    }
}

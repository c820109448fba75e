// DependencyInjectionTests: services.AddDnssecResolver(...) registers a working IDnsResolver. The
// concrete container (Microsoft.Extensions.DependencyInjection) is not among the pinned packages,
// so the registrations are resolved by MinimalServiceProvider below — just enough of a container
// (instances, factories, constructor injection, open generics, IEnumerable<T>, singletons) to run
// what the extension and AddOptions() register. ServiceCollection itself ships in the abstractions.
using System.Collections.Concurrent;
using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Resolver.Protocol;
using Resolver.Testing.Servers;

namespace Resolver.Tests.Scenarios;

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
    public void DnsResolver_DisposedTwice_DoesNotThrow_Regression()
    {
        // Found by the container test: IDnsResolver and DnsResolver registrations share one instance,
        // which a container disposes once per registration.
        var resolver = new DnsResolver();
        resolver.Dispose();
        resolver.Dispose();
    }

    /// <summary>A tiny container: every registration is treated as a singleton (enough for these tests).</summary>
    private sealed class MinimalServiceProvider(IServiceCollection services) : IServiceProvider, IDisposable
    {
        private readonly List<ServiceDescriptor> _descriptors = [.. services];
        private readonly ConcurrentDictionary<(ServiceDescriptor, Type), object> _singletons = new();

        public object? GetService(Type serviceType)
        {
            if (serviceType == typeof(IServiceProvider))
            {
                return this;
            }

            if (serviceType.IsGenericType && serviceType.GetGenericTypeDefinition() == typeof(IEnumerable<>))
            {
                Type element = serviceType.GetGenericArguments()[0];
                object?[] all = [.. Matching(element).Select(d => Create(d, element))];
                var array = Array.CreateInstance(element, all.Length);
                Array.Copy(all, array, all.Length);
                return array;
            }

            ServiceDescriptor? last = Matching(serviceType).LastOrDefault();
            return last is null ? null : Create(last, serviceType);
        }

        // Like the real container: whatever it created (constructor or factory) is disposed, once
        // per registration that produced it; instances handed in are the caller's.
        public void Dispose()
        {
            foreach (var ((descriptor, _), service) in _singletons)
            {
                if (descriptor.ImplementationInstance is null && service is IDisposable disposable && service != this)
                {
                    disposable.Dispose();
                }
            }
        }

        private IEnumerable<ServiceDescriptor> Matching(Type serviceType) => _descriptors.Where(d =>
            d.ServiceType == serviceType ||
            (serviceType.IsGenericType && d.ServiceType.IsGenericTypeDefinition && d.ServiceType == serviceType.GetGenericTypeDefinition()));

        private object Create(ServiceDescriptor d, Type serviceType) => _singletons.GetOrAdd((d, serviceType), key =>
        {
            var (descriptor, type) = key;
            if (descriptor.ImplementationInstance is { } instance)
            {
                return instance;
            }

            if (descriptor.ImplementationFactory is { } factory)
            {
                return factory(this);
            }

            Type implementation = descriptor.ImplementationType!;
            if (implementation.IsGenericTypeDefinition)
            {
                implementation = implementation.MakeGenericType(type.GetGenericArguments());
            }

            return Construct(implementation);
        });

        // The public constructor with the most parameters this container can satisfy.
        private object Construct(Type implementation)
        {
            foreach (ConstructorInfo ctor in implementation.GetConstructors().OrderByDescending(c => c.GetParameters().Length))
            {
                ParameterInfo[] parameters = ctor.GetParameters();
                object?[] args = [.. parameters.Select(p => GetService(p.ParameterType) ?? (p.HasDefaultValue ? p.DefaultValue : null))];
                if (args.Select((a, i) => a is not null || parameters[i].HasDefaultValue).All(ok => ok))
                {
                    return ctor.Invoke(args);
                }
            }

            throw new InvalidOperationException($"Cannot construct {implementation}.");
        }
    }
}

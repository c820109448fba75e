// MinimalServiceProvider: just enough of a dependency-injection container (instances, factories,
// constructor injection, open generics, IEnumerable<T>, singletons) to run what AddDnssecResolver
// and AddOptions() register. The concrete container (Microsoft.Extensions.DependencyInjection) is not
// among the pinned packages; ServiceCollection itself ships in the abstractions.
using System.Collections.Concurrent;
using System.Reflection;
using Microsoft.Extensions.DependencyInjection;

namespace Resolver.Tests.DependencyInjection;

/// <summary>A tiny container: every registration is treated as a singleton (enough for these tests).</summary>
internal sealed class MinimalServiceProvider(IServiceCollection services) : IServiceProvider, IDisposable
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

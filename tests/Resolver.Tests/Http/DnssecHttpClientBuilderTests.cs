// DnssecHttpClientBuilderTests: UseDnssecResolver on a named HttpClient from IHttpClientFactory (the
// real container, which Microsoft.Extensions.Http brings): the registered IDnsResolver resolves the
// origin, DANE is enforced as configured, and a Bogus name is refused before connecting.
using System.Net.Http;
using Microsoft.Extensions.DependencyInjection;
using Resolver.Dane;
using Resolver.Testing.Servers;

namespace Resolver.Tests.Http;

public sealed class DnssecHttpClientBuilderTests : IAsyncLifetime
{
    private DaneOrigin _origin = null!;

    public Task InitializeAsync()
    {
        _origin = DaneOrigin.Start();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _origin.DisposeAsync();

    [Fact]
    public async Task UseDnssecResolver_NamedClient_ResolvesThroughTheResolverAndEnforcesDane()
    {
        var services = new ServiceCollection();
        services.AddSingleton<IDnsResolver>(_origin.Network.Resolver());
        services.AddHttpClient("dane").UseDnssecResolver(o => o.HttpsDane = DaneMode.DaneRequired);
        await using ServiceProvider provider = services.BuildServiceProvider();
        HttpClient client = provider.GetRequiredService<IHttpClientFactory>().CreateClient("dane");

        Assert.Equal(HttpsTestServer.Body, await client.GetStringAsync(_origin.Url("www.example.test")));
        HttpRequestException wrong = await Assert.ThrowsAsync<HttpRequestException>(() => client.GetStringAsync(_origin.Url("wrong.example.test")));
        Assert.Contains("DANE authentication of wrong.example.test failed", wrong.ToString(), StringComparison.Ordinal);
        int accepted = _origin.Server.Accepted;
        HttpRequestException bogus = await Assert.ThrowsAsync<HttpRequestException>(() => client.GetStringAsync(_origin.Url("bogus.example.test")));
        Assert.Contains("the A answer is bogus", bogus.ToString(), StringComparison.Ordinal);
        Assert.Equal(accepted, _origin.Server.Accepted);
    }
}

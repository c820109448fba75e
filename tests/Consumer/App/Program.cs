// The consumer test's application (tests/Consumer/run): what a new user writes with the
// Dnssec.Resolver package — the generic host, AddDnssecResolver(configuration.GetSection("Dnssec"))
// from appsettings.json (plus the command line), one resolution, and the result as JSON through the
// package's converters. It checks what it printed and exits 0 when every check holds, 1 otherwise.
//   --Consumer:Mode=lab  (with --Dnssec:RootHintsFile=… --Dnssec:TrustAnchorFiles:0=… --Consumer:Name=… --Consumer:Expect=secure)
//   --Consumer:Mode=in-process (default): forwards to StubForwarder, below a negative trust anchor at the root.
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Resolver;
using Resolver.Json;
using Resolver.Protocol;

HostApplicationBuilder builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
{
    Args = args,
    ContentRootPath = AppContext.BaseDirectory,
});
builder.Logging.ClearProviders();
string mode = builder.Configuration["Consumer:Mode"] ?? "in-process";
using StubForwarder? stub = mode == "in-process" ? StubForwarder.Start() : null;
if (stub is not null)
{
    builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
    {
        ["Dnssec:Forwarders:0"] = stub.EndPoint.ToString(),
        // RFC 7646: no validation below the root, so the stub's unsigned answer is Insecure, not Bogus.
        ["Dnssec:NegativeTrustAnchors:0"] = ".",
    });
}

builder.Services.AddDnssecResolver(builder.Configuration.GetSection("Dnssec"));
using IHost host = builder.Build();
await host.StartAsync();   // ValidateOnStart: a bad setting stops here, naming its key

var failures = new List<string>();
void Check(bool ok, string what)
{
    if (!ok)
    {
        failures.Add(what);
    }
}

ResolverOptions options = host.Services.GetRequiredService<IOptions<ResolverOptions>>().Value;
Check(options.Iteration.MaxReferrals == 24, $"appsettings.json Iteration:MaxReferrals 24 bound (got {options.Iteration.MaxReferrals})");
Check(options.Transport.UdpTimeout == TimeSpan.FromSeconds(2), $"appsettings.json Transport:UdpTimeout 00:00:02 bound (got {options.Transport.UdpTimeout})");
Check(options.Validation.MaxKeyImports == 16, "appsettings.json Validation:MaxKeyImports 16 bound");

string name = builder.Configuration["Consumer:Name"]!;
string expect = builder.Configuration["Consumer:Expect"]!;
IDnsResolver resolver = host.Services.GetRequiredService<IDnsResolver>();
ResolveResult result = await resolver.ResolveAsync(name, RrType.A);

string json = JsonSerializer.Serialize(result, ResolverJson.ResolveResult);
Console.WriteLine(json);
using (JsonDocument doc = JsonDocument.Parse(json))
{
    JsonElement root = doc.RootElement;
    Check(root.GetProperty("status").GetString() == expect, $"status {expect} (got {root.GetProperty("status").GetString()}: {result})");
    Check(root.GetProperty("question").GetProperty("name").GetString() == DnsName.Parse(name.TrimEnd('.') + ".").ToString(), "question.name is the name asked");
    Check(root.GetProperty("responseCode").GetString() == "NOERROR", "responseCode NOERROR");
    Check(root.TryGetProperty("answers", out JsonElement answers) &&
          answers.EnumerateArray().Any(r => r.GetProperty("type").GetString() == "A" && r.GetProperty("data").GetString()!.Length > 0),
        "an A record in answers, in presentation form");
    if (stub is not null)
    {
        Check(answers.ValueKind == JsonValueKind.Array && answers.EnumerateArray().Any(r => r.GetProperty("data").GetString() == StubForwarder.Answer.ToString()),
            "the in-process upstream's address");
    }
}

// Default options too: no converter registered by hand, nothing may throw (issue 16 item 6).
using (JsonDocument plain = JsonDocument.Parse(JsonSerializer.Serialize(result)))
{
    Check(plain.RootElement.GetProperty("Status").GetString() == expect, "default options write the same status");
}

await host.StopAsync();
string framework = System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription;
string target = AppContext.TargetFrameworkName ?? "?";
if (failures.Count > 0)
{
    Console.Error.WriteLine($"consumer ({target} on {framework}, {mode}): FAILED — {string.Join("; ", failures)}");
    return 1;
}

Console.Error.WriteLine($"consumer ({target} on {framework}, {mode}): {name} {result.Status} with {result.Answers.Count} answer records, JSON checked");
return 0;

// ResolverOptionsValidator: checks the resolver's options when they are first built — at host
// start with ValidateOnStart — and fails with every problem at once: the configuration's own (an
// unknown key, a value that does not parse or is out of range, an unreadable file; each naming its
// key) and the cross-setting checks of ResolverOptions.Validate (e.g. MinTtl above MaxTtl). A
// misconfigured resolver never starts.
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Resolver.DependencyInjection;

internal sealed class ResolverOptionsValidator(IConfiguration? configuration) : IValidateOptions<ResolverOptions>
{
    public ValidateOptionsResult Validate(string? name, ResolverOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (configuration is not null)
        {
            // Read again into scratch options: the problems, not the values, are wanted here.
            failures.AddRange(ResolverConfiguration.Apply(configuration, new ResolverOptions()));
        }

        try
        {
            options.Validate();
        }
        catch (ArgumentException e)
        {
            string prefix = configuration is IConfigurationSection { Path.Length: > 0 } section ? section.Path + ": " : string.Empty;
            failures.Add(prefix + Sentence(e));
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    // The exception's own sentence, without the "(Parameter 'x')" and "Actual value was" lines .NET appends.
    private static string Sentence(ArgumentException e)
    {
        string message = e.Message;
        int cut = message.IndexOf(" (Parameter '", StringComparison.Ordinal);
        return cut > 0 ? message[..cut] : message.Split('\n')[0];
    }
}

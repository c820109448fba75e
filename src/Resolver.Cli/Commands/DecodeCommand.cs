// DecodeCommand: `dnssec-resolve decode HEX|FILE` — decodes one DNS message given as hex (spaces
// allowed, e.g. pasted from Wireshark) or as a file of raw bytes, and prints it as dig does.
using System.CommandLine;
using Resolver.Protocol;

namespace Resolver.Cli.Commands;

internal static class DecodeCommand
{
    public static Command Create()
    {
        var input = new Argument<string>("message") { Description = "The message as hex digits (spaces allowed), or the path of a file holding the raw bytes." };
        var command = new Command("decode", "Decode a DNS message from hex or a binary file and print it as dig does.") { input };
        command.SetAction(result => Run(result.GetRequiredValue(input), result.InvocationConfiguration.Output, result.InvocationConfiguration.Error));
        return command;
    }

    private static int Run(string input, TextWriter output, TextWriter error)
    {
        byte[] wire;
        if (File.Exists(input))
        {
            wire = File.ReadAllBytes(input);
        }
        else
        {
            string hex = string.Concat(input.Where(c => !char.IsWhiteSpace(c) && c != ':'));
            try
            {
                wire = Convert.FromHexString(hex);
            }
            catch (FormatException)
            {
                error.WriteLine($"dnssec-resolve: '{Shorten(input)}' is neither a file nor hex digits.");
                return ExitCodes.Usage;
            }
        }

        if (!DnsMessage.TryParse(wire, out DnsMessage? message, out string? problem))
        {
            error.WriteLine($"dnssec-resolve: malformed DNS message: {problem}");
            return ExitCodes.Failed;
        }

        output.Write(message.ToString());
        output.WriteLine($";; MSG SIZE: {wire.Length}");
        return ExitCodes.Ok;
    }

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";
}

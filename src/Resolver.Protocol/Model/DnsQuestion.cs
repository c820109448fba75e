// DnsQuestion: one entry of a message's question section (RFC 1035 §4.1.2).
using System.Text;
using Resolver.Protocol.Text;

namespace Resolver.Protocol;

/// <summary>A question: name, type and class (RFC 1035 §4.1.2).</summary>
/// <param name="Name">The name asked about.</param>
/// <param name="Type">The type asked for.</param>
/// <param name="Class">The class (almost always <see cref="RrClass.IN"/>).</param>
[System.Text.Json.Serialization.JsonConverter(typeof(Json.DnsQuestionJsonConverter))]
public sealed record DnsQuestion(DnsName Name, RrType Type, RrClass Class = RrClass.IN)
{
    /// <summary>The question in dig's form: <c>name CLASS TYPE</c>.</summary>
    public override string ToString()
    {
        var sb = new StringBuilder();
        Name.AppendTo(sb);
        return sb.Append('\t').Append(RrTypeText.Format(Class)).Append('\t').Append(RrTypeText.Format(Type)).ToString();
    }
}

// ZoneToken: one whitespace-separated field of presentation text, as the tokenizer found it.
namespace Resolver.Protocol.Text;

/// <summary>
/// One field of a presentation-format line. <see cref="Text"/> keeps backslash escapes as written
/// (names and character-strings decode them themselves); <see cref="Quoted"/> says the field was
/// in double quotes (the quotes are removed).
/// </summary>
internal readonly record struct ZoneToken(string Text, bool Quoted);

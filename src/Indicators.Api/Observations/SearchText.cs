using System.Text;
using System.Text.RegularExpressions;

namespace Indicators.Api.Observations;

/// <summary>
/// Turns what a person types into q= into an FTS5 query that is always valid. FTS5's own syntax (AND, OR,
/// NEAR(...), column:filters, ^, +, unbalanced quotes) makes a raw string a syntax error waiting to happen,
/// so user text is never passed through: it is cut into words of letters and digits, the way the index's
/// unicode61 tokenizer cuts text, and each word or "quoted phrase" becomes a quoted FTS5 phrase.
/// Phrases must all match (AND). A trailing * on a word searches by prefix (motor* finds motorway).
/// </summary>
internal static partial class SearchText
{
    public const int MaxLength = 200;
    public const int MaxPhrases = 16;

    // What the unicode61 tokenizer keeps as token characters; everything else separates words.
    [GeneratedRegex(@"[\p{L}\p{M}\p{N}\p{Co}]+")]
    private static partial Regex Token();

    /// <summary>The FTS5 MATCH expression for q, or the reason there is none.</summary>
    public static (string? Match, string? Error) Parse(string q)
    {
        if (q.Length > MaxLength)
        {
            return (null, $"'q' is at most {MaxLength} characters; got {q.Length}.");
        }

        var phrases = Chunks(q)
            .Select(chunk => (Tokens: Token().Matches(chunk.Text).Select(m => m.Value).ToList(), chunk.Prefix))
            .Where(p => p.Tokens.Count > 0)
            .Select(p => $"\"{string.Join(' ', p.Tokens)}\"" + (p.Prefix ? "*" : ""))
            .ToList();

        if (phrases.Count == 0)
        {
            return (null, "'q' has no words to search for: give letters or digits, e.g. q=poverty or q=\"global south\".");
        }

        return phrases.Count > MaxPhrases
            ? (null, $"'q' has {phrases.Count} words or phrases; give at most {MaxPhrases}.")
            : (string.Join(' ', phrases), null);
    }

    /// <summary>Bare words and "quoted phrases"; a quote left open runs to the end rather than failing.</summary>
    private static IEnumerable<(string Text, bool Prefix)> Chunks(string q)
    {
        var current = new StringBuilder();
        var inPhrase = false;
        foreach (var c in q)
        {
            if (c == '"' || (!inPhrase && char.IsWhiteSpace(c)))
            {
                if (current.Length > 0)
                {
                    yield return Finish(current, inPhrase);
                }

                if (c == '"')
                {
                    inPhrase = !inPhrase;
                }

                continue;
            }

            current.Append(c);
        }

        if (current.Length > 0)
        {
            yield return Finish(current, inPhrase);
        }
    }

    private static (string Text, bool Prefix) Finish(StringBuilder current, bool inPhrase)
    {
        var text = current.ToString();
        current.Clear();
        return (text, !inPhrase && text.EndsWith('*'));
    }
}

using System.Text;

namespace Indicators.Api.Import;

/// <summary>
/// Citation offsets count Unicode code points, as Python, JavaScript's Array.from and most readers of
/// the text do; .NET strings count UTF-16 units, which differ on characters outside the BMP.
/// </summary>
internal static class CodePoints
{
    public static int Count(ReadOnlySpan<char> text)
    {
        // Text without surrogates (nearly all of it) has one code point per UTF-16 unit: a vectorized scan
        // instead of a rune walk, which was the largest single cost of importing a million rows.
        if (!text.ContainsAnyInRange('\uD800', '\uDFFF'))
        {
            return text.Length;
        }

        var count = 0;
        foreach (var _ in text.EnumerateRunes())
        {
            count++;
        }

        return count;
    }

    /// <summary>The start of every occurrence of <paramref name="quote"/>, overlapping ones included.</summary>
    public static List<int> OccurrencesOf(string text, string quote)
    {
        var found = new List<int>();
        for (var at = text.IndexOf(quote, StringComparison.Ordinal); at >= 0;
             at = text.IndexOf(quote, at + 1, StringComparison.Ordinal))
        {
            found.Add(at);
        }

        return found;
    }

    public static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
}

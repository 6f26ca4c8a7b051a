namespace Indicators.Api.Pages;

/// <summary>Cuts a quote into runs, marking the words a search matched, so the quote's text stays exactly the quote.</summary>
internal static class QuoteMarks
{
    /// <summary>The quote as (text, marked) runs; terms match at word starts, case-insensitively (as the search's prefixes do).</summary>
    public static IEnumerable<(string Text, bool Marked)> Split(string quote, IReadOnlyList<string> terms)
    {
        var words = terms.Where(t => t.Length > 0).ToList();
        if (words.Count == 0)
        {
            yield return (quote, false);
            yield break;
        }

        var plain = 0;
        var i = 0;
        while (i < quote.Length)
        {
            var atWordStart = char.IsLetterOrDigit(quote[i]) && (i == 0 || !char.IsLetterOrDigit(quote[i - 1]));
            var term = atWordStart ? words.FirstOrDefault(w => string.Compare(quote, i, w, 0, w.Length, StringComparison.OrdinalIgnoreCase) == 0) : null;
            if (term is null)
            {
                i++;
                continue;
            }

            // A prefix match marks the rest of the word too ("port" marks "ports").
            var end = i + term.Length;
            while (end < quote.Length && char.IsLetterOrDigit(quote[end]))
            {
                end++;
            }

            if (i > plain)
            {
                yield return (quote[plain..i], false);
            }

            yield return (quote[i..end], true);
            plain = i = end;
        }

        if (plain < quote.Length)
        {
            yield return (quote[plain..], false);
        }
    }

    /// <summary>The words of a q= search, without its syntax (quotes, a trailing *, operators).</summary>
    public static IReadOnlyList<string> Terms(string? q) =>
        q is null
            ? []
            : q.Split([' ', '"', '*', '(', ')'], StringSplitOptions.RemoveEmptyEntries)
                .Where(w => w is not ("AND" or "OR" or "NOT" or "NEAR") && w.Any(char.IsLetterOrDigit))
                .Select(w => new string(w.Where(c => char.IsLetterOrDigit(c) || c is '-' or '\'' or '’').ToArray()))
                .Where(w => w.Length > 0)
                .Distinct(StringComparer.OrdinalIgnoreCase)
                .ToList();
}

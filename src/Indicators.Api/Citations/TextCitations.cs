using System.Globalization;
using System.Text;

namespace Indicators.Api.Citations;

/// <summary>
/// APA 7 and Chicago (17th, bibliography) reference entries for a web document, as plain text. Names are
/// written as the source prints them: "Jiang Zaidong" is family name first, and inverting it as if it were
/// a Western name would cite the wrong surname, so no name is inverted or reduced to initials.
/// </summary>
internal static class TextCitations
{
    public static string Apa(CitedWork work)
    {
        // APA: Author. (Date). Title. Publisher. Retrieved Month D, YYYY, from URL
        // With no author the title takes the author's place, and is not repeated.
        var text = new StringBuilder();
        var date = work.Published is { } published
            ? published.ToString("yyyy, MMMM d", CultureInfo.InvariantCulture)
            : "n.d.";
        if (work.Author is not null)
        {
            text.Append(Sentence(work.Author)).Append(" (").Append(date).Append("). ").Append(Sentence(Versioned(work)));
        }
        else
        {
            text.Append(Sentence(Versioned(work))).Append(" (").Append(date).Append(").");
        }

        if (work.Publisher is not null)
        {
            text.Append(' ').Append(Sentence(work.Publisher));
        }

        text.Append(" Retrieved ").Append(CitationStyles.LongDate(work.Accessed)).Append(", from ").Append(work.Url);
        return AppendNotes(text, work).Append('\n').ToString();
    }

    public static string Chicago(CitedWork work)
    {
        // Chicago: Author. “Title.” Publisher, Month D, YYYY. Accessed Month D, YYYY. URL.
        var text = new StringBuilder();
        if (work.Author is not null)
        {
            text.Append(Sentence(work.Author)).Append(' ');
        }

        text.Append('“').Append(Sentence(Versioned(work))).Append('”');
        var published = work.Published is { } date ? CitationStyles.LongDate(date) : "n.d.";
        text.Append(' ').Append(Sentence(work.Publisher is null ? published : $"{work.Publisher}, {published}"));
        text.Append(" Accessed ").Append(CitationStyles.LongDate(work.Accessed)).Append(". ").Append(work.Url).Append('.');
        return AppendNotes(text, work).Append('\n').ToString();
    }

    /// <summary>The figure and any other publication, each on a line of its own under the reference.</summary>
    private static StringBuilder AppendNotes(StringBuilder text, CitedWork work)
    {
        foreach (var note in work.Notes())
        {
            text.Append('\n').Append(Sentence(note));
        }

        return text;
    }

    /// <summary>A line of its own under the reference, so the entry itself stays as the style writes it.</summary>
    private static string LicenceLine(CitedWork work) => work.Licence is null ? "" : $"Licence: {work.Licence}.\n";

    private static string Versioned(CitedWork work) => work.Version is null ? work.Title : $"{work.Title} (Version {work.Version})";

    /// <summary>Ends a part with a full stop unless it already ends with punctuation.</summary>
    private static string Sentence(string part) => part.EndsWith('.') || part.EndsWith('?') || part.EndsWith('!') ? part : part + ".";
}

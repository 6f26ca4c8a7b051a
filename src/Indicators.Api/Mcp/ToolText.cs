using System.Globalization;
using System.Text;
using Indicators.Api.Http;
using Indicators.Api.Observations;
using Indicators.Api.Sources;

namespace Indicators.Api.Mcp;

/// <summary>
/// The short text each tool answers beside its structured result: words for a reader (and for a client that shows
/// only text), never a copy of the JSON. A figure is always worded by <see cref="FigureWording"/> and shown with its quote.
/// </summary>
internal static class ToolText
{
    /// <summary>One figure in one line: its words, id, and the quote it comes from (or, if derived, its formula).</summary>
    public static string Line(ObservationResponse figure) => figure.Citation is { } citation
        ? $"{FigureWording.Summary(figure)} [{figure.Id}]: “{citation.Quote}”"
        : $"{FigureWording.Summary(figure)} [{figure.Id}]: computed by this service as {figure.Formula}";

    public static string Search(FigurePage page)
    {
        // An empty result is a few dozen characters of JSON: its words must be fewer still.
        if (page.Figures.Count == 0)
        {
            return page.Total == 0 ? "No figures match." : "No more figures.";
        }

        var text = new StringBuilder(Invariant($"Figures {page.Offset + 1}–{page.Offset + page.Figures.Count} of {page.Total}:"));
        foreach (var figure in page.Figures)
        {
            text.Append("\n- ").Append(Line(figure));
        }

        return More(text, page.NextCursor);
    }

    public static string Figure(ObservationResponse figure, string? sourceTitle, IReadOnlyList<ObservationResponse> inputs, string release)
    {
        var text = new StringBuilder(Line(figure));
        if (sourceTitle is not null)
        {
            text.Append(". Source: “").Append(sourceTitle).Append('”');
        }

        foreach (var input in inputs)
        {
            text.Append("\n- input: ").Append(Line(input));
        }

        return text.Append(Invariant($" (release {release})")).ToString();
    }

    public static string QuoteContext(ObservationResponse figure, CitationResponse citation, int start, int end) =>
        Invariant($"{figure.Id}: quote at code points {citation.Start}–{citation.End} of {citation.Source}, with {citation.Start - start} before and {end - citation.End} after.");

    public static string Claim(ObservationResponse figure, Verdict verdict, string reason, string release) =>
        $"{Verdicts.Name(verdict)} [{figure.Id}]: {reason} (release {release})";

    public static string Comparison(
        IReadOnlyList<ObservationResponse> figures, IReadOnlyList<ComparisonWarning> warnings, IReadOnlyList<ObservationResponse> derived,
        string release)
    {
        var aspects = warnings.Select(w => w.Aspect).Distinct().ToList();
        var text = new StringBuilder(aspects.Count == 0
            ? Invariant($"{figures.Count} figures, comparable as they stand (release {release}):")
            : Invariant($"{figures.Count} figures, not comparable as they stand: they differ in {string.Join(", ", aspects)} (release {release}):"));
        foreach (var figure in figures)
        {
            text.Append("\n- ").Append(Line(figure));
        }

        foreach (var figure in derived)
        {
            text.Append("\nDerived from them: ").Append(FigureWording.Summary(figure)).Append(" [").Append(figure.Id).Append(']');
        }

        return text.ToString();
    }

    public static string Source(SourceRow source, FigurePage page, string release)
    {
        var text = new StringBuilder("“").Append(source.Title).Append('”');
        if (source.Author is not null)
        {
            text.Append(" by ").Append(source.Author);
        }

        text.Append(source.PublishedOn is null ? ", undated" : $", {source.PublishedOn}");
        text.Append(Invariant($"; {page.Total} figures quoted from it"));
        text.Append(page.Figures.Count == 0 ? "" : Invariant($", {page.Offset + 1}–{page.Offset + page.Figures.Count} here"));
        text.Append(Invariant($" (release {release})"));
        foreach (var figure in page.Figures)
        {
            text.Append("\n- ").Append(Line(figure));
        }

        return More(text, page.NextCursor);
    }

    public static string Citation(string id, CiteResult result) =>
        $"{result.Style} citation of {id}: text, byte for byte as the REST export answers it.";

    private static string More(StringBuilder text, string? next) =>
        next is null ? text.ToString() : text.Append($"\nMore: the same arguments with cursor \"{next}\".").ToString();

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

internal static class Verdicts
{
    /// <summary>The verdict as the output schema spells it.</summary>
    public static string Name(Verdict verdict) => System.Text.Json.JsonSerializer.Serialize(verdict, McpJson.Options).Trim('"');
}

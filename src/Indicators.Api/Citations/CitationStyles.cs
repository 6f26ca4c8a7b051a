using System.Globalization;

namespace Indicators.Api.Citations;

/// <summary>A citation style: its query name, the media type it is served as, and its writer.</summary>
internal sealed record CitationStyle(string Name, string MediaType, string Extension, Func<CitedWork, string> Write);

internal static class CitationStyles
{
    public static readonly CitationStyle Apa = new("apa", "text/plain; charset=utf-8", "txt", TextCitations.Apa);

    public static readonly IReadOnlyList<CitationStyle> All =
    [
        Apa,
        new("chicago", "text/plain; charset=utf-8", "txt", TextCitations.Chicago),
        new("bibtex", "application/x-bibtex; charset=utf-8", "bib", BibTex.Write),
        new("ris", "application/x-research-info-systems; charset=utf-8", "ris", Ris.Write),
        new("csl-json", "application/vnd.citationstyles.csl+json", "json", CslJson.Write),
    ];

    public static CitationStyle? Find(string name) =>
        All.FirstOrDefault(s => s.Name.Equals(name, StringComparison.OrdinalIgnoreCase));

    /// <summary>"September 10, 2024": the long US date both APA and Chicago use.</summary>
    public static string LongDate(DateOnly date) => date.ToString("MMMM d, yyyy", CultureInfo.InvariantCulture);
}

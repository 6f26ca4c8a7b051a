using System.Data.Common;
using Indicators.Api.Citations;
using Indicators.Api.Data;
using Indicators.Api.Http;
using Indicators.Api.Observations;
using Indicators.Api.Sources;

namespace Indicators.Api.Pages;

/// <summary>
/// What pages read, through the resources' own queries and handlers (the list, the citation endpoints): no SQL of
/// their own, so a page shows what the API answers for the same request and release.
/// </summary>
internal static class PageQueries
{
    /// <summary>The most figure cards a page shows; the paged search has the rest.</summary>
    public const int MaxCards = 100;

    /// <summary>The request's filters as query pairs, in a fixed order (for links that keep them).</summary>
    public static List<KeyValuePair<string, string?>> Query(ListObservationsRequest r, bool paging = true)
    {
        var pairs = new List<KeyValuePair<string, string?>>
        {
            new("q", r.Q), new("indicator", r.Indicator), new("entity", r.Entity), new("counterpart", r.Counterpart),
            new("source", r.Source), new("kind", r.Kind), new("qualifier", r.Qualifier), new("from", r.From), new("to", r.To),
            new("includeDerived", r.IncludeDerived),
        };
        if (paging)
        {
            pairs.AddRange([new("page", r.Page), new("pageSize", r.PageSize), new("cursor", r.Cursor)]);
        }

        return pairs.Where(p => !string.IsNullOrEmpty(p.Value)).ToList();
    }

    public static Task<PagedList<ObservationResponse>> ListAsync(
        HttpContext http, ListObservationsRequest request, string? indicator, CancellationToken cancellationToken) =>
        ObservationEndpoints.ListAsync(
            request, indicator, DatasetRelease.Of(http.Request), http.RequestServices.GetRequiredService<IndicatorsDatabase>(),
            http.RequestServices.GetRequiredService<ObservationCounts>(), http.RequestServices.GetRequiredService<PublicUrls>(),
            http.Request, cancellationToken);

    /// <summary>The sources by id, for the figures' source lines (each read once per release, see <see cref="PageCache"/>).</summary>
    public static async Task<Dictionary<string, SourceRow>> SourcesAsync(
        HttpContext http, DbConnection connection, IEnumerable<string> ids, CancellationToken cancellationToken)
    {
        var cache = http.RequestServices.GetRequiredService<PageCache>();
        var stamp = DatasetRelease.Of(http.Request);
        var release = stamp.Id;
        var sources = new Dictionary<string, SourceRow>(StringComparer.Ordinal);
        foreach (var id in ids.Distinct())
        {
            // A missing source is cached as an empty row (a cache holds no null), then left out.
            var source = await cache.GetAsync(release, "source", id,
                async () => await SourceQueries.FindAsync(connection, stamp, id, cancellationToken) ?? new SourceRow());
            if (source.Id.Length > 0)
            {
                sources[id] = source;
            }
        }

        return sources;
    }

    public static List<FigureView> Views(IEnumerable<ObservationResponse> figures, IReadOnlyDictionary<string, SourceRow> sources)
    {
        var titles = sources.ToDictionary(s => s.Key, s => s.Value.Title);
        return figures.Select(f => FigureView.From(f, titles)).ToList();
    }

    /// <summary>Every citation style, as the citation endpoint writes it for the same request.</summary>
    public static async Task<List<CitationView>> CitationsAsync(
        Func<CitationRequest, Task<CitationResult?>> cite, Func<string, string> href)
    {
        var views = new List<CitationView>();
        foreach (var style in CitationStyles.All)
        {
            if (await cite(new CitationRequest { Style = style.Name }) is { } result)
            {
                views.Add(new CitationView(style.Name, StyleLabel(style.Name), result.Text, href(style.Name)));
            }
        }

        return views;
    }

    private static string StyleLabel(string style) => style switch
    {
        "apa" => "APA",
        "chicago" => "Chicago",
        "bibtex" => "BibTeX",
        "ris" => "RIS",
        "csl-json" => "CSL-JSON",
        _ => style,
    };
}

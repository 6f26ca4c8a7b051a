using Indicators.Api.Data;
using Indicators.Api.Http;
using Indicators.Api.Indicators;
using Indicators.Api.Observations;
using Indicators.Api.Sources;

namespace Indicators.Api.Charts;

/// <summary>Reads what a chart of an indicator shows, through the same list (and filters) as its JSON.</summary>
internal static class ChartData
{
    /// <summary>More bars than this are unreadable; without paging parameters a chart shows the first ones.</summary>
    public const string MaxBars = "40";

    /// <summary>The chart's model and the sources it cites, or null for an unknown indicator.</summary>
    public static async Task<(ChartModel Model, IReadOnlyList<SourceRow> Sources)?> ReadAsync(
        string code, ListObservationsRequest request, IndicatorsDatabase database, PublicUrls urls, HttpRequest httpRequest,
        CancellationToken cancellationToken)
    {
        var release = DatasetRelease.Of(httpRequest);
        IndicatorRow? indicator;
        await using (var connection = await database.OpenAsync(cancellationToken))
        {
            indicator = await IndicatorQueries.FindAsync(connection, release, code, cancellationToken);
        }

        if (indicator is null)
        {
            return null;
        }

        var paged = request.PageSize is null && request.Page is null && request.Cursor is null ? request with { PageSize = MaxBars } : request;
        var counts = httpRequest.HttpContext.RequestServices.GetRequiredService<ObservationCounts>();
        var list = await ObservationEndpoints.ListAsync(paged, code, release, database, counts, urls, httpRequest, cancellationToken);
        var sources = new List<SourceRow>();
        await using (var connection = await database.OpenAsync(cancellationToken))
        {
            foreach (var id in list.Items.Select(o => o.Citation?.Source).OfType<string>().Distinct())
            {
                if (await SourceQueries.FindAsync(connection, release, id, cancellationToken) is { } source)
                {
                    sources.Add(source);
                }
            }
        }

        var filters = Filters(request);
        // The data links keep the chart's filters (not its paging): "get the data" gives what the chart is of. A chart
        // of a release the request named (release= or asOf=) links to that release's data, not to today's.
        var pinned = httpRequest.Query.ContainsKey(DatasetRelease.ReleaseParameter) || httpRequest.Query.ContainsKey(DatasetRelease.AsOfParameter)
            ? [new KeyValuePair<string, string?>(DatasetRelease.ReleaseParameter, release.Id)]
            : Array.Empty<KeyValuePair<string, string?>>();
        var query = QueryString.Create(filters.Select(f => new KeyValuePair<string, string?>(f.Name, f.Value)).Concat(pinned)).ToUriComponent();
        var observations = $"{urls.Base(httpRequest)}/v1/indicators/{Uri.EscapeDataString(code)}/observations";
        var model = ChartModel.From(
            code, indicator.Name, indicator.UnitCode, list.Items, sources.ToDictionary(s => s.Id, SourceLine),
            observations + query, observations + ".csv" + query, filters, (int)list.Total);
        return (model, sources);
    }

    /// <summary>The filters asked for, by their query names, in the order the parameters are documented.</summary>
    public static IReadOnlyList<ChartFilter> Filters(ListObservationsRequest request) =>
        new (string Name, string? Value)[]
        {
            ("q", request.Q), ("entity", request.Entity), ("counterpart", request.Counterpart), ("source", request.Source),
            ("kind", request.Kind), ("qualifier", request.Qualifier), ("from", request.From), ("to", request.To),
            ("includeDerived", request.IncludeDerived),
        }
        .Where(f => !string.IsNullOrEmpty(f.Value))
        .Select(f => new ChartFilter(f.Name, f.Value!))
        .ToList();

    /// <summary>"Modernisation in China and Pakistan, Jiang Zaidong, 2024-09-10": only what the source gives.</summary>
    private static string SourceLine(SourceRow source) =>
        string.Join(", ", new[] { source.Title, source.Author, source.PublishedOn }.Where(p => !string.IsNullOrWhiteSpace(p)));
}

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

        var model = ChartModel.From(
            indicator.Name, indicator.UnitCode, list.Items, sources.ToDictionary(s => s.Id, s => s.Title),
            $"{urls.Base(httpRequest)}/v1/indicators/{code}/observations");
        return (model, sources);
    }
}

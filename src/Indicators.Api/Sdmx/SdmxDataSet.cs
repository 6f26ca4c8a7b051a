namespace Indicators.Api.Sdmx;

/// <summary>One series: its key (dimension id and code) and its observations, ordered by period.</summary>
internal sealed record SdmxSeries(IReadOnlyList<KeyValuePair<string, string>> Key, IReadOnlyList<SdmxFigure> Observations);

/// <summary>The observations a query matches, grouped as the query's dimensionAtObservation asks.</summary>
/// <param name="ObservationDimension">TIME_PERIOD, another dimension id, or AllDimensions (no series: a flat list).</param>
/// <param name="Series">The series, in the order their first figure is read (the sources' reading order).</param>
internal sealed record SdmxDataSet(string ObservationDimension, IReadOnlyList<SdmxSeries> Series)
{
    /// <summary>
    /// The most observations one message holds. Series group observations that the sources scatter, so a message is
    /// assembled in memory before it is written; past this (tens of megabytes) the answer is SDMX's 510 and the
    /// client narrows the key or takes the Data Package, which streams every figure.
    /// </summary>
    public const int MaxObservations = 20_000;
    public bool Flat => ObservationDimension == SdmxDataQuery.AllDimensions;

    public int ObservationCount => Series.Sum(s => s.Observations.Count);

    /// <summary>The dimensions a series key holds: every dimension but the one at the observation.</summary>
    public static IReadOnlyList<string> SeriesDimensions(string observationDimension) =>
        observationDimension == SdmxDataQuery.AllDimensions
            ? []
            : SdmxStructure.Dimensions.Select(d => d.Id).Append(SdmxIds.TimeDimension).Where(id => id != observationDimension).ToList();

    /// <returns>The data set, or null when more than <see cref="MaxObservations"/> observations match.</returns>
    public static async Task<SdmxDataSet?> BuildAsync(
        IAsyncEnumerable<SdmxFigure> figures, SdmxDataQuery query, CancellationToken cancellationToken, int maxObservations = MaxObservations)
    {
        // firstN/lastN count per series of the figure's full key, also for a flat list; series are then cut as asked.
        var grouped = new Dictionary<string, List<SdmxFigure>>(StringComparer.Ordinal);
        var order = new List<string>();
        var arrived = new List<SdmxFigure>();
        var seriesDimensions = SeriesDimensions(query.DimensionAtObservation);
        await foreach (var figure in figures.WithCancellation(cancellationToken))
        {
            if (!query.Matches(figure))
            {
                continue;
            }

            var key = query.DimensionAtObservation == SdmxDataQuery.AllDimensions
                ? figure.SeriesKey
                : string.Join('.', seriesDimensions.Select(figure.Dimension));
            if (!grouped.TryGetValue(key, out var list))
            {
                grouped[key] = list = [];
                order.Add(key);
            }

            list.Add(figure);
            arrived.Add(figure);
            if (arrived.Count > maxObservations)
            {
                return null;
            }
        }

        var series = new List<SdmxSeries>(order.Count);
        foreach (var key in order)
        {
            var observations = grouped[key]
                .OrderBy(f => f.Period.Start).ThenBy(f => f.Period.End)
                .ThenBy(f => f.Dimension(query.DimensionAtObservation == SdmxDataQuery.AllDimensions ? SdmxIds.TimeDimension : query.DimensionAtObservation), StringComparer.Ordinal)
                .ToList();
            if (query.FirstN is { } first)
            {
                observations = observations.Take(first).ToList();
            }

            if (query.LastN is { } last)
            {
                observations = observations.TakeLast(last).ToList();
            }

            var sample = observations[0];
            series.Add(new SdmxSeries(seriesDimensions.Select(id => new KeyValuePair<string, string>(id, sample.Dimension(id))).ToList(), observations));
        }

        if (query.DimensionAtObservation == SdmxDataQuery.AllDimensions)
        {
            // A flat list in reading order: one pseudo-series with no key.
            var kept = series.SelectMany(s => s.Observations).ToHashSet(ReferenceEqualityComparer.Instance);
            var flat = arrived.Where(kept.Contains).ToList();
            return new SdmxDataSet(query.DimensionAtObservation, flat.Count == 0 ? [] : [new SdmxSeries([], flat)]);
        }

        return new SdmxDataSet(query.DimensionAtObservation, series);
    }
}

using System.Runtime.CompilerServices;
using Indicators.Api.Data;
using Indicators.Api.Http;

namespace Indicators.Api.Observations;

/// <summary>
/// Every figure a filter matches, page by page through <see cref="ObservationQueries"/> (the list's own SQL and
/// keyset), for the whole-dataset representations (SDMX, the Data Package). One connection for the whole walk,
/// so the figures all come from one database file even if a new release is renamed into place meanwhile; one
/// page in memory at a time, so a million figures stream in constant memory.
/// </summary>
internal static class ObservationStream
{
    public const int PageSize = PagePosition.MaxPageSize;

    public static async IAsyncEnumerable<ObservationResponse> ReadAsync(
        IndicatorsDatabase database, ObservationCounts counts, ObservationQueries.Filter filter, string baseUrl, ReleaseStamp release,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var position = new PagePosition(1, PageSize, null);
        while (true)
        {
            var (rows, _) = await ObservationQueries.ListAsync(connection, release, filter, position, counts, cancellationToken);
            foreach (var row in rows.Take(PageSize))
            {
                yield return row.ToResponse(baseUrl, release.Id);
            }

            if (rows.Count <= PageSize)
            {
                yield break;
            }

            position = new PagePosition(position.Page + 1, PageSize, rows[PageSize - 1].Seq, release.Seq);
        }
    }

    /// <summary>The stated figures (derived ones are the service's arithmetic, not the sources').</summary>
    public static ObservationQueries.Filter Stated => new(null, null, null, null, null, null, null, null);

    /// <summary>The derived figures alone.</summary>
    public static ObservationQueries.Filter Derived => new(null, null, null, null, "derived", null, null, null);
}

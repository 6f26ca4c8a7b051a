using System.Data.Common;
using System.Runtime.CompilerServices;
using Indicators.Api.Csv;
using Indicators.Api.Data;
using Indicators.Api.Entities;
using Indicators.Api.Http;
using Indicators.Api.Indicators;
using Indicators.Api.Observations;
using Indicators.Api.Sources;

namespace Indicators.Api.DataPackage;

/// <summary>A foreign key of a table: a column whose values are the primary key of another resource.</summary>
internal sealed record PackageForeignKey(string Field, string Resource, string ReferencedField);

/// <summary>
/// One CSV of the package: the same columns (<see cref="CsvRows"/>) and rows as the API's CSV at <see cref="ApiPath"/>,
/// read through the same query classes page by page.
/// </summary>
internal sealed record PackageTable(
    string Name, string Title, string Description, string ApiPath, IReadOnlyList<string> Columns, string PrimaryKey,
    IReadOnlyList<PackageForeignKey> ForeignKeys, Func<PackageReader, IAsyncEnumerable<string?[]>> Rows)
{
    /// <summary>The file's path inside the zip.</summary>
    public string FilePath => $"data/{Name}.csv";
}

/// <summary>What a table needs to read its rows: the database, the list totals' cache, the links' base and the release.</summary>
internal sealed record PackageReader(IndicatorsDatabase Database, ObservationCounts Counts, string BaseUrl, ReleaseStamp Release, CancellationToken CancellationToken);

internal static class PackageTables
{
    private static readonly PackageForeignKey[] FigureKeys =
    [
        new("indicator", "indicators", "code"),
        new("entity", "entities", "code"),
        new("counterpart", "entities", "code"),
    ];

    public static readonly IReadOnlyList<PackageTable> All =
    [
        new("observations", "Stated figures",
            "Every figure the sources state, one row each, in reading order: value as stated, unit and scale, qualifier (the source's words too) and bounds, period, kind, and the verbatim quote with its code-point offsets into the source text.",
            "/v1/observations.csv", Names(CsvRows.Observation), "id", [.. FigureKeys, new("source", "sources", "id")],
            reader => Rows(ObservationStream.ReadAsync(reader.Database, reader.Counts, ObservationStream.Stated, reader.BaseUrl, reader.Release, reader.CancellationToken), CsvRows.Observation, reader.Release.Id)),
        new("derived", "Derived figures",
            "Figures this service computes from stated ones (kind derived): each has its formula over [observation-id] inputs, the ids of those inputs (space-separated) and its reasoning in note, and no quote of its own.",
            "/v1/observations.csv?kind=derived", Names(CsvRows.Observation), "id", FigureKeys,
            reader => Rows(ObservationStream.ReadAsync(reader.Database, reader.Counts, ObservationStream.Derived, reader.BaseUrl, reader.Release, reader.CancellationToken), CsvRows.Observation, reader.Release.Id)),
        new("indicators", "Indicators", "What figures measure, with their usual unit and topic.",
            "/v1/indicators.csv", Names(CsvRows.Indicator), "code", [],
            reader => Rows(ReadAll(reader, IndicatorQueries.ListAsync, (IndicatorRow r) => r.ToResponse()), CsvRows.Indicator, reader.Release.Id)),
        new("entities", "Entities", "Who or what figures are about: countries, groups, the world, named projects.",
            "/v1/entities.csv", Names(CsvRows.Entity), "code", [],
            reader => Rows(ReadAll(reader, EntityQueries.ListAsync, (EntityRow r) => r.ToResponse()), CsvRows.Entity, reader.Release.Id)),
        new("sources", "Source documents",
            "The source documents' metadata, only what the texts state. The texts themselves are at textUrl; they remain their authors' and publishers' and this package's licence does not cover them.",
            "/v1/sources.csv", Names(CsvRows.Source), "id", [],
            reader => Rows(ReadAll(reader, SourceQueries.ListAsync, (SourceRow r) => r.ToResponse(reader.BaseUrl, reader.Release.Id)), CsvRows.Source, reader.Release.Id)),
    ];

    // The API's CSV ends every row with the release it was read from; so does the package's.
    private static List<string> Names<T>(CsvColumn<T>[] columns) => [.. columns.Select(c => c.Name), CsvRows.ReleaseColumn];

    private static async IAsyncEnumerable<string?[]> Rows<T>(IAsyncEnumerable<T> items, CsvColumn<T>[] columns, string release)
    {
        await foreach (var item in items)
        {
            yield return [.. columns.Select(c => c.Value(item)), release];
        }
    }

    /// <summary>A small reference table, a page of the API's size at a time, through its list query.</summary>
    private static async IAsyncEnumerable<TResponse> ReadAll<TRow, TResponse>(
        PackageReader reader, Func<DbConnection, ReleaseStamp, PagePosition, ReleaseStamp?, CancellationToken, Task<(List<TRow> Rows, long Total)>> list, Func<TRow, TResponse> map,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await using var connection = await reader.Database.OpenAsync(reader.CancellationToken);
        for (var page = 1; ; page++)
        {
            var position = new PagePosition(page, PagePosition.MaxPageSize, null);
            var (rows, _) = await list(connection, reader.Release, position, null, reader.CancellationToken);
            foreach (var row in rows.Take(PagePosition.MaxPageSize))
            {
                yield return map(row);
            }

            if (rows.Count <= PagePosition.MaxPageSize)
            {
                yield break;
            }
        }
    }
}

using System.Data.Common;
using Dapper;
using Indicators.Api.Data;
using Indicators.Api.Http;

namespace Indicators.Api.Observations;

/// <summary>
/// The SQL of the observations resource, for one release: every table is read at the version that release
/// holds (<see cref="Validity"/>). Filters are fixed clauses joined by AND, values are parameters.
/// </summary>
internal static class ObservationQueries
{
    // CROSS JOIN is SQLite's way to fix the join order: observations drive, the small tables are looked up.
    // Left free, the planner scanned indicators first and sorted (600 ms for a page of a million rows).
    internal static readonly string Select = $"""
        SELECT o.seq AS Seq, o.id AS Id, o.indicator AS IndicatorCode, i.name AS IndicatorName,
               o.entity AS EntityCode, e.name AS EntityName, o.counterpart AS CounterpartCode, c.name AS CounterpartName,
               o.period_label AS PeriodLabel, o.start_year AS StartYear, o.end_year AS EndYear,
               o.period_inferred AS PeriodInferred, s.published_on AS StatedOn, o.value AS Value,
               u.code AS UnitCode, u.scale AS UnitScale, u.label AS UnitLabel, o.qualifier AS Qualifier,
               o.qualifier_text AS QualifierText, o.kind AS Kind, o.source AS Source, o.quote AS Quote,
               o.quote_start AS QuoteStart, o.quote_end AS QuoteEnd, o.note AS Note,
               d.formula AS Formula, d.inputs AS InputsJson, o.valid_from AS ValidFrom, o.valid_to AS ValidTo
        FROM observations o
        CROSS JOIN indicators i ON i.code = o.indicator AND {Validity.At("i")}
        CROSS JOIN entities e ON e.code = o.entity AND {Validity.At("e")}
        LEFT JOIN entities c ON c.code = o.counterpart AND {Validity.At("c")}
        CROSS JOIN units u ON u.id = o.unit AND {Validity.At("u")}
        CROSS JOIN sources s ON s.id = o.source AND {Validity.At("s")}
        LEFT JOIN derivations d ON d.seq = o.seq
        """;

    private static readonly string ById = $"{Select} WHERE o.id = @id AND {Validity.At("o")}";

    /// <summary>The filters a list request can combine, as validated values.</summary>
    /// <param name="Since">changedSince: only figures whose answer changed after this release's seq.</param>
    internal sealed record Filter(
        string? Indicator, string? Entity, string? Counterpart, string? Source, string? Kind, string? Qualifier, int? From, int? To,
        bool IncludeDerived = false, int? Since = null);

    /// <summary>The figure as <paramref name="release"/> holds it, or null when it holds none by that id.</summary>
    public static async Task<ObservationRow?> FindAsync(DbConnection connection, ReleaseStamp release, string id, CancellationToken cancellationToken) =>
        await connection.QuerySingleOrDefaultAsync<ObservationRow>(
            new CommandDefinition(ById, new { id, Release = release.Seq }, cancellationToken: cancellationToken));

    /// <summary>
    /// Every version of a figure, oldest first, each read with the names its first release gave its indicator,
    /// entity and unit; empty when no release ever held the id.
    /// </summary>
    public static async Task<List<ObservationRow>> VersionsAsync(DbConnection connection, string id, CancellationToken cancellationToken) =>
        (await connection.QueryAsync<ObservationRow>(new CommandDefinition(
            Select.Replace("@Release", "o.valid_from", StringComparison.Ordinal) + " WHERE o.id = @id ORDER BY o.valid_from",
            new { id }, cancellationToken: cancellationToken))).AsList();

    /// <summary>The quoted spans of one source as a release holds them, in reading order (for the source's page).</summary>
    public static async Task<List<QuotedSpanRow>> SpansAsync(DbConnection connection, ReleaseStamp release, string source, CancellationToken cancellationToken) =>
        (await connection.QueryAsync<QuotedSpanRow>(new CommandDefinition(
            $"""
            SELECT o.id AS ObservationId, o.quote_start AS Start, o.quote_end AS "End", o.quote AS Quote
            FROM observations o WHERE o.source = @source AND o.quote IS NOT NULL AND {Validity.At("o")} ORDER BY o.seq
            """,
            new { source, Release = release.Seq }, cancellationToken: cancellationToken))).AsList();

    public static async Task<(List<ObservationRow> Rows, long Total)> ListAsync(
        DbConnection connection, ReleaseStamp release, Filter filter, PagePosition position, ObservationCounts counts,
        CancellationToken cancellationToken)
    {
        var where = Where(filter, position.AfterSeq is not null);
        var parameters = new
        {
            filter.Indicator, filter.Entity, filter.Counterpart, filter.Source, filter.Kind, filter.Qualifier, filter.From, filter.To,
            filter.Since, Release = release.Seq, position.AfterSeq, Limit = position.PageSize + 1, position.Offset,
        };
        var total = await counts.GetAsync(release.Id, filter, () => connection.ExecuteScalarAsync<long>(new CommandDefinition(
            $"SELECT COUNT(*) FROM observations o{Where(filter, keyset: false)}", parameters, cancellationToken: cancellationToken)));
        if (position.AfterSeq is null && position.Offset >= total)
        {
            return ([], total); // past the last figure: a changedSince list goes on with tombstones
        }

        // The page's seqs first, from an index alone; only those rows are joined. A deep OFFSET then skips
        // index entries, not joined rows (page 5,000 of a million: milliseconds, not a third of a second).
        var rows = (await connection.QueryAsync<ObservationRow>(new CommandDefinition(
            $"{Select} WHERE o.seq IN (SELECT o.seq FROM observations o{where} ORDER BY o.seq LIMIT @Limit OFFSET @Offset) ORDER BY o.seq",
            parameters, cancellationToken: cancellationToken))).AsList();
        return (rows, total);
    }

    /// <summary>The figures a list with changedSince no longer holds (see <see cref="Tombstones"/>), its filters applied to their last version.</summary>
    public static Task<List<Tombstone>> WithdrawnAsync(
        DbConnection connection, ReleaseStamp release, ReleaseStamp since, Filter filter, long offset, int limit, CancellationToken cancellationToken)
    {
        var parameters = new DynamicParameters(filter with { Since = null });
        return Tombstones.ReadAsync(connection, "observation", "observations", "id", release, since, offset, limit, cancellationToken,
            FilterClauses(filter with { Since = null }).Aggregate("", (all, clause) => $"{all} AND {clause}"), parameters);
    }

    /// <summary>The WHERE of a list at @Release: the filters, the release's versions, and the keyset position.</summary>
    internal static string Where(Filter filter, bool keyset)
    {
        var clauses = FilterClauses(filter);
        clauses.Add(Validity.At("o"));
        if (keyset) clauses.Add("o.seq > @AfterSeq");
        return " WHERE " + string.Join(" AND ", clauses);
    }

    private static List<string> FilterClauses(Filter filter)
    {
        var clauses = new List<string>();
        if (filter.Indicator is not null) clauses.Add("o.indicator = @Indicator");
        if (filter.Entity is not null) clauses.Add("o.entity = @Entity");
        if (filter.Counterpart is not null) clauses.Add("o.counterpart = @Counterpart");
        if (filter.Source is not null) clauses.Add("o.source = @Source");
        if (filter.Kind is not null) clauses.Add("o.kind = @Kind");
        // Derived figures are ours, not the sources': a client gets them only by asking (kind=derived or includeDerived=true).
        if (filter.Kind is null && !filter.IncludeDerived) clauses.Add("o.kind <> 'derived'");
        if (filter.Qualifier is not null) clauses.Add("o.qualifier = @Qualifier");
        if (filter.From is not null || filter.To is not null)
        {
            // A period overlaps [from, to] unless it ends before from or starts after to; an open end
            // ("since 2012") reaches on. Figures with no years at all cannot be placed, so they drop out.
            clauses.Add("(o.start_year IS NOT NULL OR o.end_year IS NOT NULL)");
        }

        if (filter.From is not null) clauses.Add("(o.end_year IS NULL OR o.end_year >= @From)");
        if (filter.To is not null) clauses.Add("(o.start_year IS NULL OR o.start_year <= @To)");
        if (filter.Since is not null) clauses.Add(ChangedSince);
        return clauses;
    }

    /// <summary>
    /// A figure's answer changed after @Since when its own version began after it, or the version of anything it
    /// is shown with did (its indicator's, entity's, counterpart's, unit's or source's names and dates).
    /// </summary>
    private static readonly string ChangedSince = $"""
        (o.valid_from > @Since
         OR EXISTS (SELECT 1 FROM indicators x WHERE x.code = o.indicator AND {Validity.At("x")} AND x.valid_from > @Since)
         OR EXISTS (SELECT 1 FROM entities x WHERE x.code IN (o.entity, o.counterpart) AND {Validity.At("x")} AND x.valid_from > @Since)
         OR EXISTS (SELECT 1 FROM units x WHERE x.id = o.unit AND {Validity.At("x")} AND x.valid_from > @Since)
         OR EXISTS (SELECT 1 FROM sources x WHERE x.id = o.source AND {Validity.At("x")} AND x.valid_from > @Since))
        """;
}

/// <summary>One quoted span of a source text.</summary>
internal sealed class QuotedSpanRow
{
    public string ObservationId { get; init; } = "";
    public long Start { get; init; }
    public long End { get; init; }
    public string Quote { get; init; } = "";
}

/// <summary>An observation as SQLite returns it (INTEGER is long, REAL is double); never serialized.</summary>
internal sealed class ObservationRow
{
    public long Seq { get; init; }
    public string Id { get; init; } = "";
    public string IndicatorCode { get; init; } = "";
    public string IndicatorName { get; init; } = "";
    public string EntityCode { get; init; } = "";
    public string EntityName { get; init; } = "";
    public string? CounterpartCode { get; init; }
    public string? CounterpartName { get; init; }
    public string PeriodLabel { get; init; } = "";
    public long? StartYear { get; init; }
    public long? EndYear { get; init; }
    public long PeriodInferred { get; init; }
    public string? StatedOn { get; init; }
    public double Value { get; init; }
    public string UnitCode { get; init; } = "";
    public double UnitScale { get; init; }
    public string UnitLabel { get; init; } = "";
    public string Qualifier { get; init; } = "";
    public string? QualifierText { get; init; }
    public string Kind { get; init; } = "";
    public string Source { get; init; } = "";
    public string? Quote { get; init; }
    public long? QuoteStart { get; init; }
    public long? QuoteEnd { get; init; }
    public string? Note { get; init; }
    public string? Formula { get; init; }
    public string? InputsJson { get; init; }
    public long ValidFrom { get; init; }
    public long? ValidTo { get; init; }

    /// <param name="baseUrl">The service's public base URL.</param>
    /// <param name="release">The release it was read from: its citation links name it, so offsets always find their text.</param>
    public ObservationResponse ToResponse(string baseUrl, string release) => new()
    {
        Id = Id,
        Indicator = new CodeName { Code = IndicatorCode, Name = IndicatorName },
        Entity = new CodeName { Code = EntityCode, Name = EntityName },
        Counterpart = CounterpartCode is null ? null : new CodeName { Code = CounterpartCode, Name = CounterpartName! },
        Period = new PeriodResponse
        {
            Label = PeriodLabel, StartYear = (int?)StartYear, EndYear = (int?)EndYear, Inferred = PeriodInferred != 0,
        },
        StatedOn = StatedOn,
        Value = Value,
        Unit = new UnitResponse { Code = UnitCode, Scale = UnitScale, Label = UnitLabel },
        Qualifier = Qualifier,
        QualifierText = QualifierText,
        Bounds = Bounds.For(Qualifier, Value),
        Kind = Kind,
        // A derived figure has no words of its own to cite: its inputs carry the citations.
        Citation = Quote is null ? null : new CitationResponse
        {
            Source = Source,
            Quote = Quote,
            Start = (int)QuoteStart!,
            End = (int)QuoteEnd!,
            Url = $"{baseUrl}/v1/sources/{Source}/text?release={release}#char={QuoteStart},{QuoteEnd}",
            Page = $"{baseUrl}/sources/{Source}?release={release}#obs-{Id}",
        },
        Note = Note,
        Formula = Formula,
        Inputs = InputsJson is null ? [] : System.Text.Json.JsonSerializer.Deserialize<List<string>>(InputsJson)!,
    };
}

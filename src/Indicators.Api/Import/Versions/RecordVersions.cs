using Indicators.Api.Import.Archive;

namespace Indicators.Api.Import.Versions;

/// <summary>
/// One version of one record: what it held from release <see cref="From"/> up to, not including, release
/// <see cref="To"/> (<see cref="WeaveLine.Open"/>: still in the newest). A record that never changes has one.
/// </summary>
internal abstract class RecordVersion(int from)
{
    public int From { get; } = from;

    public int To { get; set; } = WeaveLine.Open;

    /// <summary>The key of the database row (observations: the reading-order seq; other tables: a row id), set when written.</summary>
    public long RowId { get; set; }

    public abstract string Record { get; }

    public abstract string Key { get; }

    /// <summary>The fields a curator writes, by the column names of the data files, in file order.</summary>
    public abstract IReadOnlyList<(string Field, string? Value)> CuratedFields();

    /// <summary>What the import works out from other records (offsets into the text, a derived figure's source).</summary>
    public virtual IReadOnlyList<(string Field, string? Value)> ComputedFields() => [];

    /// <summary>Where the line of this version stands, for messages.</summary>
    public required string Place { get; init; }
}

internal sealed class UnitVersion(UnitRow row, int from) : RecordVersion(from)
{
    public UnitRow Row { get; } = row;

    public override string Record => "unit";

    public override string Key => Row.Id!;

    public override IReadOnlyList<(string, string?)> CuratedFields() => RowFields.Of(Row);
}

internal sealed class SourceVersion(SourceRow row, string text, string textSha256, int from) : RecordVersion(from)
{
    public SourceRow Row { get; } = row;

    /// <summary>The document byte for byte (decoded), as this version's releases hold it.</summary>
    public string Text { get; } = text;

    public string TextSha256 { get; } = textSha256;

    public override string Record => "source";

    public override string Key => Row.Id!;

    // The text is curated too: a change to its bytes is a change to the source that needs a reason.
    public override IReadOnlyList<(string, string?)> CuratedFields() => [.. RowFields.Of(Row), ("text", TextSha256)];
}

internal sealed class IndicatorVersion(IndicatorRow row, int from) : RecordVersion(from)
{
    public IndicatorRow Row { get; } = row;

    public override string Record => "indicator";

    public override string Key => Row.Code!;

    public override IReadOnlyList<(string, string?)> CuratedFields() => RowFields.Of(Row);
}

internal sealed class EntityVersion(EntityRow row, int from) : RecordVersion(from)
{
    public EntityRow Row { get; } = row;

    public override string Record => "entity";

    public override string Key => Row.Code!;

    public override IReadOnlyList<(string, string?)> CuratedFields() => RowFields.Of(Row);
}

internal sealed class FactVersion(FactRow row, int from) : RecordVersion(from)
{
    public FactRow Row { get; } = row;

    public override string Record => "fact";

    public override string Key => Row.Id!;

    public override IReadOnlyList<(string, string?)> CuratedFields() => RowFields.Of(Row);
}

/// <summary>A stated figure (observations.csv) or a derived one (derived.csv): one record kind, one id space.</summary>
internal sealed class ObservationVersion(FigureRow row, int from) : RecordVersion(from)
{
    public FigureRow Row { get; } = row;

    public ObservationRow? Stated => Row as ObservationRow;

    public DerivedRow? Derived => Row as DerivedRow;

    public int? QuoteStart { get; init; }

    public int? QuoteEnd { get; init; }

    /// <summary>The source it cites; for a derived figure, the one source its inputs cite.</summary>
    public required string Source { get; init; }

    public IReadOnlyList<string> Inputs { get; init; } = [];

    /// <summary>A derived figure's place in derived.csv (its line's place in the archive, which keeps every release's order).</summary>
    public int FileOrder { get; init; }

    public override string Record => "observation";

    public override string Key => Row.Id!;

    public override IReadOnlyList<(string, string?)> CuratedFields() =>
        Derived is null ? [.. RowFields.Of(Row), ("derived", "false")] : [.. RowFields.Of(Row), ("derived", "true")];

    public override IReadOnlyList<(string, string?)> ComputedFields() => Derived is null
        ? [("quote_start", QuoteStart?.ToString(System.Globalization.CultureInfo.InvariantCulture)),
           ("quote_end", QuoteEnd?.ToString(System.Globalization.CultureInfo.InvariantCulture))]
        : [("source", Source)];
}

/// <summary>
/// What full-text search finds a figure by, for the releases that show it so: its quote and the name and
/// description of its indicator and entity, as those releases word them.
/// </summary>
internal sealed class SearchVersion(ObservationVersion observation, IndicatorVersion indicator, EntityVersion entity, int from)
{
    public ObservationVersion Observation { get; } = observation;

    public IndicatorVersion Indicator { get; } = indicator;

    public EntityVersion Entity { get; } = entity;

    public int From { get; } = from;

    public int To { get; set; } = WeaveLine.Open;
}

/// <summary>One field that differs between two versions, as text (null: empty).</summary>
internal sealed record FieldChange(string Field, string? Old, string? New);

/// <summary>
/// One record added, changed or withdrawn in a release, with the curator's reason; <see cref="FollowsFrom"/>
/// names the change that caused one the curator did not make (offsets that moved with a corrected text).
/// </summary>
internal sealed record RecordChange(
    int Release, string Record, string Id, string Change, RecordVersion? Old, RecordVersion? New,
    IReadOnlyList<FieldChange> Fields, string? Reason, string? FollowsFrom);

/// <summary>One release as the database lists it.</summary>
internal sealed record ReleaseSummary(
    int Seq, string Id, DateTimeOffset? PublishedAt, string Changelog, IReadOnlyDictionary<string, long> Counts, string Manifest);

/// <summary>Every version of every record of every release, and what changed between them: what the database holds.</summary>
internal sealed class VersionedData
{
    public List<ReleaseSummary> Releases { get; } = [];
    public List<UnitVersion> Units { get; } = [];
    public List<SourceVersion> Sources { get; } = [];
    public List<IndicatorVersion> Indicators { get; } = [];
    public List<EntityVersion> Entities { get; } = [];
    public List<FactVersion> Facts { get; } = [];
    public List<ObservationVersion> Observations { get; } = [];
    public List<SearchVersion> Search { get; } = [];
    public List<RecordChange> Changes { get; } = [];

    /// <summary>The order sources are read in: by the release that first held them, then by their place in its sources.csv.</summary>
    public Dictionary<string, (int Release, int Line)> SourceOrder { get; } = new(StringComparer.Ordinal);
}

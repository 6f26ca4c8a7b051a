namespace Indicators.Api.Import;

/// <summary>The curated files, validated and ready to write: what one import puts in the database.</summary>
internal sealed record DataSet(
    IReadOnlyList<SourceRecord> Sources,
    IReadOnlyList<UnitRow> Units,
    IReadOnlyList<IndicatorRow> Indicators,
    IReadOnlyList<EntityRow> Entities,
    IReadOnlyList<ObservationRecord> Observations,
    IReadOnlyList<DerivedRecord> Derived,
    ReleaseInput Release);

internal sealed record SourceRecord(SourceRow Row, string Text);

/// <summary>An observation row with the citation offsets the import computes (never the curator).</summary>
internal sealed record ObservationRecord(ObservationRow Row, int QuoteStart, int QuoteEnd);

/// <summary>A derived row with what the import worked out: its parsed inputs and the one source they cite.</summary>
internal sealed record DerivedRecord(DerivedRow Row, string Source, IReadOnlyList<string> Inputs);

/// <summary>What identifies this import's release: the hash of every file read, and the curator's note.</summary>
internal sealed record ReleaseInput(string Id, string Changelog, IReadOnlyList<(string File, string Sha256)> Files);

namespace Indicators.Api.Import;

/// <summary>The curated files, validated and ready to write: what one import puts in the database.</summary>
internal sealed record DataSet(
    IReadOnlyList<SourceRecord> Sources,
    IReadOnlyList<UnitRow> Units,
    IReadOnlyList<IndicatorRow> Indicators,
    IReadOnlyList<EntityRow> Entities,
    IReadOnlyList<ObservationRecord> Observations,
    IReadOnlyList<DerivedRecord> Derived,
    IReadOnlyList<FactRow> Facts,
    IReadOnlyList<CorrectionRow> Corrections);

internal sealed record SourceRecord(SourceRow Row, string Text);

/// <summary>An observation row with the citation offsets the import computes (never the curator).</summary>
internal sealed record ObservationRecord(ObservationRow Row, int QuoteStart, int QuoteEnd);

/// <summary>A derived row with what the import worked out: its parsed inputs and the one source they cite.</summary>
internal sealed record DerivedRecord(DerivedRow Row, string Source, IReadOnlyList<string> Inputs);

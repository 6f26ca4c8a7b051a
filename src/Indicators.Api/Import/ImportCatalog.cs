namespace Indicators.Api.Import;

/// <summary>What the files read so far define, so that later files can refer to it.</summary>
internal sealed class ImportCatalog
{
    public Dictionary<string, string> SourceTexts { get; } = new(StringComparer.Ordinal);

    public HashSet<string> Units { get; } = new(StringComparer.Ordinal);

    public HashSet<string> Indicators { get; } = new(StringComparer.Ordinal);

    public HashSet<string> Entities { get; } = new(StringComparer.Ordinal);

    /// <summary>The stated observations by id: the only figures a derived one may be computed from.</summary>
    public Dictionary<string, ObservationRow> Stated { get; } = new(StringComparer.Ordinal);
}

namespace Indicators.Api.Citations;

/// <summary>
/// What a citation names, in the terms citation styles share. Metadata a source does not give stays null
/// and is left out of every style, never guessed.
/// </summary>
/// <param name="Key">The citation key (BibTeX, RIS ID, CSL id): the observation's, source's or dataset's id.</param>
/// <param name="Type">webpage for a source document, dataset for the service's data.</param>
/// <param name="Author">The author as the source names them, or null.</param>
/// <param name="Title">The document's title.</param>
/// <param name="Published">The publication date, or null where the source gives none.</param>
/// <param name="Publisher">The publisher, or null.</param>
/// <param name="Version">The dataset release read ("release 6232fba9f0a660cc, 2026-11-23").</param>
/// <param name="Url">The service URL that was read, pinned to the release (the observation, source or dataset).</param>
/// <param name="Accessed">The day the citation was made (UTC): the access date styles ask for.</param>
/// <param name="Release">The release id, for file names and notes.</param>
/// <param name="Licence">The licence the work is under, where this service grants one (its own dataset); null for a source document, whose terms are its author's.</param>
internal sealed record CitedWork(
    string Key, string Type, string? Author, string Title, DateOnly? Published, string? Publisher, string? Version,
    string Url, DateOnly Accessed, string Release, string? Licence = null)
{
    /// <summary>For a figure: the figure in words with its quote, as every representation words it; else null.</summary>
    public string? Figure { get; init; }

    /// <summary>Where else the text was published, as curators established (not stated by the text itself).</summary>
    public IReadOnlyList<OtherPublication> AlsoPublishedIn { get; init; } = [];

    /// <summary>The notes a citation carries besides its fields: the figure, any other publication, and the licence (unless the style has a field for it).</summary>
    public IEnumerable<string> Notes(bool licence = true)
    {
        if (Figure is not null)
        {
            yield return $"Figure: {Figure}";
        }

        foreach (var other in AlsoPublishedIn)
        {
            yield return $"Also published as {other}";
        }

        if (licence && Licence is not null)
        {
            yield return $"Licence: {Licence}";
        }
    }
}

/// <summary>Another publication of the same text.</summary>
internal sealed record OtherPublication(string Title, string? Author, string Publisher, DateOnly? Published, string Url)
{
    public override string ToString() =>
        $"“{Title}”{(Author is null ? "" : $" by {Author}")}, {Publisher}"
        + $"{(Published is { } date ? ", " + CitationStyles.LongDate(date) : "")}, {Url}";
}

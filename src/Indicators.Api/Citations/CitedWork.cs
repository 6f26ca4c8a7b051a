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
/// <param name="Version">The dataset's version, or null for a document.</param>
/// <param name="Url">The service URL that was read (the observation, source or dataset).</param>
/// <param name="Accessed">The day the citation was made (UTC): the access date styles ask for.</param>
/// <param name="Licence">The licence the work is under, where this service grants one (its own dataset); null for a source document, whose terms are its author's.</param>
internal sealed record CitedWork(
    string Key, string Type, string? Author, string Title, DateOnly? Published, string? Publisher, string? Version,
    string Url, DateOnly Accessed, string? Licence = null);

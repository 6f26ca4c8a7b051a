using FluentValidation;
using Indicators.Api.Import.Validators;

namespace Indicators.Api.Import;

/// <summary>
/// Reads and validates the curated files of a data folder, in dependency order (units, sources,
/// indicators, entities, observations), and reports every problem as file:line rather than the first.
/// </summary>
internal static class DataSetLoader
{
    public const string SourcesFile = "sources.csv";
    public const string UnitsFile = "units.csv";
    public const string IndicatorsFile = "indicators.csv";
    public const string EntitiesFile = "entities.csv";
    public const string ObservationsFile = "observations.csv";

    /// <summary>Optional: figures computed from stated ones. A folder without it simply has none.</summary>
    public const string DerivedFile = "derived.csv";

    /// <summary>Optional: what curators established about a source outside its text.</summary>
    public const string FactsFile = "facts.csv";

    /// <summary>The corrections log: the reason for every change, release by release. Optional until a release changes something.</summary>
    public const string CorrectionsFile = "corrections.csv";

    public static (DataSet? DataSet, IReadOnlyList<ImportError> Errors) Load(
        string dataDirectory, string displayDirectory, Action<string>? progress = null)
    {
        var errors = new List<ImportError>();
        var catalog = new ImportCatalog();
        var texts = new Dictionary<string, string?>(StringComparer.Ordinal);
        string? ReadText(string file) => texts.TryGetValue(file, out var t) ? t : texts[file] = TryReadText(dataDirectory, file);

        var units = ReadAndValidate<UnitRow>(UnitsFile, new UnitRowValidator(catalog), r => catalog.Units.Add(r.Id!));
        var sources = ReadAndValidate<SourceRow>(SourcesFile, new SourceRowValidator(catalog, ReadText),
            r => catalog.SourceTexts[r.Id!] = ReadText(r.File!)!);
        var indicators = ReadAndValidate<IndicatorRow>(IndicatorsFile, new IndicatorRowValidator(catalog), r => catalog.Indicators.Add(r.Code!));
        var entities = ReadAndValidate<EntityRow>(EntitiesFile, new EntityRowValidator(catalog), r => catalog.Entities.Add(r.Code!));
        var observations = ReadAndValidate<ObservationRow>(ObservationsFile, new ObservationRowValidator(catalog), r => catalog.Stated[r.Id!] = r);
        var derived = File.Exists(Path.Combine(dataDirectory, DerivedFile))
            ? ReadAndValidate<DerivedRow>(DerivedFile, new DerivedRowValidator(catalog), _ => { })
            : [];
        var facts = File.Exists(Path.Combine(dataDirectory, FactsFile))
            ? ReadAndValidate<FactRow>(FactsFile, new FactRowValidator(catalog), _ => { })
            : [];
        var corrections = File.Exists(Path.Combine(dataDirectory, CorrectionsFile))
            ? ReadAndValidate<CorrectionRow>(CorrectionsFile, new CorrectionRowValidator(), _ => { })
            : [];

        if (errors.Count > 0)
        {
            return (null, errors);
        }

        var dataSet = new DataSet(
            sources.Select(r => new SourceRecord(r, catalog.SourceTexts[r.Id!])).ToList(),
            units, indicators, entities,
            observations.Select(r => WithOffsets(r, catalog.SourceTexts[r.Source!])).ToList(),
            derived.Select(r => WithInputs(r, catalog)).ToList(),
            facts, corrections);
        return (dataSet, errors);

        List<T> ReadAndValidate<T>(string file, IValidator<T> validator, Action<T> define)
        {
            var display = Path.Combine(displayDirectory, file);
            var (rows, readError) = CsvFileReader.Read<T>(Path.Combine(dataDirectory, file), display);
            if (readError is not null)
            {
                errors.Add(readError);
                return [];
            }

            var valid = new List<T>(rows.Count);
            var failures = 0;
            foreach (var (line, lineBreak) in CsvFileReader.LineBreaksInFields(Path.Combine(dataDirectory, file)))
            {
                failures++;
                errors.Add(new ImportError(display, line, lineBreak));
            }

            foreach (var (line, row) in rows)
            {
                var result = validator.Validate(row);
                if (result.IsValid)
                {
                    define(row);
                    valid.Add(row);
                    continue;
                }

                failures++;
                errors.AddRange(result.Errors.Select(e => new ImportError(display, line, e.ErrorMessage)));
            }

            progress?.Invoke($"{display}: {rows.Count} rows read, {failures} with errors");
            return valid;
        }
    }

    private static ObservationRecord WithOffsets(ObservationRow row, string text)
    {
        var at = text.IndexOf(row.Quote!, StringComparison.Ordinal);
        var start = CodePoints.Count(text.AsSpan(0, at));
        return new ObservationRecord(row, start, start + CodePoints.Count(row.Quote));
    }

    private static DerivedRecord WithInputs(DerivedRow row, ImportCatalog catalog)
    {
        Derivation.Formula.TryParse(row.Formula!, out var formula, out _);
        return new DerivedRecord(row, catalog.Stated[formula!.Inputs[0]].Source!, formula.Inputs);
    }

    /// <summary>
    /// The full path of a file a row names, or null when it is outside the data folder (the import never reads
    /// elsewhere) or not a path at all. The separator matters: "../data2/x" from "/srv/data" is "/srv/data2/x",
    /// which starts with "/srv/data" but is outside it. The archive (releases/) is not data a row may name.
    /// </summary>
    public static string? InsideDataFolder(string dataDirectory, string file)
    {
        // A NUL is no part of a path: Path.GetFullPath threw on one (found fuzzing sources.csv); a bad cell is a file:line error.
        if (file.Contains('\0', StringComparison.Ordinal))
        {
            return null;
        }

        var path = Path.GetFullPath(Path.Combine(dataDirectory, file));
        var inside = Path.TrimEndingDirectorySeparator(Path.GetFullPath(dataDirectory)) + Path.DirectorySeparatorChar;
        var archive = inside + Archive.ReleaseArchive.FolderName + Path.DirectorySeparatorChar;
        return path.StartsWith(inside, StringComparison.Ordinal) && !path.StartsWith(archive, StringComparison.Ordinal) ? path : null;
    }

    private static string? TryReadText(string dataDirectory, string file)
    {

        if (InsideDataFolder(dataDirectory, file) is not { } path || !File.Exists(path))
        {
            return null;
        }

        try
        {
            return CodePoints.StrictUtf8.GetString(File.ReadAllBytes(path));
        }
        catch (System.Text.DecoderFallbackException)
        {
            return null;
        }
    }
}

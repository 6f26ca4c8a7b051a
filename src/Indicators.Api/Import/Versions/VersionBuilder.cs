using System.Globalization;
using Indicators.Api.Import.Archive;
using Indicators.Api.Import.Derivation;

namespace Indicators.Api.Import.Versions;

/// <summary>
/// Turns the archive into versions of records: one pass over the releases in order, reading only the lines
/// each release adds or drops (a million-row release that changes 1% costs 1%), so every record gets a
/// version per change, valid from one release to the next, never a copy per release. What a record's answer
/// depends on is followed too: a corrected source text moves the offsets of the quotes in it, and a figure's
/// search words change with its indicator's name. The changes between releases, and the curator's reason
/// for each, are worked out on the way (<see cref="ReasonCheck"/>).
/// </summary>
internal sealed class VersionBuilder
{
    private readonly ReleaseArchive _archive;
    private readonly string _dataDisplay;
    private readonly List<ImportError> _errors = [];
    private readonly VersionedData _data = new();
    private readonly Dictionary<string, WovenFile> _files = new(StringComparer.Ordinal);

    private readonly Dictionary<string, UnitVersion> _units = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SourceVersion> _sources = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IndicatorVersion> _indicators = new(StringComparer.Ordinal);
    private readonly Dictionary<string, EntityVersion> _entities = new(StringComparer.Ordinal);
    private readonly Dictionary<string, FactVersion> _facts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ObservationVersion> _observations = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SearchVersion> _search = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _texts = new(StringComparer.Ordinal);

    private Dictionary<string, (int Release, int Line)> SourceRank => _data.SourceOrder;

    private VersionBuilder(ReleaseArchive archive, string dataDisplay)
    {
        _archive = archive;
        _dataDisplay = dataDisplay;
        foreach (var (path, weave) in archive.Weaves)
        {
            _files[path] = new WovenFile(weave, archive.Releases.Count);
        }
    }

    public static (VersionedData? Data, List<ImportError> Errors) Build(ReleaseArchive archive, string dataDisplay)
    {
        var builder = new VersionBuilder(archive, dataDisplay);
        foreach (var release in archive.Releases)
        {
            builder.AddRelease(release);
            if (builder._errors.Count > 0)
            {
                return (null, builder._errors);
            }
        }

        return (builder._data, builder._errors);
    }

    private void AddRelease(ArchivedRelease release)
    {
        var s = release.Seq;
        var changes = new List<RecordChange>();

        Apply(_units, Delta<UnitRow>(DataSetLoader.UnitsFile, s), r => r.Id, (row, place) => new UnitVersion(row, s) { Place = place }, changes, s);
        ApplySources(s, changes);
        var indicatorWords = WordsOf(_indicators, i => (i.Row.Name, i.Row.Description));
        Apply(_indicators, Delta<IndicatorRow>(DataSetLoader.IndicatorsFile, s), r => r.Code,
            (row, place) => new IndicatorVersion(row, s) { Place = place }, changes, s);
        var entityWords = WordsOf(_entities, e => (e.Row.Name, e.Row.Description));
        Apply(_entities, Delta<EntityRow>(DataSetLoader.EntitiesFile, s), r => r.Code,
            (row, place) => new EntityVersion(row, s) { Place = place }, changes, s);
        Apply(_facts, Delta<FactRow>(DataSetLoader.FactsFile, s), r => r.Id, (row, place) => new FactVersion(row, s) { Place = place }, changes, s);
        var changedTexts = changes.Where(c => c.Record == "source" && c.New is not null).Select(c => c.Id).ToHashSet(StringComparer.Ordinal);
        var newObservations = ApplyObservations(s, changedTexts, changes);
        UpdateSearch(s, newObservations,
            Changed(indicatorWords, _indicators, i => (i.Row.Name, i.Row.Description)),
            Changed(entityWords, _entities, e => (e.Row.Name, e.Row.Description)));

        var correctionsDelta = Delta<CorrectionRow>(DataSetLoader.CorrectionsFile, s);

        var changelog = ReleaseContent.Changelog(_archive.FileAt(ReleaseContent.NoteFile, s));
        if (s > 1 && (s == _archive.StagedSeq || release.Manifest.Holds(DataSetLoader.CorrectionsFile)))
        {
            var previous = _data.Releases[^1];
            new ReasonCheck(s, _errors).Check(
                changes, correctionsDelta.Removed.Select(r => r.Place), correctionsDelta.Added.Select(a => (a.Row, a.Place)),
                NotePlace(s), changelog == previous.Changelog, CorrectionsEnd(s));
        }

        // The first release has no release before it: it changed nothing, it is where every record begins.
        _data.Changes.AddRange(s == 1 ? [] : changes
            .OrderBy(c => Array.IndexOf(ReasonCheck.RecordOrder, c.Record)).ThenBy(c => c.Id, StringComparer.Ordinal));
        _data.Releases.Add(new ReleaseSummary(s, release.Id, release.PublishedAt, changelog, Counts(), release.Manifest.Text));
    }

    // --- the curated files, release by release ---

    /// <summary>One curated CSV file's lines, indexed by the release they start and end in.</summary>
    private sealed class WovenFile
    {
        public WovenFile(Weave weave, int releases)
        {
            Weave = weave;
            Keys = new string?[weave.Lines.Count];
            StartsAt = new List<int>[releases + 2];
            EndsAt = new List<int>[releases + 2];
            for (var i = 0; i < weave.Lines.Count; i++)
            {
                var line = weave.Lines[i];
                (StartsAt[Math.Min(line.From, releases + 1)] ??= []).Add(i);
                if (line.To != WeaveLine.Open)
                {
                    (EndsAt[Math.Min(line.To, releases + 1)] ??= []).Add(i);
                }
            }
        }

        public Weave Weave { get; }

        /// <summary>The key of the row each line holds, once read.</summary>
        public string?[] Keys { get; }

        public List<int>?[] StartsAt { get; }

        public List<int>?[] EndsAt { get; }

        /// <summary>The header line of the previous release looked at, and its bytes.</summary>
        public int Header { get; set; } = -1;
    }

    private sealed record FileDelta<T>(
        WovenFile? File, List<(int Index, T Row, string Place)> Added, List<(int Index, string? Key, string Place)> Removed);

    /// <summary>The rows release <paramref name="s"/> adds to a file and the lines it drops (all of them when its header changed).</summary>
    private FileDelta<T> Delta<T>(string path, int s)
    {
        if (!_files.TryGetValue(path, out var file))
        {
            return new FileDelta<T>(null, [], []);
        }

        var delta = new FileDelta<T>(file, [], []);
        var lines = file.Weave.Lines;
        var header = -1;
        for (var i = 0; i < lines.Count; i++)
        {
            if (lines[i].IsIn(s))
            {
                header = i;
                break;
            }
        }

        var headerChanged = file.Header >= 0 && header >= 0 && header != file.Header
                            && !lines[header].Element.Span.SequenceEqual(lines[file.Header].Element.Span);
        IEnumerable<int> removed = file.EndsAt[s] ?? [];
        IEnumerable<int> added = file.StartsAt[s] ?? [];
        if (headerChanged)
        {
            // Under a new header every line reads anew: drop what the last release held, read what this one holds.
            removed = Enumerable.Range(0, lines.Count).Where(i => lines[i].IsIn(s - 1));
            added = Enumerable.Range(0, lines.Count).Where(i => lines[i].IsIn(s));
        }

        foreach (var i in removed.Where(i => i != file.Header && lines[i].Element.Length > 0))
        {
            delta.Removed.Add((i, file.Keys[i], Place(path, lines[i], s)));
        }

        var toRead = added.Where(i => i != header && lines[i].Element.Length > 0).ToList();
        file.Header = header;
        if (toRead.Count == 0)
        {
            return delta;
        }

        List<T> rows;
        try
        {
            rows = ArchivedRows.Read<T>(lines[header].Element, toRead.Select(i => lines[i]).ToList());
        }
        catch (BadArchivedLineException bad)
        {
            _errors.Add(new ImportError(PlaceFile(path, lines[toRead[bad.Index]], s), lines[toRead[bad.Index]].Line, bad.Message));
            return new FileDelta<T>(file, [], []);
        }

        for (var k = 0; k < toRead.Count; k++)
        {
            delta.Added.Add((toRead[k], rows[k], Place(path, lines[toRead[k]], s)));
        }

        return delta;
    }

    /// <summary>Applies a file's delta to a table of records: a new version wherever the row's fields change.</summary>
    private void Apply<TRow, TVersion>(
        Dictionary<string, TVersion> alive, FileDelta<TRow> delta, Func<TRow, string?> key, Func<TRow, string, TVersion> make,
        List<RecordChange> changes, int s)
        where TVersion : RecordVersion
    {
        var file = delta.File;
        var added = new Dictionary<string, (TRow Row, string Place)>(StringComparer.Ordinal);
        foreach (var (index, row, place) in delta.Added)
        {
            var id = key(row) ?? "";
            if (file is not null)
            {
                file.Keys[index] = id;
            }

            if (!added.TryAdd(id, (row, place)))
            {
                _errors.Add(Error(place, $"release {s} holds two rows with id '{id}'"));
            }
        }

        var removed = delta.Removed.Where(r => r.Key is not null).Select(r => r.Key!).ToHashSet(StringComparer.Ordinal);
        foreach (var id in removed.Union(added.Keys).Order(StringComparer.Ordinal))
        {
            alive.TryGetValue(id, out var old);
            if (old is not null && !removed.Contains(id) && added.ContainsKey(id))
            {
                _errors.Add(Error(added[id].Place, $"release {s} holds two rows with id '{id}'"));
                continue;
            }

            Replace(alive, id, old, added.TryGetValue(id, out var row) ? make(row.Row, row.Place) : null, changes, s);
        }
    }

    /// <summary>Puts <paramref name="candidate"/> in place of <paramref name="old"/> unless they hold the same; records the change.</summary>
    private void Replace<TVersion>(Dictionary<string, TVersion> alive, string id, TVersion? old, TVersion? candidate, List<RecordChange> changes, int s)
        where TVersion : RecordVersion
    {
        if (old is not null && candidate is not null && Same(old, candidate))
        {
            return;
        }

        if (old is not null)
        {
            old.To = s;
            alive.Remove(id);
        }

        if (candidate is not null)
        {
            alive[id] = candidate;
            AddVersion(candidate);
        }

        if (old is null && candidate is null)
        {
            return;
        }

        var fields = old is null || candidate is null ? [] : Differences(old, candidate);
        var curated = old is null || candidate is null || !Equal(old.CuratedFields(), candidate.CuratedFields());
        if (!curated && fields.Count == 0)
        {
            return; // the same content on a new line (a derived figure moved in its file): a new place, not a change
        }

        changes.Add(new RecordChange(
            s, (candidate ?? old)!.Record, id, old is null ? "added" : candidate is null ? "withdrawn" : "changed", old, candidate, fields,
            Reason: null, FollowsFrom: curated ? null : FollowsFrom(candidate!)));
    }

    private void AddVersion(RecordVersion version)
    {
        switch (version)
        {
            case UnitVersion v: _data.Units.Add(v); break;
            case SourceVersion v: _data.Sources.Add(v); break;
            case IndicatorVersion v: _data.Indicators.Add(v); break;
            case EntityVersion v: _data.Entities.Add(v); break;
            case FactVersion v: _data.Facts.Add(v); break;
            case ObservationVersion v: _data.Observations.Add(v); break;
        }
    }

    private static bool Same(RecordVersion a, RecordVersion b) =>
        Equal(a.CuratedFields(), b.CuratedFields()) && Equal(a.ComputedFields(), b.ComputedFields())
        && (a is not ObservationVersion x || b is not ObservationVersion y || x.FileOrder == y.FileOrder);

    private static bool Equal(IReadOnlyList<(string Field, string? Value)> a, IReadOnlyList<(string Field, string? Value)> b) =>
        a.Count == b.Count && a.Zip(b).All(p => p.First.Field == p.Second.Field && p.First.Value == p.Second.Value);

    private static List<FieldChange> Differences(RecordVersion old, RecordVersion @new)
    {
        var before = old.CuratedFields().Concat(old.ComputedFields()).ToList();
        var after = @new.CuratedFields().Concat(@new.ComputedFields()).ToList();
        var names = before.Select(f => f.Field).Union(after.Select(f => f.Field));
        return names
            .Select(n => new FieldChange(n, before.FirstOrDefault(f => f.Field == n).Value, after.FirstOrDefault(f => f.Field == n).Value))
            .Where(f => f.Old != f.New)
            .ToList();
    }

    private static string? FollowsFrom(RecordVersion version) => version switch
    {
        ObservationVersion { Derived: null } o => $"source {o.Source}",
        ObservationVersion { Inputs.Count: > 0 } o => $"observation {o.Inputs[0]}",
        _ => null,
    };

    // --- sources and their texts ---

    private void ApplySources(int s, List<RecordChange> changes)
    {
        var delta = Delta<SourceRow>(DataSetLoader.SourcesFile, s);
        Apply(_sources, delta, r => r.Id, (row, place) => MakeSource(row, place, s), changes, s);
        foreach (var (index, row, _) in delta.Added)
        {
            SourceRank.TryAdd(row.Id ?? "", (s, index));
        }

        // A text that changed under an unchanged row is a new version of its source too.
        foreach (var (id, version) in _sources.ToList())
        {
            var path = Normalize(version.Row.File);
            if (_archive.HashAt(path, s) is { } sha && sha != version.TextSha256)
            {
                Replace(_sources, id, version, MakeSource(version.Row, version.Place, s), changes, s);
            }
        }
    }

    private SourceVersion MakeSource(SourceRow row, string place, int s)
    {
        var path = Normalize(row.File);
        var sha = _archive.HashAt(path, s);
        if (sha is null)
        {
            _errors.Add(Error(place, $"source '{row.Id}' names {path}, which release {s}'s manifest does not list"));
            return new SourceVersion(row, "", "", s) { Place = place };
        }

        if (!_texts.TryGetValue(sha, out var text))
        {
            var bytes = _archive.FileAt(path, s)!;
            try
            {
                _texts[sha] = text = CodePoints.StrictUtf8.GetString(bytes);
            }
            catch (System.Text.DecoderFallbackException)
            {
                _errors.Add(Error(place, $"{path} of release {s} is not UTF-8 text"));
                text = "";
            }
        }

        return new SourceVersion(row, text, sha, s) { Place = place };
    }

    private static string Normalize(string? path) => (path ?? "").Replace('\\', '/');

    // --- figures ---

    /// <summary>Stated and derived figures share one table: an id moved from one file to the other is a change, not two.</summary>
    private List<ObservationVersion> ApplyObservations(int s, HashSet<string> changedTexts, List<RecordChange> changes)
    {
        var stated = Delta<ObservationRow>(DataSetLoader.ObservationsFile, s);
        var derived = Delta<DerivedRow>(DataSetLoader.DerivedFile, s);
        var added = new Dictionary<string, (FigureRow Row, string Place, int Index)>(StringComparer.Ordinal);
        foreach (var (file, rows) in new[]
                 {
                     (stated.File, stated.Added.Select(a => (a.Index, (FigureRow)a.Row, a.Place))),
                     (derived.File, derived.Added.Select(a => (a.Index, (FigureRow)a.Row, a.Place))),
                 })
        {
            foreach (var (index, row, place) in rows)
            {
                file!.Keys[index] = row.Id ?? "";
                if (!added.TryAdd(row.Id ?? "", (row, place, index)))
                {
                    _errors.Add(Error(place, $"release {s} holds two figures with id '{row.Id}'"));
                }
            }
        }

        var removed = stated.Removed.Concat(derived.Removed).Where(r => r.Key is not null).Select(r => r.Key!).ToHashSet(StringComparer.Ordinal);
        foreach (var (id, row) in added.Where(a => _observations.ContainsKey(a.Key) && !removed.Contains(a.Key)))
        {
            _errors.Add(Error(row.Place, $"release {s} holds two figures with id '{id}'"));
        }

        var before = _data.Observations.Count;

        // Stated figures: new and dropped rows, and those whose source text changed (their offsets may move).
        var stale = changedTexts.Count == 0
            ? []
            : _observations.Values.Where(o => o.Derived is null && changedTexts.Contains(o.Source)).Select(o => o.Key);
        foreach (var id in removed.Union(added.Keys).Union(stale).Order(StringComparer.Ordinal).ToList())
        {
            var isAdded = added.TryGetValue(id, out var row);
            if (isAdded && row.Row is DerivedRow)
            {
                continue; // below, with the other derived figures
            }

            _observations.TryGetValue(id, out var old);
            var statedRow = isAdded ? (ObservationRow)row.Row : removed.Contains(id) ? null : old?.Stated;
            var place = isAdded ? row.Place : old?.Place ?? "";
            Replace(_observations, id, old, statedRow is null ? null : MakeStated(statedRow, place, s), changes, s);
        }

        // Derived figures: their source is their inputs', so each is worked out again (there are few of them).
        var derivedIds = _observations.Values.Where(o => o.Derived is not null).Select(o => o.Key)
            .Union(added.Where(a => a.Value.Row is DerivedRow).Select(a => a.Key)).Order(StringComparer.Ordinal).ToList();
        foreach (var id in derivedIds)
        {
            _observations.TryGetValue(id, out var old);
            var (row, place, index) = added.TryGetValue(id, out var a) ? a : (old!.Row, old.Place, old.FileOrder);
            Replace(_observations, id, old, MakeDerived((DerivedRow)row, place, index, s), changes, s);
        }

        return _data.Observations.Skip(before).ToList();
    }

    private ObservationVersion MakeStated(ObservationRow row, string place, int s)
    {
        var quote = row.Quote ?? "";
        var text = _sources.GetValueOrDefault(row.Source ?? "")?.Text;
        var at = text is null ? -1 : text.IndexOf(quote, StringComparison.Ordinal);
        if (at < 0)
        {
            _errors.Add(Error(place, $"the quote of '{row.Id}' does not occur in source '{row.Source}' as release {s} holds it"));
            return new ObservationVersion(row, s) { Source = row.Source ?? "", Place = place };
        }

        var start = CodePoints.Count(text.AsSpan(0, at));
        return new ObservationVersion(row, s)
        {
            Source = row.Source!, QuoteStart = start, QuoteEnd = start + CodePoints.Count(quote), Place = place,
        };
    }

    private ObservationVersion MakeDerived(DerivedRow row, string place, int order, int s)
    {
        if (!Formula.TryParse(row.Formula ?? "", out var formula, out var error) || formula!.Inputs.Count == 0
            || _observations.GetValueOrDefault(formula.Inputs[0]) is not { Derived: null } input)
        {
            _errors.Add(Error(place, $"the formula of '{row.Id}' does not name a stated figure of release {s}{(error is null ? "" : ": " + error)}"));
            return new ObservationVersion(row, s) { Source = "", Place = place, FileOrder = order };
        }

        return new ObservationVersion(row, s) { Source = input.Source, Inputs = formula.Inputs, Place = place, FileOrder = order };
    }

    // --- full-text search ---

    private static Dictionary<string, (string?, string?)> WordsOf<T>(Dictionary<string, T> alive, Func<T, (string?, string?)> words) =>
        alive.ToDictionary(p => p.Key, p => words(p.Value), StringComparer.Ordinal);

    private static HashSet<string> Changed<T>(Dictionary<string, (string?, string?)> before, Dictionary<string, T> alive, Func<T, (string?, string?)> words) =>
        alive.Where(p => !before.TryGetValue(p.Key, out var was) || was != words(p.Value)).Select(p => p.Key).ToHashSet(StringComparer.Ordinal);

    /// <summary>A new search version for every figure whose version or whose indicator's or entity's words changed.</summary>
    private void UpdateSearch(int s, List<ObservationVersion> newVersions, HashSet<string> indicators, HashSet<string> entities)
    {
        foreach (var (id, search) in _search.Where(p => !_observations.ContainsKey(p.Key)).ToList())
        {
            search.To = s;
            _search.Remove(id);
        }

        var affected = newVersions.Where(v => v.To == WeaveLine.Open).ToList();
        if (indicators.Count > 0 || entities.Count > 0)
        {
            affected.AddRange(_observations.Values.Where(o => o.From < s
                && (indicators.Contains(o.Row.Indicator ?? "") || entities.Contains(o.Row.Entity ?? ""))));
        }

        foreach (var observation in affected.DistinctBy(o => o.Key))
        {
            if (!_indicators.TryGetValue(observation.Row.Indicator ?? "", out var indicator)
                || !_entities.TryGetValue(observation.Row.Entity ?? "", out var entity))
            {
                _errors.Add(Error(observation.Place, $"'{observation.Key}' names an indicator or entity that release {s} does not hold"));
                continue;
            }

            if (_search.TryGetValue(observation.Key, out var current))
            {
                current.To = s;
            }

            var next = new SearchVersion(observation, indicator, entity, s);
            _search[observation.Key] = next;
            _data.Search.Add(next);
        }
    }

    // --- places and counts ---

    private string Place(string path, WeaveLine line, int s) => $"{PlaceFile(path, line, s)}:{line.Line}";

    /// <summary>A line of the release being published (or previewed) is in the data folder; any other, in the archive.</summary>
    private string PlaceFile(string path, WeaveLine line, int s) =>
        line.From == _archive.StagedSeq && _archive.StagedSeq > 0 ? $"{_dataDisplay}/{path}" : _archive.Display(ReleaseArchive.RowsFolder, path);

    private string NotePlace(int s) => s == _archive.StagedSeq
        ? $"{_dataDisplay}/{ReleaseContent.NoteFile}:1"
        : $"{_archive.DisplayOfFile(ReleaseContent.NoteFile, s)}:1";

    /// <summary>Where a missing reason would go: the line after the log's last.</summary>
    private string CorrectionsEnd(int s)
    {
        var lines = _files.TryGetValue(DataSetLoader.CorrectionsFile, out var file) ? file.Weave.At(s).Count(l => l.Element.Length > 0) : 1;
        var display = s == _archive.StagedSeq ? $"{_dataDisplay}/{DataSetLoader.CorrectionsFile}" : _archive.Display(ReleaseArchive.RowsFolder, DataSetLoader.CorrectionsFile);
        return $"{display}:{Math.Max(lines, 1) + 1}";
    }

    internal static ImportError Error(string place, string message)
    {
        var colon = place.LastIndexOf(':');
        return colon > 0 && int.TryParse(place[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var line)
            ? new ImportError(place[..colon], line, message)
            : new ImportError(place, 0, message);
    }

    private Dictionary<string, long> Counts() => new(StringComparer.Ordinal)
    {
        ["sources"] = _sources.Count,
        ["units"] = _units.Count,
        ["indicators"] = _indicators.Count,
        ["entities"] = _entities.Count,
        ["observations"] = _observations.Count,
        ["derivations"] = _observations.Values.Count(o => o.Derived is not null),
        ["facts"] = _facts.Count,
    };
}

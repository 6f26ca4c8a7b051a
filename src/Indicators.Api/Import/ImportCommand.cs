using Indicators.Api.Data;

namespace Indicators.Api.Import;

/// <summary>
/// The command-line verb: <c>import [data-folder] [--check] [--publish] [--database path]</c>. It rebuilds every
/// published release from the archive (data/releases/), validates the data folder when it differs from the
/// last of them, prints what it read, and writes a new database atomically. <c>--publish</c> first appends the
/// data folder's release to the archive, with the time now; <c>--check</c> writes nothing at all.
/// </summary>
internal static class ImportCommand
{
    public const string Verb = "import";

    private const string Usage = "usage: import [data-folder] [--check] [--publish] [--database path]";

    public static int Run(string[] args, DatabaseOptions defaults, TextWriter output, TextWriter error, TimeProvider? clock = null)
    {
        clock ??= TimeProvider.System;
        var check = args.Contains("--check");
        var publish = args.Contains("--publish");
        var databaseAt = Array.IndexOf(args, "--database");
        if (databaseAt >= 0 && databaseAt + 1 >= args.Length)
        {
            error.WriteLine("--database needs a path");
            return 2;
        }

        var unknown = args.Where((a, i) => a.StartsWith("--", StringComparison.Ordinal) && a is not ("--check" or "--publish" or "--database")
                                           && (databaseAt < 0 || i != databaseAt + 1)).ToList();
        var positional = args.Where((a, i) => !a.StartsWith("--", StringComparison.Ordinal) && (databaseAt < 0 || i != databaseAt + 1)).ToList();
        if (positional.Count > 1 || unknown.Count > 0)
        {
            error.WriteLine(unknown.Count > 0 ? $"unknown option {unknown[0]}; {Usage}" : Usage);
            return 2;
        }

        var dataDisplay = positional.Count == 1 ? positional[0].TrimEnd('/') : defaults.DataDirectory;
        var dataDirectory = RepositoryPaths.Resolve(positional.Count == 1 ? positional[0] : defaults.DataDirectory);
        var databasePath = RepositoryPaths.Resolve(databaseAt >= 0 ? args[databaseAt + 1] : defaults.DatabasePath);

        // Publication times are whole seconds, as the archive writes them.
        var now = DateTimeOffset.FromUnixTimeSeconds(clock.GetUtcNow().ToUnixTimeSeconds());
        var (plan, errors) = ReleaseBuild.Prepare(dataDirectory, dataDisplay, publish ? now : null, output.WriteLine);
        foreach (var problem in errors)
        {
            error.WriteLine(problem);
        }

        if (plan is null)
        {
            error.WriteLine($"import failed: {errors.Count} error(s); the database was not changed{(publish ? " and nothing was published" : "")}");
            return 1;
        }

        var current = plan.Versions.Releases[^1];
        var summary = Summary(current.Counts);
        var published = plan.Archive.Releases.Count(r => r.IsPublished);
        if (check)
        {
            output.WriteLine(plan.DataFolder is null
                ? $"check passed: {summary}; {dataDisplay}/ is release {current.Seq} ({current.Id}), published; nothing written"
                : $"check passed: {summary}; release would be {current.Id} (release {current.Seq}, after {published - (publish ? 1 : 0)} published); nothing written");
            return 0;
        }

        if (plan.DataFolder is null)
        {
            output.WriteLine($"{dataDisplay}/ is release {current.Seq} ({current.Id}), published {Time(current.PublishedAt)}{(publish ? ": nothing new to publish" : "")}");
        }
        else if (publish)
        {
            plan.Archive.WriteStaged();
            output.WriteLine($"published release {current.Seq} ({current.Id}) at {Time(current.PublishedAt)}: {dataDisplay}/{Archive.ReleaseArchive.FolderName}/ has changed, commit it");
        }
        else
        {
            output.WriteLine($"{dataDisplay}/ differs from the last published release: built as release {current.Seq} ({current.Id}), "
                             + "unpublished, and served as the current release of this database; publish it with import --publish");
        }

        DatabaseBuilder.Build(plan.Versions, databasePath, now, output.WriteLine);
        output.WriteLine($"imported {summary} into {databasePath}");
        output.WriteLine($"{plan.Versions.Releases.Count} release(s); release {current.Id} built {Time(current.PublishedAt ?? now)}: {current.Changelog}");
        return 0;
    }

    private static string Summary(IReadOnlyDictionary<string, long> counts) =>
        $"{counts["sources"]} sources, {counts["indicators"]} indicators, {counts["entities"]} entities, {counts["units"]} units, "
        + $"{counts["observations"] - counts["derivations"]} observations, {counts["derivations"]} derived";

    private static string Time(DateTimeOffset? time) => time is { } t ? DatabaseBuilder.Time(t) : "(unpublished)";
}

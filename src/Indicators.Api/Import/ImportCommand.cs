using Indicators.Api.Data;

namespace Indicators.Api.Import;

/// <summary>
/// The command-line verb: <c>import [data-folder] [--check] [--database path]</c>. It validates every
/// file, prints what it read, and either writes a new database atomically or (with --check) nothing.
/// </summary>
internal static class ImportCommand
{
    public const string Verb = "import";

    public static int Run(string[] args, DatabaseOptions defaults, TextWriter output, TextWriter error)
    {
        var check = args.Contains("--check");
        var databaseAt = Array.IndexOf(args, "--database");
        if (databaseAt >= 0 && databaseAt + 1 >= args.Length)
        {
            error.WriteLine("--database needs a path");
            return 2;
        }

        var positional = args.Where((a, i) => !a.StartsWith("--", StringComparison.Ordinal) && (databaseAt < 0 || i != databaseAt + 1)).ToList();
        if (positional.Count > 1)
        {
            error.WriteLine("usage: import [data-folder] [--check] [--database path]");
            return 2;
        }

        var dataDisplay = positional.Count == 1 ? positional[0].TrimEnd('/') : defaults.DataDirectory;
        var dataDirectory = RepositoryPaths.Resolve(positional.Count == 1 ? positional[0] : defaults.DataDirectory);
        var databasePath = RepositoryPaths.Resolve(databaseAt >= 0 ? args[databaseAt + 1] : defaults.DatabasePath);

        var (dataSet, errors) = DataSetLoader.Load(dataDirectory, dataDisplay, output.WriteLine);
        foreach (var problem in errors)
        {
            error.WriteLine(problem);
        }

        if (dataSet is null)
        {
            error.WriteLine($"import failed: {errors.Count} error(s); the database was not changed");
            return 1;
        }

        var summary = $"{dataSet.Sources.Count} sources, {dataSet.Indicators.Count} indicators, {dataSet.Entities.Count} entities, "
                      + $"{dataSet.Units.Count} units, {dataSet.Observations.Count} observations, {dataSet.Derived.Count} derived";
        if (check)
        {
            output.WriteLine($"check passed: {summary}; release would be {dataSet.Release.Id}; nothing written");
            return 0;
        }

        var release = DatabaseBuilder.Build(dataSet, databasePath, output.WriteLine);
        output.WriteLine($"imported {summary} into {databasePath}");
        // An unchanged data folder keeps the build time of the release it already was.
        output.WriteLine($"release {release.Id} built {release.BuiltAt}: {release.Changelog}");
        return 0;
    }
}

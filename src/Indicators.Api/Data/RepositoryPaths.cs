namespace Indicators.Api.Data;

/// <summary>
/// Resolves the relative paths in configuration and on the command line. A path that exists from the
/// working directory is taken from there; otherwise from the repository root, the
/// nearest folder above that holds Indicators.sln. `dotnet run --project src/Indicators.Api` starts in the
/// project folder, so the defaults ("data", "data/indicators.db") still name the repository's data folder.
/// </summary>
internal static class RepositoryPaths
{
    public static string Resolve(string path)
    {
        if (Path.IsPathRooted(path))
        {
            return path;
        }

        var fromWorkingDirectory = Path.GetFullPath(path);
        if (Path.Exists(fromWorkingDirectory))
        {
            return fromWorkingDirectory;
        }

        var root = FindRepositoryRoot(Directory.GetCurrentDirectory());
        return root is null ? fromWorkingDirectory : Path.GetFullPath(Path.Combine(root, path));
    }

    private static string? FindRepositoryRoot(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Indicators.sln")))
            {
                return dir.FullName;
            }
        }

        return null;
    }
}

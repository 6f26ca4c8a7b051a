namespace Indicators.Api.Tests.Support;

internal static class TestPaths
{
    /// <summary>The repository root: the folder above the test binaries that holds Indicators.sln.</summary>
    public static string RepositoryRoot { get; } = FindRoot();

    public static string DataDirectory => Path.Combine(RepositoryRoot, "data");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Indicators.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Indicators.sln not found above the test binaries");
    }
}

/// <summary>A scratch folder deleted at dispose.</summary>
internal sealed class TemporaryDirectory : IDisposable
{
    public TemporaryDirectory() => Directory.CreateDirectory(Path);

    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "indicators-tests-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A file still open on a slow shutdown is left to the OS temp cleaner.
        }
    }
}

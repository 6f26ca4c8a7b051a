using System.Diagnostics;
using System.Security.Cryptography;
using Indicators.Api.Data;
using Indicators.Api.Import;
using Indicators.Api.Tests.Support;
using Microsoft.Data.Sqlite;
using Xunit.Abstractions;

namespace Indicators.Api.Tests.Import;

/// <summary>
/// Faults: the import killed with SIGKILL (no clean-up runs) at several points of its run. The database
/// path always holds a whole release: the previous one byte for byte, or the new one complete; never a mix.
/// </summary>
public sealed class KilledImportTests(ITestOutputHelper output) : IDisposable
{
    private readonly TemporaryDirectory _scratch = new();

    public void Dispose() => _scratch.Dispose();

    [Fact]
    public async Task AnImportKilledAtAnyPointLeavesTheDatabaseWholeAndTheOldOneByteIdenticalUntilTheRename()
    {
        var data = Path.Combine(_scratch.Path, "data");
        CopyDirectory(TestPaths.DataDirectory, data);
        var database = Path.Combine(_scratch.Path, "db", "indicators.db");
        Assert.Equal(0, ImportCommand.Run([data, "--database", database], new DatabaseOptions(), TextWriter.Null, TextWriter.Null));
        var previous = File.ReadAllBytes(database);
        var figures = CountObservations(database);

        // The next release differs, so "unchanged" and "replaced" are told apart by the bytes.
        var table = CsvTable.Read(Path.Combine(data, "observations.csv"));
        table.Rows[0][Array.IndexOf(table.Header, "note")] = "A note added by the next release.";
        table.Write(Path.Combine(data, "observations.csv"));
        Curation.Reason(data, "observation", table.Rows[0][0], "changed");
        Curation.Note(data, "Adds a note.");

        var outcomes = new List<string>();
        // Kill points: after a delay from start (reading, validating), or once the new file is being written.
        var points = new[] { 0, 100, 200, 300 }.Select(ms => (AfterTemp: false, Delay: ms))
            .Concat(new[] { 0, 1, 2, 4, 8, 16, 32 }.Select(ms => (AfterTemp: true, Delay: ms)));
        foreach (var (afterTemp, delay) in points)
        {
            File.WriteAllBytes(database, previous);
            using var import = StartImport(data, database);
            var directory = Path.GetDirectoryName(database)!;
            var deadline = DateTime.UtcNow.AddSeconds(20);
            while (afterTemp && !import.HasExited && Directory.GetFiles(directory, "*.tmp").Length == 0 && DateTime.UtcNow < deadline)
            {
                // Spin: the temporary file lives for a few milliseconds only.
            }

            if (delay > 0)
            {
                Thread.Sleep(delay);
            }

            var tempExisted = Directory.GetFiles(directory, "*.tmp").Length > 0;
            if (!import.HasExited)
            {
                import.Kill();
            }

            await import.WaitForExitAsync();
            SqliteConnection.ClearAllPools();

            var now = File.ReadAllBytes(database);
            var unchanged = now.AsSpan().SequenceEqual(previous);
            outcomes.Add($"{delay} ms after {(afterTemp ? "the temporary file appeared" : "start")}: {(unchanged ? "previous release" : "new release")}{(tempExisted ? ", killed while writing" : "")}");
            Assert.True(unchanged || NewReleaseIsWhole(database, figures), $"after a kill {delay} ms in the database is neither release");
            foreach (var stale in Directory.GetFiles(directory, "*.tmp"))
            {
                // SIGKILL leaves the half-written temporary file; it is never the database. The next import would
                // remove it (see the test below); removed here so the next kill point waits for that import's own file.
                File.Delete(stale);
            }
            if (unchanged)
            {
                Assert.Equal(Convert.ToHexString(SHA256.HashData(previous)), Convert.ToHexString(SHA256.HashData(now)));
            }
        }

        output.WriteLine(string.Join(Environment.NewLine, outcomes));
    }

    [Fact]
    public async Task AnImportAfterAKilledOneRemovesTheTemporaryFileItLeftAndBuildsAWholeDatabase()
    {
        var data = Path.Combine(_scratch.Path, "data");
        CopyDirectory(TestPaths.DataDirectory, data);
        var database = Path.Combine(_scratch.Path, "db", "indicators.db");
        var directory = Path.GetDirectoryName(database)!;
        Assert.Equal(0, ImportCommand.Run([data, "--database", database], new DatabaseOptions(), TextWriter.Null, TextWriter.Null));
        var figures = CountObservations(database);
        var table = CsvTable.Read(Path.Combine(data, "observations.csv"));
        table.Rows[0][Array.IndexOf(table.Header, "note")] = "A note added by the next release.";
        table.Write(Path.Combine(data, "observations.csv"));
        Curation.Reason(data, "observation", table.Rows[0][0], "changed");
        Curation.Note(data, "Adds a note.");

        // SIGKILL once the temporary file exists; it lives for milliseconds, so a kill can land after the rename: try again.
        string[] left = [];
        for (var attempt = 1; attempt <= 40 && left.Length == 0; attempt++)
        {
            using var import = StartImport(data, database);
            var deadline = DateTime.UtcNow.AddSeconds(20);
            while (!import.HasExited && Directory.GetFiles(directory, "*.tmp").Length == 0 && DateTime.UtcNow < deadline)
            {
                // Spin.
            }

            if (!import.HasExited)
            {
                import.Kill();
            }

            await import.WaitForExitAsync();
            left = Directory.GetFiles(directory, "*.tmp");
            output.WriteLine($"attempt {attempt}: exit {import.ExitCode}, {left.Length} temporary file(s) left");
        }

        var stale = Assert.Single(left);
        Assert.Matches(@"/\.indicators\.db\.[0-9a-f]{32}\.tmp$", stale.Replace('\\', '/'));

        using var printed = new StringWriter();
        Assert.Equal(0, ImportCommand.Run([data, "--database", database], new DatabaseOptions(), printed, TextWriter.Null));
        SqliteConnection.ClearAllPools();

        Assert.Empty(Directory.GetFiles(directory, "*.tmp"));
        Assert.Contains($"removed {stale}, left by an import that did not finish", printed.ToString());
        Assert.True(NewReleaseIsWhole(database, figures), "the database after the clean import is not the new release complete");
    }

    [Fact]
    public void AnImportKeepsTheTemporaryFileOfAnImportStillRunningAndFilesNotNamedAsItsOwn()
    {
        var database = Path.Combine(_scratch.Path, "indicators.db");
        var abandoned = TemporaryDatabaseFiles.NewPath(database);
        File.WriteAllText(abandoned, "half a database");
        var live = TemporaryDatabaseFiles.NewPath(database);
        using var writer = TemporaryDatabaseFiles.Claim(live);
        var guid = Guid.NewGuid().ToString("N");
        string[] others =
        [
            Path.Combine(_scratch.Path, $".other.db.{guid}.tmp"),
            Path.Combine(_scratch.Path, $"indicators.db.{guid}.tmp"),
            Path.Combine(_scratch.Path, $".indicators.db.{guid.ToUpperInvariant()}.tmp"),
            Path.Combine(_scratch.Path, ".indicators.db.not-a-guid.tmp"),
            Path.Combine(_scratch.Path, $".indicators.db.{guid[..31]}.tmp"),
            Path.Combine(_scratch.Path, ".indicators.db.tmp"),
        ];
        foreach (var other in others)
        {
            File.WriteAllText(other, "not the builder's");
        }

        var (plan, errors) = ReleaseBuild.Prepare(TestPaths.DataDirectory, "data", publishAt: null);
        Assert.Empty(errors);
        var removed = new List<string>();
        DatabaseBuilder.Build(plan!.Versions, database, DateTimeOffset.UtcNow, removed.Add);

        Assert.False(File.Exists(abandoned));
        Assert.Equal([$"removed {abandoned}, left by an import that did not finish"], removed);
        Assert.True(File.Exists(live), "the temporary file of a running import was deleted");
        Assert.All(others, other => Assert.True(File.Exists(other), $"{other} was deleted"));
        Assert.True(CountObservations(database) > 0);
    }

    /// <summary>The new release, complete: it passes quick_check and has every figure with the new note.</summary>
    private static long CountObservations(string database)
    {
        using var connection = new SqliteConnection($"Data Source={database};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var count = connection.CreateCommand();
        count.CommandText = "SELECT count(*) FROM observations";
        return (long)count.ExecuteScalar()!;
    }

    private static bool NewReleaseIsWhole(string database, long figures)
    {
        using var connection = new SqliteConnection($"Data Source={database};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var check = connection.CreateCommand();
        check.CommandText = "PRAGMA quick_check";
        Assert.Equal("ok", check.ExecuteScalar());
        using var count = connection.CreateCommand();
        count.CommandText = "SELECT count(*) FROM observations WHERE note = 'A note added by the next release.' OR id <> 'china-gdp-2023-cny'";
        return (long)count.ExecuteScalar()! == figures;
    }

    private static Process StartImport(string data, string database)
    {
        var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;
        var dll = Path.Combine(TestPaths.RepositoryRoot, "src", "Indicators.Api", "bin", configuration, "net10.0", "Indicators.Api.dll");
        var info = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { dll, "import", data, "--database", database },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        var process = Process.Start(info)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static void CopyDirectory(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories).Where(f => !f.EndsWith(".db", StringComparison.Ordinal)))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}

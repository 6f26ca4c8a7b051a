using System.Security.Cryptography;
using Indicators.Api.Data;
using Indicators.Api.Tests.Support;
using Microsoft.Data.Sqlite;

namespace Indicators.Api.Tests.Import;

/// <summary>
/// The import's releases: every published one rebuilt from the archive, the data folder's own built after them
/// unpublished (plain import) or appended to the archive (--publish), named by their content, printed in the summary.
/// </summary>
public sealed class ImportReleaseTests : IDisposable
{
    private readonly DataFolder _data = new();
    private readonly TemporaryDirectory _output = new();

    private string DatabasePath => Path.Combine(_output.Path, "indicators.db");

    private int Published => Curation.NextRelease(_data.Path) - 1;

    [Fact]
    public void ImportOfThePublishedDataFolderRebuildsEveryReleaseAndSaysWhichItIs()
    {
        var (exit, output, error) = _data.Import(DatabasePath);

        Assert.Equal(0, exit);
        Assert.Equal("", error);
        Assert.Contains($"/releases: {Published} published releases, every file rebuilt and checked against its manifest", output);
        Assert.Contains("hashed sources/modernisation-in-china-and-pakistan.txt", output);
        Assert.Contains("23 observations, 4 derived", output);
        var releases = Releases();
        Assert.Equal(Published, releases.Count);
        Assert.All(releases, r => Assert.NotNull(r.PublishedAt));
        Assert.Contains($"/ is release {Published} ({releases[^1].Id}), published {releases[^1].PublishedAt}", output);
        Assert.Contains($"release {releases[^1].Id} built ", output);
    }

    [Fact]
    public void CheckOfThePublishedDataFolderSaysItIsPublishedAndWritesNothing()
    {
        var (exit, output, _) = _data.Import(DatabasePath, "--check");

        Assert.Equal(0, exit);
        Assert.Contains("check passed", output);
        Assert.Contains($"is release {Published} (", output);
        Assert.False(File.Exists(DatabasePath));
    }

    [Fact]
    public void CheckOfAChangedDataFolderNamesTheReleaseItWouldBeAndWritesNothing()
    {
        var archive = ArchiveHash();
        ChangeASourceText();

        var (exit, output, error) = _data.Import(DatabasePath, "--check");

        Assert.True(exit == 0, error);
        Assert.Matches($"release would be [0-9a-f]{{16}} \\(release {Published + 1}, after {Published} published\\)", output);
        Assert.False(File.Exists(DatabasePath));
        Assert.Equal(archive, ArchiveHash());
    }

    [Fact]
    public void ReimportingUnchangedFilesIsTheSameReleasesWithTheSameTimes()
    {
        _data.Import(DatabasePath);
        var first = Releases();

        _data.Import(DatabasePath);

        Assert.Equal(first, Releases());
    }

    [Fact]
    public void APlainImportOfAChangedDataFolderBuildsItUnpublishedAfterThePublishedReleasesAndWritesNoTrackedFile()
    {
        var archive = ArchiveHash();
        ChangeASourceText();

        var (exit, output, error) = _data.Import(DatabasePath);

        Assert.True(exit == 0, error);
        Assert.Contains($"differs from the last published release: built as release {Published + 1}", output);
        var releases = Releases();
        Assert.Equal(Published + 1, releases.Count);
        Assert.Null(releases[^1].PublishedAt);
        Assert.Equal("Corrects a typo in a source text.", releases[^1].Changelog);
        Assert.DoesNotContain(releases.SkipLast(1), r => r.Id == releases[^1].Id);
        Assert.Equal(archive, ArchiveHash());

        // The same files again: the same unpublished release, with the build time it was first given.
        _data.Import(DatabasePath);
        Assert.Equal(releases, Releases());
    }

    [Fact]
    public void PublishAppendsTheReleaseToTheArchiveWithItsTimeAndItsManifest()
    {
        ChangeASourceText();
        var clock = new FixedClock(new DateTimeOffset(2026, 12, 24, 10, 30, 15, TimeSpan.Zero));

        var (exit, output, error) = _data.Import(DatabasePath, clock, "--publish");

        Assert.True(exit == 0, error);
        var releases = Releases();
        var published = releases[^1];
        Assert.Equal("2026-12-24T10:30:15Z", published.PublishedAt);
        Assert.Contains($"published release {releases.Count} ({published.Id}) at 2026-12-24T10:30:15Z", output);
        Assert.Equal($"{releases.Count},{published.Id},2026-12-24T10:30:15Z", File.ReadLines(_data.File("releases/releases.csv")).Last());
        var manifest = File.ReadAllBytes(_data.File($"releases/manifests/{published.Id}.sha256"));
        Assert.Equal(published.Id, Convert.ToHexStringLower(SHA256.HashData(manifest))[..16]);
        // The data folder is now that release: importing it again publishes nothing.
        var (_, again, _) = _data.Import(DatabasePath, "--publish");
        Assert.Contains("nothing new to publish", again);
        Assert.Equal(releases, Releases());
    }

    [Fact]
    public void AFailedImportLeavesThePreviousReleaseServing()
    {
        _data.Import(DatabasePath);
        var before = Releases();
        _data.AppendRows("observations.csv", "broken-row,nowhere,gdp,china,,2023,2023,2023,false,1,cny-trillion,exact,,actual,no such quote,");

        var (exit, _, error) = _data.Import(DatabasePath);

        Assert.Equal(1, exit);
        Assert.Contains("the database was not changed", error);
        Assert.Equal(before, Releases());
    }

    [Fact]
    public void TheBuiltDatabaseHasTheSchemaVersionTheServiceReads()
    {
        _data.Import(DatabasePath);

        Assert.Equal(SchemaVersion.Expected, SchemaVersion.Of(DatabasePath));
    }

    [Fact]
    public void TheServiceRebuildsADatabaseOfAnOlderSchemaOnStartup()
    {
        using (var connection = new SqliteConnection($"Data Source={DatabasePath};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "CREATE TABLE schema_version (version INTEGER NOT NULL); INSERT INTO schema_version VALUES (1);";
            command.ExecuteNonQuery();
        }

        EnsureBuilt();

        Assert.Equal(Published, Releases().Count);
    }

    [Fact]
    public void AfterAPullBringsNewPublishedReleasesStartUpRebuildsTheDatabase()
    {
        _data.Import(DatabasePath);
        var before = Releases();
        EnsureBuilt();
        Assert.Equal(before, Releases());

        // What a pull does: the archive gains a release someone else published.
        ChangeASourceText();
        using var elsewhere = new TemporaryDirectory();
        Assert.Equal(0, _data.Import(Path.Combine(elsewhere.Path, "other.db"), "--publish").ExitCode);
        Assert.Equal(before, Releases());

        EnsureBuilt();

        var after = Releases();
        Assert.Equal(before.Count + 1, after.Count);
        Assert.Equal(before, after.Take(before.Count));
        Assert.NotNull(after[^1].PublishedAt);
    }

    private void EnsureBuilt() =>
        IndicatorsDatabase.EnsureBuilt(
            new DatabaseOptions { DatabasePath = DatabasePath, DataDirectory = _data.Path },
            Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance);

    private void ChangeASourceText()
    {
        _data.WriteNote("Corrects a typo in a source text.");
        File.AppendAllText(_data.File("sources/modernisation-in-china-and-pakistan.txt"), "\n");
        _data.Reason("source", "modernisation-in-china-and-pakistan", "changed", "The text had lost its last line break.");
    }

    private string ArchiveHash() => string.Join('\n', Directory.EnumerateFiles(_data.File("releases"), "*", SearchOption.AllDirectories)
        .Order(StringComparer.Ordinal).Select(f => $"{f} {Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f)))}"));

    private List<(string Id, string? PublishedAt, string BuiltAt, string Changelog)> Releases()
    {
        using var connection = new SqliteConnection($"Data Source={DatabasePath};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT id, published_at, built_at, changelog FROM releases ORDER BY seq";
        using var reader = command.ExecuteReader();
        var rows = new List<(string, string?, string, string)>();
        while (reader.Read())
        {
            rows.Add((reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1), reader.GetString(2), reader.GetString(3)));
        }

        return rows;
    }

    public void Dispose()
    {
        _data.Dispose();
        _output.Dispose();
    }
}

using Indicators.Api.Data;
using Indicators.Api.Tests.Support;
using Microsoft.Data.Sqlite;

namespace Indicators.Api.Tests.Import;

/// <summary>The import command's releases: content-named, recorded with their history, printed in the summary.</summary>
public sealed class ImportReleaseTests : IDisposable
{
    private readonly DataFolder _data = new();
    private readonly TemporaryDirectory _output = new();

    private string DatabasePath => Path.Combine(_output.Path, "indicators.db");

    [Fact]
    public void ImportPrintsProgressPerFileAndASummaryNamingTheRelease()
    {
        var (exit, output, error) = _data.Import(DatabasePath);

        Assert.Equal(0, exit);
        Assert.Equal("", error);
        foreach (var file in new[] { "units.csv", "sources.csv", "indicators.csv", "entities.csv", "observations.csv", "derived.csv" })
        {
            Assert.Contains($"{file}: ", output);
        }

        Assert.Contains("hashed sources/modernisation-in-china-and-pakistan.txt", output);
        Assert.Contains("23 observations, 4 derived", output);
        var (id, _, _) = Assert.Single(Releases());
        Assert.Contains($"release {id} built ", output);
    }

    [Fact]
    public void CheckValidatesAndNamesTheReleaseButWritesNothing()
    {
        var (exit, output, _) = _data.Import(DatabasePath, "--check");

        Assert.Equal(0, exit);
        Assert.Contains("check passed", output);
        Assert.Contains("release would be ", output);
        Assert.False(File.Exists(DatabasePath));
    }

    [Fact]
    public void ReimportingUnchangedFilesIsTheSameReleaseWithTheSameBuildTime()
    {
        _data.Import(DatabasePath);
        var first = Assert.Single(Releases());

        _data.Import(DatabasePath);

        Assert.Equal(first, Assert.Single(Releases()));
    }

    [Fact]
    public void ChangingAnyFileMakesANewReleaseAndKeepsTheEarlierOnesInItsHistory()
    {
        _data.Import(DatabasePath);
        _data.WriteNote("Corrects a typo in a source text.");
        File.AppendAllText(_data.File("sources/modernisation-in-china-and-pakistan.txt"), "\n");

        var (exit, _, _) = _data.Import(DatabasePath);

        Assert.Equal(0, exit);
        var releases = Releases();
        Assert.Equal(2, releases.Count);
        Assert.NotEqual(releases[0].Id, releases[1].Id);
        Assert.Equal("Corrects a typo in a source text.", releases[1].Changelog);
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

        IndicatorsDatabase.EnsureBuilt(
            new DatabaseOptions { DatabasePath = DatabasePath, DataDirectory = _data.Path },
            Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance);

        Assert.Single(Releases());
    }

    private List<(string Id, string BuiltAt, string Changelog)> Releases()
    {
        using var connection = new SqliteConnection($"Data Source={DatabasePath};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT id, built_at, changelog FROM releases ORDER BY seq";
        using var reader = command.ExecuteReader();
        var rows = new List<(string, string, string)>();
        while (reader.Read())
        {
            rows.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2)));
        }

        return rows;
    }

    public void Dispose()
    {
        _data.Dispose();
        _output.Dispose();
    }
}

using System.Security.Cryptography;
using Indicators.Api.Data;
using Indicators.Api.Import;
using Indicators.Api.Tests.Support;

namespace Indicators.Api.Tests.Import;

/// <summary>
/// The import over real files and a real SQLite database: a bad row fails with file:line and leaves the
/// previous database byte for byte as it was, with no temporary file left behind.
/// </summary>
public sealed class ImportCommandTests : IDisposable
{
    private readonly TemporaryDirectory _scratch = new();

    private string DataCopy => Path.Combine(_scratch.Path, "data");

    private string DatabasePath => Path.Combine(_scratch.Path, "db", "indicators.db");

    public ImportCommandTests()
    {
        CopyDirectory(TestPaths.DataDirectory, DataCopy);
        var (exit, _, error) = Import();
        Assert.True(exit == 0, error);
    }

    public void Dispose() => _scratch.Dispose();

    [Fact]
    public void ImportBuildsTheDatabaseAndCheckWritesNothing()
    {
        Assert.True(File.Exists(DatabasePath));
        var before = Hash();

        var (exit, output, _) = Import("--check");

        Assert.Equal(0, exit);
        Assert.Contains("check passed: 2 sources", output);
        Assert.Contains("23 observations", output);
        Assert.Equal(before, Hash());
    }

    [Theory]
    [InlineData("quote", "In 2023, China’s GDP exceeded", "quote does not occur verbatim in source")]
    [InlineData("quote", "As CPEC enters Phase Two, both sides will seize the opportunity", "quote occurs 2 times in source")]
    [InlineData("indicator", "gdp-per-capita", "indicator 'gdp-per-capita' is not a known indicator")]
    [InlineData("entity", "atlantis", "entity 'atlantis' is not a known entity")]
    [InlineData("counterpart", "atlantis", "counterpart 'atlantis' is not a known entity")]
    [InlineData("source", "unknown-paper", "source 'unknown-paper' is not a known source")]
    [InlineData("unit", "furlongs", "unit 'furlongs' is not a known unit")]
    [InlineData("value", "126,000", "value must be a number")]
    [InlineData("value", "one hundred", "value must be a number")]
    [InlineData("value", "NaN", "value must be a number")]
    [InlineData("qualifier", "roughly", "qualifier 'roughly' is not one of")]
    [InlineData("qualifier_text", "surpassed", "qualifier_text 'surpassed' does not occur in the quote")]
    [InlineData("kind", "estimate", "kind 'estimate' is not one of")]
    [InlineData("id", "China GDP", "id must be lower-case letters")]
    [InlineData("start_year", "2023.5", "start_year must be a whole year")]
    [InlineData("end_year", "2020", "end_year is before start_year")]
    [InlineData("period_inferred", "maybe", "period_inferred must be true or false")]
    public void ImportRejectsABadObservationWithFileAndLineAndChangesNothing(string column, string value, string message)
    {
        var before = Hash();
        SetCell("observations.csv", row: 1, column, value); // the first data row, line 2 of the file

        var (exit, _, error) = Import();

        Assert.Equal(1, exit);
        Assert.Contains($"observations.csv:2: {message}", error);
        Assert.Contains("the database was not changed", error);
        Assert.Equal(before, Hash());
        Assert.Equal(["indicators.db"], Directory.GetFiles(Path.GetDirectoryName(DatabasePath)!).Select(Path.GetFileName));
    }

    [Theory]
    [InlineData("indicators.csv", "unit", "percentile", "indicators.csv:2: unit 'percentile' is not a known unit")]
    [InlineData("entities.csv", "type", "planet", "entities.csv:2: type 'planet' is not one of")]
    [InlineData("units.csv", "scale", "-1", "units.csv:2: scale must be a positive number")]
    [InlineData("sources.csv", "file", "sources/missing.txt", "sources.csv:2: file 'sources/missing.txt' does not exist")]
    [InlineData("sources.csv", "title", "A Title The Text Does Not Have", "sources.csv:2: title does not occur verbatim")]
    [InlineData("sources.csv", "published_on", "10/09/2024", "sources.csv:2: published_on must be a date")]
    public void ImportRejectsABadReferenceRowWithFileAndLine(string file, string column, string value, string message)
    {
        var before = Hash();
        SetCell(file, row: 1, column, value);

        var (exit, _, error) = Import();

        Assert.Equal(1, exit);
        Assert.Contains(message, error);
        Assert.Equal(before, Hash());
    }

    [Fact]
    public void ImportRejectsADuplicateIdAtTheSecondRowThatUsesIt()
    {
        SetCell("observations.csv", row: 2, "id", "china-gdp-2023-cny");

        var (exit, _, error) = Import();

        Assert.Equal(1, exit);
        Assert.Contains("observations.csv:3: duplicate id 'china-gdp-2023-cny'", error);
    }

    [Fact]
    public void ImportRejectsMalformedCsvWithTheLineItStopsAt()
    {
        var before = Hash();
        var path = Path.Combine(DataCopy, "observations.csv");
        var lines = File.ReadAllLines(path).ToList();
        lines.Insert(3, "a-row,with,too,few,columns");
        File.WriteAllLines(path, lines);

        var (exit, _, error) = Import();

        Assert.Equal(1, exit);
        Assert.Contains("observations.csv:4:", error);
        Assert.Equal(before, Hash());
    }

    [Fact]
    public void ImportRejectsAFileMissingAColumn()
    {
        var path = Path.Combine(DataCopy, "entities.csv");
        var lines = File.ReadAllLines(path).Select(l => string.Join(',', l.Split(',').Take(2))).ToArray();
        File.WriteAllLines(path, lines);

        var (exit, _, error) = Import();

        Assert.Equal(1, exit);
        Assert.Contains("entities.csv:1: missing column(s): type, description", error);
    }

    [Fact]
    public void ImportReportsEveryBadRowNotOnlyTheFirst()
    {
        SetCell("observations.csv", row: 1, "kind", "estimate");
        SetCell("observations.csv", row: 5, "value", "lots");

        var (_, _, error) = Import();

        Assert.Contains("observations.csv:2: kind 'estimate'", error);
        Assert.Contains("observations.csv:6: value must be a number", error);
    }

    private (int Exit, string Output, string Error) Import(params string[] extra)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        string[] args = [DataCopy, "--database", DatabasePath, .. extra];
        var exit = ImportCommand.Run(args, new DatabaseOptions(), output, error);
        return (exit, output.ToString(), error.ToString());
    }

    private string Hash() => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(DatabasePath)));

    /// <summary>Rewrites one cell with CsvHelper so the rest of the file stays valid CSV.</summary>
    private void SetCell(string file, int row, string column, string value)
    {
        var path = Path.Combine(DataCopy, file);
        var table = CsvTable.Read(path);
        table.Rows[row - 1][Array.IndexOf(table.Header, column)] = value;
        table.Write(path);
    }

    private static void CopyDirectory(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            if (file.EndsWith(".db", StringComparison.Ordinal))
            {
                continue;
            }

            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}

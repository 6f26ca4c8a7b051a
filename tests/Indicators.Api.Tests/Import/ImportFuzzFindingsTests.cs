using Indicators.Api.Import.Derivation;
using Indicators.Api.Tests.Support;

namespace Indicators.Api.Tests.Import;

/// <summary>
/// Inputs that made the import throw (or die) instead of naming file:line, from fuzzing it
/// (tests/Indicators.Import.Fuzz). Each must now be an ordinary validation failure: exit 1, the file and
/// line, and the reason.
/// </summary>
public sealed class ImportFuzzFindingsTests : IDisposable
{
    private readonly DataFolder _data = new();
    private readonly TemporaryDirectory _database = new();

    public void Dispose()
    {
        _data.Dispose();
        _database.Dispose();
    }

    [Fact]
    public void ANulInASourceFileNameIsAValidationErrorNotACrash()
    {
        _data.Copy(Path.Combine(Fixtures.Directory("fuzz-crashes"), "sources.csv-nul-in-file"), "sources.csv");

        var (exit, _, error) = Import();

        Assert.Equal(1, exit);
        Assert.Matches(@"sources\.csv:2: file 'sources/enhancing-china-pakistan-cooped\0\0\0on\.txt' does not exist under the data folder", error);
    }

    [Fact]
    public void ASourceFileInASiblingFolderWhoseNameStartsLikeTheDataFolderIsNotRead()
    {
        // "../data-copy/x" from ".../data" is ".../data-copy/x": it starts with ".../data" but is outside it.
        var sibling = _data.Path + "-copy";
        Directory.CreateDirectory(Path.Combine(sibling, "sources"));
        var name = "modernisation-in-china-and-pakistan.txt";
        File.Copy(_data.File(Path.Combine("sources", name)), Path.Combine(sibling, "sources", name));
        var sources = File.ReadAllText(_data.File("sources.csv"));
        File.WriteAllText(_data.File("sources.csv"), sources.Replace($"sources/{name}", $"../data-copy/sources/{name}", StringComparison.Ordinal));

        var (exit, _, error) = Import();

        Assert.Equal(1, exit);
        Assert.Contains($"file '../data-copy/sources/{name}' does not exist under the data folder", error);
    }

    [Theory]
    [InlineData("nested", "formula nests parentheses or '-' more than 64 deep")]
    [InlineData("negated", "formula nests parentheses or '-' more than 64 deep")]
    [InlineData("chained", "formula has more than 64 operators")]
    public void AFormulaTooDeepForTheStackIsAValidationErrorNotACrash(string shape, string expected)
    {
        const string input = "[china-gdp-2023-cny]";
        var formula = shape switch
        {
            // Each overflowed the stack (a dead process, not an exception) at about ten thousand levels.
            "nested" => new string('(', 200_000) + input + new string(')', 200_000),
            "negated" => new string('-', 200_000) + input,
            _ => string.Join(" + ", Enumerable.Repeat(input, 100_000)),
        };
        _data.AppendRows("derived.csv",
            $"too-deep,implied-exchange-rate,china,,2023,2023,2023,false,7.196,cny-per-usd,approximately,{formula},A note.");
        var line = File.ReadAllLines(_data.File("derived.csv")).Length;

        var (exit, _, error) = Import();

        Assert.Equal(1, exit);
        Assert.Contains($"derived.csv:{line}: {expected}", error);
    }

    [Fact]
    public void AFormulaAtTheLimitsStillParses()
    {
        var deepest = new string('(', Formula.MaxDepth) + "[a]" + new string(')', Formula.MaxDepth);
        var longest = string.Join(" + ", Enumerable.Repeat("[a]", Formula.MaxOperators + 1));

        Assert.True(Formula.TryParse(deepest, out _, out var error), error);
        Assert.True(Formula.TryParse(longest, out var formula, out error), error);
        Assert.Equal(Formula.MaxOperators + 1, formula!.Evaluate(_ => 1.0, c => c));
    }

    private (int ExitCode, string Output, string Error) Import() =>
        _data.Import(Path.Combine(_database.Path, "indicators.db"), "--check");
}

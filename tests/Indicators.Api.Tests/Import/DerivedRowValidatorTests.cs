using Indicators.Api.Import;
using Indicators.Api.Import.Validators;

namespace Indicators.Api.Tests.Import;

/// <summary>The import computes a derived figure itself; these rows claim something else and must be refused.</summary>
public sealed class DerivedRowValidatorTests
{
    private const string Saved = "[before] - [after]";
    private const string Cut = "([before] - [after]) / [before] * 100";

    private static ImportCatalog Catalog()
    {
        var catalog = new ImportCatalog();
        catalog.Units.UnionWith(["hours", "percent", "pp", "rate"]);
        catalog.Indicators.Add("travel-time-saved");
        catalog.Entities.Add("motorway");
        catalog.Stated["before"] = Stated("before", "11", "exact", "doc-a");
        catalog.Stated["after"] = Stated("after", "4", "at-most", "doc-a");
        catalog.Stated["cny"] = Stated("cny", "126", "more-than", "doc-a");
        catalog.Stated["usd"] = Stated("usd", "17.51", "more-than", "doc-a");
        catalog.Stated["elsewhere"] = Stated("elsewhere", "3", "exact", "doc-b");
        catalog.Stated["around"] = Stated("around", "5", "approximately", "doc-a");
        return catalog;
    }

    private static ObservationRow Stated(string id, string value, string qualifier, string source) =>
        new() { Id = id, Value = value, Qualifier = qualifier, Source = source, Kind = "actual" };

    private static DerivedRow Row(string formula, string value, string qualifier, string unit = "hours") => new()
    {
        Id = "derived-figure", Indicator = "travel-time-saved", Entity = "motorway", PeriodLabel = "not stated",
        PeriodInferred = "false", Value = value, Unit = unit, Qualifier = qualifier, Formula = formula, Note = "Why.",
    };

    private static List<string> Errors(DerivedRow row) =>
        new DerivedRowValidator(Catalog()).Validate(row).Errors.Select(e => e.ErrorMessage).ToList();

    [Theory]
    [InlineData(Saved, "7", "at-least", "hours")]
    [InlineData(Cut, "63.6", "at-least", "percent")]
    [InlineData(Cut, "63", "at-least", "percent")]
    [InlineData("[cny] / [usd]", "7.196", "approximately", "rate")]
    [InlineData("[cny] / [usd]", "7.2", "approximately", "rate")]
    [InlineData("[before] * 2", "22", "exact", "hours")]
    [InlineData("[after] - [before]", "-7", "at-most", "hours")]
    public void AcceptsAFigureThatIsWhatTheFormulaGives(string formula, string value, string qualifier, string unit)
    {
        Assert.Empty(Errors(Row(formula, value, qualifier, unit)));
    }

    [Theory]
    [InlineData(Saved, "7", "exact", "qualifier must be 'at-least'")]
    [InlineData(Saved, "7", "more-than", "qualifier must be 'at-least'")]
    [InlineData("[cny] / [usd]", "7.196", "more-than", "qualifier must be 'approximately'")]
    [InlineData("[around] * 2", "10", "exact", "qualifier must be 'approximately'")]
    [InlineData(Saved, "8", "at-least", "value 8 is not the formula's result 7")]
    [InlineData(Cut, "63.7", "at-least", "rounded down to 1 decimal place")]
    [InlineData(Cut, "63.64", "at-least", "rounded down to 2 decimal place")]
    [InlineData("[cny] / [usd]", "7.19", "approximately", "rounded to 2 decimal place")]
    public void RefusesAValueOrQualifierTheInputsDoNotSupport(string formula, string value, string qualifier, string expected)
    {
        Assert.Contains(Errors(Row(formula, value, qualifier)), e => e.Contains(expected, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("[before] - [nowhere]", "not stated observation")]
    [InlineData("[before] - [elsewhere]", "cite 2 sources")]
    [InlineData("[before] -", "formula ends where")]
    [InlineData("([before] - [after]", "missing a ')'")]
    [InlineData("11 - 4", "names no input")]
    [InlineData("[before] % [after]", "formula has '%'")]
    public void RefusesAFormulaThatIsNotArithmeticOverStatedFiguresOfOneSource(string formula, string expected)
    {
        Assert.Contains(Errors(Row(formula, "7", "at-least")), e => e.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void RefusesADerivedFigureWithoutReasoning()
    {
        var row = Row(Saved, "7", "at-least");
        row.Note = null;

        Assert.Contains(Errors(row), e => e.StartsWith("note is required", StringComparison.Ordinal));
    }

    [Fact]
    public void RefusesAPeriodThatEndsBeforeItStarts()
    {
        var row = Row(Saved, "7", "at-least");
        row.StartYear = "2024";
        row.EndYear = "1984";

        Assert.Contains("end_year is before start_year", Errors(row));
    }

    [Fact]
    public void RefusesAnIdAlreadyUsedByAStatedFigure()
    {
        var row = Row(Saved, "7", "at-least");
        row.Id = "before";

        Assert.Contains(Errors(row), e => e.Contains("already a stated observation", StringComparison.Ordinal));
    }
}

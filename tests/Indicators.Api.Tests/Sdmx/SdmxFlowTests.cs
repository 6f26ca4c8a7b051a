using System.Net;
using System.Xml.Linq;
using Indicators.Api.Observations;
using Indicators.Api.Sdmx;
using Indicators.Api.Tests.Support;

namespace Indicators.Api.Tests.Sdmx;

/// <summary>How a figure's period becomes an SDMX time period, and what the flow does with figures no key tells apart.</summary>
public sealed class SdmxFlowTests : IDisposable
{
    private readonly DataFolder _data = new();
    private readonly ApiFactory _factory = new();

    public void Dispose()
    {
        _factory.Dispose();
        _data.Dispose();
    }

    private static ObservationResponse Figure(int? start, int? end, string? statedOn, string label = "the period") => new()
    {
        Id = "f", Indicator = new CodeName { Code = "i", Name = "I" }, Entity = new CodeName { Code = "e", Name = "E" }, Counterpart = null,
        Period = new PeriodResponse { Label = label, StartYear = start, EndYear = end, Inferred = false }, StatedOn = statedOn, Value = 1,
        Unit = new UnitResponse { Code = "count", Scale = 1, Label = "things" }, Qualifier = "exact", QualifierText = null,
        Bounds = Bounds.For("exact", 1), Kind = "actual", Note = null, Formula = null, Inputs = [],
        Citation = new CitationResponse { Source = "s", Quote = "q", Start = 0, End = 1, Url = "u", Page = "p" },
    };

    [Theory]
    [InlineData(2023, 2023, null, "2023")]
    [InlineData(1984, 1984, "2024-09-10", "1984")]
    [InlineData(2004, 2024, null, "2004-01-01/P21Y")]
    [InlineData(2024, 2029, "2024-09-10", "2024-01-01/P6Y")]
    [InlineData(2012, null, "2024-09-10", "2012-01-01/P12Y8M10D")]
    [InlineData(2012, null, "2012-12-31", "2012-01-01/P1Y")]
    [InlineData(2020, null, "2020-01-01", "2020-01-01/P1D")]
    public void APeriodIsAYearOrAStartAndADuration(int? start, int? end, string? statedOn, string expected)
    {
        var (period, reason) = SdmxTimePeriod.Of(Figure(start, end, statedOn));

        Assert.Null(reason);
        Assert.Equal(expected, period!.Text);
        Assert.Equal(end is null, period.EndsAtSourceDate);
    }

    [Theory]
    [InlineData(null, null, "2024-09-10", "no years")]
    [InlineData(null, 2020, "2024-09-10", "no start")]
    [InlineData(2012, null, null, "gives no date")]
    [InlineData(2030, null, "2024-09-10", "before it starts")]
    [InlineData(2024, 2020, null, "cannot write")]
    public void APeriodThatWouldHaveToBeInventedIsNoPeriod(int? start, int? end, string? statedOn, string reason)
    {
        var (period, why) = SdmxTimePeriod.Of(Figure(start, end, statedOn, "since then"));

        Assert.Null(period);
        Assert.Contains(reason.Replace("no start", "but no start"), why);
        Assert.Contains("\"since then\"", why);
    }

    [Fact]
    public async Task AMessageLargerThanTheLimitIsNotAssembled()
    {
        var figures = Enumerable.Range(2000, 3).Select(year => SdmxFigures.From(Figure(year, year, null)).Figure!).ToAsyncEnumerable();
        var all = new SdmxDataQuery(new IReadOnlySet<string>?[5], null, null, null, null, "TIME_PERIOD", "full");

        Assert.Null(await SdmxDataSet.BuildAsync(figures, all, CancellationToken.None, maxObservations: 2));
        Assert.Equal(3, (await SdmxDataSet.BuildAsync(figures, all, CancellationToken.None, maxObservations: 3))!.ObservationCount);
    }

    [Fact]
    public void TheLastYearThereIsDoesNotOverflow()
    {
        var (period, _) = SdmxTimePeriod.Of(Figure(9999, 9999, null));

        Assert.Equal("9999", period!.Text);
        Assert.Equal(DateOnly.MaxValue, period.End);
    }

    [Fact]
    public async Task TwoFiguresNoKeyTellsApartAreBothLeftOutAndNamed()
    {
        // A second figure with the key and year of china-gdp-growth-2023, quoted from another span of the same sentence.
        _data.AppendRows("observations.csv",
            "fixture-duplicate-gdp-growth-2023,enhancing-china-pakistan-cooperation,gdp-growth,china,,2023,2023,2023,false,5.2,percent,exact,,actual,growth rate of 5.2%,");
        var (exit, _, error) = _data.Import(_factory.DatabasePath);
        Assert.True(exit == 0, error);
        var client = _factory.CreateClient();

        var dataflow = XDocument.Parse(await client.GetStringAsync("/sdmx/2.1/dataflow/INDICATORS/FIGURES/1.0"));
        var excluded = dataflow.Descendants(SdmxMessages.Common + "Annotation")
            .Where(a => a.Element(SdmxMessages.Common + "AnnotationType")!.Value == "EXCLUDED_FIGURE")
            .ToDictionary(a => a.Element(SdmxMessages.Common + "AnnotationTitle")!.Value, a => a.Element(SdmxMessages.Common + "AnnotationText")!.Value);
        using var data = await client.GetAsync("/sdmx/2.1/data/FIGURES/gdp-growth.china...?format=csvdata");
        var observations = SdmxMessages.ReadCsv(await data.Content.ReadAsStringAsync()).Observations;

        Assert.Contains("fixture-duplicate-gdp-growth-2023", excluded["china-gdp-growth-2023"]);
        Assert.Contains("china-gdp-growth-2023", excluded["fixture-duplicate-gdp-growth-2023"]);
        Assert.Equal(HttpStatusCode.OK, data.StatusCode);
        Assert.Equal(["china-gdp-growth-target-2024"], observations.Select(o => o["FIGURE_ID"]));
        Assert.Equal(SdmxDataTests.LeftOut.Length + 2, excluded.Count);
    }
}

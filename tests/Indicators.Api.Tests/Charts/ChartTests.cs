using System.Buffers.Binary;
using System.Net;
using System.Xml.Linq;
using Indicators.Api.Tests.Support;

namespace Indicators.Api.Tests.Charts;

public sealed class ChartTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    private readonly HttpClient _client = factory.CreateClient();

    private async Task<XElement> SvgAsync(string url)
    {
        var response = await _client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/svg+xml", response.Content.Headers.ContentType?.MediaType);
        return XDocument.Parse(await response.Content.ReadAsStringAsync()).Root!;
    }

    private static IEnumerable<string> Texts(XElement svg) =>
        svg.Descendants(Svg + "text").Select(t => t.Value.Trim());

    [Fact]
    public async Task SvgChartOpensWithATitleAndADescriptionOfEveryFigureAndTheSource()
    {
        var svg = await SvgAsync("/v1/indicators/share-of-world-gdp/chart.svg");
        var children = svg.Elements().ToList();

        Assert.Equal("img", (string?)svg.Attribute("role"));
        Assert.Equal(Svg + "title", children[0].Name);
        Assert.Equal("Share of world GDP: Global South", children[0].Value);
        Assert.Equal(Svg + "desc", children[1].Name);
        Assert.Equal(
            "40 years ago (1984): 24% (actual); now (2024): more than 40% (actual). Source: Modernisation in China and Pakistan. Data: http://localhost/v1/indicators/share-of-world-gdp/observations",
            children[1].Value);
    }

    [Fact]
    public async Task SvgChartShowsTitleUnitPeriodsAndSourceLine()
    {
        var texts = Texts(await SvgAsync("/v1/indicators/share-of-world-gdp/chart.svg")).ToList();

        Assert.Contains("Share of world GDP: Global South", texts);
        Assert.Contains("percent", texts);
        Assert.Contains("40 years ago (1984)", texts);
        Assert.Contains("now (2024)", texts);
        Assert.Contains(texts, t => t.StartsWith("Source: Modernisation in China and Pakistan", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ALowerBoundIsLabelledMoreThanAndDrawnWithAnOpenTop()
    {
        var svg = await SvgAsync("/v1/indicators/share-of-world-gdp/chart.svg");

        Assert.Contains("more than 40%", Texts(svg));
        Assert.Contains("24%", Texts(svg));
        // The open top is a second, faint rectangle stacked on the bar.
        Assert.Contains(svg.Descendants(Svg + "rect"), r => r.Attribute("fill-opacity") is not null);
    }

    [Fact]
    public async Task ATargetIsDrawnDashedBesideTheActualAndNoUnstatedTargetIsDrawn()
    {
        var response = await _client.GetAsync("/v1/indicators/gdp-growth/chart.svg?entity=china");
        var body = await response.Content.ReadAsStringAsync();
        var texts = Texts(XDocument.Parse(body).Root!).ToList();

        Assert.Contains("5.2%", texts);
        Assert.Contains("around 5% (target)", texts);
        Assert.Contains("stroke-dasharray", body);
        // The 2023 target is not stated, so there are exactly two figures: the 2023 actual and the 2024 target.
        Assert.Equal(2, texts.Count(t => t.EndsWith('%')  || t.EndsWith("(target)", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task TheMotorwayChartShowsTravelTimeBeforeAndAfterInReadingOrder()
    {
        var svg = await SvgAsync("/v1/indicators/travel-time/chart.svg");

        Assert.Equal("Travel time: Peshawar–Karachi Motorway, Multan–Sukkur section", svg.Element(Svg + "title")!.Value);
        Assert.StartsWith("before the section opened: 11 hours (actual); after the section opened: at most 4 hours (actual).",
            svg.Element(Svg + "desc")!.Value);
        Assert.Contains("at most 4", Texts(svg));
        Assert.Contains("hours", Texts(svg));
    }

    [Fact]
    public async Task FiguresInAnotherUnitAreNamedUnderTheChartNotDrawnOnItsAxis()
    {
        var svg = await SvgAsync("/v1/indicators/gdp/chart.svg");

        Assert.Contains("more than 126", Texts(svg));
        Assert.DoesNotContain("more than 17.51", Texts(svg));
        Assert.Contains("Not drawn (another unit): more than 17.51 trillion US dollars (2023)", svg.Element(Svg + "desc")!.Value);
    }

    [Fact]
    public async Task ChartsTakeTheSameFiltersAsObservations()
    {
        var svg = await SvgAsync("/v1/indicators/share-of-world-gdp/chart.svg?from=2000");

        Assert.DoesNotContain("24%", Texts(svg));
        Assert.Contains("more than 40%", Texts(svg));
    }

    [Fact]
    public async Task PngChartIsAPngOfTheAskedSize()
    {
        var response = await _client.GetAsync("/v1/indicators/travel-time/chart.png?width=640&height=360");
        var bytes = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/png", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], bytes[..4]);
        Assert.Equal(640, BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(16, 4)));
        Assert.Equal(360, BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(20, 4)));
    }

    [Fact]
    public async Task AChartWithNoMatchingFiguresIsAnEmptyChartNotAnError()
    {
        var svg = await SvgAsync("/v1/indicators/travel-time/chart.svg?kind=target");

        Assert.Equal("No figures match. Source: . Data: http://localhost/v1/indicators/travel-time/observations", svg.Element(Svg + "desc")!.Value);
    }

    [Theory]
    [InlineData("/v1/indicators/nope/chart.svg")]
    [InlineData("/v1/indicators/nope/chart.png")]
    public async Task ChartOfAnUnknownIndicatorIsANotFoundProblem(string url)
    {
        await (await _client.GetAsync(url)).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("/v1/indicators/gdp/chart.svg?width=10", "width")]
    [InlineData("/v1/indicators/gdp/chart.png?height=99999", "height")]
    [InlineData("/v1/indicators/gdp/chart.png?width=abc", "width")]
    [InlineData("/v1/indicators/gdp/chart.svg?kind=guess", "kind")]
    public async Task ABadChartParameterIsAProblemNamingIt(string url, string parameter)
    {
        await (await _client.GetAsync(url)).AssertBadParametersAsync(parameter);
    }
}

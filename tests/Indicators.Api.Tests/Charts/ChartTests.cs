using System.Buffers.Binary;
using System.Net;
using System.Xml.Linq;
using Indicators.Api.Observations;
using Indicators.Api.Tests.Support;
using SkiaSharp;
using static Indicators.Api.Tests.Charts.ChartCases;

namespace Indicators.Api.Tests.Charts;

/// <summary>What a chart's SVG says and draws, read by parsing it. How it renders is measured in Browser/ChartInBrowserTests.</summary>
public sealed class ChartTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task SvgChartIsAnImageNamedByItsTitleAndDescribedByTypeCountAndRange()
    {
        var svg = await SvgAsync(_client, "/v1/indicators/share-of-world-gdp/chart.svg");
        var title = svg.Element(SvgNs + "title")!;
        var desc = svg.Element(SvgNs + "desc")!;

        Assert.Equal("img", (string?)svg.Attribute("role"));
        Assert.Equal($"{(string?)title.Attribute("id")} {(string?)desc.Attribute("id")}", (string?)svg.Attribute("aria-labelledby"));
        Assert.Equal("Share of world GDP: Global South", title.Value);
        Assert.Equal(
            "Bar chart of 2 figures, from 24% to more than 40%. 40 years ago (1984): 24%; now (2024): more than 40%. "
            + "Source: Modernisation in China and Pakistan, Jiang Zaidong, 2024-09-10. Data: http://localhost/v1/indicators/share-of-world-gdp/observations",
            desc.Value);
    }

    [Theory]
    [MemberData(nameof(ChartCases.All), MemberType = typeof(ChartCases))]
    public async Task EveryChartIsSetInSansSerifWithNoFrameNoLegendAndHorizontalGridlinesOnly(string query)
    {
        foreach (var width in new[] { 360, 1280 })
        {
            var svg = await SvgAsync(_client, Url(query, width));

            Assert.Equal("DejaVu Sans, sans-serif", (string?)svg.Attribute("font-family"));
            Assert.DoesNotContain(svg.Descendants(), e => e.Attribute("font-family") is not null && e != svg);
            Assert.DoesNotContain(svg.Descendants(), e => e.Attribute("style") is not null);
            Assert.DoesNotContain(svg.Descendants(), e => ((string?)e.Attribute("class"))?.Contains("legend", StringComparison.Ordinal) == true);
            // A rectangle is only ever a mark's body (or a mask's or hatch's own) or the whole canvas' background,
            // unstroked: no frame round the plot, no legend box.
            var background = Assert.Single(svg.Elements(SvgNs + "rect"));
            Assert.True(HasClass(background, "chart-background"));
            Assert.Equal((0, 0, Number(svg, "width"), Number(svg, "height")),
                (Number(background, "x"), Number(background, "y"), Number(background, "width"), Number(background, "height")));
            Assert.All(svg.Descendants(SvgNs + "rect").Where(r => r != background && !r.Ancestors().Any(a => a.Name == SvgNs + "mask" || a.Name == SvgNs + "pattern")),
                r => Assert.True(HasClass(r, "mark-body") && r.Attribute("stroke") is null, $"{query}: {r}"));
            Assert.DoesNotContain(svg.Descendants(SvgNs + "rect"), r => r.Attribute("stroke") is not null);
            // Outside the marks the only strokes are gridlines and the baseline, all horizontal.
            Assert.All(svg.Descendants(SvgNs + "line").Where(l => !l.Ancestors().Any(a => HasClass(a, "mark"))),
                l => Assert.True(Number(l, "y1") == Number(l, "y2") && (HasClass(l, "chart-gridline") || HasClass(l, "chart-baseline")), $"{query}: {l}"));
            Assert.DoesNotContain(svg.Descendants(SvgNs + "path"), p => !p.Ancestors().Any(a => HasClass(a, "mark")));
        }
    }

    [Theory]
    [MemberData(nameof(ChartCases.All), MemberType = typeof(ChartCases))]
    public async Task EveryFigureIsAMarkLabelledInItsOwnWordsOrNamedAsNotDrawn(string query)
    {
        var figures = await FiguresAsync(_client, query);
        var svg = await SvgAsync(_client, Url(query, 360));
        var notDrawn = string.Join(" ", Texts(svg, "chart-note").Select(Words));

        foreach (var figure in figures)
        {
            var words = FigureWording.StatementWithKind(figure);
            var mark = Marks(svg).SingleOrDefault(m => (string?)m.Attribute("data-observation") == figure.Id);
            if (mark is null)
            {
                Assert.Contains($"{words} ({figure.Period.Label})", notDrawn);
                continue;
            }

            Assert.Equal(figure.Qualifier, (string?)mark.Attribute("data-qualifier"));
            Assert.Equal(figure.Kind, (string?)mark.Attribute("data-kind"));
            var label = Assert.Single(Texts(svg, "chart-label"), t => (string?)t.Attribute("data-observation") == figure.Id);
            Assert.Equal(words, Words(label));
            Assert.Equal(figure.Qualifier, (string?)label.Attribute("data-qualifier"));
        }

        Assert.Equal(Marks(svg).Count(), Texts(svg, "chart-label").Count());
    }

    [Theory]
    [InlineData("share-of-world-growth", "global-south-share-of-world-growth-past-20-years", "as high as 80%")]
    [InlineData("travel-time", "multan-sukkur-motorway-travel-time-after", "within 4 hours")]
    [InlineData("share-of-world-gdp", "global-south-share-of-world-gdp-now", "more than 40%")]
    [InlineData("gdp", "china-gdp-2023-cny", "exceeded 126 trillion yuan")]
    [InlineData("gdp-growth", "china-gdp-growth-target-2024", "around 5% (target)")]
    public async Task ALabelIsTheSourcesOwnWordsNotAPlainQualifier(string code, string id, string words)
    {
        var svg = await SvgAsync(_client, $"/v1/indicators/{code}/chart.svg");
        var figures = await FiguresAsync(_client, code);
        Assert.Contains(figures, f => f.Id == id);

        var label = Assert.Single(Texts(svg, "chart-label"), t => (string?)t.Attribute("data-observation") == id);
        Assert.Equal(words, Words(label));
        Assert.DoesNotContain(Texts(svg, "chart-label"), t => Words(t).Contains("at most 80%", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(ChartCases.All), MemberType = typeof(ChartCases))]
    public async Task ALowerBoundHasNoEdgeAboveItsValueAndFadesOutUpwardToAnArrow(string query)
    {
        foreach (var width in new[] { 360, 1280 })
        {
            var svg = await SvgAsync(_client, Url(query, width));
            foreach (var mark in Marks(svg).Where(m => (string?)m.Attribute("data-qualifier") is "more-than" or "at-least"))
            {
                var value = ValueAxis(svg)(Number(mark, "data-value"));
                Assert.True(HasClass(mark, "mark-lower-bound"), $"{query}: {mark.Attribute("data-observation")}");
                // No line, and no outline or band edge, above the value; the arrow is a chevron, open at its base.
                Assert.DoesNotContain(SvgGeometry.Strokes(mark), s => s.IsHorizontal && s.Top < value - 0.5);
                var arrow = Assert.Single(mark.Descendants(SvgNs + "path"), p => HasClass(p, "mark-arrow-up"));
                Assert.True(SvgGeometry.Segments((string)arrow.Attribute("d")!).All(s => !s.IsHorizontal && s.Bottom < value));
                // The fill reaches above the value only as a fade that is gone at its top.
                foreach (var body in mark.Descendants(SvgNs + "rect").Where(r => Number(r, "y") < value - 0.5))
                {
                    Assert.Equal(1, SvgGeometry.MaskOpacityAt(body, value + 1), 2);
                    Assert.Equal(0, SvgGeometry.MaskOpacityAt(body, Number(body, "y")), 2);
                }

                Assert.Contains(mark.Descendants(SvgNs + "rect"), r => Number(r, "y") < value - 0.5);
            }
        }
    }

    [Theory]
    [MemberData(nameof(ChartCases.All), MemberType = typeof(ChartCases))]
    public async Task AnUpperBoundIsCappedAtItsValueAndHasNoBottom(string query)
    {
        var svg = await SvgAsync(_client, Url(query, 360));
        foreach (var mark in Marks(svg).Where(m => (string?)m.Attribute("data-qualifier") is "at-most" or "less-than" or "nearly"))
        {
            var value = ValueAxis(svg)(Number(mark, "data-value"));
            Assert.True(HasClass(mark, "mark-upper-bound"));
            var cap = Assert.Single(mark.Elements(SvgNs + "line"), l => HasClass(l, "mark-cap"));
            Assert.Equal(value, Number(cap, "y1"), 0.6);
            // Nothing closes the mark below its value: no horizontal stroke, and the fill fades to nothing at the baseline.
            Assert.DoesNotContain(SvgGeometry.Strokes(mark), s => s.IsHorizontal && s.Bottom > value + 2);
            var body = Assert.Single(mark.Descendants(SvgNs + "rect"));
            Assert.Equal(0, SvgGeometry.MaskOpacityAt(body, Number(body, "y") + Number(body, "height")), 2);
            Assert.True(SvgGeometry.MaskOpacityAt(body, value + 1) > 0.9);
        }
    }

    [Fact]
    public async Task WithinFourHoursIsDrawnAsAnUpperBoundNotAsAPlainActual()
    {
        var svg = await SvgAsync(_client, "/v1/indicators/travel-time/chart.svg");
        var marks = Marks(svg).ToDictionary(m => (string)m.Attribute("data-observation")!);

        Assert.True(HasClass(marks["multan-sukkur-motorway-travel-time-after"], "mark-upper-bound"));
        Assert.True(HasClass(marks["multan-sukkur-motorway-travel-time-before"], "mark-exact"));
        Assert.Equal(["before the section opened", "after the section opened"], Texts(svg, "chart-category").Select(Words));
    }

    [Fact]
    public async Task MoreThanFortyPercentIsNotASolidBarUnderABandWithAHardTop()
    {
        var svg = await SvgAsync(_client, "/v1/indicators/share-of-world-gdp/chart.svg");
        var mark = Marks(svg).Single(m => (string?)m.Attribute("data-observation") == "global-south-share-of-world-gdp-now");

        Assert.DoesNotContain(mark.Descendants(), e => e.Attribute("fill-opacity") is not null || e.Attribute("opacity") is not null);
        Assert.Single(mark.Descendants(SvgNs + "rect"));
        Assert.NotNull(mark.Element(SvgNs + "g")?.Attribute("mask"));
    }

    [Fact]
    public async Task AnApproximateTargetHasASoftTopAndIsHatchedDashedAndSaysTarget()
    {
        var svg = await SvgAsync(_client, "/v1/indicators/gdp-growth/chart.svg?entity=china");
        var target = Marks(svg).Single(m => (string?)m.Attribute("data-kind") == "target");
        var actual = Marks(svg).Single(m => (string?)m.Attribute("data-kind") == "actual");

        Assert.True(HasClass(target, "mark-approximate"));
        Assert.StartsWith("url(#", (string?)target.Descendants(SvgNs + "rect").Single().Attribute("fill"));
        Assert.NotNull(target.Descendants(SvgNs + "path").Single(p => HasClass(p, "mark-outline")).Attribute("stroke-dasharray"));
        Assert.DoesNotContain(SvgGeometry.Strokes(target), s => s.IsHorizontal);
        Assert.Equal("around 5% (target)", Words(Texts(svg, "chart-label").Single(t => (string?)t.Attribute("data-observation") == (string?)target.Attribute("data-observation"))));
        Assert.True(HasClass(actual, "mark-exact"));
        Assert.DoesNotContain(actual.Descendants(), e => e.Attribute("stroke-dasharray") is not null);
        Assert.Contains("hatched with a dashed outline", string.Join(" ", Texts(svg, "chart-note").Select(Words)));
    }

    [Fact]
    public async Task FiguresInAnotherUnitAreNamedUnderTheChartNotDrawnOnItsAxis()
    {
        var svg = await SvgAsync(_client, "/v1/indicators/gdp/chart.svg");

        Assert.Equal(["china-gdp-2023-cny"], Marks(svg).Select(m => (string)m.Attribute("data-observation")!));
        Assert.Contains("Not drawn (another unit): exceeded 17.51 trillion US dollars (2023).", Texts(svg, "chart-note").Select(Words));
        Assert.Contains("Not drawn (another unit): exceeded 17.51 trillion US dollars (2023).", svg.Element(SvgNs + "desc")!.Value);
    }

    [Fact]
    public async Task ChartsTakeTheSameFiltersAsObservationsAndTheirDataLinksKeepThem()
    {
        var svg = await SvgAsync(_client, "/v1/indicators/share-of-world-growth/chart.svg?entity=china&width=360");

        Assert.Equal(["china"], Marks(svg).Select(m => ((string)m.Attribute("data-observation")!).Split('-')[0]).Distinct());
        // A URL breaks after a slash with nothing added, so its lines are joined as they are.
        Assert.Equal("Get the data: localhost/v1/indicators/share-of-world-growth/observations.csv?entity=china",
            string.Concat(Texts(svg, "chart-data").Single().Elements(SvgNs + "tspan").Select(t => t.Value)));
        Assert.EndsWith("Data: http://localhost/v1/indicators/share-of-world-growth/observations?entity=china", svg.Element(SvgNs + "desc")!.Value);
        Assert.DoesNotContain("width", svg.Element(SvgNs + "desc")!.Value);
    }

    [Theory]
    [InlineData("/v1/indicators/travel-time/chart.svg?kind=target", "kind target")]
    [InlineData("/v1/indicators/share-of-world-gdp/chart.svg?entity=china&from=2000", "entity china, from 2000")]
    [InlineData("/v1/indicators/travel-time-cut/chart.svg", "stated figures only (includeDerived=true adds derived ones)")]
    public async Task AChartWhoseFiltersMatchNothingSaysSoAndNamesThem(string url, string filters)
    {
        var svg = await SvgAsync(_client, url);

        Assert.Empty(Marks(svg));
        Assert.Equal("No figures match these filters", Words(Texts(svg, "chart-empty-message").Single()));
        Assert.Equal(filters, Words(Texts(svg, "chart-empty-filters").Single()));
        Assert.StartsWith($"No figures match these filters: {filters}.", svg.Element(SvgNs + "desc")!.Value);
    }

    [Fact]
    public async Task AnEmptyPngIsStillAnImageOfTheAnswer()
    {
        var response = await _client.GetAsync("/v1/indicators/travel-time/chart.png?kind=target&width=360");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/png", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task WhatAReaderTypesIsWrittenAsTextNeverAsMarkup()
    {
        // A chart draws the indicator's figures in reading order: q (a ranked search) is not one of its parameters, so
        // what a reader types there is refused by name, never drawn, and not echoed.
        var q = Uri.EscapeDataString("\"<script>alert(1)</script>\" \u0001");
        var response = await _client.GetAsync($"/v1/indicators/gdp/chart.svg?q={q}");
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.True(System.Text.Json.JsonDocument.Parse(body).RootElement.GetProperty("errors").TryGetProperty("q", out _));
        Assert.DoesNotContain("<script>", body);
    }

    [Fact]
    public async Task AChartIsDrawnForTheWidthAskedWithNoTextUnderTwelvePixels()
    {
        foreach (var width in new[] { 300, 360, 640, 1280 })
        {
            var svg = await SvgAsync(_client, $"/v1/indicators/share-of-world-growth/chart.svg?width={width}");

            Assert.Equal(width, Number(svg, "width"));
            Assert.Equal($"0 0 {width} {(string)svg.Attribute("height")!}", (string?)svg.Attribute("viewBox"));
            Assert.All(svg.Descendants(SvgNs + "text"), t => Assert.True(Number(t, "font-size") >= 12, t.ToString()));
        }
    }

    [Fact]
    public async Task ANarrowChartDrawsTheFiguresItHasRoomForAndSaysHowManyItLeftOut()
    {
        var svg = await SvgAsync(_client, "/v1/indicators/share-of-world-growth/chart.svg?width=200");

        Assert.Single(Marks(svg));
        Assert.Contains("Only the first 1 of 3 figures fit; the data has them all.", Texts(svg, "chart-note").Select(Words));
        Assert.Contains("Only the first 1 of 3 figures fit; the data has them all.", svg.Element(SvgNs + "desc")!.Value);
    }

    [Fact]
    public async Task ADarkChartIsDrawnInTheDarkThemesColours()
    {
        var svg = await SvgAsync(_client, "/v1/indicators/share-of-world-gdp/chart.svg?theme=dark");

        Assert.Equal("dark", (string?)svg.Attribute("data-theme"));
        Assert.Equal("#f0f0f0", (string?)Texts(svg, "chart-title").Single().Attribute("fill"));
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

    [Theory]
    [InlineData("share-of-world-gdp")]
    [InlineData("travel-time")]
    [InlineData("gdp-growth?entity=china")]
    public async Task ThePngIsTheSvgRasterisedTextMarksAndFadesWhereTheSvgHasThem(string query)
    {
        var svg = await SvgAsync(_client, Url(query, 640));
        using var png = SKBitmap.Decode(await _client.GetByteArrayAsync(Url(query, 640, "png")));

        Assert.Equal((Number(svg, "width"), Number(svg, "height")), (png.Width, png.Height));
        // Ink where the SVG sets its title (any font draws something in that box) and none in the margin beside it.
        var title = Texts(svg, "chart-title").Single().Elements(SvgNs + "tspan").First();
        var (x, y, size) = (Number(title, "x"), Number(title, "y"), Number(Texts(svg, "chart-title").Single(), "font-size"));
        Assert.True(Ink(png, x, y - size, x + (4 * size), y) > 0.1, "no title text in the PNG where the SVG has it");
        Assert.True(Ink(png, 0, y - size, x - 2, y) < 0.01, "ink in the PNG's margin");
        foreach (var mark in Marks(svg))
        {
            var body = mark.Descendants(SvgNs + "rect").Single();
            var (left, top, width, height) = (Number(body, "x"), Number(body, "y"), Number(body, "width"), Number(body, "height"));
            var middle = png.GetPixel((int)(left + (width / 2)), (int)(top + (height * 0.6)));
            if (HasClass(mark, "mark-actual") && HasClass(mark, "mark-exact"))
            {
                Assert.Equal(SKColor.Parse("#2b6cb0"), middle);
            }

            if (HasClass(mark, "mark-lower-bound"))
            {
                // Where the SVG fades the bar out, the PNG is (nearly) background.
                var faded = png.GetPixel((int)(left + 2), (int)top + 1);
                Assert.True(faded.Red > 240 && faded.Green > 240, $"the fade's top is {faded} in the PNG");
            }
        }
    }

    /// <summary>The share of pixels in a box that are darker than mid-grey.</summary>
    private static double Ink(SKBitmap png, double left, double top, double right, double bottom)
    {
        var (dark, all) = (0, 0);
        for (var px = (int)Math.Max(0, left); px < (int)Math.Min(png.Width, right); px++)
        {
            for (var py = (int)Math.Max(0, top); py < (int)Math.Min(png.Height, bottom); py++)
            {
                all++;
                dark += png.GetPixel(px, py) is var c && c.Red + c.Green + c.Blue < 3 * 128 ? 1 : 0;
            }
        }

        return all == 0 ? 0 : (double)dark / all;
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
    [InlineData("/v1/indicators/gdp/chart.svg?theme=blue", "theme")]
    public async Task ABadChartParameterIsAProblemNamingIt(string url, string parameter)
    {
        await (await _client.GetAsync(url)).AssertBadParametersAsync(parameter);
    }
}

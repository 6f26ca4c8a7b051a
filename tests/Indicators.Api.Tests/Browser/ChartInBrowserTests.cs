using System.Text.Json;
using Indicators.Api.Tests.Charts;
using Microsoft.Playwright;

namespace Indicators.Api.Tests.Browser;

/// <summary>
/// Every chart as Chromium sets it, at a phone's 360 px and a desktop's 1280 px: each text at 12 px or more
/// (its computed size times the drawing's scale), no two texts closer than 2 px, no label on a mark, nothing
/// cut off at the edges. Only relations are asserted (sizes against 12 px, boxes against each other), never
/// positions, so whatever sans-serif face the machine has, the checks hold or fail for a real reason.
/// </summary>
public sealed class ChartInBrowserTests(KestrelApiFactory api, ChromiumSession chromium)
    : IClassFixture<KestrelApiFactory>, IClassFixture<ChromiumSession>
{
    /// <summary>Measures every text and mark of the one SVG on the page, in CSS pixels of the viewport.</summary>
    private const string Measure = """
        () => {
          const svg = document.querySelector('svg');
          const box = e => { const r = e.getBoundingClientRect(); return { left: r.left, top: r.top, right: r.right, bottom: r.bottom }; };
          const scale = svg.getScreenCTM().a;
          return {
            svg: box(svg),
            texts: [...svg.querySelectorAll('text')].map(t => ({
              role: t.getAttribute('class'),
              words: [...t.querySelectorAll('tspan')].map(s => s.textContent).join(' '),
              px: parseFloat(getComputedStyle(t).fontSize) * scale,
              family: getComputedStyle(t).fontFamily,
              box: box(t) })),
            marks: [...svg.querySelectorAll('.mark-body')].map(r => ({ id: r.closest('.mark').dataset.observation, box: box(r) })),
            scrollWidth: document.documentElement.scrollWidth,
          };
        }
        """;

    [ChromiumTheory]
    [MemberData(nameof(ChartCases.All), MemberType = typeof(ChartCases))]
    public async Task AtPhoneAndDesktopWidthsEveryTextIsTwelvePixelsOrMoreAndNoTwoTouch(string query)
    {
        using var http = new HttpClient();
        foreach (var width in new[] { 360, 1280 })
        {
            var svg = await http.GetStringAsync(api.Address + ChartCases.Url(query, width));
            var page = await chromium.NewPageAsync(width, 800);
            // As a page shows it: inline, as wide as the viewport (a 360 px drawing in a 360 px viewport).
            await page.SetContentAsync($"<!doctype html><html><body style=\"margin:0\"><div style=\"width:100%\">{svg}</div></body></html>");
            await page.Locator("svg").First.EvaluateAsync("s => s.style.width = '100%'");
            var measured = JsonDocument.Parse((await page.EvaluateAsync<JsonElement>(Measure)).GetRawText()).RootElement;
            await page.CloseAsync();

            var at = $"{query} at {width} px";
            var texts = measured.GetProperty("texts").EnumerateArray().ToList();
            var marks = measured.GetProperty("marks").EnumerateArray().ToList();
            var frame = Box.Of(measured.GetProperty("svg"));
            Assert.NotEmpty(texts);
            Assert.True(measured.GetProperty("scrollWidth").GetDouble() <= width, $"{at}: the page scrolls sideways");
            foreach (var text in texts)
            {
                var words = text.GetProperty("words").GetString();
                var box = Box.Of(text.GetProperty("box"));
                Assert.True(text.GetProperty("px").GetDouble() >= 12, $"{at}: '{words}' is set at {text.GetProperty("px").GetDouble():0.0} px");
                Assert.StartsWith("\"DejaVu Sans\"", text.GetProperty("family").GetString());
                Assert.True(box.Left >= frame.Left && box.Right <= frame.Right && box.Top >= frame.Top && box.Bottom <= frame.Bottom,
                    $"{at}: '{words}' ({box}) is cut off by the chart's edge ({frame})");
                if (text.GetProperty("role").GetString() == "chart-label")
                {
                    Assert.DoesNotContain(marks, m => Box.Of(m.GetProperty("box")).Overlaps(box, 0));
                }
            }

            for (var i = 0; i < texts.Count; i++)
            {
                for (var j = i + 1; j < texts.Count; j++)
                {
                    var (a, b) = (Box.Of(texts[i].GetProperty("box")), Box.Of(texts[j].GetProperty("box")));
                    Assert.False(a.Overlaps(b, 2),
                        $"{at}: '{texts[i].GetProperty("words").GetString()}' and '{texts[j].GetProperty("words").GetString()}' are less than 2 px apart");
                }
            }
        }
    }

    [ChromiumTheory]
    [InlineData("share-of-world-growth?entity=china")]
    [InlineData("travel-time")]
    [InlineData("gdp-growth")]
    public async Task AnOEmbedSnippetInAPhoneColumnFitsAndItsChartTextStaysTwelvePixelsOrMore(string query)
    {
        using var http = new HttpClient();
        var embed = api.Address + "/embed/indicators/" + query;
        var oembed = JsonDocument.Parse(await http.GetStringAsync($"{api.Address}/oembed?url={Uri.EscapeDataString(embed)}")).RootElement;
        await using var newsroom = await NewsroomSite.StartWithAsync(oembed.GetProperty("html").GetString()!);
        var page = await chromium.NewPageAsync(360, 800);
        await page.GotoAsync(newsroom.ArticleUrl, new PageGotoOptions { WaitUntil = WaitUntilState.Load });
        var iframe = page.Locator("iframe");
        await iframe.ScrollIntoViewIfNeededAsync();
        var chart = page.FrameLocator("iframe").Locator("svg:visible");
        await chart.WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Visible, Timeout = 30_000 });

        var column = await page.EvaluateAsync<double>("document.body.clientWidth");
        var frameBox = (await iframe.BoundingBoxAsync())!;
        Assert.True(frameBox.Width <= column, $"the frame is {frameBox.Width} px wide in a {column} px column");
        Assert.True(await page.EvaluateAsync<double>("document.documentElement.scrollWidth") <= 360, "the article scrolls sideways");
        var chartBox = (await chart.BoundingBoxAsync())!;
        Assert.True(chartBox.Width <= frameBox.Width + 0.5, $"the chart is {chartBox.Width} px wide in a {frameBox.Width} px frame");
        var sizes = await chart.EvaluateAsync<double[]>(
            "svg => [...svg.querySelectorAll('text')].map(t => parseFloat(getComputedStyle(t).fontSize) * svg.getScreenCTM().a)");
        Assert.NotEmpty(sizes);
        Assert.All(sizes, px => Assert.True(px >= 12, $"{query}: chart text set at {px:0.0} px in the frame"));
        await page.CloseAsync();
    }

    private sealed record Box(double Left, double Top, double Right, double Bottom)
    {
        public static Box Of(JsonElement e) =>
            new(e.GetProperty("left").GetDouble(), e.GetProperty("top").GetDouble(), e.GetProperty("right").GetDouble(), e.GetProperty("bottom").GetDouble());

        /// <summary>Closer than <paramref name="gap"/> pixels both across and up-down.</summary>
        public bool Overlaps(Box other, double gap) =>
            Left < other.Right + gap && other.Left < Right + gap && Top < other.Bottom + gap && other.Top < Bottom + gap;

        public override string ToString() => $"{Left:0.#},{Top:0.#}–{Right:0.#},{Bottom:0.#}";
    }
}

using System.Text.Json;
using Indicators.Api.Tests.Support;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Indicators.Api.Tests.Browser;

/// <summary>
/// The pages as Chromium loads them: their weight and origins, the figure cards against the JSON, every data link,
/// the source anchors, and screenshots at phone and desktop widths (artifacts/screenshots/, git-ignored) to look at.
/// No assertion depends on pixel positions or fonts: visibility, :target and intersection are asked of the browser.
/// </summary>
public sealed class PagesInBrowserTests(SiteBrowser site, ITestOutputHelper output) : IClassFixture<SiteBrowser>
{
    private const int MaxDocumentBytes = 60 * 1024;
    private const int MaxPageBytes = 150 * 1024;

    [ChromiumFact]
    public async Task EveryPageWeighsAtMost60KbOfHtmlAnd150KbInAllAndAsksNoOtherOrigin()
    {
        var report = new List<string>();
        foreach (var width in new[] { 360, 1280 })
        {
            await using var context = await site.ContextAsync(width: width);
            // At a phone's width only the charts differ (srcset picks another drawing); the HTML is the same.
            foreach (var (name, path) in site.Pages.Where(p => width == 1280 || p.Name.StartsWith("indicator-", StringComparison.Ordinal)))
            {
                var page = await context.NewPageAsync();
                var responses = new System.Collections.Concurrent.ConcurrentQueue<IResponse>();
                var foreign = new System.Collections.Concurrent.ConcurrentQueue<string>();
                page.Request += (_, request) =>
                {
                    if (!request.Url.StartsWith(site.Address + "/", StringComparison.Ordinal) && !request.Url.StartsWith("data:", StringComparison.Ordinal))
                    {
                        foreign.Enqueue(request.Url);
                    }
                };
                page.Response += (_, response) => responses.Enqueue(response);
                // The load event waits for the images, so every response of the page is in by then.
                var main = await page.GotoAsync(site.Address + path, new PageGotoOptions { WaitUntil = WaitUntilState.Load });

                var sizes = new List<(string Url, int Bytes)>();
                foreach (var response in responses.ToArray().Where(r => r.Status is >= 200 and < 300 || r == main))
                {
                    sizes.Add((response.Url, (await response.BodyAsync()).Length)); // decoded body
                }

                var document = (await main!.BodyAsync()).Length;
                var total = sizes.Sum(s => s.Bytes);
                report.Add($"{width}px {name}: HTML {document / 1024.0:F1} KB, total {total / 1024.0:F1} KB in {sizes.Count} response(s)");
                Assert.True(document <= MaxDocumentBytes, $"{name}: the HTML is {document} bytes");
                Assert.True(total <= MaxPageBytes, $"{name} at {width}px: {total} bytes in all ({string.Join(", ", sizes)})");
                Assert.Empty(foreign);
                await page.CloseAsync();
            }
        }

        foreach (var line in report.Where(l => l.Contains("home", StringComparison.Ordinal) || l.Contains("indicator-share", StringComparison.Ordinal)
                     || l.Contains("figure-global-south-share-of-world-gdp-now", StringComparison.Ordinal) || l.Contains("source-", StringComparison.Ordinal)
                     || l.Contains("embed-light", StringComparison.Ordinal) || l.Contains("search-results", StringComparison.Ordinal)))
        {
            output.WriteLine(line);
        }
    }

    [ChromiumFact]
    public async Task EveryFigureCardInTheBrowserShowsWhatTheJsonSaysAndEveryDataLinkAnswers()
    {
        await using var context = await site.ContextAsync();
        var page = await context.NewPageAsync();
        var cards = 0;
        var links = new HashSet<string>();
        foreach (var (name, path) in site.Pages.Where(p => !p.Name.StartsWith("embed", StringComparison.Ordinal)))
        {
            await page.GotoAsync(site.Address + path, new PageGotoOptions { WaitUntil = WaitUntilState.Load });
            var shown = await page.EvaluateAsync<JsonElement>("""
                () => [...document.querySelectorAll('[data-observation][data-qualifier]')].map(c => ({
                  id: c.dataset.observation, qualifier: c.dataset.qualifier, text: c.textContent,
                  values: [...c.querySelectorAll('data')].map(d => d.value),
                  quote: c.querySelector('blockquote')?.textContent ?? null }))
                """);
            foreach (var card in shown.EnumerateArray())
            {
                var figure = site.Figures[card.GetProperty("id").GetString()!];
                FigureInvariant.Assert(new CardContent(
                    card.GetProperty("text").GetString()!,
                    card.GetProperty("values").EnumerateArray().Select(v => v.GetString()!).ToList(),
                    card.GetProperty("quote").GetString(),
                    card.GetProperty("qualifier").GetString()), figure);
                cards++;
            }

            foreach (var href in await page.EvaluateAsync<string[]>("() => [...document.querySelectorAll('a[href^=\"/v1/\"], a[href*=\"/v1/\"], link[rel=alternate]')].map(a => a.href)"))
            {
                links.Add(href);
            }
        }

        foreach (var link in links.Where(l => l.StartsWith(site.Address, StringComparison.Ordinal)))
        {
            using var response = await site.Http.GetAsync(link);
            Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode} for {link}");
        }

        output.WriteLine($"{cards} figure cards checked; {links.Count} JSON, CSV and other data links answered 200");
        Assert.True(cards > site.Figures.Count * 2);
    }

    [ChromiumFact]
    public async Task TheSearchPageShowsTheCountItsJsonTwinHas()
    {
        await using var context = await site.ContextAsync();
        var page = await context.NewPageAsync();
        foreach (var path in new[] { "/search?q=poverty", "/search?entity=pakistan&kind=actual", "/search?q=zzzznothing", "/search" })
        {
            await page.GotoAsync(site.Address + path);
            var shown = long.Parse(await page.Locator("#count").GetAttributeAsync("data-total") ?? "-1", System.Globalization.CultureInfo.InvariantCulture);
            var twin = await page.GetByRole(AriaRole.Link, new() { Name = "This search as JSON" }).GetAttributeAsync("href");
            var json = await site.JsonAsync(twin!);
            Assert.Equal(json.GetProperty("total").GetInt64(), shown);
            Assert.Contains(shown == 0 ? "No figures match" : shown.ToString("N0", System.Globalization.CultureInfo.InvariantCulture), await page.Locator("#count").InnerTextAsync());
        }
    }

    [ChromiumFact]
    public async Task AQuoteAnchorMarksItsWholeQuoteEverySegmentAndLandsInView()
    {
        await using var context = await site.ContextAsync(width: 800, height: 600);
        var page = await context.NewPageAsync();
        // "more than 40%" begins inside another quote ("…increased from 24%"): its anchor sits on a shared segment.
        const string id = "global-south-share-of-world-gdp-now";
        await page.GotoAsync($"{site.Address}/sources/modernisation-in-china-and-pakistan#obs-{id}");

        var marks = page.Locator($"mark[data-obs~='{id}']");
        var others = page.Locator($"mark:not([data-obs~='{id}'])");
        Assert.True(await marks.CountAsync() >= 2, "the quote should span several segments");
        var quote = site.Figures[id].GetProperty("citation").GetProperty("quote").GetString();
        Assert.Equal(quote, string.Concat(await marks.AllTextContentsAsync()));
        Assert.All(await marks.EvaluateAllAsync<string[]>("ms => ms.map(m => getComputedStyle(m).outlineStyle)"), style => Assert.Equal("solid", style));
        Assert.All(await others.EvaluateAllAsync<string[]>("ms => ms.map(m => getComputedStyle(m).outlineStyle)"), style => Assert.Equal("none", style));

        var target = page.Locator("mark:target");
        await Assertions.Expect(target).ToBeInViewportAsync(new() { Ratio = 1 });
        Assert.NotEqual("0px", await target.EvaluateAsync<string>("m => getComputedStyle(m).scrollMarginTop"));
    }

    [ChromiumFact]
    public async Task ScreenshotsOfTheMainPagesAtPhoneAndDesktopWidths()
    {
        var folder = Path.Combine(TestPaths.RepositoryRoot, "artifacts", "screenshots");
        Directory.CreateDirectory(folder);
        var shots = new (string Name, string Path)[]
        {
            ("home", "/"), ("indicator", "/indicators/share-of-world-gdp"), ("figure", "/observations/global-south-share-of-world-gdp-now"),
            ("search", "/search?q=poverty"), ("source", "/sources/modernisation-in-china-and-pakistan#obs-global-south-share-of-world-gdp-now"),
            ("embed", "/embed/indicators/share-of-world-gdp"), ("embed-dark", "/embed/indicators/share-of-world-gdp?theme=dark"), ("not-found", "/no-such-page"),
        };
        foreach (var width in new[] { 360, 1280 })
        {
            await using var context = await site.ContextAsync(width: width, height: 800);
            var page = await context.NewPageAsync();
            foreach (var (name, path) in shots)
            {
                await page.GotoAsync(site.Address + path, new PageGotoOptions { WaitUntil = WaitUntilState.NetworkIdle });
                // Nothing wider than the viewport: a phone never scrolls sideways (tables and code scroll in their own box).
                Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= innerWidth"), $"{name} scrolls sideways at {width}px");
                var file = Path.Combine(folder, $"{name}-{width}.png");
                await page.ScreenshotAsync(new PageScreenshotOptions { Path = file, FullPage = !path.Contains('#', StringComparison.Ordinal) });
                Assert.True(new FileInfo(file).Length > 1000);
            }
        }

        output.WriteLine($"Screenshots: {folder}");
    }
}

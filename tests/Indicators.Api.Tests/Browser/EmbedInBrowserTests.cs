using Indicators.Api.Tests.Support;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Indicators.Api.Tests.Browser;

/// <summary>
/// What a newsroom sees: its own page, on another origin, framing the embed. Chromium must render the
/// chart and show the citation inside the cross-origin frame; the screenshot is kept in artifacts/browser/.
/// Chromium runs headless without sandbox or GPU (CI runs as root in a container) and with a fresh profile.
/// </summary>
public sealed class EmbedInBrowserTests(KestrelApiFactory api, ITestOutputHelper output) : IClassFixture<KestrelApiFactory>
{

    [ChromiumFact]
    public async Task AnEmbedFramedByAnotherSiteRendersTheChartAndShowsTheCitation()
    {
        var embedUrl = $"{api.Address}/embed/indicators/share-of-world-gdp?width=640&height=420";
        await using var newsroom = await NewsroomSite.StartAsync(embedUrl, 640, 420);
        using var userData = new TemporaryDirectory();
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchPersistentContextAsync(userData.Path, new BrowserTypeLaunchPersistentContextOptions
        {
            ExecutablePath = Chromium.Path,
            Headless = true,
            Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
            ViewportSize = new ViewportSize { Width = 800, Height = 600 },
        });
        var page = browser.Pages.Count > 0 ? browser.Pages[0] : await browser.NewPageAsync();

        await page.GotoAsync(newsroom.ArticleUrl, new PageGotoOptions { WaitUntil = WaitUntilState.Load });
        Assert.NotEqual(new Uri(newsroom.ArticleUrl).GetLeftPart(UriPartial.Authority), new Uri(embedUrl).GetLeftPart(UriPartial.Authority));
        var frame = page.FrameLocator("#chart");
        var svg = frame.Locator("svg:visible");
        await svg.WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Visible, Timeout = 30_000 });

        var box = await svg.BoundingBoxAsync();
        Assert.NotNull(box);
        Assert.True(box.Width > 100 && box.Height > 100, $"the chart's box is {box.Width}x{box.Height}");
        Assert.Equal(2, await svg.Locator(".mark").CountAsync());
        var citation = frame.Locator("p.citation");
        Assert.True(await citation.IsVisibleAsync());
        Assert.Contains("Modernisation in China and Pakistan", await citation.InnerTextAsync());
        Assert.Contains("more than 40%", await svg.InnerHTMLAsync());

        var screenshot = Path.Combine(TestPaths.RepositoryRoot, "artifacts", "browser", "embed-in-another-site.png");
        Directory.CreateDirectory(Path.GetDirectoryName(screenshot)!);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = screenshot, FullPage = true });
        output.WriteLine($"Screenshot: {screenshot}");
        Assert.True(new FileInfo(screenshot).Length > 1000);
    }
}

using System.Text.Json;
using Microsoft.Playwright;
using Indicators.Api.Tests.Support;

namespace Indicators.Api.Tests.Browser;

/// <summary>A reader following an observation's citation.page lands on its highlighted sentence.</summary>
public sealed class SourcePageInBrowserTests(KestrelApiFactory api) : IClassFixture<KestrelApiFactory>
{
    [ChromiumFact]
    public async Task FollowingACitationPageLinkScrollsToTheHighlightedQuote()
    {
        using var http = new HttpClient();
        var observation = JsonDocument.Parse(await http.GetStringAsync($"{api.Address}/v1/observations/global-south-share-of-world-gdp-now")).RootElement;
        var link = observation.GetProperty("citation").GetProperty("page").GetString()!;
        var quote = observation.GetProperty("citation").GetProperty("quote").GetString()!;

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
        await page.GotoAsync(link, new PageGotoOptions { WaitUntil = WaitUntilState.Load });

        var target = page.Locator("mark:target");
        Assert.Equal(1, await target.CountAsync());
        // This quote begins inside another ("…increased from 24%"), so its anchor is on the shared first segment.
        var segment = await target.InnerTextAsync();
        Assert.Equal("from 24%", segment);
        Assert.StartsWith(segment, quote);
        // Landed on it, though it is far down the text: the browser scrolled, and the mark is the fragment's target
        // and shows in the viewport (an IntersectionObserver's view, not pixel coordinates, which fonts move).
        await Assertions.Expect(target).ToBeVisibleAsync();
        await Assertions.Expect(target).ToBeInViewportAsync();
        Assert.True(await page.EvaluateAsync<double>("window.scrollY") > 0);
    }
}

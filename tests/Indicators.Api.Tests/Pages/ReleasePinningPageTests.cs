using System.Net;
using Indicators.Api.Tests.Support;

namespace Indicators.Api.Tests.Pages;

/// <summary>A page read at a release (release= or asOf=) shows that release and keeps it in every link; a figure it withdrew is a 410 page.</summary>
public sealed class ReleasePinningPageTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private const string Past = "53db9c8b12bee743";

    private readonly HttpClient _client = factory.CreateClient();

    private async Task<HttpResponseMessage> BrowseAsync(string url)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.TryAddWithoutValidation("Accept", NegotiationTests.Browser);
        return await _client.SendAsync(request);
    }

    [Theory]
    [InlineData("/?release=" + Past)]
    [InlineData("/indicators/gdp?release=" + Past)]
    [InlineData("/observations/china-gdp-2023-cny?release=" + Past)]
    [InlineData("/search?q=poverty&release=" + Past)]
    [InlineData("/sources/modernisation-in-china-and-pakistan?asOf=2026-11-23")]
    public async Task APinnedPageKeepsItsReleaseInEveryLinkItWrites(string url)
    {
        var response = await BrowseAsync(url);
        var page = PageAssertions.Parse(await response.Content.ReadAsStringAsync());
        var release = Assert.Single(response.Headers.GetValues("X-Dataset-Release"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var internalLinks = page.QuerySelectorAll("a[href^='/'], link[rel=alternate], link[rel=canonical], img[src], source[srcset]")
            .Select(e => e.GetAttribute("href") ?? e.GetAttribute("src") ?? e.GetAttribute("srcset")!)
            .Where(h => !h.StartsWith("/swagger", StringComparison.Ordinal) && !h.StartsWith('#') && !h.Contains("/oembed", StringComparison.Ordinal))
            .ToList();
        Assert.NotEmpty(internalLinks);
        Assert.All(internalLinks, href => Assert.True(href.Contains($"release={release}", StringComparison.Ordinal), href));
        Assert.Contains(release, page.QuerySelector("footer")!.TextContent);
    }

    [Fact]
    public async Task AFigureTheReleaseWithdrewIsAGonePageLinkingToItsHistory()
    {
        var response = await BrowseAsync("/observations/china-implied-cny-per-usd-2023?release=4ab180b297ab6388");
        var page = PageAssertions.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.Gone, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var history = page.QuerySelectorAll("main a").First(a => a.TextContent.Contains("history", StringComparison.Ordinal)).GetAttribute("href")!;
        Assert.Contains("/v1/observations/china-implied-cny-per-usd-2023/history", history);
        Assert.Equal(HttpStatusCode.OK, (await _client.GetAsync(history)).StatusCode);
        await (await _client.GetAsync("/observations/china-implied-cny-per-usd-2023?release=4ab180b297ab6388")).AssertProblemAsync(HttpStatusCode.Gone);
    }
}

using System.Net;
using System.Xml.Linq;
using Indicators.Api.Tests.Support;

namespace Indicators.Api.Tests.Pages;

/// <summary>What a site is expected to have: robots.txt, a sitemap of every page worth indexing, a favicon.</summary>
public sealed class SiteFilesTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task RobotsKeepsSearchPagesOutAndNamesTheSitemap()
    {
        var response = await _client.GetAsync("/robots.txt");
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("User-agent: *", text);
        Assert.Contains("Disallow: /search", text);
        Assert.Contains("Sitemap: http://localhost/sitemap.xml", text);
    }

    [Fact]
    public async Task TheSitemapListsTheHomeEveryIndicatorFigureAndSourcePageAndEachAnswers()
    {
        var response = await _client.GetAsync("/sitemap.xml");
        var sitemap = XDocument.Parse(await response.Content.ReadAsStringAsync());
        XNamespace ns = "http://www.sitemaps.org/schemas/sitemap/0.9";
        var urls = sitemap.Descendants(ns + "loc").Select(l => l.Value).ToList();

        Assert.Equal("application/xml", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("http://localhost/", urls);
        var indicators = (await (await _client.GetAsync("/v1/indicators")).ReadJsonAsync()).GetProperty("items").EnumerateArray();
        Assert.All(indicators, i => Assert.Contains($"http://localhost/indicators/{i.GetProperty("code").GetString()}", urls));
        var figures = (await (await _client.GetAsync("/v1/observations?includeDerived=true&pageSize=1000")).ReadJsonAsync()).GetProperty("items").EnumerateArray();
        Assert.All(figures, o => Assert.Contains($"http://localhost/observations/{o.GetProperty("id").GetString()}", urls));
        Assert.Contains("http://localhost/sources/modernisation-in-china-and-pakistan", urls);
        Assert.DoesNotContain(urls, u => u.Contains("/search", StringComparison.Ordinal));
        foreach (var url in urls)
        {
            Assert.Equal(HttpStatusCode.OK, (await _client.GetAsync(url)).StatusCode);
        }
    }

    [Fact]
    public async Task TheFaviconIsServedAsAnIconAndAsSvg()
    {
        var ico = await _client.GetAsync("/favicon.ico");
        var bytes = await ico.Content.ReadAsByteArrayAsync();
        var svg = await _client.GetAsync("/favicon.svg");

        Assert.Equal("image/x-icon", ico.Content.Headers.ContentType?.MediaType);
        Assert.Equal(new byte[] { 0, 0, 1, 0, 1, 0, 16, 16 }, bytes[..8]); // ICONDIR, one 16x16 image
        Assert.Equal(6 + 16 + 40 + 16 * 16 * 4 + 16 * 4, bytes.Length);
        Assert.Equal("image/svg+xml", svg.Content.Headers.ContentType?.MediaType);
        Assert.Equal("svg", XDocument.Parse(await svg.Content.ReadAsStringAsync()).Root!.Name.LocalName);
    }
}

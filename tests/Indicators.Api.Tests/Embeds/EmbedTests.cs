using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Indicators.Api.Tests.Support;

namespace Indicators.Api.Tests.Embeds;

public sealed class EmbedTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task EmbedPageHoldsTheChartInlineWithTheCitationAndLinksBack()
    {
        var response = await _client.GetAsync("/embed/indicators/share-of-world-gdp");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("width=\"800\" height=\"386\" viewBox=\"0 0 800 386\"", html);
        Assert.Contains(">Share of world GDP: Global South</title>", html);
        Assert.Contains("Source: <a href=\"http://localhost/sources/modernisation-in-china-and-pakistan\" target=\"_blank\" rel=\"noopener\">Modernisation in China and Pakistan</a>, Jiang Zaidong, 2024-09-10.", html);
        Assert.Contains("href=\"http://localhost/v1/indicators/share-of-world-gdp/observations\"", html);
    }

    [Fact]
    public async Task EmbedPageLoadsNothingFromElsewhereAndAnySiteMayFrameIt()
    {
        var response = await _client.GetAsync("/embed/indicators/gdp-growth");
        var html = await response.Content.ReadAsStringAsync();
        var policy = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));

        Assert.False(response.Headers.Contains("X-Frame-Options"));
        Assert.Contains("frame-ancestors *", policy);
        Assert.StartsWith("default-src 'none';", policy);
        // One script, the height message for the host page, allowed by its hash.
        Assert.Single(Regex.Matches(html, "<script"));
        PageAssertions.AssertInlineBlocksAllowedByPolicy(html, policy);
        Assert.DoesNotContain("@import", html);
        Assert.DoesNotContain("@font-face", html);
        // Every src or stylesheet would be a request; there are none, only links a reader may follow.
        Assert.DoesNotMatch(" src=", html);
        Assert.DoesNotContain("rel=\"stylesheet\"", html);
    }

    [Fact]
    public async Task EmbedPageAnnouncesItsOEmbed()
    {
        var html = await (await _client.GetAsync("/embed/indicators/travel-time?width=600&height=400")).Content.ReadAsStringAsync();

        // Parsed as a browser does: the encoder writes the + of the media type as a character reference.
        var link = PageAssertions.Parse(html).QuerySelector("link[rel=alternate][type='application/json+oembed']");
        Assert.NotNull(link);
        var href = link.GetAttribute("href")!;
        Assert.Equal("http://localhost/oembed?url=" + Uri.EscapeDataString("http://localhost/embed/indicators/travel-time?width=600&height=400") + "&format=json", href);
        Assert.Equal(HttpStatusCode.OK, (await _client.GetAsync(href)).StatusCode);
    }

    [Fact]
    public async Task EmbedPageSizesTheChartToTheFrame()
    {
        var html = await (await _client.GetAsync("/embed/indicators/travel-time?width=500&height=364")).Content.ReadAsStringAsync();
        var sizes = Regex.Matches(html, "<svg width=\"([0-9]+)\" height=\"([0-9]+)\"")
            .Select(m => (Width: int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture), Height: int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture)))
            .ToList();

        // A drawing for each width the frame may have up to the one asked for, 300 px tall (364 less the caption)
        // where the text leaves room, taller where a narrow one needs it.
        Assert.Equal([300, 380, 480], sizes.Select(s => s.Width));
        Assert.Equal(300, sizes[^1].Height);
        Assert.All(sizes, s => Assert.True(s.Height >= 300));
    }

    [Fact]
    public async Task AFilteredEmbedKeepsItsFilterInItsDataLinksAndItsTextAlternative()
    {
        var html = await (await _client.GetAsync("/embed/indicators/share-of-world-growth?entity=china")).Content.ReadAsStringAsync();

        Assert.Contains("href=\"http://localhost/v1/indicators/share-of-world-growth/observations?entity=china\"", html);
        Assert.Contains("href=\"http://localhost/v1/indicators/share-of-world-growth/observations.csv?entity=china\"", html);
        Assert.Contains("Data: http://localhost/v1/indicators/share-of-world-growth/observations?entity=china</desc>", html);
        Assert.DoesNotContain("data-observation=\"global-south", html);
        Assert.Contains("<title id=\"", html);
        Assert.Contains(">Contribution to world economic growth: China</title>", html);
    }

    [Fact]
    public async Task OEmbedAnswersARichIframeOfTheEmbedPage()
    {
        var url = Uri.EscapeDataString("http://localhost/embed/indicators/share-of-world-gdp?entity=global-south");
        var response = await _client.GetAsync($"/oembed?url={url}&format=json");
        var body = await response.ReadJsonAsync();

        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("rich", body.GetProperty("type").GetString());
        Assert.Equal("1.0", body.GetProperty("version").GetString());
        Assert.Equal("Share of world GDP", body.GetProperty("title").GetString());
        Assert.Equal("http://localhost", body.GetProperty("provider_url").GetString());
        Assert.Equal(800, body.GetProperty("width").GetInt32());
        Assert.Equal(450, body.GetProperty("height").GetInt32());
        Assert.Equal(
            "<iframe src=\"http://localhost/embed/indicators/share-of-world-gdp?entity=global-south&amp;width=800&amp;height=450\" width=\"800\" height=\"450\" style=\"border:0;width:100%;max-width:800px\" title=\"Share of world GDP\" loading=\"lazy\"></iframe>",
            body.GetProperty("html").GetString());
    }

    [Fact]
    public async Task OEmbedFitsTheFrameWithinMaxWidthAndMaxHeight()
    {
        var url = Uri.EscapeDataString("http://localhost/embed/indicators/gdp");
        var body = await (await _client.GetAsync($"/oembed?url={url}&maxwidth=500&maxheight=300")).ReadJsonAsync();

        Assert.Equal(500, body.GetProperty("width").GetInt32());
        Assert.Equal(300, body.GetProperty("height").GetInt32());
        Assert.Contains("width=500&amp;height=300", body.GetProperty("html").GetString());
    }

    [Theory]
    [InlineData("http://localhost/embed/indicators/no-such-indicator")]
    [InlineData("http://localhost/v1/indicators/gdp")]
    [InlineData("https://elsewhere.example/embed/indicators/gdp")]
    public async Task OEmbedOfAUrlThatIsNotOneOfOurEmbedsIsNotFound(string url)
    {
        await (await _client.GetAsync($"/oembed?url={Uri.EscapeDataString(url)}")).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("/oembed", "url")]
    [InlineData("/oembed?url=not-a-url", "url")]
    [InlineData("/oembed?url=javascript%3Aalert(1)", "url")]
    [InlineData("/oembed?url=http%3A%2F%2Flocalhost%2Fembed%2Findicators%2Fgdp&format=yaml", "format")]
    [InlineData("/oembed?url=http%3A%2F%2Flocalhost%2Fembed%2Findicators%2Fgdp&maxwidth=wide", "maxwidth")]
    public async Task ABadOEmbedParameterIsAProblemNamingIt(string url, string parameter)
    {
        await (await _client.GetAsync(url)).AssertBadParametersAsync(parameter);
    }

    [Fact]
    public async Task OEmbedInXmlIsNotImplementedAsTheSpecificationSays()
    {
        var url = Uri.EscapeDataString("http://localhost/embed/indicators/gdp");
        await (await _client.GetAsync($"/oembed?url={url}&format=xml")).AssertProblemAsync(HttpStatusCode.NotImplemented);
    }

    [Theory]
    [InlineData("/embed/indicators/nope")]
    public async Task EmbedOfAnUnknownIndicatorIsANotFoundProblem(string url)
    {
        await (await _client.GetAsync(url)).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task EmbedWithABadSizeIsAProblemNamingIt()
    {
        await (await _client.GetAsync("/embed/indicators/gdp?height=1")).AssertBadParametersAsync("height");
    }
}

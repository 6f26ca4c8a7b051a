using System.Net;
using AngleSharp.Dom;
using Indicators.Api.Tests.Support;

namespace Indicators.Api.Tests.Pages;

/// <summary>The embed page: light, dark or the reader's preference; its filters kept in its links and words.</summary>
public sealed class EmbedPageTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    private async Task<IDocument> PageAsync(string url)
    {
        var response = await _client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return PageAssertions.Parse(await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("", "")]
    [InlineData("?theme=light", "light")]
    [InlineData("?theme=dark", "dark")]
    public async Task TheEmbedIsLightDarkOrFollowsTheReadersPreference(string query, string theme)
    {
        var page = await PageAsync("/embed/indicators/share-of-world-gdp" + query);
        var style = page.QuerySelector("style")!.TextContent;

        Assert.Equal(theme, page.DocumentElement.GetAttribute("data-theme") ?? "");
        Assert.Contains("@media (prefers-color-scheme:dark){:root:not([data-theme=light])", style);
        Assert.Contains(":root[data-theme=dark]", style);
    }

    [Theory]
    [InlineData("blue")]
    [InlineData("Dark")]
    [InlineData("")]
    [InlineData("<b>x</b>")]
    public async Task AnyOtherThemeIsABadRequestPageNamingIt(string theme)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/embed/indicators/gdp?theme=" + Uri.EscapeDataString(theme));
        request.Headers.TryAddWithoutValidation("Accept", NegotiationTests.Browser);
        var response = await _client.SendAsync(request);
        var page = PageAssertions.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("theme", page.QuerySelector("main li code")!.TextContent);
        Assert.Empty(page.QuerySelectorAll("main b"));
        await (await _client.GetAsync("/embed/indicators/gdp?theme=" + Uri.EscapeDataString(theme))).AssertBadParametersAsync("theme");
    }

    [Fact]
    public async Task AFilteredEmbedKeepsItsFiltersInItsDataLinksAndItsAlternativeText()
    {
        var page = await PageAsync("/embed/indicators/share-of-world-growth?entity=china&width=400&height=400");
        var data = page.QuerySelectorAll("a").First(a => a.TextContent == "Get the data").GetAttribute("href")!;
        var csv = page.QuerySelectorAll("a").First(a => a.TextContent == "CSV").GetAttribute("href")!;

        Assert.EndsWith("/v1/indicators/share-of-world-growth/observations?entity=china", data);
        Assert.EndsWith("/v1/indicators/share-of-world-growth/observations.csv?entity=china", csv);
        Assert.Contains("entity = china", page.QuerySelector("[role=img]")!.GetAttribute("aria-label"));
        Assert.Equal(data, page.QuerySelector("link[rel=alternate][type='application/json']")!.GetAttribute("href"));
        Assert.Equal(csv, page.QuerySelector("link[rel=alternate][type='text/csv']")!.GetAttribute("href"));
        var filtered = await (await _client.GetAsync(data)).ReadJsonAsync();
        Assert.All(filtered.GetProperty("items").EnumerateArray(), i => Assert.Equal("china", i.GetProperty("entity").GetProperty("code").GetString()));
    }

    [Fact]
    public async Task AnEmbedWhoseFiltersMatchNothingSaysSoAndNamesThem()
    {
        var page = await PageAsync("/embed/indicators/gdp?entity=pakistan&from=1900&to=1901");

        Assert.Equal("No figures match these filters: entity = pakistan, from = 1900, to = 1901.", page.QuerySelector(".empty")!.TextContent);
    }

    [Fact]
    public async Task TheEmbedPostsItsHeightToTheHostPageByItsOneHashedScript()
    {
        var response = await _client.GetAsync("/embed/indicators/gdp");
        var page = PageAssertions.Parse(await response.Content.ReadAsStringAsync());
        var script = Assert.Single(page.QuerySelectorAll("script"));

        Assert.Contains("\"datawrapper-height\"", script.TextContent);
        Assert.Equal("gdp", page.DocumentElement.GetAttribute("data-embed"));
        PageAssertions.AssertInlineBlocksAllowedByPolicy(page.DocumentElement.OuterHtml, Assert.Single(response.Headers.GetValues("Content-Security-Policy")));
    }
}

using System.Net;
using AngleSharp.Dom;
using Indicators.Api.Tests.Support;

namespace Indicators.Api.Tests.Pages;

/// <summary>The search page is /v1/observations as a page: the same parameters, the same count, facets that count what they lead to.</summary>
public sealed class SearchPageTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    private async Task<IDocument> PageAsync(string url)
    {
        var response = await _client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return PageAssertions.Parse(await response.Content.ReadAsStringAsync());
    }

    private static long ShownTotal(IDocument page) => long.Parse(page.GetElementById("count")!.GetAttribute("data-total")!, System.Globalization.CultureInfo.InvariantCulture);

    [Theory]
    [InlineData("")]
    [InlineData("?q=poverty")]
    [InlineData("?q=%22global+south%22")]
    [InlineData("?entity=pakistan&kind=actual")]
    [InlineData("?qualifier=more-than")]
    [InlineData("?from=2020&to=2024")]
    [InlineData("?q=zzzznothing")]
    [InlineData("?pageSize=2&entity=pakistan")]
    [InlineData("?kind=derived")]
    public async Task TheSearchPageCountsWhatItsJsonTwinCounts(string query)
    {
        var page = await PageAsync("/search" + query);
        var json = page.QuerySelectorAll("a").First(a => a.TextContent == "This search as JSON").GetAttribute("href")!;
        var csv = page.QuerySelectorAll("a").First(a => a.TextContent == "This search as CSV").GetAttribute("href")!;
        var twin = await (await _client.GetAsync(json)).ReadJsonAsync();

        Assert.StartsWith("/v1/observations", json);
        static IEnumerable<string> Pairs(string url) => Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(new Uri("http://x" + url).Query)
            .Select(p => $"{p.Key}={p.Value}").Order();
        Assert.Equal(Pairs("/search" + query), Pairs(json));
        Assert.Equal(twin.GetProperty("total").GetInt64(), ShownTotal(page));
        Assert.Equal(Math.Min(twin.GetProperty("items").GetArrayLength(), 100), PageAssertions.Cards(page).Count);
        Assert.Equal(HttpStatusCode.OK, (await _client.GetAsync(csv)).StatusCode);
        Assert.Contains(twin.GetProperty("total").GetInt64() == 0 ? "No figures match" : "match", page.GetElementById("count")!.TextContent);
    }

    [Theory]
    [InlineData("")]
    [InlineData("?q=china")]
    [InlineData("?entity=pakistan")]
    public async Task EveryFacetLinkLeadsToAsManyFiguresAsItCounts(string query)
    {
        var page = await PageAsync("/search" + query);
        var links = page.QuerySelectorAll(".facets a").ToList();
        Assert.NotEmpty(links);

        foreach (var link in links.Where(l => l.GetAttribute("aria-current") is null))
        {
            var count = long.Parse(System.Text.RegularExpressions.Regex.Match(link.TextContent, @"\((\d+)\)").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
            Assert.Equal(count, ShownTotal(await PageAsync(link.GetAttribute("href")!)));
        }
    }

    [Fact]
    public async Task ASetFacetIsMarkedAndItsLinkTakesItOff()
    {
        var page = await PageAsync("/search?entity=pakistan&kind=actual");
        var on = page.QuerySelectorAll(".facets a[aria-current=true]").ToList();

        Assert.Equal(2, on.Count);
        Assert.Contains(on, a => a.GetAttribute("href") == "/search?kind=actual");
        Assert.Contains(on, a => a.GetAttribute("href") == "/search?entity=pakistan");
        Assert.Equal("pakistan", page.QuerySelector("select[name=entity] option[selected]")!.GetAttribute("value"));
    }

    [Fact]
    public async Task TheMatchIsMarkedInTheQuoteAndTheQuoteStaysVerbatim()
    {
        var page = await PageAsync("/search?q=poverty");
        var json = await (await _client.GetAsync("/v1/observations?q=poverty")).ReadJsonAsync();

        foreach (var item in json.GetProperty("items").EnumerateArray())
        {
            var card = page.QuerySelector($"[data-observation='{item.GetProperty("id").GetString()}']")!;
            var quote = card.QuerySelector("blockquote")!;
            Assert.Equal(item.GetProperty("citation").GetProperty("quote").GetString(), quote.TextContent);
            Assert.All(quote.QuerySelectorAll("mark"), m => Assert.StartsWith("poverty", m.TextContent, StringComparison.OrdinalIgnoreCase));
            // A figure can match on its indicator's name; where the quote has the word, the word is marked.
            Assert.Equal(quote.TextContent.Contains("poverty", StringComparison.OrdinalIgnoreCase), quote.QuerySelectorAll("mark").Length > 0);
        }

        Assert.NotEmpty(page.QuerySelectorAll("blockquote mark"));
    }

    [Fact]
    public async Task SearchPagesAreKeptOutOfSearchEngines()
    {
        var page = await PageAsync("/search?q=port");

        Assert.NotNull(page.QuerySelector("meta[name=robots][content=noindex]"));
        Assert.Contains("Disallow: /search", await (await _client.GetAsync("/robots.txt")).Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task APageOfResultsLinksToTheNextAsTheJsonDoes()
    {
        var page = await PageAsync("/search?pageSize=5");
        var next = page.QuerySelector("a[rel=next]")!.GetAttribute("href")!;
        var json = await (await _client.GetAsync("/v1/observations?pageSize=5")).ReadJsonAsync();

        Assert.Equal(new Uri(json.GetProperty("links").GetProperty("next").GetString()!).Query, new Uri("http://localhost" + next).Query);
        var second = await PageAsync(next);
        var twin = await (await _client.GetAsync(json.GetProperty("links").GetProperty("next").GetString())).ReadJsonAsync();
        Assert.Equal(twin.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()),
            PageAssertions.Cards(second).Select(c => c.GetAttribute("data-observation")));
    }

    [Fact]
    public async Task ABadFilterOnTheSearchPageIsAnErrorPageNamingTheParameterForABrowser()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/search?from=2030&to=2020");
        request.Headers.TryAddWithoutValidation("Accept", NegotiationTests.Browser);
        var response = await _client.SendAsync(request);
        var page = PageAssertions.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("'from' (2030) is after 'to' (2020).", page.QuerySelector("main")!.TextContent);
        Assert.Equal("to", page.QuerySelector("main li code")!.TextContent);
    }
}

using System.Net;
using System.Text.RegularExpressions;
using Indicators.Api.Pages;
using Indicators.Api.Tests.Support;

namespace Indicators.Api.Tests.Pages;

public sealed partial class SourcePageTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    [GeneratedRegex("<mark data-obs=\"([^\"]*)\"[^>]*>(.*?)</mark>", RegexOptions.Singleline)]
    private static partial Regex Mark();

    [GeneratedRegex("<[^>]*>")]
    private static partial Regex Tag();

    [GeneratedRegex("<div class=\"source-text\">(.*?)</div>", RegexOptions.Singleline)]
    private static partial Regex TextBlock();

    private static string Decode(string html) => WebUtility.HtmlDecode(Tag().Replace(html, ""));

    private async Task<string> PageAsync(string source)
    {
        var response = await _client.GetAsync($"/sources/{source}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadAsStringAsync();
    }

    private async Task<List<(string Id, string Quote)>> QuotesAsync(string source)
    {
        var body = await (await _client.GetAsync($"/v1/observations?source={source}")).ReadJsonAsync();
        return body.GetProperty("items").EnumerateArray()
            .Select(i => (i.GetProperty("id").GetString()!, i.GetProperty("citation").GetProperty("quote").GetString()!))
            .ToList();
    }

    [Fact]
    public async Task ASourcePublishedElsewhereTooSaysWhereWhoEstablishedItAndHowAsTheJsonDoes()
    {
        var source = await (await _client.GetAsync("/v1/sources/modernisation-in-china-and-pakistan")).ReadJsonAsync();
        var other = Assert.Single(source.GetProperty("alsoPublishedIn").EnumerateArray().ToList());
        var document = PageAssertions.Parse(await PageAsync("modernisation-in-china-and-pakistan"));

        var item = Assert.Single(document.QuerySelectorAll("ul.also-published li"));
        Assert.Equal(other.GetProperty("title").GetString(), item.QuerySelector("cite")?.TextContent);
        Assert.Equal(other.GetProperty("url").GetString(), item.QuerySelector("a")?.GetAttribute("href"));
        foreach (var field in new[] { "publisher", "publishedOn", "establishedBy", "establishedOn", "how" })
        {
            Assert.Contains(other.GetProperty(field).GetString()!, item.TextContent, StringComparison.Ordinal);
        }

        var undated = PageAssertions.Parse(await PageAsync("enhancing-china-pakistan-cooperation"));
        Assert.Empty(undated.QuerySelectorAll("ul.also-published"));
    }

    [Theory]
    [InlineData("enhancing-china-pakistan-cooperation")]
    [InlineData("modernisation-in-china-and-pakistan")]
    public async Task SourcePageShowsTheTextByteForByteUnderItsHighlights(string source)
    {
        var html = await PageAsync(source);
        var text = await (await _client.GetAsync($"/v1/sources/{source}/text")).Content.ReadAsStringAsync();

        Assert.Equal(text, Decode(TextBlock().Match(html).Groups[1].Value));
    }

    [Theory]
    [InlineData("enhancing-china-pakistan-cooperation")]
    [InlineData("modernisation-in-china-and-pakistan")]
    public async Task EveryObservationsHighlightedSegmentsSpellItsQuoteExactly(string source)
    {
        var html = await PageAsync(source);
        var marks = Mark().Matches(html).Select(m => (Ids: m.Groups[1].Value.Split(' '), Text: Decode(m.Groups[2].Value))).ToList();

        foreach (var (id, quote) in await QuotesAsync(source))
        {
            Assert.Equal(quote, string.Concat(marks.Where(m => m.Ids.Contains(id)).Select(m => m.Text)));
        }
    }

    [Theory]
    [InlineData("enhancing-china-pakistan-cooperation")]
    [InlineData("modernisation-in-china-and-pakistan")]
    public async Task EveryObservationHasExactlyOneAnchorAtTheStartOfItsQuote(string source)
    {
        var html = TextBlock().Match(await PageAsync(source)).Value;

        foreach (var (id, quote) in await QuotesAsync(source))
        {
            var anchor = $"id=\"obs-{id}\"";
            Assert.Single(Regex.Matches(html, Regex.Escape(anchor)));
            // The text right after the anchor (tags aside) begins the quote.
            var after = Decode(html[(html.IndexOf(anchor, StringComparison.Ordinal) + anchor.Length)..].Split("</div>")[0]);
            Assert.StartsWith(quote[..Math.Min(quote.Length, 12)], after.TrimStart('>'));
        }
    }

    [Fact]
    public async Task TwoObservationsSharingOneQuoteBothGetAnAnchorOnTheSameHighlight()
    {
        var html = await PageAsync("enhancing-china-pakistan-cooperation");

        Assert.Contains("<mark data-obs=\"china-gdp-2023-cny china-gdp-2023-usd\" id=\"obs-china-gdp-2023-cny\"><span id=\"obs-china-gdp-2023-usd\"></span>In 2023", html);
    }

    [Fact]
    public async Task PartlyOverlappingQuotesAreSplitIntoSegmentsNotNestedElements()
    {
        var html = await PageAsync("enhancing-china-pakistan-cooperation");

        // "four wind farms" ends one quote and starts the next; "one hydropower plant" is shared likewise.
        Assert.Contains("<mark data-obs=\"pakistan-wind-farms-built-with-china pakistan-hydropower-plants-built-with-china\" id=\"obs-pakistan-hydropower-plants-built-with-china\">four wind farms</mark>", html);
        Assert.DoesNotMatch("<mark[^>]*>[^<]*<mark", html);
    }

    [Fact]
    public async Task SourcePageForbidsScriptsAndForeignContentWithAContentSecurityPolicy()
    {
        var response = await _client.GetAsync("/sources/modernisation-in-china-and-pakistan");
        var policy = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));

        Assert.StartsWith("default-src 'none'; style-src 'sha256-", policy);
        Assert.DoesNotContain("unsafe", policy);
        Assert.Contains("form-action 'self'", policy);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        // The one script (copy buttons) and every style block are allowed by their hash, nothing else.
        PageAssertions.AssertInlineBlocksAllowedByPolicy(await response.Content.ReadAsStringAsync(), policy);
    }

    [Fact]
    public async Task SourcePageOfAnUnknownSourceIsANotFoundProblem()
    {
        await (await _client.GetAsync("/sources/no-such-source")).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task EachObservationsCitationLinksToItsAnchorOnTheSourcePage()
    {
        var response = await _client.GetAsync("/v1/observations/china-gdp-2023-usd");
        var page = (await response.ReadJsonAsync()).GetProperty("citation").GetProperty("page").GetString()!;

        var release = response.Headers.GetValues("X-Dataset-Release").Single();
        Assert.Equal($"http://localhost/sources/enhancing-china-pakistan-cooperation?release={release}#obs-china-gdp-2023-usd", page);
        Assert.Contains("id=\"obs-china-gdp-2023-usd\"", await PageAsync("enhancing-china-pakistan-cooperation"));
    }

    [Fact]
    public void HighlightingEscapesMarkupAndCountsCodePointsNotUtf16Units()
    {
        // "𝟘" is one code point but two UTF-16 units: offsets 1..4 must cover "<b>", not split a surrogate.
        var html = HighlightedText.Render("𝟘<b>&", [new QuotedSpan("x", 1, 4)]);

        // Outside the Basic Multilingual Plane the encoder writes a character reference; browsers show the same.
        Assert.Equal("&#x1D7D8;<mark data-obs=\"x\" id=\"obs-x\">&lt;b&gt;</mark>&amp;", html);
    }

    [Fact]
    public void HighlightingIgnoresSpansOutsideTheText()
    {
        Assert.Equal("abc", HighlightedText.Render("abc", [new QuotedSpan("x", 2, 9), new QuotedSpan("y", 2, 2)]));
    }
}

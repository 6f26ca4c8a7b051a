using System.Net;
using System.Text.Json;
using AngleSharp.Dom;
using Indicators.Api.Tests.Support;

namespace Indicators.Api.Tests.Pages;

/// <summary>The pages as documents: one h1, a language, a canonical link, their twins named in the head and the Link header.</summary>
public sealed class PageTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private const string Browser = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

    private readonly HttpClient _client = factory.CreateClient();

    public static TheoryData<string> Pages => new()
    {
        "/",
        "/indicators/share-of-world-gdp",
        "/indicators/gdp",
        "/observations/global-south-share-of-world-gdp-now",
        "/observations/china-implied-cny-per-usd-2023",
        "/search",
        "/search?q=motorway",
        "/search?q=zzzznothing",
        "/sources/modernisation-in-china-and-pakistan",
        "/sources/enhancing-china-pakistan-cooperation",
    };

    private async Task<(HttpResponseMessage Response, IDocument Document)> GetPageAsync(string url)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.TryAddWithoutValidation("Accept", Browser);
        var response = await _client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType?.CharSet);
        return (response, PageAssertions.Parse(await response.Content.ReadAsStringAsync()));
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task EveryPageIsOneDocumentWithOneHeadingItsLanguageAndACanonicalLink(string url)
    {
        var (_, page) = await GetPageAsync(url);

        Assert.Equal("en", page.DocumentElement.GetAttribute("lang"));
        Assert.Single(page.QuerySelectorAll("h1"));
        Assert.Single(page.QuerySelectorAll("main"));
        Assert.False(string.IsNullOrWhiteSpace(page.Title));
        var canonical = Assert.Single(page.QuerySelectorAll("link[rel=canonical]")).GetAttribute("href")!;
        Assert.StartsWith("http://localhost/", canonical);
        Assert.NotNull(page.QuerySelector("a.skip[href='#main']"));
        Assert.NotNull(page.QuerySelector("meta[name=viewport]"));
        Assert.NotNull(page.QuerySelector("meta[name=description]"));
        Assert.NotNull(page.QuerySelector("meta[property='og:title']"));
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task EveryPageNamesItsJsonAndCsvTwinsInItsHeadAndItsLinkHeaderAndTheyAnswer(string url)
    {
        var (response, page) = await GetPageAsync(url);
        var alternates = page.QuerySelectorAll("link[rel=alternate]").Select(l => (Type: l.GetAttribute("type")!, Href: l.GetAttribute("href")!)).ToList();
        var header = string.Join(", ", response.Headers.GetValues("Link"));

        Assert.Contains(alternates, a => a.Type == "application/json");
        Assert.Contains(alternates, a => a.Type == "text/csv");
        foreach (var (type, href) in alternates)
        {
            Assert.Contains($"<{href}>; rel=\"alternate\"; type=\"{type}\"", header);
            var twin = await _client.GetAsync(href);
            Assert.Equal(HttpStatusCode.OK, twin.StatusCode);
            Assert.StartsWith(type.Replace("+oembed", "", StringComparison.Ordinal), twin.Content.Headers.ContentType?.MediaType);
        }

        Assert.Contains($"<{page.QuerySelector("link[rel=canonical]")!.GetAttribute("href")}>; rel=\"canonical\"", header);
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task EveryInlineStyleAndScriptIsAllowedByItsHashAndFormsMaySubmitOnlyToTheSite(string url)
    {
        var (response, page) = await GetPageAsync(url);
        var policy = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));

        PageAssertions.AssertInlineBlocksAllowedByPolicy(page.DocumentElement.OuterHtml, policy);
        Assert.StartsWith("default-src 'none';", policy);
        Assert.Contains("form-action 'self'", policy);
        Assert.Contains("frame-ancestors 'none'", policy);
        // Nothing from another origin: every src and href of a resource is this site's.
        Assert.All(page.QuerySelectorAll("[src], link[rel=icon], link[rel=stylesheet], source[srcset], img[srcset]"), e =>
        {
            foreach (var value in new[] { e.GetAttribute("src"), e.GetAttribute("href"), e.GetAttribute("srcset") }.OfType<string>())
            {
                Assert.StartsWith("/", value);
            }
        });
        Assert.All(page.QuerySelectorAll("form"), f => Assert.StartsWith("/", f.GetAttribute("action")));
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/indicators/share-of-world-gdp")]
    [InlineData("/indicators/travel-time")]
    public async Task TheHomeAndIndicatorPagesCarryASchemaOrgDatasetThatParses(string url)
    {
        var (_, page) = await GetPageAsync(url);
        var block = Assert.Single(page.QuerySelectorAll("script[type='application/ld+json']"));

        var dataset = JsonDocument.Parse(block.TextContent).RootElement;
        Assert.Equal("https://schema.org", dataset.GetProperty("@context").GetString());
        Assert.Equal("Dataset", dataset.GetProperty("@type").GetString());
        Assert.Contains("–", dataset.GetProperty("name").GetString()); // the en dash as itself, not mangled
        Assert.True(dataset.GetProperty("description").GetString()!.Length >= 50);
        Assert.Equal("https://creativecommons.org/licenses/by/4.0/", dataset.GetProperty("license").GetString());
        Assert.Contains(dataset.GetProperty("distribution").EnumerateArray(), d => d.GetProperty("encodingFormat").GetString() == "text/csv");
        foreach (var download in dataset.GetProperty("distribution").EnumerateArray())
        {
            Assert.Equal(HttpStatusCode.OK, (await _client.GetAsync(download.GetProperty("contentUrl").GetString())).StatusCode);
        }
    }

    [Fact]
    public void JsonLdCannotBeClosedByTheTextItCarries()
    {
        var json = global::Indicators.Api.Pages.JsonLd.Dataset("a</script><b>", "c & d", "http://x/", null, null, ["</script>"], [], ["'"]);

        Assert.DoesNotContain("<", json);
        Assert.Equal("a</script><b>", JsonDocument.Parse(json).RootElement.GetProperty("name").GetString());
    }

    [Fact]
    public async Task PagesWriteNonAsciiTextAsItselfNotAsCharacterReferences()
    {
        var html = await (await _client.GetAsync("/")).Content.ReadAsStringAsync();

        Assert.Contains("China–Pakistan", html);
        Assert.DoesNotContain("&#x2013;", html);
        Assert.DoesNotContain("&#x201C;", html);
    }

    [Theory]
    [InlineData("/indicators/share-of-world-gdp", "/v1/indicators/share-of-world-gdp/chart.png")]
    [InlineData("/observations/global-south-share-of-world-gdp-now", "/v1/indicators/share-of-world-gdp/chart.png")]
    public async Task ALinkPreviewShowsTheIndicatorsChartAsPng(string url, string chart)
    {
        var (_, page) = await GetPageAsync(url);
        var image = page.QuerySelector("meta[property='og:image']")!.GetAttribute("content")!;

        Assert.StartsWith("http://localhost" + chart, image);
        var png = await _client.GetAsync(image);
        Assert.Equal(HttpStatusCode.OK, png.StatusCode);
        Assert.Equal("image/png", png.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task TheIndicatorPageShowsTheChartAtSeveralWidthsWithATableOfTheSameFigures()
    {
        var (_, page) = await GetPageAsync("/indicators/share-of-world-gdp");
        var figure = page.QuerySelector("figure.chart")!;
        var sources = figure.QuerySelectorAll("picture source").Where(s => !s.GetAttribute("media")!.Contains("dark", StringComparison.Ordinal)).ToList();
        var dark = figure.QuerySelectorAll("picture source").Where(s => s.GetAttribute("media")!.Contains("prefers-color-scheme: dark", StringComparison.Ordinal)).ToList();
        Assert.Equal(sources.Count + 1, dark.Count);
        Assert.All(dark, s => Assert.Contains("theme=dark", s.GetAttribute("srcset")));
        var img = figure.QuerySelector("img")!;

        // Chosen by the viewport, narrowest first, each drawing no wider than the column it is shown in.
        Assert.True(sources.Count >= 2);
        var widths = new List<int>();
        foreach (var source in sources)
        {
            var match = System.Text.RegularExpressions.Regex.Match(source.GetAttribute("srcset")!, @"^/v1/indicators/share-of-world-gdp/chart\.svg\?width=(\d+)&height=\d+$");
            Assert.True(match.Success, source.GetAttribute("srcset"));
            var width = int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
            var below = double.Parse(System.Text.RegularExpressions.Regex.Match(source.GetAttribute("media")!, @"max-width: ([\d.]+)px").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
            Assert.True(width <= below - 32, $"a {width} px drawing for viewports up to {below} px is wider than the column");
            widths.Add(width);
        }

        Assert.Equal(widths.Order(), widths);
        Assert.StartsWith("/v1/indicators/share-of-world-gdp/chart.svg?width=", img.GetAttribute("src"));
        Assert.False(string.IsNullOrWhiteSpace(img.GetAttribute("alt")));
        Assert.Contains("2 figures", img.GetAttribute("alt"));
        Assert.False(string.IsNullOrWhiteSpace(figure.QuerySelector("figcaption")!.TextContent));
        foreach (var url in sources.Select(s => s.GetAttribute("srcset")!).Append(img.GetAttribute("src")!))
        {
            var chart = await _client.GetAsync(url);
            Assert.Equal("image/svg+xml", chart.Content.Headers.ContentType?.MediaType);
        }

        var json = await (await _client.GetAsync("/v1/indicators/share-of-world-gdp/observations")).ReadJsonAsync();
        var rows = page.QuerySelectorAll("table tbody tr[data-observation]").Select(r => r.GetAttribute("data-observation")).ToList();
        Assert.Equal(json.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()).ToList(), rows);
        Assert.All(page.QuerySelectorAll("table thead th"), th => Assert.Equal("col", th.GetAttribute("scope")));
    }

    [Fact]
    public async Task TheIndicatorPageGivesCopyableOneLinersForItsCsvAndTheEmbedSnippetOfItsOEmbed()
    {
        var (_, page) = await GetPageAsync("/indicators/travel-time");
        var csv = "http://localhost/v1/indicators/travel-time/observations.csv";

        Assert.Contains(csv, page.GetElementById("get-curl")!.TextContent);
        Assert.Contains($"pd.read_csv(\"{csv}\")", page.GetElementById("get-pandas")!.TextContent);
        Assert.Contains($"read.csv(\"{csv}\")", page.GetElementById("get-r")!.TextContent);
        var oembed = await (await _client.GetAsync("/oembed?url=" + Uri.EscapeDataString("http://localhost/embed/indicators/travel-time"))).ReadJsonAsync();
        Assert.Equal(oembed.GetProperty("html").GetString(), page.GetElementById("embed-snippet")!.TextContent);
        // Without JavaScript the copy buttons stay hidden; the text is there to select.
        Assert.All(page.QuerySelectorAll("button[data-copy]"), b => Assert.True(b.HasAttribute("hidden")));
    }

    [Fact]
    public async Task TheFigurePageStatesTheFigureItsBoundsPeriodAndEveryCitationTheApiExports()
    {
        var (_, page) = await GetPageAsync("/observations/global-south-share-of-world-gdp-now");
        var text = page.QuerySelector("main")!.TextContent;

        Assert.Contains("more than 40%", page.QuerySelector("h1")!.TextContent);
        Assert.Contains("the text states no upper bound", text);
        Assert.Contains("the years are inferred", text);
        var quote = page.QuerySelector("blockquote")!;
        Assert.Equal("http://localhost/sources/modernisation-in-china-and-pakistan#obs-global-south-share-of-world-gdp-now", quote.GetAttribute("cite"));
        foreach (var style in new[] { "apa", "chicago", "bibtex", "ris", "csl-json" })
        {
            var api = await (await _client.GetAsync($"/v1/observations/global-south-share-of-world-gdp-now/citation?style={style}")).Content.ReadAsStringAsync();
            Assert.Equal(api.TrimEnd(), page.GetElementById($"cite-{style}")!.TextContent);
        }
    }

    [Fact]
    public async Task ADerivedFiguresPageShowsItsFormulaAndItsInputsInsteadOfAQuote()
    {
        var (_, page) = await GetPageAsync("/observations/china-implied-cny-per-usd-2023");
        var json = await (await _client.GetAsync("/v1/observations/china-implied-cny-per-usd-2023")).ReadJsonAsync();

        Assert.Contains(json.GetProperty("formula").GetString()!, page.QuerySelector("main")!.TextContent);
        foreach (var input in json.GetProperty("inputs").EnumerateArray())
        {
            Assert.NotNull(page.QuerySelector($"a[href='/observations/{input.GetString()}']"));
        }
    }

    [Fact]
    public async Task TheHomePageListsEveryIndicatorAndSourceTheReleaseAndTheWayToTheApi()
    {
        var (_, page) = await GetPageAsync("/");
        var indicators = await (await _client.GetAsync("/v1/indicators")).ReadJsonAsync();
        var release = await (await _client.GetAsync("/v1/releases/latest")).ReadJsonAsync();

        foreach (var indicator in indicators.GetProperty("items").EnumerateArray())
        {
            var link = page.QuerySelector($"a[href='/indicators/{indicator.GetProperty("code").GetString()}']");
            Assert.NotNull(link);
            Assert.Equal(indicator.GetProperty("name").GetString(), link.TextContent);
        }

        Assert.Contains(release.GetProperty("id").GetString()!, page.QuerySelector("main")!.TextContent);
        Assert.Contains(release.GetProperty("changelog").GetString()!, page.QuerySelector("main")!.TextContent);
        foreach (var href in new[] { "/swagger", "/swagger/v1/swagger.yaml", "/v1", "/v1/observations.csv" })
        {
            Assert.NotNull(page.QuerySelector($"main a[href='{href}']"));
        }

        Assert.NotNull(page.QuerySelector("main form[role=search][action='/search'] input[name=q]"));
    }
}

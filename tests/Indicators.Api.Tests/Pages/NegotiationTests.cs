using System.Net;
using Indicators.Api.Tests.Support;

namespace Indicators.Api.Tests.Pages;

/// <summary>
/// Which paths answer HTML: machine paths always JSON; every other path an HTML page for a client that ranks
/// text/html above JSON, problem+json otherwise. And every status is answered, whatever the Accept.
/// </summary>
public sealed class NegotiationTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    internal const string Browser = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

    /// <summary>What browsers, rsdmx, spreadsheets and image fetchers send, and nothing at all.</summary>
    public static TheoryData<string?> Accepts => new() { Browser, "text/html", "application/xml", "text/csv", "image/png", "*/*", null, "application/json", "no/such;;q=x" };

    private readonly HttpClient _client = factory.CreateClient();

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string url, string? accept)
    {
        using var request = new HttpRequestMessage(method, url);
        if (accept is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept", accept);
        }

        return await _client.SendAsync(request);
    }

    [Theory]
    [InlineData("/v1/observations/no-such")]
    [InlineData("/v1/indicators/no-such/observations")]
    [InlineData("/oembed?url=http%3A%2F%2Flocalhost%2Fnope")]
    [InlineData("/health/nope")]
    [InlineData("/swagger/nope")]
    public async Task MachinePathsAnswerProblemJsonEvenToABrowser(string url)
    {
        var response = await SendAsync(HttpMethod.Get, url, Browser);

        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task TheApiIndexAnswersJsonToABrowserAndLinksToEveryCollection()
    {
        var response = await SendAsync(HttpMethod.Get, "/v1", Browser);
        var index = await response.ReadJsonAsync();

        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(await (await _client.GetAsync("/v1/releases/latest")).ReadJsonAsync() is var latest ? latest.GetProperty("id").GetString() : null,
            index.GetProperty("release").GetString());
        foreach (var group in new[] { "collections", "csv", "documentation" })
        {
            foreach (var link in index.GetProperty(group).EnumerateObject())
            {
                Assert.Equal(HttpStatusCode.OK, (await _client.GetAsync(link.Value.GetString())).StatusCode);
            }
        }
    }

    [Theory]
    [InlineData("/no-such-page")]
    [InlineData("/indicators/no-such")]
    [InlineData("/observations/no-such")]
    [InlineData("/sources/no-such")]
    [InlineData("/embed/indicators/no-such")]
    public async Task AnUnknownPageIsAnHtmlPageForABrowserWithTheSearchBoxAndTheWayHome(string url)
    {
        var response = await SendAsync(HttpMethod.Get, url, Browser);
        var page = PageAssertions.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("Page not found", page.QuerySelector("h1")!.TextContent);
        Assert.Contains(url.Split('/')[^1], page.QuerySelector("main p.problem")!.TextContent);
        Assert.NotNull(page.QuerySelector("main form[action='/search'] input[name=q]"));
        Assert.NotNull(page.QuerySelector("main a[href='/']"));
        Assert.NotNull(page.QuerySelector("meta[name=robots][content=noindex]"));
    }

    [Theory]
    [InlineData("/no-such-page", "*/*")]
    [InlineData("/indicators/no-such", null)]
    [InlineData("/indicators/no-such", "application/json")]
    [InlineData("/no-such-page", "text/html, application/json")]
    public async Task AnUnknownPageIsAProblemForAClientThatDoesNotRankHtmlFirst(string url, string? accept)
    {
        await (await SendAsync(HttpMethod.Get, url, accept)).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("/", "application/json")]
    [InlineData("/indicators/gdp", "application/json")]
    [InlineData("/search?q=port", "text/csv")]
    [InlineData("/sources/modernisation-in-china-and-pakistan", "application/json, */*;q=0.1")]
    public async Task APageAskedForInAnotherFormatIsANotAcceptableProblemPointingToTheApi(string url, string accept)
    {
        var problem = await (await SendAsync(HttpMethod.Get, url, accept)).AssertProblemAsync(HttpStatusCode.NotAcceptable);

        Assert.Contains("/v1", problem.GetProperty("detail").GetString());
    }

    [Theory]
    [InlineData("/", null)]
    [InlineData("/", "*/*")]
    [InlineData("/indicators/gdp", "text/*")]
    public async Task APageIsHtmlForAClientThatTakesAnything(string url, string? accept)
    {
        var response = await SendAsync(HttpMethod.Get, url, accept);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [MemberData(nameof(Accepts))]
    public async Task AMethodOtherThanGetIsA405WhateverTheAccept(string? accept)
    {
        foreach (var url in new[] { "/v1/observations", "/v1/indicators/gdp", "/search", "/indicators/gdp", "/" })
        {
            var response = await SendAsync(HttpMethod.Post, url, accept);
            Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
            Assert.Equal("GET, HEAD", string.Join(", ", response.Content.Headers.Allow));
            await AssertErrorBodyAsync(response, url, accept);
        }
    }

    [Theory]
    [MemberData(nameof(Accepts))]
    public async Task AnOverlongUrlIsA414WhateverTheAccept(string? accept)
    {
        foreach (var path in new[] { "/v1/observations", "/search" })
        {
            var url = $"{path}?q={new string('a', 9_000)}";
            var response = await SendAsync(HttpMethod.Get, url, accept);
            Assert.Equal(HttpStatusCode.RequestUriTooLong, response.StatusCode);
            await AssertErrorBodyAsync(response, path, accept);
        }
    }

    [Theory]
    [MemberData(nameof(Accepts))]
    public async Task ABadParameterIsA400NamingItWhateverTheAccept(string? accept)
    {
        foreach (var url in new[] { "/v1/observations?kind=nope", "/search?kind=nope", "/embed/indicators/gdp?theme=blue" })
        {
            var response = await SendAsync(HttpMethod.Get, url, accept);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            var body = await AssertErrorBodyAsync(response, url, accept);
            Assert.Contains(url.Contains("theme", StringComparison.Ordinal) ? "theme" : "kind", body);
        }
    }

    /// <summary>The body matches the rule: an HTML page only for a page path and a client that ranks HTML first.</summary>
    internal static async Task<string> AssertErrorBodyAsync(HttpResponseMessage response, string url, string? accept)
    {
        var body = await response.Content.ReadAsStringAsync();
        var html = !url.StartsWith("/v1", StringComparison.Ordinal) && accept is not null && accept.StartsWith("text/html", StringComparison.Ordinal);
        if (html)
        {
            Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
            var page = PageAssertions.Parse(body);
            Assert.Single(page.QuerySelectorAll("h1"));
            Assert.Contains(((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture), page.QuerySelector("main")!.TextContent);
        }
        else
        {
            var problem = await response.AssertProblemAsync(response.StatusCode);
            Assert.False(string.IsNullOrEmpty(problem.GetProperty("traceId").GetString()));
        }

        return body;
    }
}

/// <summary>The 429 for every Accept: the limiter's answer went through the same writer that threw.</summary>
public sealed class TooManyRequestsNegotiationTests(SmallLimitsApiFactory factory) : IClassFixture<SmallLimitsApiFactory>
{
    [Theory]
    [MemberData(nameof(NegotiationTests.Accepts), MemberType = typeof(NegotiationTests))]
    public async Task PastTheRateLimitEveryClientGetsA429WhateverItsAccept(string? accept)
    {
        using var client = factory.CreateClient();
        // Each Accept gets its own client address, so each case starts with a full bucket.
        var address = $"10.9.{(accept ?? "none").Length % 250}.{Math.Abs((accept ?? "none").GetHashCode(StringComparison.Ordinal)) % 250}";
        HttpResponseMessage? last = null;
        foreach (var url in Enumerable.Range(0, 12).Select(i => i % 2 == 0 ? "/v1/entities" : "/search"))
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            request.Headers.TryAddWithoutValidation(SettingsApiFactory.ClientAddressHeader, address);
            if (accept is not null)
            {
                request.Headers.TryAddWithoutValidation("Accept", accept);
            }

            last = await client.SendAsync(request);
            if (last.StatusCode == HttpStatusCode.TooManyRequests)
            {
                await NegotiationTests.AssertErrorBodyAsync(last, url, accept);
                Assert.NotNull(last.Headers.RetryAfter);
                return;
            }
        }

        Assert.Fail($"no 429 after 12 requests; last {last?.StatusCode}");
    }
}

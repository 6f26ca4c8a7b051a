using System.Net;
using System.Net.Http.Headers;
using Indicators.Api.Tests.Support;

namespace Indicators.Api.Tests.Pages;

/// <summary>Pages are cached like the API, and no validator of one representation matches another.</summary>
public sealed class PageCachingTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    private async Task<HttpResponseMessage> GetAsync(string url, string? accept, EntityTagHeaderValue? ifNoneMatch = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (accept is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept", accept);
        }

        if (ifNoneMatch is not null)
        {
            request.Headers.IfNoneMatch.Add(ifNoneMatch);
        }

        return await _client.SendAsync(request);
    }

    [Theory]
    [InlineData("/v1/observations?entity=china", "application/json", "text/csv", HttpStatusCode.OK)]
    [InlineData("/v1/observations?entity=china", "text/csv", "application/json", HttpStatusCode.OK)]
    [InlineData("/v1/indicators", "application/json", "text/csv", HttpStatusCode.OK)]
    [InlineData("/indicators/gdp", NegotiationTests.Browser, "application/json", HttpStatusCode.NotAcceptable)]
    [InlineData("/search?q=port", "text/html", "text/csv", HttpStatusCode.NotAcceptable)]
    public async Task AnEtagFromOneRepresentationDoesNotMatchAnother(string url, string first, string second, HttpStatusCode expected)
    {
        var original = await GetAsync(url, first);
        var etag = original.Headers.ETag;
        Assert.NotNull(etag);

        var other = await GetAsync(url, second, etag);

        Assert.Equal(expected, other.StatusCode);
        Assert.NotEqual(original.Content.Headers.ContentType?.MediaType, other.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("/", NegotiationTests.Browser, "*/*")]
    [InlineData("/indicators/share-of-world-gdp", "text/html", null)]
    [InlineData("/search?q=motorway", NegotiationTests.Browser, "text/html;q=0.9, */*;q=0.1")]
    [InlineData("/sources/modernisation-in-china-and-pakistan", NegotiationTests.Browser, NegotiationTests.Browser)]
    public async Task APageRevalidatesToA304ForAnyClientThatGetsTheSameHtml(string url, string first, string? second)
    {
        var original = await GetAsync(url, first);
        Assert.Equal(HttpStatusCode.OK, original.StatusCode);
        Assert.Contains("Accept", original.Headers.Vary);
        Assert.Equal(TimeSpan.FromSeconds(60), original.Headers.CacheControl?.MaxAge);

        var again = await GetAsync(url, second, original.Headers.ETag);

        Assert.Equal(HttpStatusCode.NotModified, again.StatusCode);
    }

    [Theory]
    [InlineData("/indicators/travel-time")]
    [InlineData("/search?entity=pakistan")]
    public async Task APageIsAnsweredFromTheResponseCacheTheSecondTime(string url)
    {
        var first = await GetAsync(url, "text/html");
        var second = await GetAsync(url, "text/html");

        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Null(first.Headers.Age);
        Assert.NotNull(second.Headers.Age); // the response cache says how old its copy is
        Assert.Equal(await first.Content.ReadAsStringAsync(), await second.Content.ReadAsStringAsync());
        Assert.Equal(first.Headers.GetValues("Content-Security-Policy"), second.Headers.GetValues("Content-Security-Policy"));
    }

    [Fact]
    public async Task AnErrorPageIsNeverCachedOrGivenAValidator()
    {
        var response = await GetAsync("/indicators/no-such", "text/html");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Null(response.Headers.ETag);
        Assert.Null((await GetAsync("/indicators/no-such", "text/html")).Headers.Age);
    }
}

using System.Net;
using System.Net.Http.Headers;
using Indicators.Api.Data;
using Indicators.Api.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Indicators.Api.Tests.Http;

public sealed class CachingTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    [Theory]
    [InlineData("/v1/observations")]
    [InlineData("/v1/observations/china-gdp-2023-cny")]
    [InlineData("/v1/indicators/gdp/observations?kind=actual")]
    [InlineData("/v1/sources/modernisation-in-china-and-pakistan/text")]
    [InlineData("/v1/releases/latest")]
    public async Task EveryGetCarriesAStrongETagLastModifiedAndPublicCacheControl(string path)
    {
        var response = await _client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var etag = response.Headers.ETag;
        Assert.NotNull(etag);
        Assert.False(etag.IsWeak);
        Assert.StartsWith($"\"{response.Headers.GetValues("X-Dataset-Release").Single()}-", etag.Tag);
        Assert.NotNull(response.Content.Headers.LastModified);
        var cacheControl = response.Headers.CacheControl!;
        Assert.True(cacheControl.Public);
        Assert.True(cacheControl.MustRevalidate);
        Assert.Equal(TimeSpan.FromSeconds(60), cacheControl.MaxAge);
        Assert.Contains("Accept", response.Headers.Vary);
    }

    [Fact]
    public async Task IfNoneMatchAnswers304WithoutOpeningTheDatabase()
    {
        var first = await _client.GetAsync("/v1/observations?indicator=gdp");
        var database = factory.Services.GetRequiredService<IndicatorsDatabase>();
        var opened = database.ConnectionsOpened;

        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/observations?indicator=gdp");
        request.Headers.IfNoneMatch.Add(first.Headers.ETag!);
        var second = await _client.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotModified, second.StatusCode);
        Assert.Equal(first.Headers.ETag, second.Headers.ETag);
        Assert.Equal("", await second.Content.ReadAsStringAsync());
        Assert.Equal(opened, database.ConnectionsOpened);
    }

    [Fact]
    public async Task IfNoneMatchWithAnotherTagGetsTheFullResponse()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/observations");
        request.Headers.IfNoneMatch.Add(new EntityTagHeaderValue("\"0000000000000000-0000000000000000\""));

        var response = await _client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task IfModifiedSinceTheReleaseBuildAnswers304()
    {
        var first = await _client.GetAsync("/v1/indicators");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/indicators");
        request.Headers.IfModifiedSince = first.Content.Headers.LastModified;

        var second = await _client.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotModified, second.StatusCode);
    }

    [Fact]
    public async Task TheETagDiffersByQueryAndByAcceptedRepresentation()
    {
        var plain = await _client.GetAsync("/v1/observations");
        var filtered = await _client.GetAsync("/v1/observations?kind=plan");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/observations");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/csv"));
        var negotiated = await _client.SendAsync(request);

        Assert.NotEqual(plain.Headers.ETag, filtered.Headers.ETag);
        Assert.NotEqual(plain.Headers.ETag, negotiated.Headers.ETag);
    }

    [Fact]
    public async Task ClientsSendingDifferentAcceptHeadersForJsonShareOneETagAnd304()
    {
        using var curlLike = new HttpRequestMessage(HttpMethod.Get, "/v1/observations/china-gdp-2023-usd");
        curlLike.Headers.TryAddWithoutValidation("Accept", "*/*");
        var etag = (await _client.SendAsync(curlLike)).Headers.ETag!;

        using var noAccept = new HttpRequestMessage(HttpMethod.Get, "/v1/observations/china-gdp-2023-usd");
        noAccept.Headers.IfNoneMatch.Add(etag);
        var response = await _client.SendAsync(noAccept);

        Assert.Equal(HttpStatusCode.NotModified, response.StatusCode);
    }

    [Fact]
    public async Task ErrorsAreNotMarkedCacheableButStillNameTheRelease()
    {
        var response = await _client.GetAsync("/v1/observations/no-such-figure");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Null(response.Headers.ETag);
        Assert.Null(response.Headers.CacheControl);
        Assert.Single(response.Headers.GetValues("X-Dataset-Release"));
    }

    [Fact]
    public async Task HeadIsAnsweredLikeGetWithTheSameValidators()
    {
        var get = await _client.GetAsync("/v1/observations/china-gdp-2023-usd");
        using var request = new HttpRequestMessage(HttpMethod.Head, "/v1/observations/china-gdp-2023-usd");

        var head = await _client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Equal(get.Headers.ETag, head.Headers.ETag);
        Assert.Equal(get.Content.Headers.LastModified, head.Content.Headers.LastModified);
    }

    [Fact]
    public async Task BrowsersFromAnyOriginCanReadTheCachingAndReleaseHeaders()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/releases/latest");
        request.Headers.Add("Origin", "https://research.example");

        var response = await _client.SendAsync(request);

        Assert.Equal("*", response.Headers.GetValues("Access-Control-Allow-Origin").Single());
        var exposed = response.Headers.GetValues("Access-Control-Expose-Headers").SelectMany(v => v.Split(',')).Select(v => v.Trim()).ToList();
        Assert.Contains("ETag", exposed);
        Assert.Contains("Link", exposed);
        Assert.Contains("Retry-After", exposed);
        Assert.Contains("X-Dataset-Release", exposed);
        Assert.False(response.Headers.Contains("Access-Control-Allow-Credentials"));
    }

    [Fact]
    public async Task TheOpenApiDocumentDescribesTheReleaseHeaderValidatorsAndThe304()
    {
        var document = await (await _client.GetAsync("/swagger/v1/swagger.json")).ReadJsonAsync();

        var responses = document.GetProperty("paths").GetProperty("/v1/observations").GetProperty("get").GetProperty("responses");
        var headers = responses.GetProperty("200").GetProperty("headers");
        Assert.True(headers.TryGetProperty("X-Dataset-Release", out _));
        Assert.True(headers.TryGetProperty("ETag", out _));
        Assert.True(responses.TryGetProperty("304", out _));
    }

    [Fact]
    public async Task PreflightAllowsGetAndHeadOnly()
    {
        using var request = new HttpRequestMessage(HttpMethod.Options, "/v1/observations");
        request.Headers.Add("Origin", "https://research.example");
        request.Headers.Add("Access-Control-Request-Method", "DELETE");

        var response = await _client.SendAsync(request);

        Assert.False(response.Headers.Contains("Access-Control-Allow-Methods")
                     && response.Headers.GetValues("Access-Control-Allow-Methods").Any(v => v.Contains("DELETE", StringComparison.Ordinal)));
    }
}

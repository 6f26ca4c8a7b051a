using System.Net;
using System.Net.Http.Headers;
using Indicators.Api.Http;
using Indicators.Api.Tests.Support;
using Microsoft.Extensions.Primitives;

namespace Indicators.Api.Tests.Http;

/// <summary>The table of finished answers: bounded as the output cache it replaced was, and answering as it did.</summary>
public sealed class FinishedResponsesTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    private static ResponseKey Key(int n) => new("release", "json", "http", "localhost", "", $"/v1/observations/{n}", "");

    private static FinishedResponse Answer(int bodyBytes, long storedAt = 0) =>
        new(new byte[bodyBytes], [new("ETag", new StringValues("\"a\""))], storedAt);

    [Fact]
    public void UniqueUrlsEvictTheLeastRecentlyUsedInsteadOfGrowingPastTheLimit()
    {
        var table = new FinishedResponses(sizeLimit: 100_000);
        table.Add(Key(0), Answer(1_000));
        for (var n = 1; n <= 1_000; n++)
        {
            // The first answer stays in use all along, so it is never the least recently used.
            Assert.True(table.TryGet(Key(0), now: n, lifetime: 10_000, out _));
            table.Add(Key(n), Answer(1_000, storedAt: n));
            Assert.True(table.Size <= 100_000 + 1_600, $"size {table.Size} after {n} answers");
        }

        Assert.True(table.Count < 100);
        Assert.True(table.TryGet(Key(0), now: 1_001, lifetime: 10_000, out _));
        Assert.False(table.TryGet(Key(1), now: 1_001, lifetime: 10_000, out _));
    }

    [Fact]
    public void AnAnswerIsForgottenAfterItsLifetimeAndAnAnswerTooLargeIsNeverKept()
    {
        var table = new FinishedResponses(sizeLimit: 100_000);
        table.Add(Key(1), Answer(100, storedAt: 0));
        table.Add(Key(2), Answer(30_000));

        Assert.True(table.TryGet(Key(1), now: 999, lifetime: 1_000, out _));
        Assert.False(table.TryGet(Key(1), now: 1_000, lifetime: 1_000, out _));
        Assert.Equal(0, table.Size);
        Assert.False(table.TryGet(Key(2), now: 0, lifetime: 1_000, out _));
    }

    [Fact]
    public async Task AStoredAnswerIsRevalidatedWithItsETagAndAHeadOfItHasNoBody()
    {
        var first = await _client.GetAsync("/v1/observations/china-gdp-2023-cny?test=finished");
        var etag = first.Headers.ETag!;

        using var conditional = new HttpRequestMessage(HttpMethod.Get, "/v1/observations/china-gdp-2023-cny?test=finished");
        conditional.Headers.IfNoneMatch.Add(etag);
        var notModified = await _client.SendAsync(conditional);
        using var head = new HttpRequestMessage(HttpMethod.Head, "/v1/observations/china-gdp-2023-cny?test=finished");
        var headAnswer = await _client.SendAsync(head);

        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        Assert.Equal(etag, notModified.Headers.ETag);
        Assert.Empty(await notModified.Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.OK, headAnswer.StatusCode);
        Assert.Equal(etag, headAnswer.Headers.ETag);
        Assert.Empty(await headAnswer.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task EveryAnswerCarriesItsOwnRequestIdAndARequestWithCredentialsIsNeverAnsweredFromTheTable()
    {
        var first = await _client.GetAsync("/v1/indicators?test=finished-ids");
        var second = await _client.GetAsync("/v1/indicators?test=finished-ids");
        using var withCredentials = new HttpRequestMessage(HttpMethod.Get, "/v1/indicators?test=finished-ids");
        withCredentials.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "x");
        var third = await _client.SendAsync(withCredentials);

        Assert.True(second.Headers.Contains("Age"));
        Assert.NotEqual(first.Headers.GetValues("X-Request-ID"), second.Headers.GetValues("X-Request-ID"));
        Assert.False(third.Headers.Contains("Age"));
    }
}

using System.Net;
using Indicators.Api.Observations;
using Indicators.Api.Tests.Support;

namespace Indicators.Api.Tests.Http;

public sealed class ResponseCacheTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task ARepeatedGetIsAnsweredFromMemoryWithTheSameBody()
    {
        var first = await _client.GetAsync("/v1/observations/china-gdp-2023-cny?test=repeat");
        var second = await _client.GetAsync("/v1/observations/china-gdp-2023-cny?test=repeat");

        Assert.False(first.Headers.Contains("Age"));
        Assert.True(second.Headers.Contains("Age")); // the response cache's mark on a stored response
        Assert.Equal(await first.Content.ReadAsStringAsync(), await second.Content.ReadAsStringAsync());
        Assert.Equal(first.Content.Headers.ContentType, second.Content.Headers.ContentType);
        Assert.Equal(["1"], first.Headers.GetValues("api-supported-versions"));
        Assert.Equal(["1"], second.Headers.GetValues("api-supported-versions"));
    }

    [Fact]
    public async Task EveryQueryParameterIsPartOfTheKey()
    {
        var gdp = await (await _client.GetAsync("/v1/observations?indicator=gdp&test=key")).ReadJsonAsync();
        var growth = await (await _client.GetAsync("/v1/observations?indicator=gdp-growth&test=key")).ReadJsonAsync();

        Assert.All(gdp.GetProperty("items").EnumerateArray(), o => Assert.Equal("gdp", o.GetProperty("indicator").GetProperty("code").GetString()));
        Assert.All(growth.GetProperty("items").EnumerateArray(), o => Assert.Equal("gdp-growth", o.GetProperty("indicator").GetProperty("code").GetString()));
    }

    [Fact]
    public async Task ProblemsAreNotStored()
    {
        await _client.GetAsync("/v1/observations/no-such-figure");
        var again = await _client.GetAsync("/v1/observations/no-such-figure");

        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        Assert.False(again.Headers.Contains("Age"));
    }

    [Fact]
    public async Task ACachedJsonAnswerIsNeverServedToAClientAskingForCsv()
    {
        var json = await _client.GetAsync("/v1/entities?pageSize=7");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/entities?pageSize=7");
        request.Headers.Accept.ParseAdd("text/csv");
        var csv = await _client.SendAsync(request);

        Assert.Equal("application/json", json.Content.Headers.ContentType?.MediaType);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task ListTotalsAreCountedOncePerFilterAndRelease()
    {
        using var counts = new ObservationCounts();
        var filter = new ObservationQueries.Filter("gdp", null, null, null, null, null, null, null);
        var counted = 0;

        var first = await counts.GetAsync("r1", filter, () => Task.FromResult((long)++counted));
        var second = await counts.GetAsync("r1", filter with { }, () => Task.FromResult((long)++counted));
        var other = await counts.GetAsync("r1", filter with { Entity = "china" }, () => Task.FromResult((long)++counted));
        var nextRelease = await counts.GetAsync("r2", filter, () => Task.FromResult((long)++counted));

        Assert.Equal((1L, 1L, 2L, 3L), (first, second, other, nextRelease));
        Assert.Equal(3, counted);
    }
}

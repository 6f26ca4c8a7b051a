using System.Net;
using System.Text.Json;
using Indicators.Api.Tests.Support;

namespace Indicators.Api.Tests.Observations;

public sealed class ListObservationsTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task ListObservationsReturnsEveryFigureInTheEnvelopeByDefault()
    {
        var body = await (await _client.GetAsync("/v1/observations")).ReadJsonAsync();

        Assert.Equal(1, body.GetProperty("page").GetInt32());
        Assert.Equal(100, body.GetProperty("pageSize").GetInt32());
        Assert.Equal(23, body.GetProperty("total").GetInt32());
        Assert.Equal(23, body.GetProperty("items").GetArrayLength());
        Assert.Equal(JsonValueKind.Null, body.GetProperty("links").GetProperty("next").ValueKind);
        // Links are permalinks: they name the release the page was read from.
        Assert.EndsWith($"/v1/observations?release={body.GetProperty("release").GetString()}", body.GetProperty("links").GetProperty("self").GetString());
    }

    [Fact]
    public async Task ListObservationsFollowsNextLinksThroughEveryPageWithoutRepeats()
    {
        var seen = new List<string>();
        string? next = "/v1/observations?pageSize=5";
        var pages = 0;
        while (next is not null)
        {
            var body = await (await _client.GetAsync(next)).ReadJsonAsync();
            pages++;
            Assert.Equal(pages, body.GetProperty("page").GetInt32());
            Assert.Equal(23, body.GetProperty("total").GetInt32());
            seen.AddRange(body.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()!));
            var link = body.GetProperty("links").GetProperty("next");
            next = link.ValueKind == JsonValueKind.Null ? null : link.GetString();
        }

        Assert.Equal(5, pages);
        Assert.Equal(23, seen.Count);
        Assert.Equal(23, seen.Distinct().Count());
    }

    [Fact]
    public async Task ListObservationsFiltersByIndicatorEntityAndKind()
    {
        var body = await (await _client.GetAsync("/v1/observations?indicator=gdp-growth&entity=china&kind=target")).ReadJsonAsync();

        var item = Assert.Single(body.GetProperty("items").EnumerateArray());
        Assert.Equal("china-gdp-growth-target-2024", item.GetProperty("id").GetString());
        Assert.Equal("approximately", item.GetProperty("qualifier").GetString());
        Assert.Equal("around", item.GetProperty("qualifierText").GetString());
    }

    [Fact]
    public async Task ListObservationsKeepsFiguresWhosePeriodOverlapsTheYearRange()
    {
        var body = await (await _client.GetAsync("/v1/observations?from=2000&to=2010")).ReadJsonAsync();

        var ids = body.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()).ToHashSet();
        // 2004–2024 overlaps; 1984 ends before 2000; "since 2012" starts after 2010; no-year figures drop out.
        Assert.Equal(new HashSet<string?> { "global-south-share-of-world-growth-past-20-years" }, ids);
    }

    [Fact]
    public async Task ListObservationsIgnoresUnknownQueryParameters()
    {
        var response = await _client.GetAsync("/v1/observations?cb=12345&utm_source=cms");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(23, (await response.ReadJsonAsync()).GetProperty("total").GetInt32());
    }

    [Theory]
    [InlineData("pageSize=0", "pageSize")]
    [InlineData("pageSize=1001", "pageSize")]
    [InlineData("pageSize=abc", "pageSize")]
    [InlineData("pageSize=10&pageSize=20", "pageSize")]
    [InlineData("page=0", "page")]
    [InlineData("from=twenty", "from")]
    [InlineData("to=2024.5", "to")]
    [InlineData("from=2025&to=2020", "to")]
    [InlineData("kind=guess", "kind")]
    [InlineData("qualifier=roughly", "qualifier")]
    [InlineData("indicator=gdpp", "indicator")]
    [InlineData("entity=atlantis", "entity")]
    [InlineData("counterpart=atlantis", "counterpart")]
    [InlineData("source=nowhere", "source")]
    [InlineData("cursor=not-a-cursor", "cursor")]
    [InlineData("entity=china&entity=pakistan", "entity")]
    public async Task ListObservationsReturnsProblemNamingTheBadParameter(string query, string parameter)
    {
        var response = await _client.GetAsync($"/v1/observations?{query}");

        await response.AssertBadParametersAsync(parameter);
    }
}

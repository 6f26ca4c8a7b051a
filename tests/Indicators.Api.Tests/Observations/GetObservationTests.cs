using System.Net;
using System.Text.Json;
using Indicators.Api.Tests.Support;

namespace Indicators.Api.Tests.Observations;

public sealed class GetObservationTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task GetObservationReturnsTheFigureWithQualifierBoundsPeriodAndCitation()
    {
        var o = await (await _client.GetAsync("/v1/observations/china-gdp-2023-cny")).ReadJsonAsync();

        Assert.Equal("gdp", o.GetProperty("indicator").GetProperty("code").GetString());
        Assert.Equal("China", o.GetProperty("entity").GetProperty("name").GetString());
        Assert.Equal(JsonValueKind.Null, o.GetProperty("counterpart").ValueKind);
        Assert.Equal(126, o.GetProperty("value").GetDouble());
        Assert.Equal(JsonValueKind.Number, o.GetProperty("value").ValueKind);
        Assert.Equal("CNY", o.GetProperty("unit").GetProperty("code").GetString());
        Assert.Equal(1e12, o.GetProperty("unit").GetProperty("scale").GetDouble());
        Assert.Equal("trillion yuan", o.GetProperty("unit").GetProperty("label").GetString());
        Assert.Equal("more-than", o.GetProperty("qualifier").GetString());
        Assert.Equal("exceeded", o.GetProperty("qualifierText").GetString());
        var bounds = o.GetProperty("bounds");
        Assert.Equal(126, bounds.GetProperty("lower").GetDouble());
        Assert.False(bounds.GetProperty("lowerInclusive").GetBoolean());
        Assert.Equal(JsonValueKind.Null, bounds.GetProperty("upper").ValueKind);
        Assert.Equal("2023", o.GetProperty("period").GetProperty("label").GetString());
        Assert.Equal(2023, o.GetProperty("period").GetProperty("startYear").GetInt32());
        Assert.Equal(JsonValueKind.Null, o.GetProperty("statedOn").ValueKind); // the article gives no date
        Assert.Equal("enhancing-china-pakistan-cooperation", o.GetProperty("citation").GetProperty("source").GetString());
    }

    [Theory]
    [InlineData("multan-sukkur-motorway-travel-time-after", "at-most", null, null, 4.0, true)]
    [InlineData("china-rural-poverty-lifted-since-2012", "nearly", null, null, 100.0, false)]
    [InlineData("china-gdp-growth-target-2024", "approximately", null, null, null, null)]
    [InlineData("global-south-share-of-world-gdp-now", "more-than", 40.0, false, null, null)]
    [InlineData("multan-sukkur-motorway-travel-time-before", "exact", 11.0, true, 11.0, true)]
    public async Task BoundsFollowThePublishedTable(
        string id, string qualifier, double? lower, bool? lowerInclusive, double? upper, bool? upperInclusive)
    {
        var o = await (await _client.GetAsync($"/v1/observations/{id}")).ReadJsonAsync();
        var bounds = o.GetProperty("bounds");

        Assert.Equal(qualifier, o.GetProperty("qualifier").GetString());
        Assert.Equal(lower, Nullable(bounds.GetProperty("lower"))?.GetDouble());
        Assert.Equal(lowerInclusive, Nullable(bounds.GetProperty("lowerInclusive"))?.GetBoolean());
        Assert.Equal(upper, Nullable(bounds.GetProperty("upper"))?.GetDouble());
        Assert.Equal(upperInclusive, Nullable(bounds.GetProperty("upperInclusive"))?.GetBoolean());
    }

    [Fact]
    public async Task BilateralFiguresNameTheCounterpart()
    {
        var o = await (await _client.GetAsync("/v1/observations/pakistan-wind-farms-built-with-china")).ReadJsonAsync();

        Assert.Equal("pakistan", o.GetProperty("entity").GetProperty("code").GetString());
        Assert.Equal("china", o.GetProperty("counterpart").GetProperty("code").GetString());
        Assert.Equal(4, o.GetProperty("value").GetDouble());
    }

    [Fact]
    public async Task InferredPeriodsAreMarkedAndKeptApartFromTheStatedDate()
    {
        var o = await (await _client.GetAsync("/v1/observations/global-south-share-of-world-growth-past-20-years")).ReadJsonAsync();

        var period = o.GetProperty("period");
        Assert.Equal(2004, period.GetProperty("startYear").GetInt32());
        Assert.Equal(2024, period.GetProperty("endYear").GetInt32());
        Assert.True(period.GetProperty("inferred").GetBoolean());
        Assert.Equal("2024-09-10", o.GetProperty("statedOn").GetString());
    }

    [Theory]
    [InlineData("no-such-figure")]
    [InlineData("China-GDP")]
    [InlineData("%27%20OR%201%3D1")]
    [InlineData("a.b")]
    public async Task GetObservationReturnsProblemForAnUnknownId(string id)
    {
        var problem = await (await _client.GetAsync($"/v1/observations/{id}")).AssertProblemAsync(HttpStatusCode.NotFound);

        Assert.Contains("/v1/observations", problem.GetProperty("detail").GetString());
    }

    private static JsonElement? Nullable(JsonElement element) => element.ValueKind == JsonValueKind.Null ? null : element;
}

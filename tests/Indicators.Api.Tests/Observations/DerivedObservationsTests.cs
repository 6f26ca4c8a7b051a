using System.Text.Json;
using Indicators.Api.Tests.Support;

namespace Indicators.Api.Tests.Observations;

public sealed class DerivedObservationsTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task ListObservationsLeavesDerivedFiguresOutUnlessAskedFor()
    {
        var body = await (await _client.GetAsync("/v1/observations")).ReadJsonAsync();

        Assert.Equal(23, body.GetProperty("total").GetInt32());
        Assert.DoesNotContain(body.GetProperty("items").EnumerateArray(), i => i.GetProperty("kind").GetString() == "derived");
    }

    [Fact]
    public async Task StatedFiguresHaveACitationNoFormulaAndNoInputs()
    {
        var body = await (await _client.GetAsync("/v1/observations")).ReadJsonAsync();

        Assert.All(body.GetProperty("items").EnumerateArray(), item =>
        {
            Assert.Equal(JsonValueKind.Object, item.GetProperty("citation").ValueKind);
            Assert.Equal(JsonValueKind.Null, item.GetProperty("formula").ValueKind);
            Assert.Equal(0, item.GetProperty("inputs").GetArrayLength());
        });
    }

    [Fact]
    public async Task IncludeDerivedListsThemAfterTheStatedFigures()
    {
        var body = await (await _client.GetAsync("/v1/observations?includeDerived=true")).ReadJsonAsync();

        var kinds = body.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("kind").GetString()).ToList();
        Assert.Equal(27, body.GetProperty("total").GetInt32());
        Assert.All(kinds[23..], k => Assert.Equal("derived", k));
        Assert.DoesNotContain("derived", kinds[..23]);
    }

    [Theory]
    [InlineData("china-implied-cny-per-usd-2023", 7.196, "CNY/USD", "approximately", null, "[china-gdp-2023-cny] / [china-gdp-2023-usd]")]
    [InlineData("multan-sukkur-motorway-travel-time-saved", 7, "hours", "at-least", 7.0, "[multan-sukkur-motorway-travel-time-before] - [multan-sukkur-motorway-travel-time-after]")]
    [InlineData("multan-sukkur-motorway-travel-time-cut", 63.6, "percent", "at-least", 63.6, "([multan-sukkur-motorway-travel-time-before] - [multan-sukkur-motorway-travel-time-after]) / [multan-sukkur-motorway-travel-time-before] * 100")]
    [InlineData("global-south-share-of-world-gdp-change", 16, "pp", "more-than", 16.0, "[global-south-share-of-world-gdp-now] - [global-south-share-of-world-gdp-start]")]
    public async Task DerivedFiguresCarryTheirFormulaBoundAndReasoningButNoCitation(
        string id, double value, string unit, string qualifier, double? lower, string formula)
    {
        var item = await (await _client.GetAsync($"/v1/observations/{id}")).ReadJsonAsync();

        Assert.Equal("derived", item.GetProperty("kind").GetString());
        Assert.Equal(value, item.GetProperty("value").GetDouble());
        Assert.Equal(unit, item.GetProperty("unit").GetProperty("code").GetString());
        Assert.Equal(qualifier, item.GetProperty("qualifier").GetString());
        var bounds = item.GetProperty("bounds");
        Assert.Equal(lower, bounds.GetProperty("lower").ValueKind == JsonValueKind.Null ? null : bounds.GetProperty("lower").GetDouble());
        Assert.Equal(JsonValueKind.Null, bounds.GetProperty("upper").ValueKind);
        Assert.Equal(formula, item.GetProperty("formula").GetString());
        Assert.Equal(JsonValueKind.Null, item.GetProperty("citation").ValueKind);
        Assert.False(string.IsNullOrWhiteSpace(item.GetProperty("note").GetString()));
    }

    [Fact]
    public async Task EveryInputOfADerivedFigureIsAStatedFigureWithACitation()
    {
        var derived = await (await _client.GetAsync("/v1/observations?kind=derived")).ReadJsonAsync();
        Assert.Equal(4, derived.GetProperty("total").GetInt32());

        foreach (var item in derived.GetProperty("items").EnumerateArray())
        {
            var inputs = item.GetProperty("inputs").EnumerateArray().Select(i => i.GetString()!).ToList();
            Assert.Equal(2, inputs.Count);
            foreach (var input in inputs)
            {
                Assert.Contains($"[{input}]", item.GetProperty("formula").GetString());
                var stated = await (await _client.GetAsync($"/v1/observations/{input}")).ReadJsonAsync();
                Assert.NotEqual("derived", stated.GetProperty("kind").GetString());
                Assert.Equal(JsonValueKind.Object, stated.GetProperty("citation").ValueKind);
            }
        }
    }

    [Fact]
    public async Task ReferenceCountsStayCountsOfStatedFigures()
    {
        var indicator = await (await _client.GetAsync("/v1/indicators/travel-time")).ReadJsonAsync();
        var derivedIndicator = await (await _client.GetAsync("/v1/indicators/travel-time-saved")).ReadJsonAsync();

        Assert.Equal(2, indicator.GetProperty("observationCount").GetInt32());
        Assert.Equal(0, derivedIndicator.GetProperty("observationCount").GetInt32());
    }

    [Theory]
    [InlineData("includeDerived=yes")]
    [InlineData("includeDerived=1")]
    [InlineData("includeDerived=True")]
    [InlineData("includeDerived=true&includeDerived=false")]
    public async Task ListObservationsReturnsProblemNamingIncludeDerivedWhenItIsNotTrueOrFalse(string query)
    {
        await (await _client.GetAsync($"/v1/observations?{query}")).AssertBadParametersAsync("includeDerived");
    }
}

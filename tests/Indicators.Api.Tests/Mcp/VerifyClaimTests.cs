using Indicators.Api.Tests.Support;
using ModelContextProtocol.Client;

namespace Indicators.Api.Tests.Mcp;

/// <summary>verify_claim against the seed figures, at the boundaries their qualifiers set.</summary>
public sealed class VerifyClaimTests(McpApiFactory factory) : IClassFixture<McpApiFactory>, IAsyncLifetime
{
    private McpClient _client = null!;

    public async Task InitializeAsync() => _client = await McpClients.ConnectAsync(factory);

    public async Task DisposeAsync() => await _client.DisposeAsync();

    public static TheoryData<string, string, string> Claims => new()
    {
        // "from 24% to more than 40%": a lower bound, itself excluded.
        { "global-south-share-of-world-gdp-now", """{"value": 40}""", "outside-bounds" },
        { "global-south-share-of-world-gdp-now", """{"value": 40.1}""", "consistent" },
        { "global-south-share-of-world-gdp-now", """{"value": 39.9, "unit": "%"}""", "outside-bounds" },
        // "to within 4 hours": at most 4.
        { "multan-sukkur-motorway-travel-time-after", """{"value": 4}""", "consistent" },
        { "multan-sukkur-motorway-travel-time-after", """{"value": 4.5}""", "outside-bounds" },
        { "multan-sukkur-motorway-travel-time-after", """{"value": 3, "unit": "hours"}""", "consistent" },
        // "as high as 80%": at most 80, 80 included.
        { "global-south-share-of-world-growth-past-20-years", """{"value": 80}""", "consistent" },
        { "global-south-share-of-world-growth-past-20-years", """{"value": 80.5}""", "outside-bounds" },
        // "around 5%": no interval is stated, so no value is decided.
        { "china-gdp-growth-target-2024", """{"value": 5}""", "undetermined" },
        { "china-gdp-growth-target-2024", """{"value": 4.8}""", "undetermined" },
        { "china-gdp-growth-target-2024", """{"value": 5, "kind": "target", "period": "2024"}""", "undetermined" },
        // "nearly 100 million": below 100 million, how far below is not said.
        { "china-rural-poverty-lifted-since-2012", """{"value": 99}""", "undetermined" },
        { "china-rural-poverty-lifted-since-2012", """{"value": 95, "scale": "million", "unit": "people"}""", "undetermined" },
        { "china-rural-poverty-lifted-since-2012", """{"value": 100}""", "outside-bounds" },
        { "china-rural-poverty-lifted-since-2012", """{"value": 100, "scale": "million"}""", "outside-bounds" },
        { "china-rural-poverty-lifted-since-2012", """{"value": 120}""", "outside-bounds" },
        { "china-rural-poverty-lifted-since-2012", """{"value": 100000000, "scale": "one"}""", "outside-bounds" },
        // "exceeded 126 trillion yuan": 126 billion is the same number at another scale.
        { "china-gdp-2023-cny", """{"value": 126, "unit": "yuan", "scale": "billion"}""", "other-scale" },
        { "china-gdp-2023-cny", """{"value": 126000, "unit": "CNY", "scale": "billion"}""", "outside-bounds" },
        { "china-gdp-2023-cny", """{"value": 126500, "unit": "CNY", "scale": "billion"}""", "consistent" },
        { "china-gdp-2023-cny", """{"value": 130, "unit": "trillion yuan", "period": "2023"}""", "consistent" },
        { "china-gdp-2023-cny", """{"value": 130, "unit": "USD"}""", "other-unit" },
        { "china-gdp-2023-cny", """{"value": 130, "period": "2022"}""", "other-period" },
        // The 2024 growth target cited as an actual.
        { "china-gdp-growth-target-2024", """{"value": 5, "kind": "actual"}""", "other-kind" },
        // An exact figure: its value and nothing else.
        { "china-gdp-growth-2023", """{"value": 5.2, "unit": "percent", "period": "2023", "kind": "actual"}""", "consistent" },
        { "china-gdp-growth-2023", """{"value": 5.3}""", "outside-bounds" },
        // "since 2012": an open period whose end the source does not give.
        { "china-share-of-world-growth-since-2012", """{"value": 31, "period": "2012-"}""", "consistent" },
        { "china-share-of-world-growth-since-2012", """{"value": 31, "period": "2012-2024"}""", "undetermined" },
        { "china-share-of-world-growth-since-2012", """{"value": 31, "period": "2015"}""", "other-period" },
        // A figure with no year at all cannot be placed in one.
        { "lahore-safe-city-traffic-violation-reduction", """{"value": 40, "period": "2020"}""", "undetermined" },
    };

    [Theory]
    [MemberData(nameof(Claims))]
    public async Task AClaimGetsTheVerdictTheSourcesWordsGive(string figureId, string claim, string verdict)
    {
        var arguments = claim.Replace("{", $$"""{"figureId": "{{figureId}}", """, StringComparison.Ordinal);
        var result = await _client.CallJsonAsync("verify_claim", arguments);

        var structured = result.Structured();
        Assert.True(verdict == structured.GetProperty("verdict").GetString(), $"{figureId} {claim}: {structured.GetProperty("reason").GetString()}");
        Assert.Equal(figureId, structured.GetProperty("figure").GetProperty("id").GetString());
        Assert.StartsWith(verdict + " [" + figureId + "]: ", result.Text());
    }

    [Fact]
    public async Task TheReasonQuotesTheSourcesOwnWords()
    {
        var result = (await _client.CallJsonAsync("verify_claim", """{"figureId": "global-south-share-of-world-gdp-now", "value": 40}""")).Structured();

        Assert.Contains("“more than 40%”", result.GetProperty("reason").GetString());
        Assert.Equal("40", result.GetProperty("claim").GetString());
    }

    [Theory]
    [InlineData("""{"figureId": "china-gdp-2023-cny"}""", "'value' is required")]
    [InlineData("""{"figureId": "china-gdp-2023-cny", "value": "126"}""", "'value' must be a number; got \"126\"")]
    [InlineData("""{"figureId": "china-gdp-2023-cny", "value": 126, "scale": "bn"}""", "'scale' must be one of \"one\", \"thousand\", \"million\", \"billion\", \"trillion\"")]
    [InlineData("""{"figureId": "china-gdp-2023-cny", "value": 126, "period": "last year"}""", "'period' must be a year (\"2023\"), a range of years (\"2004-2024\")")]
    [InlineData("""{"figureId": "china-gdp-2023-cny", "value": 126, "period": "2024-2020"}""", "'period' ends before it starts")]
    [InlineData("""{"figureId": "china-gdp-2023-cny", "value": 126, "kind": "estimate"}""", "'kind' must be one of \"actual\"")]
    [InlineData("""{"figureId": "no-such-figure", "value": 1}""", "There is no figure 'no-such-figure'. Find ids with search_figures")]
    [InlineData("""{"figureId": "china-gdp-2023-cny", "value": 1e300, "scale": "trillion"}""", "'value' times its scale is too large a number to compare")]
    public async Task ABadClaimIsAToolErrorThatSaysWhatToSend(string arguments, string message)
    {
        var result = await _client.CallJsonAsync("verify_claim", arguments);

        Assert.True(result.IsError);
        Assert.Contains(message, result.Text());
    }
}

using System.Net;
using System.Text.Json;
using Indicators.Api.Observations;
using Indicators.Api.Tests.Support;

namespace Indicators.Api.Tests.Observations;

public sealed class SearchObservationsTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    private async Task<List<string>> IdsAsync(string query)
    {
        var response = await _client.GetAsync("/v1/observations?" + query);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.ReadJsonAsync();
        return body.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()!).ToList();
    }

    [Fact]
    public async Task SearchForPovertyFindsThePovertyFiguresByQuoteAndIndicator()
    {
        var ids = await IdsAsync("q=poverty");

        Assert.Equal(
            ["china-rural-poverty-lifted-since-2012", "china-share-of-global-poverty-reduction-since-2012"],
            ids.Order());
    }

    [Fact]
    public async Task SearchForMotorwayFindsTheTravelTimesBeforeAndAfterThroughTheEntitysName()
    {
        // The quotes say only "travel time"; the road is named by the entity they are about.
        var ids = await IdsAsync("q=motorway");

        Assert.Equal(
            ["multan-sukkur-motorway-travel-time-after", "multan-sukkur-motorway-travel-time-before"],
            ids.Order());
    }

    [Fact]
    public async Task SearchForAQuotedPhraseMatchesThePhraseNotTheWordsApart()
    {
        var phrase = await IdsAsync("q=%22global%20south%22");
        var words = await IdsAsync("q=global%20south");

        Assert.Contains("global-south-share-of-world-growth-past-20-years", phrase);
        Assert.All(phrase, id => Assert.Contains(id, words));
    }

    [Fact]
    public async Task SearchRanksTheStrongestMatchFirst()
    {
        var ids = await IdsAsync("q=growth");

        Assert.True(ids.Count >= 3);
        // Ranked, not reading order: the reading order of these ids would differ from the rank if rank were ignored.
        var body = await (await _client.GetAsync("/v1/observations?q=growth&pageSize=1")).ReadJsonAsync();
        Assert.Equal(ids[0], body.GetProperty("items")[0].GetProperty("id").GetString());
        Assert.Equal(ids.Count, body.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task SearchCombinesWithTheOtherFilters()
    {
        var ids = await IdsAsync("q=growth&kind=target");

        Assert.Equal(["china-gdp-growth-target-2024"], ids);
    }

    [Fact]
    public async Task SearchPagesByNumberThroughEveryMatchWithoutRepeats()
    {
        var all = await IdsAsync("q=growth");
        var seen = new List<string>();
        string? next = "/v1/observations?q=growth&pageSize=2";
        while (next is not null)
        {
            var body = await (await _client.GetAsync(next)).ReadJsonAsync();
            seen.AddRange(body.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()!));
            var link = body.GetProperty("links").GetProperty("next");
            next = link.ValueKind == JsonValueKind.Null ? null : link.GetString();
        }

        Assert.Equal(all, seen);
    }

    [Fact]
    public async Task ASearchPageNamesItsReleaseAndTheTotalOfItsOwnMatches()
    {
        var response = await _client.GetAsync("/v1/observations?q=growth&pageSize=1");
        var body = await response.ReadJsonAsync();
        var narrower = await (await _client.GetAsync("/v1/observations?q=growth&kind=target&pageSize=1")).ReadJsonAsync();

        Assert.Equal(string.Join("", response.Headers.GetValues("X-Dataset-Release")), body.GetProperty("release").GetString());
        Assert.Equal((await IdsAsync("q=growth")).Count, body.GetProperty("total").GetInt32());
        Assert.Equal(1, narrower.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task SearchStemsAndMatchesByPrefix()
    {
        Assert.NotEmpty(await IdsAsync("q=farms"));
        Assert.Contains("pakistan-wind-farms-built-with-china", await IdsAsync("q=farm"));
        Assert.Contains("pakistan-hydropower-plants-built-with-china", await IdsAsync("q=hydro*"));
    }

    [Fact]
    public async Task SearchWithNoMatchIsAnEmptyList()
    {
        Assert.Empty(await IdsAsync("q=zeppelin"));
    }

    [Fact]
    public async Task SearchAnswersCsvToo()
    {
        var response = await _client.GetAsync("/v1/observations.csv?q=poverty");
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(3, body.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Theory]
    [InlineData("\"unbalanced")]
    [InlineData("poverty\"")]
    [InlineData("poverty AND")]
    [InlineData("OR")]
    [InlineData("NOT poverty")]
    [InlineData("NEAR(poverty growth")]
    [InlineData("NEAR(poverty growth, 2)")]
    [InlineData("quote:poverty")]
    [InlineData("{quote indicator_name}: poverty")]
    [InlineData("-poverty")]
    [InlineData("^poverty")]
    [InlineData("+poverty")]
    [InlineData("poverty*")]
    [InlineData("(poverty")]
    [InlineData("poverty)")]
    [InlineData("a'; DROP TABLE observations; --")]
    [InlineData("rank:poverty")]
    [InlineData("\"\"\"\"poverty")]
    [InlineData("Pakistan’s")]
    [InlineData("5.2%")]
    [InlineData("中国 growth")]
    public async Task HostileOrOddSearchSyntaxIsReadAsWordsNeverAnError(string q)
    {
        var response = await _client.GetAsync("/v1/observations?q=" + Uri.EscapeDataString(q));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task SearchForADecimalFindsIt()
    {
        Assert.Contains("china-gdp-growth-2023", await IdsAsync("q=" + Uri.EscapeDataString("5.2%")));
    }

    [Theory]
    [InlineData("")]
    [InlineData("*")]
    [InlineData("\"\"")]
    [InlineData("   ")]
    [InlineData("():^-+*")]
    [InlineData("\u0000")]
    public async Task SearchWithNoWordsIsAProblemNamingQ(string q)
    {
        await (await _client.GetAsync("/v1/observations?q=" + Uri.EscapeDataString(q))).AssertBadParametersAsync("q");
    }

    [Fact]
    public async Task SearchLongerThanTheCapIsAProblemNamingQ()
    {
        var q = string.Join(' ', Enumerable.Repeat("poverty", 40));
        await (await _client.GetAsync("/v1/observations?q=" + Uri.EscapeDataString(q))).AssertBadParametersAsync("q");
    }

    [Fact]
    public async Task SearchWithTooManyWordsIsAProblemNamingQ()
    {
        var q = string.Join(' ', Enumerable.Range(0, SearchText.MaxPhrases + 1).Select(i => "w" + i));
        await (await _client.GetAsync("/v1/observations?q=" + Uri.EscapeDataString(q))).AssertBadParametersAsync("q");
    }

    [Fact]
    public async Task SearchGivenTwiceIsAProblemNamingQ()
    {
        await (await _client.GetAsync("/v1/observations?q=poverty&q=growth")).AssertBadParametersAsync("q");
    }

    [Theory]
    [InlineData("poverty", "\"poverty\"")]
    [InlineData("global south", "\"global\" \"south\"")]
    [InlineData("\"global south\"", "\"global south\"")]
    [InlineData("motor*", "\"motor\"*")]
    [InlineData("NEAR(a b)", "\"NEAR a\" \"b\"")]
    [InlineData("quote:\"x", "\"quote\" \"x\"")]
    [InlineData("China’s", "\"China s\"")]
    public void SearchTextQuotesEveryWordSoFts5SyntaxNeverReachesTheIndex(string q, string match)
    {
        Assert.Equal((match, null), SearchText.Parse(q));
    }
}

using System.Globalization;
using System.Text.Json;
using Indicators.Api.Tests.Support;
using ModelContextProtocol.Client;

namespace Indicators.Api.Tests.Mcp;

/// <summary>search_figures pages through the same list GET /v1/observations answers for the same filters.</summary>
public sealed class SearchFiguresTests(McpApiFactory factory) : IClassFixture<McpApiFactory>, IAsyncLifetime
{
    private readonly HttpClient _http = factory.CreateClient();
    private McpClient _client = null!;

    public async Task InitializeAsync() => _client = await McpClients.ConnectAsync(factory);

    public async Task DisposeAsync() => await _client.DisposeAsync();

    public static TheoryData<string> Filters => new()
    {
        "{}",
        """{"kind": "actual"}""",
        """{"entity": "china"}""",
        """{"counterpart": "china"}""",
        """{"source": "modernisation-in-china-and-pakistan"}""",
        """{"qualifier": "more-than"}""",
        """{"indicator": "share-of-world-growth"}""",
        """{"from": 2020, "to": 2024}""",
        """{"to": 2012}""",
        """{"includeDerived": true}""",
        """{"kind": "derived"}""",
        """{"q": "\"global south\""}""",
        """{"q": "poverty", "entity": "china"}""",
        """{"q": "motor*"}""",
        """{"q": "growth", "includeDerived": true, "from": 2004}""",
    };

    [Theory]
    [MemberData(nameof(Filters))]
    public async Task PagesJoinedEqualTheRestListWithTheSameFilters(string filters)
    {
        var arguments = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(filters)!;
        var query = string.Join("&", arguments.Select(a => $"{a.Key}={Uri.EscapeDataString(a.Value.ValueKind == JsonValueKind.String ? a.Value.GetString()! : a.Value.GetRawText())}"));
        var rest = await (await _http.GetAsync($"/v1/observations?pageSize=1000&{query}")).ReadJsonAsync();
        var expected = rest.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()).ToList();
        Assert.NotEmpty(expected);

        foreach (var limit in new[] { 1, 4, 25 })
        {
            var ids = new List<string?>();
            string? cursor = null;
            var calls = 0;
            do
            {
                var page = new Dictionary<string, JsonElement>(arguments) { ["limit"] = JsonSerializer.SerializeToElement(limit) };
                if (cursor is not null)
                {
                    page["cursor"] = JsonSerializer.SerializeToElement(cursor);
                }

                var result = (await _client.CallJsonAsync("search_figures", JsonSerializer.Serialize(page))).Structured();
                var figures = result.GetProperty("figures").EnumerateArray().ToList();
                Assert.InRange(figures.Count, 1, limit);
                Assert.Equal(rest.GetProperty("total").GetInt64(), result.GetProperty("total").GetInt64());
                ids.AddRange(figures.Select(f => f.GetProperty("id").GetString()));
                cursor = result.GetProperty("nextCursor").GetString();
                calls++;
            }
            while (cursor is not null);

            Assert.Equal(expected, ids);
            Assert.Equal((expected.Count + limit - 1) / limit, calls);
        }
    }

    [Fact]
    public async Task ACursorSentWithOtherArgumentsIsRefusedRatherThanPagingAnotherList()
    {
        var first = (await _client.CallJsonAsync("search_figures", """{"kind": "actual", "limit": 2}""")).Structured();
        var cursor = first.GetProperty("nextCursor").GetString();

        var other = await _client.CallJsonAsync("search_figures", $$"""{"kind": "target", "limit": 2, "cursor": "{{cursor}}"}""");
        var forged = await _client.CallJsonAsync("search_figures", """{"kind": "actual", "limit": 2, "cursor": "not-a-cursor"}""");

        Assert.True(other.IsError);
        Assert.Contains("This cursor belongs to a search_figures call with other arguments", other.Text());
        Assert.True(forged.IsError);
        Assert.Contains("'cursor' is not one search_figures returned", forged.Text());
    }

    [Theory]
    [InlineData("""{"limit": 26}""", "'limit' must be an integer from 1 to 25; got 26.")]
    [InlineData("""{"limit": 2.5}""", "'limit' must be an integer from 1 to 25; got 2.5.")]
    [InlineData("""{"limit": "10"}""", "'limit' must be an integer from 1 to 25; got \"10\".")]
    [InlineData("""{"limit": null}""", "'limit' must be an integer from 1 to 25, or left out; got null.")]
    [InlineData("""{"kind": "estimate"}""", "'kind' must be one of \"actual\", \"target\", \"plan\", \"capacity\", \"in-progress\", \"derived\"; got \"estimate\".")]
    [InlineData("""{"from": "2020"}""", "'from' must be an integer from -9999 to 9999; got \"2020\".")]
    [InlineData("""{"from": 2024, "to": 2020}""", "'from' (2024) is after 'to' (2020).")]
    [InlineData("""{"includeDerived": "yes"}""", "'includeDerived' must be true or false; got \"yes\".")]
    [InlineData("""{"query": "gdp"}""", "There is no argument 'query': this tool takes q, indicator, entity, counterpart, source, kind, qualifier, from, to, includeDerived, limit, cursor, release.")]
    [InlineData("""{"q": "!!!"}""", "'q' has no words to search for")]
    [InlineData("""{"entity": "atlantis"}""", "'entity' is not an entity code; use one of: ")]
    [InlineData("""{"indicator": "gpd"}""", "'indicator' is not an indicator code; use one of: agricultural-trainees, ")]
    [InlineData("""{"source": "wikipedia"}""", "'source' is not a source id; use one of: enhancing-china-pakistan-cooperation, modernisation-in-china-and-pakistan.")]
    [InlineData("""{"release": "0000000000000000"}""", "'0000000000000000' is not a release of this dataset; see /v1/releases")]
    public async Task ABadArgumentIsAToolErrorThatSaysWhatToSend(string arguments, string message)
    {
        var result = await _client.CallJsonAsync("search_figures", arguments);

        Assert.True(result.IsError);
        Assert.Contains(message, result.Text());
    }

    [Fact]
    public async Task TheReleaseBeingServedMayBeNamedAndIsNamedInEveryResult()
    {
        var release = (await (await _http.GetAsync("/v1/releases/latest")).ReadJsonAsync()).GetProperty("id").GetString();

        var result = (await _client.CallJsonAsync("search_figures", $$"""{"release": "{{release}}", "limit": 1}""")).Structured();

        Assert.Equal(release, result.GetProperty("release").GetString());
        Assert.Equal(1, result.GetProperty("figures").GetArrayLength());
        Assert.Equal(release, (await _http.GetAsync("/v1/observations")).Headers.GetValues("X-Dataset-Release").Single());
        Assert.Equal(23.ToString(CultureInfo.InvariantCulture), result.GetProperty("total").GetRawText());
    }

    [Fact]
    public async Task AnEarlierReleaseNamedByAToolReadsWhatThatReleaseHeld()
    {
        // Release 4ab180b2 (a branch) held no derived figures (the current one holds 4); release 53db9c8b quoted the
        // solar power station at more length than every release since.
        var branch = (await _client.CallJsonAsync("search_figures", """{"release": "4ab180b2", "includeDerived": true, "limit": 25}""")).Structured();
        var solar = (await _client.CallJsonAsync("get_figure", """{"release": "53db9c8b12bee743", "figureId": "pakistan-solar-power-stations-built-with-china"}""")).Structured();
        var rest = await (await _http.GetAsync("/v1/observations/pakistan-solar-power-stations-built-with-china?release=53db9c8b")).ReadJsonAsync();

        Assert.Equal("4ab180b297ab6388", branch.GetProperty("release").GetString());
        Assert.Equal(23.ToString(CultureInfo.InvariantCulture), branch.GetProperty("total").GetRawText());
        Assert.Equal("53db9c8b12bee743", solar.GetProperty("release").GetString());
        Assert.Equal("one hydropower plant, and one solar power station", rest.GetProperty("citation").GetProperty("quote").GetString());
        Assert.Contains("one hydropower plant, and one solar power station", solar.GetRawText());
    }
}

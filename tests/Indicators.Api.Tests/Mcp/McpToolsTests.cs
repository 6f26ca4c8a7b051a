using System.Text.Json;
using System.Text.Json.Nodes;
using Indicators.Api.Tests.Support;
using ModelContextProtocol;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace Indicators.Api.Tests.Mcp;

/// <summary>
/// The tools through the SDK's own client, over the service's real HTTP pipeline and the repository's seed data:
/// every tool for every seed figure, each result checked for the invariants every result must keep.
/// </summary>
public sealed class McpToolsTests(McpApiFactory factory) : IClassFixture<McpApiFactory>, IAsyncLifetime
{
    private static readonly string GoldenFile = Path.Combine(TestPaths.RepositoryRoot, "tests", "Indicators.Api.Tests", "Mcp", "tools-list.json");

    private readonly HttpClient _http = factory.CreateClient();
    private McpClient _client = null!;
    private IReadOnlyDictionary<string, Tool> _tools = null!;

    public async Task InitializeAsync()
    {
        _client = await McpClients.ConnectAsync(factory);
        _tools = (await _client.ListToolsAsync()).ToDictionary(t => t.Name, t => t.ProtocolTool);
    }

    public async Task DisposeAsync() => await _client.DisposeAsync();

    [Fact]
    public async Task ToolsListEqualsTheCommittedGoldenFile()
    {
        var listed = await _client.ListToolsAsync(new ListToolsRequestParams());
        var actual = McpClients.Indented(JsonSerializer.SerializeToNode(listed.Tools, McpJsonUtilities.DefaultOptions)) + "\n";
        if (Environment.GetEnvironmentVariable("UPDATE_MCP_GOLDEN") == "1")
        {
            await File.WriteAllTextAsync(GoldenFile, actual);
        }

        Assert.Equal(await File.ReadAllTextAsync(GoldenFile), actual);
    }

    [Fact]
    public async Task ToolsListNamesTheSevenToolsInOneOrderEveryTime()
    {
        var first = (await _client.ListToolsAsync()).Select(t => t.Name).ToList();
        await using var second = await McpClients.ConnectAsync(factory);
        Assert.Equal(
            ["search_figures", "get_figure", "get_quote_context", "verify_claim", "compare_figures", "get_source", "cite"], first);
        Assert.Equal(first, (await second.ListToolsAsync()).Select(t => t.Name).ToList());
    }

    [Fact]
    public async Task AClientOnTheInitializeHandshakeGetsTheSameToolsAndResults()
    {
        await using var legacy = await McpClients.ConnectAsync(factory, "2025-11-25");
        var tools = await legacy.ListToolsAsync(new ListToolsRequestParams());
        var result = await legacy.CallToolAsync("get_figure", new Dictionary<string, object?> { ["figureId"] = "china-gdp-2023-cny" });
        var current = await _client.CallToolAsync("get_figure", new Dictionary<string, object?> { ["figureId"] = "china-gdp-2023-cny" });

        Assert.Equal("2025-11-25", legacy.NegotiatedProtocolVersion);
        Assert.Equal("2026-07-28", _client.NegotiatedProtocolVersion);
        Assert.Equal(_tools.Keys, tools.Tools.Select(t => t.Name));
        Assert.All(tools.Tools, t => Assert.True(JsonElement.DeepEquals(_tools[t.Name].OutputSchema!.Value, t.OutputSchema!.Value)));
        Assert.True(JsonElement.DeepEquals(current.Structured(), result.Structured()));
        Assert.Equal(current.Text(), result.Text());
    }

    [Fact]
    public void EveryToolIsReadOnlyIdempotentClosedWorldWithAnInputAndAnObjectOutputSchema()
    {
        foreach (var tool in _tools.Values)
        {
            Assert.True(tool.Annotations?.ReadOnlyHint, tool.Name);
            Assert.True(tool.Annotations?.IdempotentHint, tool.Name);
            Assert.False(tool.Annotations?.OpenWorldHint, tool.Name);
            Assert.False(tool.Annotations?.DestructiveHint, tool.Name);
            Assert.Equal("object", tool.InputSchema.GetProperty("type").GetString());
            Assert.False(tool.InputSchema.GetProperty("additionalProperties").GetBoolean());
            Assert.Equal("object", tool.OutputSchema!.Value.GetProperty("type").GetString());
            Assert.DoesNotContain("$ref", tool.OutputSchema!.Value.GetRawText(), StringComparison.Ordinal);
            Assert.Contains("release", tool.OutputSchema!.Value.GetProperty("required").EnumerateArray().Select(r => r.GetString()));
        }
    }

    [Fact]
    public void VerifyClaimPublishesItsClosedSetOfVerdicts()
    {
        var verdict = _tools["verify_claim"].OutputSchema!.Value.GetProperty("properties").GetProperty("verdict");
        Assert.Equal(
            ["consistent", "outside-bounds", "other-unit", "other-scale", "other-period", "other-kind", "undetermined"],
            verdict.GetProperty("enum").EnumerateArray().Select(v => v.GetString()));
    }

    [Fact]
    public async Task EveryToolAnswersForEverySeedFigureAndEveryResultKeepsTheInvariants()
    {
        var seed = await SeedAsync();
        var results = new List<(string Tool, CallToolResult Result)>();
        async Task CallAsync(string tool, Dictionary<string, object?> arguments) =>
            results.Add((tool, await _client.CallToolAsync(tool, arguments)));

        foreach (var id in seed.FigureIds)
        {
            await CallAsync("get_figure", new() { ["figureId"] = id });
            await CallAsync("verify_claim", new() { ["figureId"] = id, ["value"] = seed.Values[id] });
            await CallAsync("compare_figures", new() { ["figureIds"] = new[] { id, seed.FigureIds[(seed.FigureIds.IndexOf(id) + 1) % seed.FigureIds.Count] } });
        }

        foreach (var id in seed.StatedIds)
        {
            foreach (var window in new[] { 0, 1, 200, 1000 })
            {
                await CallAsync("get_quote_context", new() { ["figureId"] = id, ["window"] = window });
            }
        }

        await CallAsync("compare_figures", new() { ["figureIds"] = seed.FigureIds.Take(10).ToArray() });
        foreach (var source in seed.SourceTexts.Keys)
        {
            foreach (var limit in new[] { 1, 25 })
            {
                string? cursor = null;
                do
                {
                    var page = await _client.CallToolAsync("get_source", new Dictionary<string, object?> { ["sourceId"] = source, ["limit"] = limit, ["cursor"] = cursor });
                    results.Add(("get_source", page));
                    cursor = page.Structured().GetProperty("nextCursor").GetString();
                }
                while (cursor is not null);
            }

            await CallAsync("cite", new() { ["sourceId"] = source });
        }

        foreach (var arguments in new Dictionary<string, object?>[]
                 {
                     new() { ["limit"] = 1 }, new() { ["limit"] = 25, ["includeDerived"] = true }, new() { ["q"] = "global south", ["limit"] = 1 },
                     new() { ["q"] = "poverty" }, new() { ["kind"] = "target" }, new() { ["q"] = "nothingmatchesthis" },
                 })
        {
            await CallAsync("search_figures", arguments);
        }

        await CallAsync("cite", new() { ["figureId"] = seed.StatedIds[0], ["style"] = "csl-json" });

        Assert.True(results.Count > 150);
        var failures = new List<string>();
        foreach (var (tool, result) in results)
        {
            try
            {
                McpResultChecks.AssertAll(result, _tools[tool], seed.SourceTexts, seed.Release);
            }
            catch (Xunit.Sdk.XunitException failure)
            {
                failures.Add($"{tool}: {failure.Message}");
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n\n", failures));

        var quotesChecked = results.Sum(r => McpResultChecks.AssertQuotesSliceTheirSources(r.Result.Structured(), seed.SourceTexts));
        Assert.True(quotesChecked >= seed.StatedIds.Count * 5, $"only {quotesChecked} quotes were checked");
    }

    [Fact]
    public async Task GetFigureOfADerivedFigureGivesItsFormulaAndItsInputsEachWithItsQuote()
    {
        var result = (await _client.CallToolAsync("get_figure", new Dictionary<string, object?> { ["figureId"] = "global-south-share-of-world-gdp-change" })).Structured();

        var figure = result.GetProperty("figure");
        Assert.Equal("derived", figure.GetProperty("kind").GetString());
        Assert.Equal(JsonValueKind.Null, figure.GetProperty("quote").ValueKind);
        Assert.Equal("[global-south-share-of-world-gdp-now] - [global-south-share-of-world-gdp-start]", figure.GetProperty("formula").GetString());
        Assert.Equal("more than 16 percentage points", figure.GetProperty("statement").GetString());
        Assert.Equal(JsonValueKind.Null, result.GetProperty("source").ValueKind);
        var inputs = result.GetProperty("inputs").EnumerateArray().ToList();
        Assert.Equal(["global-south-share-of-world-gdp-now", "global-south-share-of-world-gdp-start"], inputs.Select(i => i.GetProperty("id").GetString()));
        Assert.All(inputs, i => Assert.Equal("modernisation-in-china-and-pakistan", i.GetProperty("quote").GetProperty("sourceId").GetString()));
    }

    [Fact]
    public async Task AFigureCardCarriesTheWordsBoundsUnitScalePeriodKindAndQuoteOfTheRestObservation()
    {
        var rest = await (await _http.GetAsync("/v1/observations/china-gdp-2023-cny")).ReadJsonAsync();
        var result = await _client.CallToolAsync("get_figure", new Dictionary<string, object?> { ["figureId"] = "china-gdp-2023-cny" });
        var card = result.Structured().GetProperty("figure");

        Assert.Equal("exceeded 126 trillion yuan", card.GetProperty("statement").GetString());
        Assert.Equal(126, card.GetProperty("value").GetDouble());
        Assert.Equal(1e12, card.GetProperty("unit").GetProperty("scale").GetDouble());
        Assert.Equal("CNY", card.GetProperty("unit").GetProperty("code").GetString());
        var qualifier = card.GetProperty("qualifier");
        Assert.Equal("more-than", qualifier.GetProperty("type").GetString());
        Assert.Equal("exceeded", qualifier.GetProperty("words").GetString());
        Assert.Equal(126, qualifier.GetProperty("lower").GetDouble());
        Assert.False(qualifier.GetProperty("lowerInclusive").GetBoolean());
        Assert.Equal(JsonValueKind.Null, qualifier.GetProperty("upper").ValueKind);
        Assert.Equal("actual", card.GetProperty("kind").GetString());
        Assert.Equal(2023, card.GetProperty("period").GetProperty("startYear").GetInt32());
        var quote = card.GetProperty("quote");
        var citation = rest.GetProperty("citation");
        Assert.Equal(citation.GetProperty("quote").GetString(), quote.GetProperty("text").GetString());
        Assert.Equal(citation.GetProperty("start").GetInt32(), quote.GetProperty("start").GetInt32());
        Assert.Equal(citation.GetProperty("end").GetInt32(), quote.GetProperty("end").GetInt32());
        Assert.Equal(citation.GetProperty("url").GetString(), quote.GetProperty("url").GetString());
        Assert.StartsWith("exceeded 126 trillion yuan, Gross domestic product, China, 2023 [china-gdp-2023-cny]: “In 2023", result.Text());
    }

    [Fact]
    public async Task GetQuoteContextGivesTheTextAroundTheQuoteVerbatimAndCapsTheWindow()
    {
        var text = await _http.GetStringAsync("/v1/sources/enhancing-china-pakistan-cooperation/text");
        var result = (await _client.CallToolAsync("get_quote_context", new Dictionary<string, object?> { ["figureId"] = "china-gdp-2023-cny", ["window"] = 40 })).Structured();

        var quote = result.GetProperty("quote");
        var (start, end) = (quote.GetProperty("start").GetInt32(), quote.GetProperty("end").GetInt32());
        Assert.Equal(start - 40, result.GetProperty("contextStart").GetInt32());
        Assert.Equal(end + 40, result.GetProperty("contextEnd").GetInt32());
        Assert.Equal(McpResultChecks.CodePointSlice(text, start - 40, start), result.GetProperty("before").GetString());
        Assert.Equal(McpResultChecks.CodePointSlice(text, end, end + 40), result.GetProperty("after").GetString());

        var tooWide = await _client.CallToolAsync("get_quote_context", new Dictionary<string, object?> { ["figureId"] = "china-gdp-2023-cny", ["window"] = 1001 });
        Assert.True(tooWide.IsError);
        Assert.Contains("'window' must be an integer from 0 to 1000", tooWide.Text());
    }

    [Fact]
    public async Task CompareFiguresWarnsOfEveryDifferenceAndNamesTheFigureDerivedFromThem()
    {
        var result = (await _client.CallToolAsync("compare_figures", new Dictionary<string, object?>
        {
            ["figureIds"] = new[] { "global-south-share-of-world-gdp-start", "global-south-share-of-world-gdp-now" },
        })).Structured();

        Assert.False(result.GetProperty("comparable").GetBoolean());
        var aspects = result.GetProperty("warnings").EnumerateArray().Select(w => w.GetProperty("aspect").GetString()).ToList();
        Assert.Equal(["period", "bound"], aspects);
        Assert.Equal(["global-south-share-of-world-gdp-change"],
            result.GetProperty("derivedFigures").EnumerateArray().Select(d => d.GetProperty("id").GetString()));

        var units = (await _client.CallToolAsync("compare_figures", new Dictionary<string, object?>
        {
            ["figureIds"] = new[] { "china-gdp-2023-cny", "china-gdp-2023-usd", "china-gdp-growth-target-2024" },
        })).Structured();
        Assert.Equal(["indicator", "unit", "period", "kind", "bound", "bound", "bound"],
            units.GetProperty("warnings").EnumerateArray().Select(w => w.GetProperty("aspect").GetString()));

        var comparable = (await _client.CallToolAsync("compare_figures", new Dictionary<string, object?>
        {
            ["figureIds"] = new[] { "pakistan-hydropower-plants-built-with-china", "pakistan-solar-power-stations-built-with-china" },
        })).Structured();
        Assert.Contains("indicator", comparable.GetProperty("warnings").EnumerateArray().Select(w => w.GetProperty("aspect").GetString()));
    }

    [Fact]
    public async Task GetSourceGivesTheRecordTheTextDigestAndEveryFigureQuotedFromIt()
    {
        var text = await _http.GetStringAsync("/v1/sources/modernisation-in-china-and-pakistan/text");
        var rest = await (await _http.GetAsync("/v1/observations?source=modernisation-in-china-and-pakistan")).ReadJsonAsync();
        var result = (await _client.CallToolAsync("get_source", new Dictionary<string, object?> { ["sourceId"] = "modernisation-in-china-and-pakistan", ["limit"] = 25 })).Structured();

        var source = result.GetProperty("source");
        Assert.Equal("Jiang Zaidong", source.GetProperty("author").GetString());
        Assert.Equal("2024-09-10", source.GetProperty("publishedOn").GetString());
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text))),
            source.GetProperty("sha256").GetString());
        Assert.Equal(text.EnumerateRunes().Count(), source.GetProperty("length").GetInt32());
        Assert.Equal(rest.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()),
            result.GetProperty("figures").EnumerateArray().Select(f => f.GetProperty("id").GetString()));
        Assert.Equal(JsonValueKind.Null, result.GetProperty("nextCursor").ValueKind);
    }

    /// <summary>The seed data as the REST API serves it: every figure, its value, and every source's text.</summary>
    private async Task<Seed> SeedAsync()
    {
        var list = await (await _http.GetAsync("/v1/observations?includeDerived=true&pageSize=1000")).ReadJsonAsync();
        var items = list.GetProperty("items").EnumerateArray().ToList();
        var sources = await (await _http.GetAsync("/v1/sources")).ReadJsonAsync();
        var texts = new Dictionary<string, string>();
        foreach (var source in sources.GetProperty("items").EnumerateArray().Select(s => s.GetProperty("id").GetString()!))
        {
            texts[source] = await _http.GetStringAsync($"/v1/sources/{source}/text");
        }

        return new Seed(
            items.Select(i => i.GetProperty("id").GetString()!).ToList(),
            items.Where(i => i.GetProperty("citation").ValueKind == JsonValueKind.Object).Select(i => i.GetProperty("id").GetString()!).ToList(),
            items.ToDictionary(i => i.GetProperty("id").GetString()!, i => i.GetProperty("value").GetDouble()),
            texts,
            list.GetProperty("release").GetString()!);
    }

    private sealed record Seed(
        List<string> FigureIds, List<string> StatedIds, Dictionary<string, double> Values, Dictionary<string, string> SourceTexts, string Release);
}

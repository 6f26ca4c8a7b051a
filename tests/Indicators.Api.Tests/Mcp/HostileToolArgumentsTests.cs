using System.Text.Json;
using System.Text.Json.Nodes;
using CsCheck;
using Indicators.Api.Tests.Support;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using Xunit.Abstractions;

namespace Indicators.Api.Tests.Mcp;

/// <summary>
/// Property-based: generated arguments for every tool (its own argument names and some it does not take, with values
/// of every JSON type, huge numbers, long and odd strings). Whatever is sent, a call answers a result or a tool error
/// that says what is wrong: never the SDK's "An error occurred invoking …" (an exception the tools did not expect),
/// never a protocol error, and a result keeps the invariants of every result.
/// </summary>
public sealed class HostileToolArgumentsTests(McpApiFactory factory, ITestOutputHelper output) : IClassFixture<McpApiFactory>, IAsyncLifetime
{
    private const int Iterations = 1_000;

    private static readonly Gen<JsonNode?> Scalar = Gen.OneOf<JsonNode?>(
        Gen.Bool.Select(_ => (JsonNode?)null),
        Gen.Bool.Select(b => (JsonNode?)JsonValue.Create(b)),
        Gen.Int.Select(i => (JsonNode?)JsonValue.Create(i)),
        Gen.OneOfConst(0, 1, 2, 10, 25, 26, -1, 1000, 1001, 2023, 9999, 10000).Select(i => (JsonNode?)JsonValue.Create(i)),
        Gen.OneOfConst(1.5, -0.0, 1e308, -1e308, 40.1, 126e12, double.Epsilon).Select(d => (JsonNode?)JsonValue.Create(d)),
        Gen.OneOfConst("", " ", "china-gdp-2023-cny", "global-south-share-of-world-gdp-change", "modernisation-in-china-and-pakistan",
            "apa", "csl-json", "billion", "actual", "target", "2023", "2012-", "2004-2024", "2024-2020", "%", "yuan", "\"global south\"",
            "motor*", "MTAuNQ", "\u0000", "😀𝐆", "<script>", "' OR 1=1 --", new string('x', 3000)).Select(s => (JsonNode?)JsonValue.Create(s)),
        Gen.String.Select(s => (JsonNode?)JsonValue.Create(s)));

    private static readonly Gen<JsonNode?> Value = Gen.OneOf(
        Scalar,
        Scalar.Array[0, 12].Select(items => (JsonNode?)new JsonArray([.. items])),
        Gen.Select(Gen.OneOfConst("a", "figureId", "_meta"), Scalar, (k, v) => (JsonNode?)new JsonObject { [k] = v }));

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, int> _outcomes = new();
    private McpClient _client = null!;
    private IReadOnlyList<Tool> _tools = [];
    private Dictionary<string, string> _texts = [];
    private string _release = "";

    public async Task InitializeAsync()
    {
        _client = await McpClients.ConnectAsync(factory);
        _tools = (await _client.ListToolsAsync()).Select(t => t.ProtocolTool).ToList();
        var http = factory.CreateClient();
        foreach (var source in new[] { "enhancing-china-pakistan-cooperation", "modernisation-in-china-and-pakistan" })
        {
            _texts[source] = await http.GetStringAsync($"/v1/sources/{source}/text");
        }

        _release = (await (await http.GetAsync("/v1/releases/latest")).ReadJsonAsync()).GetProperty("id").GetString()!;
    }

    public async Task DisposeAsync()
    {
        output.WriteLine(string.Join(", ", _outcomes.OrderBy(o => o.Key).Select(o => $"{o.Key}: {o.Value}")));
        await _client.DisposeAsync();
    }

    private static readonly string[] FigureIds =
    [
        "china-gdp-2023-cny", "china-gdp-growth-target-2024", "china-rural-poverty-lifted-since-2012", "global-south-share-of-world-gdp-now",
        "multan-sukkur-motorway-travel-time-after", "lahore-safe-city-traffic-violation-reduction", "global-south-share-of-world-gdp-change",
        "multan-sukkur-motorway-travel-time-saved", "china-implied-cny-per-usd-2023",
    ];

    /// <summary>Arguments a tool accepts, so that mutating one or two of them reaches past the required ones.</summary>
    private static Gen<Dictionary<string, JsonNode?>> ValidArguments(string tool) =>
        Gen.Select(Gen.OneOfConst(FigureIds), Gen.OneOfConst(FigureIds), Gen.Double[-1e3, 1e15], (a, b, value) => tool switch
        {
            "get_figure" or "get_quote_context" or "cite" => new Dictionary<string, JsonNode?> { ["figureId"] = a },
            "verify_claim" => new() { ["figureId"] = a, ["value"] = value },
            "compare_figures" => new() { ["figureIds"] = new JsonArray(a, a == b ? FigureIds[0] == a ? FigureIds[1] : FigureIds[0] : b) },
            "get_source" => new() { ["sourceId"] = "modernisation-in-china-and-pakistan" },
            _ => new(),
        });

    [Fact]
    public Task EveryToolAnswersEveryGeneratedArgumentSetWithAResultOrAToolErrorThatSaysWhy() =>
        Gen.Int[0, 6].SelectMany(toolIndex =>
            {
                var tool = _tools[toolIndex];
                var names = tool.InputSchema.GetProperty("properties").EnumerateObject().Select(p => p.Name).Append("bogus").ToArray();
                // Half the calls start from arguments the tool accepts and change up to two; half are arbitrary.
                return Gen.Select(Gen.Bool, ValidArguments(tool.Name), Gen.Int[0, 2], Gen.Select(Gen.OneOfConst(names), Value).Array[0, 6], (fromValid, valid, changes, pairs) =>
                {
                    var arguments = fromValid ? valid : [];
                    foreach (var (name, value) in fromValid ? pairs.Take(changes) : pairs)
                    {
                        arguments[name] = value;
                    }

                    return (Tool: tool, Arguments: arguments);
                });
            })
            .SampleAsync(async call =>
            {
                var arguments = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(new JsonObject(
                    call.Arguments.Select(a => KeyValuePair.Create(a.Key, a.Value?.DeepClone()))).ToJsonString())!;
                var result = await _client.CallToolAsync(new CallToolRequestParams { Name = call.Tool.Name, Arguments = arguments });
                if (result.IsError is true)
                {
                    _outcomes.AddOrUpdate($"{call.Tool.Name} error", 1, (_, n) => n + 1);
                    Assert.DoesNotContain("An error occurred", result.Text(), StringComparison.Ordinal);
                    Assert.True(result.Text().Length < 2000, result.Text());
                    return;
                }

                _outcomes.AddOrUpdate($"{call.Tool.Name} result", 1, (_, n) => n + 1);
                McpResultChecks.AssertAll(result, call.Tool, _texts, _release);
            }, iter: Iterations, threads: 2, print: call => $"{call.Tool.Name} {JsonSerializer.Serialize(call.Arguments)}");
}

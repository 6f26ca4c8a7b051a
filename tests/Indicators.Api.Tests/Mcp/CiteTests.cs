using System.Net;
using System.Text;
using System.Text.Json;
using Indicators.Api.Tests.Support;
using ModelContextProtocol.Client;

namespace Indicators.Api.Tests.Mcp;

/// <summary>cite answers the REST citation export's text byte for byte, for every figure, every source and every style.</summary>
public sealed class CiteTests(McpApiFactory factory) : IClassFixture<McpApiFactory>, IAsyncLifetime
{
    private static readonly string[] Styles = ["apa", "chicago", "bibtex", "ris", "csl-json"];

    private readonly HttpClient _http = factory.CreateClient();
    private McpClient _client = null!;

    public async Task InitializeAsync() => _client = await McpClients.ConnectAsync(factory);

    public async Task DisposeAsync() => await _client.DisposeAsync();

    [Fact]
    public async Task CiteEqualsTheRestExportForEveryFigureSourceAndStyle()
    {
        var figures = (await (await _http.GetAsync("/v1/observations?includeDerived=true&pageSize=1000")).ReadJsonAsync())
            .GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()!).ToList();
        var sources = (await (await _http.GetAsync("/v1/sources")).ReadJsonAsync())
            .GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()!).ToList();
        var compared = 0;
        foreach (var style in Styles)
        {
            foreach (var (argument, id, path) in figures.Select(f => ("figureId", f, $"/v1/observations/{f}/citation"))
                         .Concat(sources.Select(s => ("sourceId", s, $"/v1/sources/{s}/citation"))))
            {
                var rest = await _http.GetAsync($"{path}?style={style}");
                Assert.Equal(HttpStatusCode.OK, rest.StatusCode);
                var result = (await _client.CallToolAsync("cite", new Dictionary<string, object?> { [argument] = id, ["style"] = style })).Structured();

                Assert.Equal(await rest.Content.ReadAsByteArrayAsync(), Encoding.UTF8.GetBytes(result.GetProperty("text").GetString()!));
                Assert.Equal(rest.Content.Headers.ContentType!.ToString().Replace(" ", "", StringComparison.Ordinal),
                    result.GetProperty("mediaType").GetString()!.Replace(" ", "", StringComparison.Ordinal));
                Assert.EndsWith($"{path}?style={style}", result.GetProperty("export").GetString());
                compared++;
            }
        }

        Assert.Equal(Styles.Length * (figures.Count + sources.Count), compared);
    }

    [Fact]
    public async Task CiteDefaultsToApaAsTheRestExportDoesAndItsCslJsonParses()
    {
        var apa = (await _client.CallToolAsync("cite", new Dictionary<string, object?> { ["sourceId"] = "modernisation-in-china-and-pakistan" })).Structured();
        var rest = await _http.GetStringAsync("/v1/sources/modernisation-in-china-and-pakistan/citation");
        var csl = (await _client.CallToolAsync("cite", new Dictionary<string, object?> { ["figureId"] = "china-gdp-2023-cny", ["style"] = "csl-json" })).Structured();

        Assert.Equal("apa", apa.GetProperty("style").GetString());
        Assert.Equal(rest, apa.GetProperty("text").GetString());
        Assert.Contains("Retrieved March 14, 2026", rest);
        var item = Assert.Single(JsonDocument.Parse(csl.GetProperty("text").GetString()!).RootElement.EnumerateArray());
        Assert.Equal("china-gdp-2023-cny", item.GetProperty("id").GetString());
    }

    [Theory]
    [InlineData("""{}""", "Give exactly one of 'figureId' (to cite a figure) or 'sourceId'")]
    [InlineData("""{"figureId": "china-gdp-2023-cny", "sourceId": "modernisation-in-china-and-pakistan"}""", "Give exactly one of")]
    [InlineData("""{"figureId": "china-gdp-2023-cny", "style": "mla"}""", "'style' must be one of \"apa\", \"chicago\", \"bibtex\", \"ris\", \"csl-json\"")]
    [InlineData("""{"sourceId": "nope"}""", "There is no source 'nope' to cite. Send one of: enhancing-china-pakistan-cooperation, modernisation-in-china-and-pakistan.")]
    [InlineData("""{"figureId": "no-such-figure", "style": "ris"}""", "There is no figure 'no-such-figure' to cite. Find ids with search_figures.")]
    public async Task ABadCiteIsAToolErrorThatSaysWhatToSend(string arguments, string message)
    {
        var result = await _client.CallJsonAsync("cite", arguments);

        Assert.True(result.IsError);
        Assert.Contains(message, result.Text());
    }
}

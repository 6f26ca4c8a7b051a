using Indicators.Api.Tests.Support;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace Indicators.Api.Tests.Mcp;

/// <summary>
/// Offsets count Unicode code points, and a fixture source puts characters outside the Basic Multilingual Plane (two
/// UTF-16 units each) before and inside its quotes: a tool that indexed the .NET string would slice the wrong span.
/// </summary>
public sealed class AstralTextTests : IAsyncLifetime, IDisposable
{
    private const string Source = "fixture-astral-source";

    private readonly DataFolder _data = new();
    private readonly ApiFactory _factory = new();
    private McpClient _client = null!;
    private string _text = "";
    private Dictionary<string, string> _texts = [];

    public AstralTextTests()
    {
        var fixture = Fixtures.Directory("astral-source");
        _data.Copy(Path.Combine(fixture, "sources", $"{Source}.txt"), $"sources/{Source}.txt");
        _data.AppendRows("sources.csv", File.ReadAllText(Path.Combine(fixture, "sources.rows.csv")));
        _data.AppendRows("observations.csv", File.ReadAllText(Path.Combine(fixture, "observations.rows.csv")));
        _data.WriteNote("Adds a fixture document written outside the Basic Multilingual Plane.");
    }

    public async Task InitializeAsync()
    {
        var (exit, _, error) = _data.Import(_factory.DatabasePath);
        Assert.True(exit == 0, error);
        _client = await McpClients.ConnectAsync(_factory);
        var http = _factory.CreateClient();
        _text = await http.GetStringAsync($"/v1/sources/{Source}/text");
        _texts = new Dictionary<string, string> { [Source] = _text };
    }

    public async Task DisposeAsync() => await _client.DisposeAsync();

    public void Dispose()
    {
        _factory.Dispose();
        _data.Dispose();
    }

    [Fact]
    public void TheFixtureHasCharactersOutsideTheBmpBeforeItsQuotes()
    {
        var before = _text[.._text.IndexOf("Pakistan counts", StringComparison.Ordinal)];
        Assert.True(before.EnumerateRunes().Count(r => r.IsBmp is false) >= 8);
    }

    [Theory]
    [InlineData("fixture-astral-wind-farms")]
    [InlineData("fixture-astral-training-opportunities")]
    public async Task EveryToolSlicesTheQuoteByCodePointsWhereUtf16IndexingWouldNot(string figureId)
    {
        var figure = (await _client.CallToolAsync("get_figure", new Dictionary<string, object?> { ["figureId"] = figureId })).Structured();
        var quote = figure.GetProperty("figure").GetProperty("quote");
        var (start, end) = (quote.GetProperty("start").GetInt32(), quote.GetProperty("end").GetInt32());

        Assert.Equal(quote.GetProperty("text").GetString(), McpResultChecks.CodePointSlice(_text, start, end));
        Assert.NotEqual(quote.GetProperty("text").GetString(), _text[start..Math.Min(end, _text.Length)]);

        var context = (await _client.CallToolAsync("get_quote_context", new Dictionary<string, object?> { ["figureId"] = figureId, ["window"] = 30 })).Structured();
        Assert.Equal(McpResultChecks.CodePointSlice(_text, start - 30, start), context.GetProperty("before").GetString());
        Assert.Equal(McpResultChecks.CodePointSlice(_text, end, Math.Min(end + 30, _text.EnumerateRunes().Count())), context.GetProperty("after").GetString());

        var slice = await _client.ReadResourceAsync(quote.GetProperty("textUri").GetString()!);
        Assert.Equal(quote.GetProperty("text").GetString(), Assert.IsType<TextResourceContents>(Assert.Single(slice.Contents)).Text);
    }

    [Fact]
    public async Task SearchAndGetSourceQuotesSliceTheFixtureByCodePoints()
    {
        var search = (await _client.CallToolAsync("search_figures", new Dictionary<string, object?> { ["source"] = Source })).Structured();
        var source = (await _client.CallToolAsync("get_source", new Dictionary<string, object?> { ["sourceId"] = Source })).Structured();

        Assert.Equal(2, McpResultChecks.AssertQuotesSliceTheirSources(search, _texts));
        Assert.Equal(2, McpResultChecks.AssertQuotesSliceTheirSources(source, _texts));
        Assert.Equal(_text.EnumerateRunes().Count(), source.GetProperty("source").GetProperty("length").GetInt32());
    }
}

using Indicators.Api.Tests.Support;
using ModelContextProtocol;
using ModelContextProtocol.Client;

namespace Indicators.Api.Tests.Mcp;

/// <summary>A bad or missing argument is a tool error (isError) whose text says what to send instead; an unknown tool is a protocol error.</summary>
public sealed class ToolErrorsTests(McpApiFactory factory) : IClassFixture<McpApiFactory>, IAsyncLifetime
{
    private McpClient _client = null!;

    public async Task InitializeAsync() => _client = await McpClients.ConnectAsync(factory);

    public async Task DisposeAsync() => await _client.DisposeAsync();

    [Theory]
    [InlineData("get_figure", "{}", "'figureId' is required: a string; a figure id, as search_figures returns them")]
    [InlineData("get_figure", """{"figureId": 42}""", "'figureId' must be a string; a figure id, as search_figures returns them (e.g. \"china-gdp-2023-cny\"); got 42.")]
    [InlineData("get_figure", """{"figureId": "nope"}""", "There is no figure 'nope'. Find ids with search_figures (or get_source for a source's figures).")]
    [InlineData("get_figure", """{"id": "china-gdp-2023-cny"}""", "There is no argument 'id': this tool takes figureId, release.")]
    [InlineData("get_quote_context", """{"figureId": "global-south-share-of-world-gdp-change"}""", "'global-south-share-of-world-gdp-change' is derived by this service ([global-south-share-of-world-gdp-now] - [global-south-share-of-world-gdp-start]) and has no quote of its own: call get_quote_context with one of its inputs (global-south-share-of-world-gdp-now, global-south-share-of-world-gdp-start).")]
    [InlineData("get_quote_context", """{"figureId": "china-gdp-2023-cny", "window": -1}""", "'window' must be an integer from 0 to 1000; got -1.")]
    [InlineData("compare_figures", """{"figureIds": ["china-gdp-2023-cny"]}""", "'figureIds' must be an array of 2 to 10 items, each a string")]
    [InlineData("compare_figures", """{"figureIds": "china-gdp-2023-cny"}""", "'figureIds' must be an array of 2 to 10 items")]
    [InlineData("compare_figures", """{"figureIds": ["china-gdp-2023-cny", "china-gdp-2023-cny"]}""", "'figureIds' names a figure more than once: send each id once.")]
    [InlineData("compare_figures", """{"figureIds": ["china-gdp-2023-cny", "nope"]}""", "There is no figure 'nope'.")]
    [InlineData("get_source", """{"sourceId": "nope"}""", "There is no source 'nope'. Send one of: enhancing-china-pakistan-cooperation, modernisation-in-china-and-pakistan.")]
    [InlineData("get_source", """{"sourceId": "modernisation-in-china-and-pakistan", "limit": 0}""", "'limit' must be an integer from 1 to 25; got 0.")]
    [InlineData("get_source", """{"sourceId": "modernisation-in-china-and-pakistan", "release": "latest"}""", "'latest' is not a release id: give its 16 hex digits")]
    public async Task ABadArgumentIsAToolErrorThatSaysWhatToSend(string tool, string arguments, string message)
    {
        var result = await _client.CallJsonAsync(tool, arguments);

        Assert.True(result.IsError);
        Assert.Null(result.StructuredContent);
        Assert.Contains(message, result.Text());
    }

    [Fact]
    public async Task AnUnknownToolIsAProtocolErrorNamingIt()
    {
        var error = await Assert.ThrowsAsync<McpProtocolException>(() => _client.CallJsonAsync("get_figures", "{}"));

        Assert.Equal(McpErrorCode.InvalidParams, error.ErrorCode);
        Assert.Contains("get_figures", error.Message);
    }

    [Fact]
    public async Task WhatAClientSentComesBackCutShort()
    {
        var result = await _client.CallJsonAsync("get_figure", $$"""{"figureId": "{{new string('x', 5000)}}"}""");

        Assert.True(result.IsError);
        Assert.True(result.Text().Length < 300, result.Text());
    }
}

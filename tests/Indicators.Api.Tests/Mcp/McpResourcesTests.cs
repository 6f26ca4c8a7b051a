using System.Text.Json;
using Indicators.Api.Tests.Support;
using ModelContextProtocol;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace Indicators.Api.Tests.Mcp;

/// <summary>The resources under indicators://: templates for figures, sources and text slices, and the qualifier guide.</summary>
public sealed class McpResourcesTests(McpApiFactory factory) : IClassFixture<McpApiFactory>, IAsyncLifetime
{
    private const string Source = "modernisation-in-china-and-pakistan";

    private readonly HttpClient _http = factory.CreateClient();
    private McpClient _client = null!;

    public async Task InitializeAsync() => _client = await McpClients.ConnectAsync(factory);

    public async Task DisposeAsync() => await _client.DisposeAsync();

    [Fact]
    public async Task TheTemplatesAreFiguresSourcesAndTextSlicesUnderOneScheme()
    {
        var templates = (await _client.ListResourceTemplatesAsync()).Select(t => t.ProtocolResourceTemplate).ToList();
        var resources = (await _client.ListResourcesAsync()).Select(r => r.ProtocolResource).ToList();

        Assert.Equal(
            ["indicators://figures/{id}", "indicators://sources/{id}", "indicators://sources/{id}/text{?start,end}"],
            templates.Select(t => t.UriTemplate));
        Assert.Equal(["indicators://guide/qualifiers"], resources.Select(r => r.Uri));
        Assert.All(templates, t => Assert.False(string.IsNullOrWhiteSpace(t.Description)));
    }

    [Fact]
    public async Task AFigureResourceIsTheFigureCardWithItsRelease()
    {
        var figure = (await _client.CallToolAsync("get_figure", new Dictionary<string, object?> { ["figureId"] = "china-population-2024" })).Structured();

        var read = await _client.ReadResourceAsync("indicators://figures/china-population-2024");

        var contents = Assert.IsType<TextResourceContents>(Assert.Single(read.Contents));
        Assert.Equal("application/json", contents.MimeType);
        var resource = JsonDocument.Parse(contents.Text).RootElement;
        Assert.True(JsonElement.DeepEquals(figure.GetProperty("figure"), resource.GetProperty("figure")));
        Assert.Equal(figure.GetProperty("release").GetString(), resource.GetProperty("release").GetString());
    }

    [Fact]
    public async Task ASourceResourceListsEveryFigureQuotedFromIt()
    {
        var rest = await (await _http.GetAsync($"/v1/observations?source={Source}")).ReadJsonAsync();

        var read = await _client.ReadResourceAsync($"indicators://sources/{Source}");

        var resource = JsonDocument.Parse(Assert.IsType<TextResourceContents>(Assert.Single(read.Contents)).Text).RootElement;
        Assert.Equal(rest.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()),
            resource.GetProperty("figureIds").EnumerateArray().Select(i => i.GetString()));
        Assert.Equal("Jiang Zaidong", resource.GetProperty("source").GetProperty("author").GetString());
    }

    [Fact]
    public async Task ATextResourceIsTheSourceTextVerbatimWholeOrSlicedByCodePoints()
    {
        var text = await _http.GetStringAsync($"/v1/sources/{Source}/text");

        var whole = Assert.IsType<TextResourceContents>(Assert.Single((await _client.ReadResourceAsync($"indicators://sources/{Source}/text")).Contents));
        var slice = Assert.IsType<TextResourceContents>(Assert.Single((await _client.ReadResourceAsync($"indicators://sources/{Source}/text?start=100&end=250")).Contents));
        var tail = Assert.IsType<TextResourceContents>(Assert.Single((await _client.ReadResourceAsync($"indicators://sources/{Source}/text?start=13000")).Contents));

        Assert.Equal(text, whole.Text);
        Assert.Equal("text/plain", whole.MimeType);
        Assert.Equal(McpResultChecks.CodePointSlice(text, 100, 250), slice.Text);
        Assert.Equal($"indicators://sources/{Source}/text?start=100&end=250", slice.Uri);
        Assert.Equal(McpResultChecks.CodePointSlice(text, 13000, text.EnumerateRunes().Count()), tail.Text);
        Assert.NotNull(whole.Meta?["release"]);
    }

    [Fact]
    public async Task ListsAndReadsArePublicAndFreshAsLongAsARestAnswer()
    {
        var tools = await _client.ListToolsAsync(new ListToolsRequestParams());
        var templates = await _client.ListResourceTemplatesAsync(new ListResourceTemplatesRequestParams());
        var read = await _client.ReadResourceAsync($"indicators://sources/{Source}");
        var maxAge = (await _http.GetAsync("/v1/sources")).Headers.CacheControl!.MaxAge;

        Assert.Equal(TimeSpan.FromSeconds(60), maxAge);
        Assert.All(new ICacheableResult[] { tools, templates, read }, result =>
        {
            Assert.Equal(maxAge, result.TimeToLive);
            Assert.Equal(CacheScope.Public, result.CacheScope);
        });
    }

    [Theory]
    [InlineData("indicators://figures/no-such-figure", "There is no figure 'no-such-figure'")]
    [InlineData("indicators://sources/no-such-source", "There is no source 'no-such-source'; source ids are: ")]
    [InlineData("indicators://sources/modernisation-in-china-and-pakistan/text?start=abc", "'start' must be a whole number of code points from 0 to the text's length")]
    [InlineData("indicators://sources/modernisation-in-china-and-pakistan/text?start=200&end=100", "'end' (100) is before 'start' (200).")]
    [InlineData("indicators://sources/modernisation-in-china-and-pakistan/text?start=0&end=999999", "'end' must be a whole number of code points from 0 to the text's length")]
    public async Task ABadResourceUriIsAJsonRpcErrorThatSaysWhatToAskFor(string uri, string message)
    {
        var error = await Assert.ThrowsAsync<McpProtocolException>(() => _client.ReadResourceAsync(uri).AsTask());

        Assert.Contains(message, error.Message);
    }

    [Fact]
    public async Task TheGuideSaysWhatEveryQualifierKindAndVerdictMeans()
    {
        var guide = Assert.IsType<TextResourceContents>(Assert.Single((await _client.ReadResourceAsync("indicators://guide/qualifiers")).Contents));

        Assert.Equal("text/markdown", guide.MimeType);
        foreach (var word in new[] { "| more-than | more than | (value) | none |", "| nearly | nearly | none | (value) |", "| approximately | around | none | none |",
                     "`target`", "`derived`", "`outside-bounds`", "`undetermined`", "Unicode code points" })
        {
            Assert.Contains(word, guide.Text);
        }
    }
}

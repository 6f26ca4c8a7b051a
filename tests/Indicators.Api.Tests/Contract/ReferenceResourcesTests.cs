using System.Net;
using System.Text.Json;
using Indicators.Api.Tests.Support;

namespace Indicators.Api.Tests.Contract;

/// <summary>Indicators, entities and sources: the same envelope, fixed order, and 404 problems for unknown codes.</summary>
public sealed class ReferenceResourcesTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    [Theory]
    [InlineData("/v1/indicators", "code", 20)]
    [InlineData("/v1/entities", "code", 7)]
    [InlineData("/v1/sources", "id", 2)]
    public async Task EveryListUsesTheSameEnvelopeInADeterministicOrder(string path, string key, int total)
    {
        var body = await (await _client.GetAsync(path)).ReadJsonAsync();

        Assert.Equal(total, body.GetProperty("total").GetInt32());
        Assert.Equal(1, body.GetProperty("page").GetInt32());
        Assert.Equal(100, body.GetProperty("pageSize").GetInt32());
        var keys = body.GetProperty("items").EnumerateArray().Select(i => i.GetProperty(key).GetString()).ToList();
        Assert.Equal(keys.Order(StringComparer.Ordinal), keys);
        Assert.Equal(JsonValueKind.Null, body.GetProperty("links").GetProperty("next").ValueKind);
    }

    [Fact]
    public async Task SmallPagesOfAReferenceListLinkToTheNextPage()
    {
        var first = await (await _client.GetAsync("/v1/indicators?pageSize=10")).ReadJsonAsync();
        var next = first.GetProperty("links").GetProperty("next").GetString()!;
        var second = await (await _client.GetAsync(next)).ReadJsonAsync();

        Assert.Equal(10, first.GetProperty("items").GetArrayLength());
        Assert.Equal(10, second.GetProperty("items").GetArrayLength());
        Assert.Equal(2, second.GetProperty("page").GetInt32());
        Assert.Equal(JsonValueKind.Null, second.GetProperty("links").GetProperty("next").ValueKind);
    }

    [Fact]
    public async Task SourceMetadataGivesOnlyWhatTheTextStates()
    {
        var undated = await (await _client.GetAsync("/v1/sources/enhancing-china-pakistan-cooperation")).ReadJsonAsync();
        var dated = await (await _client.GetAsync("/v1/sources/modernisation-in-china-and-pakistan")).ReadJsonAsync();

        Assert.Equal("Enhancing China-Pakistan Cooperation With New Quality Productive Forces", undated.GetProperty("title").GetString());
        Assert.Equal(JsonValueKind.Null, undated.GetProperty("author").ValueKind);
        Assert.Equal(JsonValueKind.Null, undated.GetProperty("publishedOn").ValueKind);
        Assert.Equal("Jiang Zaidong", dated.GetProperty("author").GetString());
        Assert.Equal("2024-09-10", dated.GetProperty("publishedOn").GetString());
        foreach (var source in new[] { undated, dated })
        {
            Assert.Equal(JsonValueKind.Null, source.GetProperty("publisher").ValueKind);
            Assert.Equal(JsonValueKind.Null, source.GetProperty("url").ValueKind);
            Assert.Equal(JsonValueKind.Null, source.GetProperty("licence").ValueKind);
            Assert.Matches("/text\\?release=[0-9a-f]{16}$", source.GetProperty("textUrl").GetString());
        }

        // What curators established outside the text is said as such, apart from what the text states.
        Assert.Empty(undated.GetProperty("alsoPublishedIn").EnumerateArray());
        var other = Assert.Single(dated.GetProperty("alsoPublishedIn").EnumerateArray());
        Assert.Equal("Work together to advance modernization in China and Pakistan", other.GetProperty("title").GetString());
        Assert.Equal("Pakistan Today", other.GetProperty("publisher").GetString());
        Assert.Equal("2024-09-09", other.GetProperty("publishedOn").GetString());
        Assert.Equal("https://www.pakistantoday.com.pk/2024/09/09/work-together-to-advance-modernization-in-china-and-pakistan/", other.GetProperty("url").GetString());
        Assert.Equal("2026-12-01", other.GetProperty("establishedOn").GetString());
        Assert.False(string.IsNullOrWhiteSpace(other.GetProperty("establishedBy").GetString()));
        Assert.Contains("word for word", other.GetProperty("how").GetString());

        Assert.Equal(11, undated.GetProperty("observationCount").GetInt32());
        Assert.Equal(12, dated.GetProperty("observationCount").GetInt32());
    }

    [Fact]
    public async Task IndicatorObservationsAreTheIndicatorsFiguresWithTheSameFilters()
    {
        var all = await (await _client.GetAsync("/v1/indicators/share-of-world-growth/observations")).ReadJsonAsync();
        var china = await (await _client.GetAsync("/v1/indicators/share-of-world-growth/observations?entity=china")).ReadJsonAsync();

        Assert.Equal(3, all.GetProperty("total").GetInt32());
        Assert.Equal(2, china.GetProperty("total").GetInt32());
        Assert.All(all.GetProperty("items").EnumerateArray(),
            o => Assert.Equal("share-of-world-growth", o.GetProperty("indicator").GetProperty("code").GetString()));
    }

    [Theory]
    [InlineData("/v1/indicators/gdp/observations?indicator=gdp")]
    [InlineData("/v1/indicators/gdp/observations?indicator=share-of-world-growth")]
    [InlineData("/v1/indicators/gdp/observations.csv?indicator=gdp")]
    public async Task AnIndicatorListRejectsAnIndicatorFilterBecauseThePathNamesIt(string path)
    {
        await (await _client.GetAsync(path)).AssertBadParametersAsync("indicator");
    }

    [Fact]
    public async Task TheDocumentLeavesTheIndicatorFilterOutOfTheIndicatorsOwnList()
    {
        var document = await (await _client.GetAsync("/swagger/v1/swagger.json")).ReadJsonAsync();

        string[] Parameters(string path) => document.GetProperty("paths").GetProperty(path).GetProperty("get")
            .GetProperty("parameters").EnumerateArray().Select(p => p.GetProperty("name").GetString()!).ToArray();
        Assert.DoesNotContain("indicator", Parameters("/v1/indicators/{code}/observations"));
        Assert.Contains("entity", Parameters("/v1/indicators/{code}/observations"));
        Assert.Contains("indicator", Parameters("/v1/observations"));
    }

    [Fact]
    public async Task AReleaseIdFromTheHeaderLeadsToThatRelease()
    {
        var response = await _client.GetAsync("/v1/entities");
        var id = string.Join("", response.Headers.GetValues("X-Dataset-Release"));

        var release = await (await _client.GetAsync($"/v1/releases/{id}")).ReadJsonAsync();

        Assert.Equal(id, release.GetProperty("id").GetString());
    }

    [Theory]
    [InlineData("/v1/indicators/gdpp")]
    [InlineData("/v1/indicators/gdpp/observations")]
    [InlineData("/v1/entities/atlantis")]
    [InlineData("/v1/sources/nowhere")]
    [InlineData("/v1/sources/nowhere/text")]
    [InlineData("/v1/releases/0000000000000000")]
    public async Task UnknownCodesAreNotFoundProblems(string path)
    {
        await (await _client.GetAsync(path)).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("/v1/indicators?pageSize=0", "pageSize")]
    [InlineData("/v1/entities?page=-1", "page")]
    [InlineData("/v1/sources?page=1&page=2", "page")]
    [InlineData("/v1/indicators/gdp/observations?from=x", "from")]
    public async Task ReferenceListsRejectBadPagingNamingTheParameter(string path, string parameter)
    {
        await (await _client.GetAsync(path)).AssertBadParametersAsync(parameter);
    }
}

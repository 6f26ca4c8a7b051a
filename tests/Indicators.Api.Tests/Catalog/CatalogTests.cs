using System.Net;
using System.Text.Json;
using Indicators.Api.Tests.Support;

namespace Indicators.Api.Tests.Catalog;

/// <summary>
/// The DCAT catalogue as the service writes it. A real RDF parser (rdflib) reads both serialisations in CI and checks
/// they are one graph; here the JSON-LD's nodes are read as JSON and the Turtle is checked to name the same things.
/// </summary>
public sealed class CatalogTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    private async Task<List<JsonElement>> GraphAsync()
    {
        using var response = await _client.GetAsync("/catalog.jsonld");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/ld+json", response.Content.Headers.ContentType?.MediaType);
        var document = await response.ReadJsonAsync();
        Assert.Equal("http://www.w3.org/ns/dcat#", document.GetProperty("@context").GetProperty("dcat").GetString());
        return document.GetProperty("@graph").EnumerateArray().ToList();
    }

    private static bool Is(JsonElement node, string type) =>
        node.TryGetProperty("@type", out var types) && types.EnumerateArray().Any(t => t.GetString() == type);

    private static IEnumerable<string> Values(JsonElement node, string property) =>
        node.TryGetProperty(property, out var values)
            ? values.EnumerateArray().Select(v => v.TryGetProperty("@id", out var id) ? id.GetString()! : v.GetProperty("@value").GetString()!)
            : [];

    [Fact]
    public async Task OneDatasetWithTitleDescriptionPublisherLicenceCoverageAndSixDistributions()
    {
        var graph = await GraphAsync();
        var dataset = Assert.Single(graph, n => Is(n, "dcat:Dataset"));
        var catalog = Assert.Single(graph, n => Is(n, "dcat:Catalog"));

        Assert.Equal(Values(catalog, "dcat:dataset"), [dataset.GetProperty("@id").GetString()!]);
        Assert.NotEmpty(Values(dataset, "dct:title"));
        Assert.Contains(Values(dataset, "dct:description"), d => d.Contains("does not cover them", StringComparison.Ordinal));
        Assert.Equal(["https://creativecommons.org/licenses/by/4.0/"], Values(dataset, "dct:license"));
        var publisher = Assert.Single(graph, n => n.GetProperty("@id").GetString() == Values(dataset, "dct:publisher").Single());
        Assert.Equal(["Indicators"], Values(publisher, "foaf:name"));
        var coverage = Assert.Single(graph, n => Is(n, "dct:PeriodOfTime"));
        Assert.Equal(["1984"], Values(coverage, "dcat:startDate"));
        Assert.Equal(["2029"], Values(coverage, "dcat:endDate"));
        var distributions = graph.Where(n => Is(n, "dcat:Distribution")).ToList();
        Assert.Equal(6, distributions.Count);
        Assert.Equal(6, Values(dataset, "dcat:distribution").Count());
        Assert.Equal(2, graph.Count(n => Is(n, "dcat:DataService")));
    }

    [Fact]
    public async Task EveryDistributionUrlAnswers()
    {
        foreach (var distribution in (await GraphAsync()).Where(n => Is(n, "dcat:Distribution")))
        {
            foreach (var url in Values(distribution, "dcat:accessURL").Concat(Values(distribution, "dcat:downloadURL")))
            {
                using var response = await _client.GetAsync(new Uri(url).PathAndQuery);
                Assert.True(response.StatusCode == HttpStatusCode.OK, url);
            }
        }
    }

    [Fact]
    public async Task TheTurtleNamesWhatTheJsonLdNames()
    {
        var turtle = await _client.GetStringAsync("/catalog.ttl");
        var graph = await GraphAsync();

        Assert.StartsWith("@prefix dcat: <http://www.w3.org/ns/dcat#> .", turtle);
        foreach (var node in graph.Where(n => !n.GetProperty("@id").GetString()!.StartsWith("_:", StringComparison.Ordinal)))
        {
            Assert.Contains($"<{node.GetProperty("@id").GetString()}>", turtle);
        }
    }
}

using System.Net;
using System.Text.Json;
using Indicators.Api.Tests.Support;

namespace Indicators.Api.Tests.Contract;

/// <summary>
/// openapi.yaml says exactly what is served: closed vocabularies are enums, every key the JSON always has is
/// required, and the parameters an operation documents are the ones it honours; a parameter another operation
/// documents is a 400 here, an unknown one is ignored.
/// </summary>
public sealed class ExactContractTests(UnlimitedApiFactory factory) : IClassFixture<UnlimitedApiFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    private async Task<JsonElement> DocumentAsync() =>
        JsonDocument.Parse(await _client.GetStringAsync("/swagger/v1/swagger.json")).RootElement.Clone();

    [Fact]
    public async Task ClosedVocabulariesAreEnumsAndEveryResponsePropertyIsRequired()
    {
        var schemas = (await DocumentAsync()).GetProperty("components").GetProperty("schemas");
        IEnumerable<string?> Enum(string schema, string property) =>
            schemas.GetProperty(schema).GetProperty("properties").GetProperty(property).GetProperty("enum").EnumerateArray().Select(v => v.GetString());

        Assert.Equal(["exact", "approximately", "more-than", "at-least", "nearly", "less-than", "at-most"], Enum("Observation", "qualifier"));
        Assert.Equal(["actual", "target", "plan", "capacity", "in-progress", "derived"], Enum("Observation", "kind"));
        Assert.Equal(["country", "group", "world", "project"], Enum("Entity", "type"));
        foreach (var schema in schemas.EnumerateObject().Where(s => !s.Name.Contains("ProblemDetails", StringComparison.Ordinal)))
        {
            if (!schema.Value.TryGetProperty("properties", out var properties))
            {
                continue;
            }

            var required = schema.Value.GetProperty("required").EnumerateArray().Select(r => r.GetString()).ToHashSet();
            Assert.All(properties.EnumerateObject(), p => Assert.True(required.Contains(p.Name), $"{schema.Name}.{p.Name} is not required"));
        }

        var release = schemas.GetProperty("PagedListObservation").GetProperty("properties").GetProperty("release");
        Assert.False(release.TryGetProperty("nullable", out var nullable) && nullable.GetBoolean());
    }

    [Theory]
    [InlineData("/v1/indicators/gdp/chart.svg?indicator=gdp", "indicator")]
    [InlineData("/v1/indicators/gdp/chart.svg?cursor=Mi4xMA", "cursor")]
    [InlineData("/v1/indicators/gdp/chart.svg?q=gdp", "q")]
    [InlineData("/v1/indicators/gdp/chart.png?q=gdp", "q")]
    [InlineData("/v1/observations/china-gdp-2023-cny?format=csv", "format")]
    [InlineData("/v1/observations/china-gdp-2023-cny?pageSize=5", "pageSize")]
    [InlineData("/v1/sources/modernisation-in-china-and-pakistan/text?format=csv", "format")]
    [InlineData("/v1/indicators/gdp/observations?indicator=gdp", "indicator")]
    [InlineData("/v1/entities?q=china", "q")]
    [InlineData("/v1/citation?width=300", "width")]
    public async Task AKnownParameterTheOperationDoesNotTakeIsA400NamingIt(string url, string parameter)
    {
        using var response = await _client.GetAsync(url);

        await response.AssertBadParametersAsync(parameter);
    }

    [Theory]
    [InlineData("/v1/observations/china-gdp-2023-cny?utm_source=x")]
    [InlineData("/v1/indicators/gdp/chart.svg?_=123&entity=china")]
    [InlineData("/v1/observations?cacheBuster=1&kind=actual")]
    public async Task AnUnknownParameterIsIgnored(string url)
    {
        using var response = await _client.GetAsync(url);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    /// <summary>Every documented operation, with each known parameter it does not document: a 400 naming it.</summary>
    [Fact]
    public async Task EveryOperationRefusesEveryKnownParameterItDoesNotDocument()
    {
        var document = await DocumentAsync();
        var operations = new List<(string Path, HashSet<string> Taken)>();
        foreach (var path in document.GetProperty("paths").EnumerateObject().Where(p => !p.Name.StartsWith("/sdmx", StringComparison.Ordinal)))
        {
            var get = path.Value.GetProperty("get");
            var parameters = get.TryGetProperty("parameters", out var list) ? list.EnumerateArray().ToList() : [];
            var url = path.Name;
            foreach (var parameter in parameters.Where(p => p.GetProperty("in").GetString() == "path"))
            {
                url = url.Replace("{" + parameter.GetProperty("name").GetString() + "}", Uri.EscapeDataString(parameter.GetProperty("example").ToString()), StringComparison.Ordinal);
            }

            operations.Add((url, parameters.Where(p => p.GetProperty("in").GetString() == "query").Select(p => p.GetProperty("name").GetString()!).ToHashSet()));
        }

        var known = operations.SelectMany(o => o.Taken).ToHashSet();
        Assert.Contains("format", known);
        foreach (var (path, taken) in operations)
        {
            foreach (var name in known.Except(taken))
            {
                using var response = await _client.GetAsync($"{path}{(path.Contains('?') ? '&' : '?')}{name}=1");
                Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{path} with {name}: {(int)response.StatusCode}");
                await response.AssertBadParametersAsync(name);
            }
        }
    }
}

using System.IO.Compression;
using System.Net;
using System.Text.Json;
using Indicators.Api.Tests.Support;

namespace Indicators.Api.Tests.DataPackage;

/// <summary>The Frictionless Data Package: its descriptor, and a zip whose CSVs are the API's own, byte for byte.</summary>
public sealed class DataPackageTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    private async Task<JsonElement> DescriptorAsync()
    {
        using var response = await _client.GetAsync("/datapackage.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return await response.ReadJsonAsync();
    }

    [Fact]
    public async Task TheDescriptorIsAVersionOneTabularPackageWithTheLicenceTheSourcesAndTheRelease()
    {
        var descriptor = await DescriptorAsync();
        var release = (await (await _client.GetAsync("/v1/releases/latest")).ReadJsonAsync()).GetProperty("id").GetString();

        Assert.Equal("tabular-data-package", descriptor.GetProperty("profile").GetString());
        Assert.Equal($"1.0.0+{release}", descriptor.GetProperty("version").GetString());
        var licence = Assert.Single(descriptor.GetProperty("licenses").EnumerateArray());
        Assert.Equal("CC-BY-4.0", licence.GetProperty("name").GetString());
        Assert.Contains("does not cover", descriptor.GetProperty("description").GetString());
        Assert.Equal(2, descriptor.GetProperty("sources").GetArrayLength());
        Assert.Equal(["observations", "derived", "indicators", "entities", "sources"],
            descriptor.GetProperty("resources").EnumerateArray().Select(r => r.GetProperty("name").GetString()));
    }

    [Fact]
    public async Task EveryResourceIsAnApiCsvWhoseEveryColumnTheSchemaDescribes()
    {
        foreach (var resource in (await DescriptorAsync()).GetProperty("resources").EnumerateArray())
        {
            var name = resource.GetProperty("name").GetString();
            Assert.Equal("tabular-data-resource", resource.GetProperty("profile").GetString());
            var schema = resource.GetProperty("schema");
            Assert.Equal([""], schema.GetProperty("missingValues").EnumerateArray().Select(v => v.GetString()));
            var fields = schema.GetProperty("fields").EnumerateArray().ToList();
            Assert.All(fields, f => Assert.DoesNotContain("does not describe", f.GetProperty("description").GetString()));
            Assert.Contains(fields, f => f.GetProperty("name").GetString() == schema.GetProperty("primaryKey").GetString());

            var csv = await _client.GetStringAsync(resource.GetProperty("path").GetString());
            var header = csv[..csv.IndexOf("\r\n", StringComparison.Ordinal)].Split(',');
            Assert.True(header.SequenceEqual(fields.Select(f => f.GetProperty("name").GetString())), name);
        }
    }

    [Fact]
    public async Task TheQualifierAndKindAreClosedVocabulariesAndTheFiguresPointAtTheirIndicatorsEntitiesAndSources()
    {
        var observations = (await DescriptorAsync()).GetProperty("resources").EnumerateArray().First().GetProperty("schema");
        var fields = observations.GetProperty("fields").EnumerateArray().ToDictionary(f => f.GetProperty("name").GetString()!);

        Assert.Equal(7, fields["qualifier"].GetProperty("constraints").GetProperty("enum").GetArrayLength());
        Assert.Equal("number", fields["value"].GetProperty("type").GetString());
        Assert.Equal("integer", fields["startYear"].GetProperty("type").GetString());
        Assert.Equal(["indicators", "entities", "entities", "sources"],
            observations.GetProperty("foreignKeys").EnumerateArray().Select(k => k.GetProperty("reference").GetProperty("resource").GetString()));
    }

    [Fact]
    public async Task TheZipHoldsTheDescriptorTheApisCsvsByteForByteAndAReadme()
    {
        using var response = await _client.GetAsync("/datapackage.zip");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/zip", response.Content.Headers.ContentType?.MediaType);
        using var zip = new ZipArchive(new MemoryStream(await response.Content.ReadAsByteArrayAsync()));

        var descriptor = JsonDocument.Parse(zip.GetEntry("datapackage.json")!.Open()).RootElement;
        foreach (var resource in descriptor.GetProperty("resources").EnumerateArray())
        {
            var path = resource.GetProperty("path").GetString()!;
            Assert.StartsWith("data/", path);
            var inZip = await ReadAsync(zip.GetEntry(path)!);
            var apiPath = resource.GetProperty("name").GetString() switch
            {
                "observations" => "/v1/observations.csv",
                "derived" => "/v1/observations.csv?kind=derived",
                var other => $"/v1/{other}.csv",
            };
            Assert.Equal(await _client.GetByteArrayAsync(apiPath), inZip);
        }

        var readme = System.Text.Encoding.UTF8.GetString(await ReadAsync(zip.GetEntry("README.md")!));
        Assert.Contains("How to cite", readme);
        Assert.Contains("CC BY 4.0", readme);
        Assert.Contains("does not cover them", readme);
        Assert.NotNull(zip.GetEntry("data/"));
    }

    [Fact]
    public async Task TheZipOfOneReleaseIsTheSameBytesEveryTime()
    {
        var first = await _client.GetByteArrayAsync("/datapackage.zip?a=1");
        var second = await _client.GetByteArrayAsync("/datapackage.zip?a=2");

        Assert.Equal(first, second);
    }

    private static async Task<byte[]> ReadAsync(ZipArchiveEntry entry)
    {
        using var copy = new MemoryStream();
        await using var stream = entry.Open();
        await stream.CopyToAsync(copy);
        return copy.ToArray();
    }
}

using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Indicators.Api.Tests.Support;

namespace Indicators.Api.Tests.Releases;

public sealed class ReleaseTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task LatestReleaseDescribesTheImportedData()
    {
        var response = await _client.GetAsync("/v1/releases/latest");
        var release = await response.ReadJsonAsync();

        Assert.Equal(release.GetProperty("id").GetString(), response.Headers.GetValues("X-Dataset-Release").Single());
        Assert.True(release.GetProperty("current").GetBoolean());
        var counts = release.GetProperty("counts");
        Assert.Equal(2, counts.GetProperty("sources").GetInt32());
        Assert.Equal(27, counts.GetProperty("observations").GetInt32()); // 23 stated + 4 derived
        Assert.Equal(4, counts.GetProperty("derivations").GetInt32());
        var firstNoteLine = File.ReadLines(Path.Combine(TestPaths.DataDirectory, "release-note.txt")).First(l => l.Trim().Length > 0).Trim();
        Assert.Equal(firstNoteLine, release.GetProperty("changelog").GetString());
        Assert.True(DateTimeOffset.TryParse(release.GetProperty("builtAt").GetString(), out _));
    }

    [Fact]
    public async Task ReleaseIdIsTheHashOfTheManifestOfEveryFileTheImportReads()
    {
        // Recomputed here as the README tells a reader to: sha256sum over the files, sorted by path, hashed again.
        string[] files =
        [
            "derived.csv", "entities.csv", "indicators.csv", "observations.csv", "release-note.txt", "schema.sql", "sources.csv",
            "sources/enhancing-china-pakistan-cooperation.txt", "sources/modernisation-in-china-and-pakistan.txt", "units.csv",
        ];
        var manifest = string.Concat(files.Order(StringComparer.Ordinal).Select(f =>
            $"{Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(Path.Combine(TestPaths.DataDirectory, f))))}  {f}\n"));
        var expected = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(manifest)))[..16];

        var release = await (await _client.GetAsync("/v1/releases/latest")).ReadJsonAsync();

        Assert.Equal(expected, release.GetProperty("id").GetString());
    }

    [Theory]
    [InlineData("/v1/observations")]
    [InlineData("/v1/indicators")]
    [InlineData("/v1/entities")]
    [InlineData("/v1/sources")]
    [InlineData("/v1/releases")]
    public async Task EveryListCarriesTheReleaseInItsEnvelopeAndHeader(string path)
    {
        var response = await _client.GetAsync(path);
        var body = await response.ReadJsonAsync();

        var header = response.Headers.GetValues("X-Dataset-Release").Single();
        Assert.Matches("^[0-9a-f]{16}$", header);
        Assert.Equal(header, body.GetProperty("release").GetString());
    }

    [Fact]
    public async Task ListReleasesUsesTheListEnvelopeNewestFirst()
    {
        var body = await (await _client.GetAsync("/v1/releases")).ReadJsonAsync();

        Assert.Equal(1, body.GetProperty("total").GetInt32());
        var item = Assert.Single(body.GetProperty("items").EnumerateArray());
        Assert.True(item.GetProperty("current").GetBoolean());
        Assert.Equal(JsonValueKind.Null, body.GetProperty("links").GetProperty("next").ValueKind);
    }

    [Fact]
    public async Task ListReleasesReturnsProblemNamingABadPageSize()
    {
        await (await _client.GetAsync("/v1/releases?pageSize=0")).AssertBadParametersAsync("pageSize");
    }
}

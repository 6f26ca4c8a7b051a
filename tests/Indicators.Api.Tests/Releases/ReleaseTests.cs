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
        // Recomputed here as the README tells a reader to: sha256sum over the data files, sorted by path, hashed again.
        // The code is not content: schema.sql is not among them.
        string[] files =
        [
            "corrections.csv", "derived.csv", "entities.csv", "facts.csv", "indicators.csv", "observations.csv", "release-note.txt",
            "sources.csv", "sources/enhancing-china-pakistan-cooperation.txt", "sources/modernisation-in-china-and-pakistan.txt", "units.csv",
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

        var published = File.ReadLines(Path.Combine(TestPaths.DataDirectory, "releases", "releases.csv")).Skip(1).Count(l => l.Length > 0);
        Assert.Equal(published, body.GetProperty("total").GetInt32());
        var items = body.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(Enumerable.Range(1, published).Reverse(), items.Select(i => i.GetProperty("sequence").GetInt32()));
        Assert.True(items[0].GetProperty("current").GetBoolean());
        Assert.All(items.Skip(1), i => Assert.False(i.GetProperty("current").GetBoolean()));
        Assert.Equal(JsonValueKind.Null, body.GetProperty("links").GetProperty("next").ValueKind);
    }

    /// <summary>The ids published before the archive existed, each at the time of the commit it was recomputed at.</summary>
    public static TheoryData<string, int, string> SeededReleases => new()
    {
        { "53db9c8b12bee743", 1, "2026-11-23T18:16:09Z" },
        { "4ab180b297ab6388", 2, "2026-11-23T18:23:52Z" },
        { "f188e1f60e17fd18", 3, "2026-11-23T18:40:57Z" },
        { "2b4f825d1498843b", 4, "2026-11-23T18:58:04Z" },
        { "e9d50c537b249945", 5, "2026-11-23T19:22:38Z" },
        { "6232fba9f0a660cc", 6, "2026-11-23T21:28:09Z" },
    };

    [Theory]
    [MemberData(nameof(SeededReleases))]
    public async Task EveryReleaseQuotedBeforeTheArchiveResolvesWithItsPublicationTime(string id, int sequence, string publishedAt)
    {
        var release = await (await _client.GetAsync($"/v1/releases/{id}")).ReadJsonAsync();
        var pinned = await _client.GetAsync($"/v1/observations?release={id[..8]}&pageSize=1");

        Assert.Equal(sequence, release.GetProperty("sequence").GetInt32());
        Assert.Equal(publishedAt, release.GetProperty("publishedAt").GetString());
        Assert.Equal(id, Manifest.Of(release.GetProperty("manifest").GetString()!));
        Assert.EndsWith($"/v1/releases/{id}/changes", release.GetProperty("changes").GetString());
        Assert.Equal(id, pinned.Headers.GetValues("X-Dataset-Release").Single());
        Assert.Equal(DateTimeOffset.Parse(publishedAt, System.Globalization.CultureInfo.InvariantCulture), pinned.Content.Headers.LastModified);
    }

    [Fact]
    public async Task TheFirstReleaseThroughTheLogRecordsTheOtherPublicationWithItsReason()
    {
        var release = await (await _client.GetAsync("/v1/releases/9aeb06e58685bffc")).ReadJsonAsync();
        var changes = await (await _client.GetAsync("/v1/releases/9aeb06e58685bffc/changes")).ReadJsonAsync();
        var seeded = await (await _client.GetAsync("/v1/releases/6232fba9f0a660cc/changes")).ReadJsonAsync();

        Assert.Equal(7, release.GetProperty("sequence").GetInt32());
        Assert.Contains("corrections.csv", release.GetProperty("manifest").GetString());
        Assert.DoesNotContain("schema.sql", release.GetProperty("manifest").GetString());
        var fact = Assert.Single(changes.GetProperty("items").EnumerateArray());
        Assert.Equal(("fact", "modernisation-in-china-and-pakistan-in-pakistan-today", "added"),
            (fact.GetProperty("record").GetString(), fact.GetProperty("id").GetString(), fact.GetProperty("change").GetString()));
        Assert.Contains("Pakistan Today", fact.GetProperty("reason").GetString());
        Assert.EndsWith("/v1/sources/modernisation-in-china-and-pakistan?release=9aeb06e58685bffc", fact.GetProperty("after").GetString());
        // Between the releases published before the log only the schema changed: nothing to list.
        Assert.Equal(0, seeded.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task TheBranchReleaseWithoutDerivedFiguresListsWhatItWithdrewWithNoReason()
    {
        var changes = await (await _client.GetAsync("/v1/releases/4ab180b297ab6388/changes?record=observation&pageSize=10")).ReadJsonAsync();

        var items = changes.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(5, items.Count);
        Assert.Equal(4, items.Count(i => i.GetProperty("change").GetString() == "withdrawn"));
        var solar = items.Single(i => i.GetProperty("change").GetString() == "changed");
        Assert.Equal("pakistan-solar-power-stations-built-with-china", solar.GetProperty("id").GetString());
        Assert.All(items, i => Assert.Equal(JsonValueKind.Null, i.GetProperty("reason").ValueKind));
    }

    private static class Manifest
    {
        public static string Of(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..16];
    }

    [Fact]
    public async Task ListReleasesReturnsProblemNamingABadPageSize()
    {
        await (await _client.GetAsync("/v1/releases?pageSize=0")).AssertBadParametersAsync("pageSize");
    }
}

using System.Text.Json;
using Indicators.Api.Tests.Support;

namespace Indicators.Api.Tests.Import;

/// <summary>
/// Adding a source document is a data change, not a code change: the fixture's text and rows are dropped
/// into a copy of data/ as docs/releases-and-caching.md describes, imported with the real command, and served.
/// </summary>
public sealed class SecondSourceTests : IDisposable
{
    private readonly DataFolder _data = new();
    private readonly ApiFactory _factory = new();

    public SecondSourceTests()
    {
        var fixture = Fixtures.Directory("third-source");
        _data.Copy(Path.Combine(fixture, "sources", "fixture-third-source.txt"), "sources/fixture-third-source.txt");
        _data.AppendRows("sources.csv", File.ReadAllText(Path.Combine(fixture, "sources.rows.csv")));
        _data.AppendRows("observations.csv", File.ReadAllText(Path.Combine(fixture, "observations.rows.csv")));
        _data.WriteNote("Adds a fixture document.");
    }

    [Fact]
    public async Task ADroppedInSourceIsImportedAndServedWithExactCitations()
    {
        var (exit, output, error) = _data.Import(_factory.DatabasePath);
        Assert.True(exit == 0, error);
        Assert.Contains("3 sources", output);
        var client = _factory.CreateClient();

        var source = await (await client.GetAsync("/v1/sources/fixture-third-source")).ReadJsonAsync();
        var text = await client.GetStringAsync("/v1/sources/fixture-third-source/text");
        var list = await (await client.GetAsync("/v1/observations?source=fixture-third-source")).ReadJsonAsync();

        Assert.Equal("A Fixture Document for Tests", source.GetProperty("title").GetString());
        Assert.Equal(2, source.GetProperty("observationCount").GetInt32());
        Assert.Equal(2, list.GetProperty("total").GetInt32());
        foreach (var item in list.GetProperty("items").EnumerateArray())
        {
            var citation = item.GetProperty("citation");
            var codePoints = text.EnumerateRunes().Select(r => r.ToString()).ToArray();
            var span = string.Concat(codePoints[citation.GetProperty("start").GetInt32()..citation.GetProperty("end").GetInt32()]);
            Assert.Equal(citation.GetProperty("quote").GetString(), span);
        }

        var all = await (await client.GetAsync("/v1/observations")).ReadJsonAsync();
        Assert.Equal(25, all.GetProperty("total").GetInt32());
        var release = await (await client.GetAsync("/v1/releases/latest")).ReadJsonAsync();
        Assert.Equal("Adds a fixture document.", release.GetProperty("changelog").GetString());
        Assert.Equal(3, release.GetProperty("counts").GetProperty("sources").GetInt32());
    }

    [Fact]
    public async Task ASecondSourceGivesADifferentReleaseFromTheRepositoryData()
    {
        using var plain = new ApiFactory();
        var original = await (await plain.CreateClient().GetAsync("/v1/releases/latest")).ReadJsonAsync();

        _data.Import(_factory.DatabasePath);
        var changed = await (await _factory.CreateClient().GetAsync("/v1/releases/latest")).ReadJsonAsync();

        Assert.NotEqual(original.GetProperty("id").GetString(), changed.GetProperty("id").GetString());
        Assert.Equal(JsonValueKind.String, changed.GetProperty("builtAt").ValueKind);
    }

    public void Dispose()
    {
        _factory.Dispose();
        _data.Dispose();
    }
}

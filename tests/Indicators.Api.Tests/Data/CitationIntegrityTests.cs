using System.Text;
using System.Text.Json;
using Indicators.Api.Tests.Support;

namespace Indicators.Api.Tests.Data;

/// <summary>Every citation must lead a reader to exactly the words quoted.</summary>
public sealed class CitationIntegrityTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task EveryQuoteIsTheServedSourceTextBetweenItsCodePointOffsets()
    {
        var texts = new Dictionary<string, Rune[]>();
        foreach (var observation in await AllObservationsAsync())
        {
            var citation = observation.GetProperty("citation");
            var source = citation.GetProperty("source").GetString()!;
            if (!texts.TryGetValue(source, out var runes))
            {
                runes = texts[source] = (await _client.GetStringAsync($"/v1/sources/{source}/text")).EnumerateRunes().ToArray();
            }

            var start = citation.GetProperty("start").GetInt32();
            var end = citation.GetProperty("end").GetInt32();
            var span = string.Concat(runes[start..end].Select(r => r.ToString()));
            Assert.Equal(citation.GetProperty("quote").GetString(), span);
            // The link names the release, so the offsets always find the text they count into.
            Assert.Matches($"/v1/sources/{source}/text\\?release=[0-9a-f]{{16}}#char={start},{end}$", citation.GetProperty("url").GetString());
        }

        Assert.Equal(2, texts.Count);
    }

    [Fact]
    public async Task EveryQuoteOccursOnceAndHoldsItsQualifierWords()
    {
        foreach (var observation in await AllObservationsAsync())
        {
            var citation = observation.GetProperty("citation");
            var text = await _client.GetStringAsync($"/v1/sources/{citation.GetProperty("source").GetString()}/text");
            var quote = citation.GetProperty("quote").GetString()!;
            var id = observation.GetProperty("id").GetString();

            Assert.True(text.IndexOf(quote, StringComparison.Ordinal) == text.LastIndexOf(quote, StringComparison.Ordinal), $"{id}: quote is not unique");
            var qualifierText = observation.GetProperty("qualifierText");
            if (observation.GetProperty("qualifier").GetString() == "exact")
            {
                Assert.Equal(JsonValueKind.Null, qualifierText.ValueKind);
            }
            else
            {
                Assert.Contains(qualifierText.GetString()!, quote, StringComparison.Ordinal);
            }
        }
    }

    [Theory]
    [InlineData("enhancing-china-pakistan-cooperation")]
    [InlineData("modernisation-in-china-and-pakistan")]
    public async Task SourceTextIsServedByteForByteAsCurated(string source)
    {
        var response = await _client.GetAsync($"/v1/sources/{source}/text");

        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType?.CharSet);
        var curated = await File.ReadAllBytesAsync(Path.Combine(TestPaths.DataDirectory, "sources", source + ".txt"));
        Assert.Equal(curated, await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task IdsAreUrlSafeAndEveryPermalinkAnswersWithItsObservation()
    {
        foreach (var observation in await AllObservationsAsync())
        {
            var id = observation.GetProperty("id").GetString()!;
            Assert.Matches("^[a-z0-9]+(-[a-z0-9]+)*$", id);
            var permalink = await (await _client.GetAsync($"/v1/observations/{id}")).ReadJsonAsync();
            Assert.Equal(observation.GetRawText(), permalink.GetRawText());
        }
    }

    private async Task<List<JsonElement>> AllObservationsAsync() =>
        (await (await _client.GetAsync("/v1/observations?pageSize=1000")).ReadJsonAsync())
        .GetProperty("items").EnumerateArray().ToList();
}

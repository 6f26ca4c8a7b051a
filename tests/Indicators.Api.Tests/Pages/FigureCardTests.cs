using System.Text.Json;
using AngleSharp.Dom;
using Indicators.Api.Tests.Support;

namespace Indicators.Api.Tests.Pages;

/// <summary>Data-driven from /v1/observations: every figure, on every page that shows it, keeps its words, value, unit, period and quote.</summary>
public sealed class FigureCardTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    private static CardContent Read(IElement card) => new(
        card.TextContent,
        card.QuerySelectorAll("data").Select(d => d.GetAttribute("value")!).ToList(),
        card.QuerySelector("blockquote")?.TextContent,
        card.GetAttribute("data-qualifier"));

    [Fact]
    public async Task EveryFigureOnEveryPageThatShowsItKeepsItsWordsValueUnitPeriodAndQuote()
    {
        var figures = (await (await _client.GetAsync("/v1/observations?includeDerived=true&pageSize=1000")).ReadJsonAsync())
            .GetProperty("items").EnumerateArray().ToList();
        var pages = new Dictionary<string, IDocument>();
        async Task<IDocument> Page(string url) => pages.TryGetValue(url, out var page)
            ? page
            : pages[url] = PageAssertions.Parse(await (await _client.GetAsync(url)).Content.ReadAsStringAsync());

        var checkedCards = 0;
        foreach (var figure in figures)
        {
            var id = figure.GetProperty("id").GetString()!;
            var urls = new List<string> { $"/observations/{id}", $"/indicators/{figure.GetProperty("indicator").GetProperty("code").GetString()}", "/search?includeDerived=true" };
            if (figure.GetProperty("citation").ValueKind == JsonValueKind.Object)
            {
                urls.Add($"/sources/{figure.GetProperty("citation").GetProperty("source").GetString()}");
            }

            foreach (var url in urls)
            {
                var cards = PageAssertions.Cards(await Page(url)).Where(c => c.GetAttribute("data-observation") == id).ToList();
                Assert.True(cards.Count > 0 || (url.StartsWith("/indicators/", StringComparison.Ordinal) && figure.GetProperty("kind").GetString() == "derived"),
                    $"{id} is not on {url}");
                foreach (var card in cards)
                {
                    FigureInvariant.Assert(Read(card), figure);
                    checkedCards++;
                }
            }
        }

        Assert.True(checkedCards >= figures.Count * 2, $"only {checkedCards} cards checked");
    }
}

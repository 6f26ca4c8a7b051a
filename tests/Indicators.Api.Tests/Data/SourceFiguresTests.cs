using System.Text.Json;
using Indicators.Api.Tests.Support;

namespace Indicators.Api.Tests.Data;

/// <summary>
/// The figures a reader finds in each document, written down here independently of observations.csv:
/// every one must be served, with the value, unit, qualifier and kind the text gives, and nothing else.
/// </summary>
public sealed class SourceFiguresTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private const string Cooperation = "enhancing-china-pakistan-cooperation";
    private const string Modernisation = "modernisation-in-china-and-pakistan";

    /// <summary>(source, words of the figure in the text, value, unit code, unit scale, qualifier, kind).</summary>
    public static TheoryData<string, string, double, string, double, string, string> Figures => new()
    {
        { Cooperation, "exceeded 126 trillion yuan", 126, "CNY", 1e12, "more-than", "actual" },
        { Cooperation, "($17.51 trillion)", 17.51, "USD", 1e12, "more-than", "actual" },
        { Cooperation, "growth rate of 5.2%", 5.2, "percent", 1, "exact", "actual" },
        { Cooperation, "30% of the growth of the global economy", 30, "percent", 1, "exact", "actual" },
        { Cooperation, "GDP growth rate is around 5%", 5, "percent", 1, "approximately", "target" },
        { Cooperation, "four wind farms", 4, "count", 1, "exact", "actual" },
        { Cooperation, "one hydropower plant", 1, "count", 1, "exact", "actual" },
        { Cooperation, "one solar power station", 1, "count", 1, "exact", "actual" },
        { Cooperation, "two more hydropower stations under construction", 2, "count", 1, "exact", "in-progress" },
        { Cooperation, "reduce traffic violations by 40%", 40, "percent", 1, "exact", "actual" },
        { Cooperation, "capacity of 30,000 embryos", 30000, "embryos-per-year", 1, "exact", "capacity" },
        { Modernisation, "nearly 100 million impoverished rural population", 100, "people", 1e6, "nearly", "actual" },
        { Modernisation, "over 70% of the international cause of poverty reduction", 70, "percent", 1, "more-than", "actual" },
        { Modernisation, "over 30% of the global growth", 30, "percent", 1, "more-than", "actual" },
        { Modernisation, "over 300 important reform measures", 300, "count", 1, "more-than", "plan" },
        { Modernisation, "over 1.4 billion Chinese people", 1.4, "people", 1e9, "more-than", "actual" },
        { Modernisation, "1,000 agricultural talents", 1000, "people", 1, "exact", "plan" },
        { Modernisation, "from 11 hours", 11, "hours", 1, "exact", "actual" },
        { Modernisation, "to within 4 hours", 4, "hours", 1, "at-most", "actual" },
        { Modernisation, "as high as 80% to world economic growth", 80, "percent", 1, "at-most", "actual" },
        { Modernisation, "increased from 24%", 24, "percent", 1, "exact", "actual" },
        { Modernisation, "to more than 40%", 40, "percent", 1, "more-than", "actual" },
        { Modernisation, "100,000 training opportunities", 100000, "count", 1, "exact", "plan" },
    };

    [Theory]
    [MemberData(nameof(Figures))]
    public async Task EveryFigureInTheSourcesIsServedAsStated(
        string source, string words, double value, string unitCode, double scale, string qualifier, string kind)
    {
        var matches = (await AllObservationsAsync()).Where(o =>
            o.GetProperty("citation").GetProperty("source").GetString() == source
            && o.GetProperty("citation").GetProperty("quote").GetString()!.Contains(words, StringComparison.Ordinal)
            && o.GetProperty("value").GetDouble() == value
            && o.GetProperty("unit").GetProperty("code").GetString() == unitCode
            && o.GetProperty("unit").GetProperty("scale").GetDouble() == scale).ToList();

        var figure = Assert.Single(matches);
        Assert.Equal(qualifier, figure.GetProperty("qualifier").GetString());
        Assert.Equal(kind, figure.GetProperty("kind").GetString());
    }

    [Fact]
    public async Task EachSourceHasExactlyTheFiguresListedAndNoOthers()
    {
        var perSource = (await AllObservationsAsync())
            .GroupBy(o => o.GetProperty("citation").GetProperty("source").GetString())
            .ToDictionary(g => g.Key!, g => g.Count());
        var expected = Figures.Select(row => (string)row[0]).GroupBy(s => s).ToDictionary(g => g.Key, g => g.Count());

        Assert.Equal(expected.OrderBy(p => p.Key), perSource.OrderBy(p => p.Key));
    }

    [Fact]
    public async Task TheUnstated2023GrowthTargetIsNotInvented()
    {
        var targets = (await AllObservationsAsync())
            .Where(o => o.GetProperty("kind").GetString() == "target" && o.GetProperty("period").GetProperty("startYear").ValueKind != JsonValueKind.Null)
            .Select(o => o.GetProperty("period").GetProperty("startYear").GetInt32());

        Assert.DoesNotContain(2023, targets);
    }

    private async Task<List<JsonElement>> AllObservationsAsync()
    {
        var body = await (await factory.CreateClient().GetAsync("/v1/observations?pageSize=1000")).ReadJsonAsync();
        return body.GetProperty("items").EnumerateArray().ToList();
    }
}

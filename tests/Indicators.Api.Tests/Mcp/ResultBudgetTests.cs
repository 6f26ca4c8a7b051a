using System.Globalization;
using System.Text;
using Indicators.Api.Tests.Support;
using ModelContextProtocol.Client;

namespace Indicators.Api.Tests.Mcp;

/// <summary>
/// A page of long figures ends early rather than pass the result budget: a generated source with 40 figures, each
/// with a note of 3,000 characters, so 25 cards would be about 100,000 characters. Pages hold whole figures, stay
/// under 50,000 UTF-16 units, and joined are still the REST list, in the plain list and in a ranked search alike.
/// </summary>
public sealed class ResultBudgetTests : IAsyncLifetime, IDisposable
{
    private const string Source = "fixture-long-notes";
    private const int Figures = 40;

    private readonly DataFolder _data = new();
    private readonly UnlimitedApiFactory _factory = new();
    private McpClient _client = null!;

    public ResultBudgetTests()
    {
        var text = new StringBuilder("A Fixture Document With Long Notes\n\n");
        var rows = new StringBuilder();
        var note = string.Join(' ', Enumerable.Repeat("This note is long on purpose, to fill a page.", 65));
        for (var i = 1; i <= Figures; i++)
        {
            var quote = string.Create(CultureInfo.InvariantCulture, $"Reform {i} of this made-up text counts {i * 10} widget reform measures");
            text.Append(quote).Append(".\n");
            rows.Append(CultureInfo.InvariantCulture, $"fixture-long-{i:00},{Source},reform-measures,china,,not stated,,,false,{i * 10},reform-measures,exact,,actual,{quote},\"{note} ({i})\"\n");
        }

        File.WriteAllText(_data.File($"sources/{Source}.txt"), text.ToString());
        _data.AppendRows("sources.csv", $"{Source},sources/{Source}.txt,A Fixture Document With Long Notes,,,,,,");
        _data.AppendRows("observations.csv", rows.ToString());
        _data.WriteNote("Adds a fixture document whose figures have long notes.");
    }

    public async Task InitializeAsync()
    {
        var (exit, _, error) = _data.Import(_factory.DatabasePath);
        Assert.True(exit == 0, error);
        _client = await McpClients.ConnectAsync(_factory);
    }

    public async Task DisposeAsync() => await _client.DisposeAsync();

    public void Dispose()
    {
        _factory.Dispose();
        _data.Dispose();
    }

    [Theory]
    [InlineData("search_figures", "source", null)]
    [InlineData("search_figures", "source", "widget")]
    [InlineData("get_source", "sourceId", null)]
    public async Task LongFiguresMakeShorterPagesUnderTheBudgetThatJoinedAreTheRestList(string tool, string sourceArgument, string? q)
    {
        var http = _factory.CreateClient();
        var rest = await (await http.GetAsync($"/v1/observations?source={Source}&pageSize=1000{(q is null ? "" : "&q=" + q)}")).ReadJsonAsync();
        var expected = rest.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()).ToList();
        Assert.Equal(Figures, expected.Count);

        var ids = new List<string?>();
        var pageSizes = new List<int>();
        string? cursor = null;
        do
        {
            var arguments = new Dictionary<string, object?> { [sourceArgument] = Source, ["limit"] = 25, ["cursor"] = cursor };
            if (q is not null)
            {
                arguments["q"] = q;
            }

            var result = await _client.CallToolAsync(tool, arguments);
            McpResultChecks.AssertUnderSizeBudget(result);
            McpResultChecks.AssertTextIsShortWords(result);
            var page = result.Structured().GetProperty("figures").EnumerateArray().ToList();
            pageSizes.Add(page.Count);
            ids.AddRange(page.Select(f => f.GetProperty("id").GetString()));
            cursor = result.Structured().GetProperty("nextCursor").GetString();
        }
        while (cursor is not null);

        Assert.Equal(expected, ids);
        Assert.All(pageSizes, size => Assert.InRange(size, 1, 24));
        Assert.True(pageSizes.Count > 2, string.Join(", ", pageSizes));
    }
}

using System.Globalization;
using System.Text.Json;
using System.Xml.Linq;
using Indicators.Api.Observations;
using Indicators.Api.Tests.Support;

namespace Indicators.Api.Tests.Charts;

/// <summary>
/// The charts every chart test runs over: every indicator, with its derived figures too, and the filtered
/// views a reader is sent (one entity of several, a kind that matches nothing).
/// </summary>
internal static class ChartCases
{
    public static readonly XNamespace SvgNs = "http://www.w3.org/2000/svg";

    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    public static IReadOnlyList<string> Codes { get; } =
        CsvTable.Read(Path.Combine(TestPaths.DataDirectory, "indicators.csv")).Rows.Select(r => r[0]).ToList();

    /// <summary>Chart queries: "{code}" or "{code}?{filters}".</summary>
    public static IReadOnlyList<string> Queries { get; } = Codes
        .SelectMany(c => new[] { c, c + "?includeDerived=true" })
        .Concat([
            "share-of-world-growth?entity=china", "share-of-world-growth?entity=global-south", "gdp-growth?entity=china",
            "gdp-growth?kind=target", "hydropower-plants?kind=in-progress", "travel-time?kind=target", "gdp?entity=china",
        ])
        .ToList();

    public static TheoryData<string> All() => new(Queries);

    /// <summary>The chart's URL at a width: /v1/indicators/{code}/chart.svg?{filters}&amp;width=…</summary>
    public static string Url(string query, int width, string format = "svg")
    {
        var (code, filters) = Split(query);
        var parameters = string.Join("&", new[] { filters, $"width={width.ToString(CultureInfo.InvariantCulture)}" }.Where(p => p.Length > 0));
        return $"/v1/indicators/{code}/chart.{format}?{parameters}";
    }

    /// <summary>The same figures as JSON, as the chart reads them.</summary>
    public static string ObservationsUrl(string query)
    {
        var (code, filters) = Split(query);
        return $"/v1/indicators/{code}/observations" + (filters.Length > 0 ? "?" + filters : "");
    }

    public static async Task<IReadOnlyList<ObservationResponse>> FiguresAsync(HttpClient client, string query)
    {
        var body = await client.GetStringAsync(ObservationsUrl(query));
        var items = JsonDocument.Parse(body).RootElement.GetProperty("items");
        return items.EnumerateArray().Select(i => i.Deserialize<ObservationResponse>(Web)!).ToList();
    }

    public static async Task<XElement> SvgAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        Assert.True(response.IsSuccessStatusCode, $"{url}: {(int)response.StatusCode}");
        Assert.Equal("image/svg+xml", response.Content.Headers.ContentType?.MediaType);
        return XDocument.Parse(await response.Content.ReadAsStringAsync()).Root!;
    }

    /// <summary>A text element's words: its lines joined by spaces.</summary>
    public static string Words(XElement text) =>
        text.Elements(SvgNs + "tspan").Any() ? string.Join(" ", text.Elements(SvgNs + "tspan").Select(t => t.Value)) : text.Value;

    public static IEnumerable<XElement> Texts(XElement svg, string role) =>
        svg.Descendants(SvgNs + "text").Where(t => HasClass(t, role));

    public static IEnumerable<XElement> Marks(XElement svg) => svg.Descendants(SvgNs + "g").Where(g => HasClass(g, "mark"));

    public static bool HasClass(XElement element, string name) =>
        ((string?)element.Attribute("class"))?.Split(' ').Contains(name) == true;

    public static double Number(XElement element, string attribute) =>
        double.Parse((string)element.Attribute(attribute)!, CultureInfo.InvariantCulture);

    /// <summary>
    /// The pixel row of a value, read off the chart's own gridlines as a reader would (two ticks and a straight
    /// line between them), so a test of where a mark ends needs nothing from the renderer's code.
    /// </summary>
    public static Func<double, double> ValueAxis(XElement svg)
    {
        var ticks = svg.Descendants(SvgNs + "g").Where(g => HasClass(g, "chart-tick"))
            .Select(g => (Value: Number(g, "data-value"), Y: TickY(g)))
            .OrderBy(t => t.Value)
            .ToList();
        Assert.True(ticks.Count >= 2, "a chart has at least two gridlines");
        var (low, high) = (ticks[0], ticks[^1]);
        return v => low.Y + ((v - low.Value) / (high.Value - low.Value) * (high.Y - low.Y));
    }

    private static double TickY(XElement tick) =>
        tick.Element(SvgNs + "line") is { } line ? Number(line, "y1")
        // The zero tick has no gridline: the baseline is drawn there.
        : Number(tick.Document!.Root!.Descendants(SvgNs + "line").First(l => HasClass(l, "chart-baseline")), "y1");

    private static (string Code, string Filters) Split(string query) =>
        query.IndexOf('?') is var at and >= 0 ? (query[..at], query[(at + 1)..]) : (query, "");
}

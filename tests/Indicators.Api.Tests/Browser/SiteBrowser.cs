using System.Text.Json;
using Microsoft.Playwright;
using Indicators.Api.Tests.Support;

namespace Indicators.Api.Tests.Browser;

/// <summary>
/// The service on a loopback port and one headless Debian Chromium for a test class, with the list of every page
/// a reader can reach, read from the API itself: the home, each indicator, each figure, each source, the search
/// with results and with none, the embed in both themes, and a 404.
/// </summary>
public sealed class SiteBrowser : IAsyncLifetime
{
    private readonly KestrelApiFactory _api = new();
    private IPlaywright? _playwright;

    public string Address => _api.Address;

    public IBrowser Browser { get; private set; } = default!;

    public HttpClient Http { get; } = new();

    /// <summary>Every page, as (name for reports and files, path).</summary>
    public IReadOnlyList<(string Name, string Path)> Pages { get; private set; } = [];

    /// <summary>Every figure's JSON, by id (derived ones included).</summary>
    public IReadOnlyDictionary<string, JsonElement> Figures { get; private set; } = new Dictionary<string, JsonElement>();

    public async Task InitializeAsync()
    {
        if (Chromium.MissingReason is not null)
        {
            return;
        }

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium.Path,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync"],
        });

        var figures = (await JsonAsync("/v1/observations?includeDerived=true&pageSize=1000")).GetProperty("items").EnumerateArray().ToList();
        Figures = figures.ToDictionary(f => f.GetProperty("id").GetString()!, f => f.Clone());
        var pages = new List<(string, string)> { ("home", "/") };
        pages.AddRange((await JsonAsync("/v1/indicators?pageSize=1000")).GetProperty("items").EnumerateArray()
            .Select(i => i.GetProperty("code").GetString()!).Select(c => ($"indicator-{c}", $"/indicators/{c}")));
        pages.AddRange(Figures.Keys.Select(id => ($"figure-{id}", $"/observations/{id}")));
        pages.AddRange((await JsonAsync("/v1/sources?pageSize=1000")).GetProperty("items").EnumerateArray()
            .Select(s => s.GetProperty("id").GetString()!).Select(id => ($"source-{id}", $"/sources/{id}")));
        pages.Add(("search-results", "/search?q=poverty"));
        pages.Add(("search-facets", "/search?entity=pakistan&kind=actual"));
        pages.Add(("search-none", "/search?q=zzzznothing"));
        pages.Add(("embed-light", "/embed/indicators/share-of-world-gdp?theme=light"));
        pages.Add(("embed-dark", "/embed/indicators/share-of-world-gdp?theme=dark"));
        pages.Add(("embed-filtered", "/embed/indicators/gdp?entity=pakistan&from=1900&to=1901"));
        pages.Add(("not-found", "/no-such-page"));
        Pages = pages;
    }

    public async Task<JsonElement> JsonAsync(string path) =>
        JsonDocument.Parse(await Http.GetStringAsync(Address + path)).RootElement.Clone();

    /// <summary>A fresh context (no cookies, no cache) at a viewport width; JavaScript on or off.</summary>
    public Task<IBrowserContext> ContextAsync(int width = 1280, int height = 900, bool javaScript = true, ColorScheme scheme = ColorScheme.Light) =>
        Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = width, Height = height },
            JavaScriptEnabled = javaScript,
            ColorScheme = scheme,
            BypassCSP = false,
        });

    public async Task DisposeAsync()
    {
        if (_playwright is not null)
        {
            await Browser.CloseAsync();
            _playwright.Dispose();
        }

        Http.Dispose();
        await _api.DisposeAsync();
    }
}

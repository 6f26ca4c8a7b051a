using Indicators.Api.Tests.Support;
using Microsoft.Playwright;

namespace Indicators.Api.Tests.Browser;

/// <summary>
/// One headless Chromium for a test class, started on first use (so a class whose tests are all skipped never
/// starts one) and closed with the class. Each test opens its own page.
/// </summary>
public sealed class ChromiumSession : IAsyncDisposable
{
    private readonly SemaphoreSlim _starting = new(1, 1);
    private readonly TemporaryDirectory _profile = new();
    private IPlaywright? _playwright;
    private IBrowserContext? _browser;

    public async Task<IPage> NewPageAsync(int width, int height)
    {
        await _starting.WaitAsync();
        try
        {
            _playwright ??= await Playwright.CreateAsync();
            _browser ??= await _playwright.Chromium.LaunchPersistentContextAsync(_profile.Path, new BrowserTypeLaunchPersistentContextOptions
            {
                ExecutablePath = Chromium.Path,
                Headless = true,
                Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
            });
        }
        finally
        {
            _starting.Release();
        }

        var page = await _browser.NewPageAsync();
        await page.SetViewportSizeAsync(width, height);
        return page;
    }

    public async ValueTask DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.CloseAsync();
        }

        _playwright?.Dispose();
        _profile.Dispose();
        _starting.Dispose();
    }
}

/// <summary>A data-driven test that drives Chromium; skipped, with the reason shown, where a developer has none.</summary>
public sealed class ChromiumTheoryAttribute : TheoryAttribute
{
    public ChromiumTheoryAttribute()
    {
        if (Chromium.MissingReason is { } reason)
        {
            Skip = reason;
        }
    }
}

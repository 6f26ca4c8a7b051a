using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Indicators.Api.Tests.Browser;

/// <summary>
/// axe-core (WCAG 2.0/2.1 A and AA, WCAG 2.2 AA, best practices) finds nothing on any page, with JavaScript on
/// and with it off. axe is itself a script, so the JavaScript-off run takes the DOM a JavaScript-off page ends
/// with, puts it into a JavaScript-on page at the same address and runs axe there; and that DOM must have every
/// link, table and download the JavaScript-on DOM has.
/// </summary>
public sealed class AccessibilityTests(SiteBrowser site, ITestOutputHelper output) : IClassFixture<SiteBrowser>
{
    private static readonly AxeRunOptions Wcag = new()
    {
        RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"] },
        ResultTypes = [ResultType.Violations],
    };

    /// <summary>Two pages at a time: each axe run is a second of the browser's work, and the machine has two cores.</summary>
    private const int Workers = 2;

    [ChromiumFact]
    public async Task AxeFindsNoViolationOnAnyPageWithJavaScriptOnOrOffAndTheJavaScriptOffPageLacksNothing()
    {
        var started = DateTime.UtcNow;
        var failures = new System.Collections.Concurrent.ConcurrentQueue<string>();
        var queue = new System.Collections.Concurrent.ConcurrentQueue<(string Name, string Path)>(site.Pages);
        await Task.WhenAll(Enumerable.Range(0, Workers).Select(async _ =>
        {
            await using var off = await site.ContextAsync(javaScript: false);
            await using var on = await site.ContextAsync();
            var offPage = await off.NewPageAsync();
            var onPage = await on.NewPageAsync();
            while (queue.TryDequeue(out var next))
            {
                foreach (var failure in await CheckAsync(next.Name, site.Address + next.Path, onPage, offPage))
                {
                    failures.Enqueue(failure);
                }
            }
        }));

        output.WriteLine($"axe ran on {site.Pages.Count} pages, JavaScript on and off, in {(DateTime.UtcNow - started).TotalSeconds:F0} s: {failures.Count} violation(s)");
        Assert.True(failures.IsEmpty, string.Join("\n", failures));
    }

    [ChromiumFact]
    public async Task InDarkColoursAxeFindsNoViolationOnEachKindOfPage()
    {
        await using var context = await site.ContextAsync(scheme: ColorScheme.Dark);
        var page = await context.NewPageAsync();
        var failures = new List<string>();
        var kinds = site.Pages.GroupBy(p => p.Name.Split('-')[0]).Select(g => g.First()).Concat(site.Pages.Where(p => p.Name.StartsWith("source-", StringComparison.Ordinal)));
        foreach (var (name, path) in kinds.Distinct())
        {
            await page.GotoAsync(site.Address + path, new PageGotoOptions { WaitUntil = WaitUntilState.Load });
            Assert.Equal("dark", await page.EvaluateAsync<string>("() => matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light'"));
            failures.AddRange(Describe($"{name} (dark)", await page.RunAxe(Wcag)));
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    private static async Task<List<string>> CheckAsync(string name, string url, IPage onPage, IPage offPage)
    {
        var failures = new List<string>();
        await onPage.GotoAsync(url, new PageGotoOptions { WaitUntil = WaitUntilState.Load });
        failures.AddRange(Describe(name, await onPage.RunAxe(Wcag)));
        var onInventory = await InventoryAsync(onPage);

        await offPage.GotoAsync(url, new PageGotoOptions { WaitUntil = WaitUntilState.Load });
        var dom = await offPage.ContentAsync();
        var missing = onInventory.Except(await InventoryAsync(offPage)).ToList();
        if (missing.Count > 0)
        {
            failures.Add($"{name}: without JavaScript the page lacks {string.Join(", ", missing)}");
        }

        // The JavaScript-off DOM, served at the page's own address to a JavaScript-on page, where axe can run.
        await onPage.RouteAsync(u => u == url, route => route.FulfillAsync(new RouteFulfillOptions { Body = dom, ContentType = "text/html; charset=utf-8" }));
        await onPage.GotoAsync(url, new PageGotoOptions { WaitUntil = WaitUntilState.Load });
        await onPage.UnrouteAllAsync();
        failures.AddRange(Describe($"{name} (JavaScript off)", await onPage.RunAxe(Wcag)));
        return failures;
    }

    /// <summary>Every link target, table and form a reader can use on the page, as comparable strings.</summary>
    private static async Task<HashSet<string>> InventoryAsync(IPage page) =>
        (await page.EvaluateAsync<string[]>("""
            () => [
              ...[...document.querySelectorAll('a[href]')].map(a => 'link ' + a.getAttribute('href')),
              ...[...document.querySelectorAll('table')].map((t, i) => 'table ' + i + ' rows ' + t.rows.length),
              ...[...document.querySelectorAll('form')].map(f => 'form ' + f.getAttribute('action')),
              ...[...document.querySelectorAll('img, source')].map(i => 'image ' + (i.getAttribute('src') || i.getAttribute('srcset'))),
              ...[...document.querySelectorAll('pre')].map(p => 'text ' + p.textContent.length),
            ]
            """)).ToHashSet();

    private static IEnumerable<string> Describe(string page, AxeResult result) =>
        result.Violations.SelectMany(v => v.Nodes.Select(n => $"{page}: {v.Id} ({v.Impact}) {v.Help} at {n.Target}: {n.Html}"));
}

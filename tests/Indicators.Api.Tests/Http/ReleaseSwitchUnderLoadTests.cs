using System.Collections.Concurrent;
using System.Net;
using Indicators.Api.Tests.Support;

namespace Indicators.Api.Tests.Http;

/// <summary>
/// The import renames new releases into place while the built service (a real Kestrel process) is busy: no
/// request may fail or answer anything but 200, and every new release must be served without a restart.
/// </summary>
public sealed class ReleaseSwitchUnderLoadTests : IDisposable
{
    private static readonly string[] Paths =
    [
        "/v1/observations?pageSize=5",
        "/v1/observations/china-gdp-2023-usd",
        "/v1/indicators/gdp/observations",
        "/v1/observations?q=growth",
        LatestRelease,
    ];

    private const string LatestRelease = "/v1/releases/latest";

    private readonly DataFolder _data = new();
    private readonly TemporaryDirectory _scratch = new();

    public void Dispose()
    {
        _data.Dispose();
        _scratch.Dispose();
    }

    [Fact]
    public async Task ThreeReleasesSwappedInUnderLoadFailNoRequestAndAreEachServed()
    {
        var database = Path.Combine(_scratch.Path, "indicators.db");
        Assert.Equal(0, _data.Import(database).ExitCode);
        await using var service = await ServiceProcess.StartAsync(database, new Dictionary<string, string>
        {
            ["Database__BuildOnStartup"] = "false",
            ["Limits__RateLimit__Enabled"] = "false",
        });
        using var client = service.Client();
        var failures = new ConcurrentQueue<string>();
        var releasesServed = new ConcurrentDictionary<string, bool>();
        long requests = 0;
        using var stop = new CancellationTokenSource();

        // Eight clients in a loop; a unique cb= defeats the response cache, so every request reads the database.
        var clients = Enumerable.Range(0, 8).Select(worker => Task.Run(async () =>
        {
            for (var i = worker; !stop.IsCancellationRequested; i++)
            {
                var path = Paths[i % Paths.Length];
                var separator = path.Contains('?', StringComparison.Ordinal) ? '&' : '?';
                using var response = await client.GetAsync($"{path}{separator}cb={Interlocked.Increment(ref requests)}");
                if (response.StatusCode != HttpStatusCode.OK)
                {
                    failures.Enqueue($"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                }
                else
                {
                    var label = string.Join("", response.Headers.GetValues("X-Dataset-Release"));
                    releasesServed[label] = true;
                    if (path == LatestRelease)
                    {
                        // The release the data came from is the one the response names, or, for a request
                        // that straddled the switch, the response may be kept by no cache.
                        using var body = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync());
                        var read = body.RootElement.GetProperty("id").GetString();
                        if (read != label && response.Headers.CacheControl?.NoStore is not true)
                        {
                            failures.Enqueue($"labelled {label}, read from {read}, and cacheable");
                        }
                    }
                }
            }
        })).ToList();

        // The first release is being served (a cold process takes a moment to answer) before the first switch.
        var started = DateTime.UtcNow.AddSeconds(30);
        while (releasesServed.IsEmpty && DateTime.UtcNow < started)
        {
            await Task.Delay(20);
        }

        Assert.Single(releasesServed);
        for (var switchNumber = 1; switchNumber <= 3; switchNumber++)
        {
            var before = Interlocked.Read(ref requests);
            _data.WriteNote($"Release switch {switchNumber} under load.");
            var (exitCode, output, error) = _data.Import(database);
            Assert.True(exitCode == 0, output + error);
            var deadline = DateTime.UtcNow.AddSeconds(30);
            while (releasesServed.Count < switchNumber + 1 && DateTime.UtcNow < deadline)
            {
                await Task.Delay(20);
            }

            Assert.True(releasesServed.Count == switchNumber + 1, $"release {switchNumber} was not served within 30 s");
            Assert.True(Interlocked.Read(ref requests) > before, "the clients stopped sending");
        }

        await stop.CancelAsync();
        await Task.WhenAll(clients);

        Assert.Empty(failures);
        Assert.Equal(4, releasesServed.Count);
    }
}

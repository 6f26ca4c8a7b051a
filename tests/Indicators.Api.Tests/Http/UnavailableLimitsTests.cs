using System.Diagnostics;
using System.Net;
using Indicators.Api.Data;
using Indicators.Api.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Indicators.Api.Tests.Http;

/// <summary>
/// Runs alone: the request timeout is a thread-pool timer, and with every other test class running beside it
/// on two cores the timer fired after the 2 s search had already answered 200 (the timeout is a minimum, but
/// these tests need it on time).
/// </summary>
[CollectionDefinition(nameof(TimingSensitive), DisableParallelization = true)]
public sealed class TimingSensitive;

/// <summary>
/// The two limits that answer 503 (a saturated service, a request over its time) reached for real: a search
/// that takes a second or so on a synthetic database holds the only permit, or outlasts a short timeout.
/// </summary>
[Collection(nameof(TimingSensitive))]
public sealed class UnavailableLimitsTests(SlowSearchDatabase database, ITestOutputHelper output) : IClassFixture<SlowSearchDatabase>
{
    private static readonly string SlowSearch = "/v1/observations?q=" + Uri.EscapeDataString(SlowSearchDatabase.SlowQuery);

    [Fact]
    public async Task RequestsBeyondTheConcurrencyLimitAndItsQueueAreServiceUnavailableProblemsWithRetryAfter()
    {
        using var factory = new SettingsApiFactory(database.Settings(new Dictionary<string, string?>
        {
            ["Limits:RateLimit:Enabled"] = "false",
            ["Limits:MaxConcurrentRequests"] = "1",
            ["Limits:ConcurrencyQueueLimit"] = "1",
        }));
        using var client = factory.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/v1/indicators")).StatusCode);
        var connections = factory.Services.GetRequiredService<IndicatorsDatabase>();
        var opened = connections.ConnectionsOpened;

        var clock = Stopwatch.StartNew();
        var slow = client.GetAsync(SlowSearch);
        // Once the search has opened its connection it is past the limiter, holding the one permit for a second or so.
        var deadline = Stopwatch.StartNew();
        while (connections.ConnectionsOpened == opened && !slow.IsCompleted && deadline.Elapsed < TimeSpan.FromSeconds(30))
        {
            await Task.Delay(1);
        }

        Assert.False(slow.IsCompleted, "the slow search finished before the other requests were sent");
        var others = await Task.WhenAll(Enumerable.Range(0, 5).Select(i => client.GetAsync($"/v1/indicators?n={i}")));
        var searched = await slow;
        output.WriteLine($"the search took {clock.ElapsedMilliseconds} ms");

        Assert.Equal(HttpStatusCode.OK, searched.StatusCode);
        // One waited in the queue and was served when the search let go; the rest were turned away at once.
        Assert.Equal(1, others.Count(r => r.StatusCode == HttpStatusCode.OK));
        var rejected = others.Where(r => r.StatusCode == HttpStatusCode.ServiceUnavailable).ToList();
        Assert.Equal(4, rejected.Count);
        foreach (var response in rejected)
        {
            await AssertUnavailableAsync(response, "The service is handling as many requests as it can. Retry after 1 second.");
        }
    }

    [Fact]
    public async Task ARequestThatTakesLongerThanTheTimeoutIsAServiceUnavailableProblemWithRetryAfter()
    {
        using var factory = new SettingsApiFactory(database.Settings(new Dictionary<string, string?>
        {
            ["Limits:RateLimit:Enabled"] = "false",
            ["Limits:RequestTimeoutSeconds"] = "0.1",
        }));
        using var client = factory.CreateClient();
        await client.GetAsync("/v1/indicators"); // start the host: its first request is not the one timed

        var clock = Stopwatch.StartNew();
        var response = await client.GetAsync(SlowSearch);
        clock.Stop();
        output.WriteLine($"answered in {clock.ElapsedMilliseconds} ms");

        await AssertUnavailableAsync(response, "The request took longer than the service allows. Retry after 1 second.");
        Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(0.1), $"answered in {clock.Elapsed.TotalMilliseconds} ms");
    }

    [Fact]
    public async Task ATimedOutRequestStopsItsStatementInsteadOfWaitingForIt()
    {
        var untimed = await TimeSlowSearchAsync(timeoutSeconds: "60");
        var timedOut = await TimeSlowSearchAsync(timeoutSeconds: "0.1");
        output.WriteLine($"uninterrupted: {untimed.Elapsed.TotalMilliseconds} ms, timed out: {timedOut.Elapsed.TotalMilliseconds} ms");

        Assert.Equal(HttpStatusCode.OK, untimed.Status);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, timedOut.Status);
        // Relative to the same search on the same machine: without the interrupt the 503 waited for the first
        // statement to finish (about half of the search); with it, the answer comes at the timeout.
        Assert.True(timedOut.Elapsed < untimed.Elapsed / 4, $"the 503 took {timedOut.Elapsed.TotalMilliseconds} ms of the search's {untimed.Elapsed.TotalMilliseconds} ms");
    }

    private async Task<(HttpStatusCode Status, TimeSpan Elapsed)> TimeSlowSearchAsync(string timeoutSeconds)
    {
        using var factory = new SettingsApiFactory(database.Settings(new Dictionary<string, string?>
        {
            ["Limits:RateLimit:Enabled"] = "false",
            ["Limits:RequestTimeoutSeconds"] = timeoutSeconds,
        }));
        using var client = factory.CreateClient();
        await client.GetAsync("/v1/indicators"); // start the host: its first request is not the one timed

        var clock = Stopwatch.StartNew();
        var response = await client.GetAsync(SlowSearch);
        return (response.StatusCode, clock.Elapsed);
    }

    private static async Task AssertUnavailableAsync(HttpResponseMessage response, string detail)
    {
        var problem = await response.AssertProblemAsync(HttpStatusCode.ServiceUnavailable);
        Assert.Equal("1", string.Join("", response.Headers.GetValues("Retry-After")));
        Assert.Equal(detail, problem.GetProperty("detail").GetString());
        var traceId = problem.GetProperty("traceId").GetString();
        Assert.False(string.IsNullOrEmpty(traceId));
        Assert.Equal(string.Join("", response.Headers.GetValues("X-Request-Id")), traceId);
        Assert.Equal("nosniff", string.Join("", response.Headers.GetValues("X-Content-Type-Options")));
    }
}

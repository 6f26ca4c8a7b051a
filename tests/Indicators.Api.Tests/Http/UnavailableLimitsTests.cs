using System.Net;
using Indicators.Api.Data;
using Indicators.Api.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Indicators.Api.Tests.Http;

/// <summary>
/// Runs after every parallel test class, alone. The request timeout is a thread-pool timer, and beside every other
/// test class on two cores the pool was starved long enough for it to fire after the slow search (about 2 s) had
/// already answered 200. No assertion here measures time: running alone only keeps the timer from firing after the
/// statement it is meant to interrupt has finished.
/// </summary>
[CollectionDefinition(nameof(RequestTimeoutTimer), DisableParallelization = true)]
public sealed class RequestTimeoutTimer;

/// <summary>
/// The two limits that answer 503 (a saturated service, a request over its time), reached for real and shown by
/// what happens, not by how long it took: a request held inside SQLite by another writer's lock keeps the only
/// permit for exactly as long as the test needs; a search that is genuinely slow on a synthetic database is
/// interrupted by the timeout, which SQLite reports.
/// </summary>
[Collection(nameof(RequestTimeoutTimer))]
public sealed class UnavailableLimitsTests(SlowSearchDatabase database) : IClassFixture<SlowSearchDatabase>
{
    private static readonly string SlowSearch = "/v1/observations?q=" + Uri.EscapeDataString(SlowSearchDatabase.SlowQuery);

    /// <summary>Far shorter than the slow search's statement, far longer than anything else a warm request does.</summary>
    private const string ShortTimeoutSeconds = "0.3";

    [Fact]
    public async Task RequestsBeyondTheConcurrencyLimitAndItsQueueAreServiceUnavailableProblemsWithRetryAfter()
    {
        using var factory = new SettingsApiFactory(database.Settings(new Dictionary<string, string?>
        {
            ["Limits:RateLimit:Enabled"] = "false",
            ["Limits:MaxConcurrentRequests"] = "1",
            ["Limits:ConcurrencyQueueLimit"] = "1",
            ["Limits:RequestTimeoutSeconds"] = "120",
        }));
        using var client = factory.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/v1/indicators")).StatusCode);
        var connections = factory.Services.GetRequiredService<IndicatorsDatabase>();

        Task<HttpResponseMessage> held;
        Task<HttpResponseMessage>[] others;
        using (DatabaseLock.Take(database.DatabasePath))
        {
            var opened = connections.ConnectionsOpened;
            held = client.GetAsync("/v1/indicators?held=1");
            // Once it has opened its connection it is past the limiter, holding the one permit until the lock goes.
            await Eventually.TrueAsync(() => connections.ConnectionsOpened > opened || held.IsCompleted, "the held request never reached the database");
            Assert.False(held.IsCompleted, "the held request was answered while the database was locked");

            others = Enumerable.Range(0, 5).Select(i => client.GetAsync($"/v1/indicators?n={i}")).ToArray();
            // One waits in the queue for the permit; the other four are turned away at once, lock or not.
            await Eventually.TrueAsync(() => others.Count(t => t.IsCompleted) >= 4, "four requests were not turned away");
            Assert.Equal(4, others.Count(t => t.IsCompleted));
            Assert.False(held.IsCompleted);
        }

        Assert.Equal(HttpStatusCode.OK, (await held).StatusCode);
        var answered = await Task.WhenAll(others);
        Assert.Equal(1, answered.Count(r => r.StatusCode == HttpStatusCode.OK));
        var rejected = answered.Where(r => r.StatusCode == HttpStatusCode.ServiceUnavailable).ToList();
        Assert.Equal(4, rejected.Count);
        foreach (var response in rejected)
        {
            await AssertUnavailableAsync(response, "The service is handling as many requests as it can. Retry after 1 second.");
        }
    }

    [Fact]
    public async Task ARequestThatTakesLongerThanTheTimeoutIsAServiceUnavailableProblemWithRetryAfter()
    {
        using var factory = ShortTimeoutService();
        using var client = factory.CreateClient();
        await WarmUpAsync(client);

        var response = await client.GetAsync(SlowSearch);

        await AssertUnavailableAsync(response, "The request took longer than the service allows. Retry after 1 second.");
    }

    [Fact]
    public async Task ATimedOutRequestStopsItsStatementInsteadOfWaitingForIt()
    {
        using var factory = ShortTimeoutService();
        using var client = factory.CreateClient();
        await WarmUpAsync(client);
        var connections = factory.Services.GetRequiredService<IndicatorsDatabase>();
        var interruptedBefore = connections.StatementsInterrupted;

        var response = await client.GetAsync(SlowSearch);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        // The 503 is written only once the endpoint has given up. SQLite reported the running statement as
        // interrupted (a statement left to finish reports nothing), and its connection was back before the answer.
        Assert.Equal(interruptedBefore + 1, connections.StatementsInterrupted);
        Assert.Equal(0, connections.ConnectionsInUse);
    }

    [Fact]
    public async Task TheSlowSearchAnswersWhenNoTimeoutStopsIt()
    {
        // Without this, the two tests above could pass against a search that fails for another reason.
        using var factory = new SettingsApiFactory(database.Settings(new Dictionary<string, string?>
        {
            ["Limits:RateLimit:Enabled"] = "false",
            ["Limits:RequestTimeoutSeconds"] = "120",
        }));
        using var client = factory.CreateClient();
        var connections = factory.Services.GetRequiredService<IndicatorsDatabase>();

        var response = await client.GetAsync(SlowSearch);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(0, connections.StatementsInterrupted);
        Assert.Equal(0, connections.ConnectionsInUse);
    }

    private SettingsApiFactory ShortTimeoutService() => new(database.Settings(new Dictionary<string, string?>
    {
        ["Limits:RateLimit:Enabled"] = "false",
        ["Limits:RequestTimeoutSeconds"] = ShortTimeoutSeconds,
    }));

    /// <summary>
    /// A cold host's first requests (JIT, the codes, the release) may themselves outlast a short timeout: repeat a
    /// list and a quick search until both answer, so the one request left slow is the search's statement.
    /// </summary>
    private static async Task WarmUpAsync(HttpClient client)
    {
        foreach (var path in new[] { "/v1/indicators", "/v1/observations?q=w1x0" })
        {
            await Eventually.TrueAsync(async () => (await client.GetAsync(path)).StatusCode == HttpStatusCode.OK, $"{path} never answered 200");
        }
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

using System.Text.Json;
using System.Text.Json.Nodes;
using Indicators.Api.Tests.Support;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Indicators.Api.Tests.Releases;

/// <summary>
/// The promise of a release: asked with release=, every /v1 endpoint answers what it answered while that release was
/// current, field for field (figures, values, qualifiers, bounds, periods, quotes and offsets, texts, search results,
/// citations, CSV, charts), four releases later. Only the problem's trace id differs (it is the request's); links,
/// access dates and the release header are the same because links always name their release and the clock is fixed.
/// </summary>
public sealed class EveryReleaseAnswersAsWhenCurrentTests(ReleaseHistoryFixture history) : IClassFixture<ReleaseHistoryFixture>
{
    public static TheoryData<int> FixtureReleases => new() { 0, 1, 2, 3 };

    [Theory]
    [MemberData(nameof(FixtureReleases))]
    public async Task EveryAnswerPinnedToAReleaseIsWhatItAnsweredWhenThatReleaseWasCurrent(int index)
    {
        var (id, answers) = history.Releases[index];
        var differences = new List<string>();
        foreach (var (url, then) in answers)
        {
            var now = await Answer.ReadAsync(history.Client, Pinned(url, id));
            if (!Same(then, now, out var why))
            {
                differences.Add($"{url}: {why}");
            }
        }

        Assert.True(differences.Count == 0, string.Join('\n', differences.Take(20)));
        Assert.True(answers.Count > 300, $"only {answers.Count} answers were recorded");
    }

    [Fact]
    public void TheRecordedAnswersCoverEveryGetRouteUnderV1ButTheReleasesOwn()
    {
        var routes = history.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods.Contains("GET") is true)
            .Select(e => e.RoutePattern.RawText!.Replace("v{version:apiVersion}", "v1", StringComparison.Ordinal).TrimEnd('/'))
            .Where(r => r.StartsWith("/v1", StringComparison.Ordinal) && !r.StartsWith("/v1/releases", StringComparison.Ordinal))
            .Distinct().ToList();
        var urls = history.Releases.SelectMany(r => r.Answers.Keys).Select(u => u.Split('?')[0]).ToHashSet();

        var uncovered = routes.Where(route => !urls.Any(url => Matches(route, url))).ToList();

        Assert.NotEmpty(routes);
        Assert.True(uncovered.Count == 0, "no answer recorded for " + string.Join(", ", uncovered));
    }

    [Fact]
    public void TheFixtureChangedWhatItSetOutToChange()
    {
        // Each release's own answers differ where its change is, so equality above is not equality of one release with itself.
        string Body(int release, string url) => System.Text.Encoding.UTF8.GetString(history.Releases[release].Answers[url].Body);
        var wind = $"/v1/observations/{ReleaseHistoryFixture.WindFarms}";
        var training = $"/v1/observations/{ReleaseHistoryFixture.Training}";
        Assert.Contains("\"value\":6", Body(0, wind));
        Assert.Contains("\"value\":7", Body(1, wind));
        Assert.Contains("\"qualifier\":\"exact\"", Body(0, training));
        Assert.Contains("\"qualifier\":\"more-than\"", Body(1, training));
        Assert.Contains("\"quote\":\"seven wind farms built with help from China\"", Body(1, wind));
        Assert.Contains("\"quote\":\"Pakistan counts seven wind farms built with help from China\"", Body(2, wind));
        Assert.NotEqual(Offsets(Body(1, wind)), Offsets(Body(2, wind)));
        Assert.Contains("\"statedOn\":null", Body(1, wind));
        Assert.Contains("\"statedOn\":\"2025-01-31\"", Body(2, wind));
        Assert.Equal(200, history.Releases[2].Answers[training].Status);
        Assert.Equal(410, history.Releases[3].Answers[training].Status);
        Assert.Equal(404, history.Releases[3].Answers["/v1/observations/no-such-figure"].Status);
    }

    private static (int, int) Offsets(string json)
    {
        var citation = JsonDocument.Parse(json).RootElement.GetProperty("citation");
        return (citation.GetProperty("start").GetInt32(), citation.GetProperty("end").GetInt32());
    }

    private static string Pinned(string url, string release) => url + (url.Contains('?', StringComparison.Ordinal) ? "&" : "?") + "release=" + release;

    private static bool Matches(string route, string path)
    {
        var parts = route.Split('/');
        var actual = path.Split('/');
        return parts.Length == actual.Length && parts.Zip(actual).All(p => p.First.StartsWith('{') || p.First == p.Second);
    }

    private static bool Same(Answer then, Answer now, out string why)
    {
        why = "";
        if (then.Status != now.Status || then.ContentType != now.ContentType || then.Disposition != now.Disposition || then.Release != now.Release)
        {
            why = $"status {then.Status} -> {now.Status}, type {then.ContentType} -> {now.ContentType}, "
                  + $"file {then.Disposition} -> {now.Disposition}, release {then.Release} -> {now.Release}";
            return false;
        }

        if (then.IsJson)
        {
            // Field for field; a problem's traceId is the request's own.
            var a = JsonNode.Parse(then.Body)!;
            var b = JsonNode.Parse(now.Body)!;
            if (a is JsonObject x && b is JsonObject y)
            {
                x.Remove("traceId");
                y.Remove("traceId");
            }

            if (!JsonNode.DeepEquals(a, b))
            {
                why = $"{a.ToJsonString()[..Math.Min(300, a.ToJsonString().Length)]} -> {b.ToJsonString()[..Math.Min(300, b.ToJsonString().Length)]}";
                return false;
            }

            return true;
        }

        if (then.ContentType?.StartsWith("image/svg+xml", StringComparison.Ordinal) is true)
        {
            // ScottPlot numbers clip paths from a counter of the process (cl_4, cl_7, ...): two renderings of one chart
            // differ only there, so the ids are compared by order of appearance.
            return Equal(ClipIds(then.Body), ClipIds(now.Body), out why);
        }

        return Equal(then.Body, now.Body, out why);
    }

    private static bool Equal(byte[] then, byte[] now, out string why)
    {
        why = then.AsSpan().SequenceEqual(now) ? "" : "the bytes differ";
        return why.Length == 0;
    }

    private static byte[] ClipIds(byte[] svg)
    {
        var text = System.Text.Encoding.UTF8.GetString(svg);
        var order = new Dictionary<string, string>(StringComparer.Ordinal);
        return System.Text.Encoding.UTF8.GetBytes(System.Text.RegularExpressions.Regex.Replace(
            text, "cl_[0-9a-f]+", m => order.TryGetValue(m.Value, out var id) ? id : order[m.Value] = $"cl_{order.Count}"));
    }
}

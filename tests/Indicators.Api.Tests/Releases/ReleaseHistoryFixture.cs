using System.Net.Http.Headers;
using Indicators.Api.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Indicators.Api.Tests.Releases;

/// <summary>
/// A history of four more published releases on top of the repository's, each published with the real
/// <c>import --publish</c> into a copy of data/, and what every /v1 endpoint answered while each was current:
/// <list type="number">
/// <item>adds a source document and two figures (one with a mistyped value, one recorded without its qualifier);</item>
/// <item>corrects the value and the qualifier;</item>
/// <item>corrects a quote (its offsets move) and gives the source a publication date (its metadata);</item>
/// <item>withdraws a figure.</item>
/// </list>
/// Access dates come from a fixed clock, so "what it answered then" and "what it answers now" can be compared byte for byte.
/// </summary>
public sealed class ReleaseHistoryFixture : IAsyncLifetime
{
    public const string Source = "fixture-third-source";
    public const string WindFarms = "fixture-pakistan-wind-farms";
    public const string Training = "fixture-global-south-training-opportunities";

    private readonly DataFolder _data = new();
    private HistoryApiFactory? _factory;

    /// <summary>The fixture's releases in order: id and what each URL answered while it was current.</summary>
    public List<(string Id, Dictionary<string, Answer> Answers)> Releases { get; } = [];

    /// <summary>The releases the repository had published before the fixture's.</summary>
    public int Before { get; private set; }

    public HttpClient Client { get; private set; } = null!;

    public IServiceProvider Services => _factory!.Services;

    public string DataPath => _data.Path;

    internal DataFolder Data => _data;

    public async Task InitializeAsync()
    {
        Before = Curation.NextRelease(_data.Path) - 1;
        _factory = new HistoryApiFactory(_data.Path);
        Client = _factory.CreateClient();
        var fixture = Fixtures.Directory("third-source");

        // 1. A new source and two figures: the wind farms mistyped (6 for "seven"), the training offer without its "over".
        _data.Copy(Path.Combine(fixture, "sources", "fixture-third-source.txt"), "sources/fixture-third-source.txt");
        _data.AppendRows("sources.csv", File.ReadAllText(Path.Combine(fixture, "sources.rows.csv")));
        _data.AppendRows("observations.csv", string.Join('\n',
            $"{WindFarms},{Source},wind-farms,pakistan,china,not stated,,,false,6,wind-farms,exact,,actual,seven wind farms built with help from China,A made-up figure in a test fixture.",
            $"{Training},{Source},training-opportunities,global-south,china,not stated,,,false,500,training-opportunities,exact,,plan,500 training opportunities are on offer to Global South countries,A made-up figure in a test fixture."));
        await PublishAsync("Adds a fixture document and two of its figures.", 1);

        // 2. The value and the qualifier corrected.
        EditRow("observations.csv", WindFarms, row => row.Replace(",false,6,", ",false,7,", StringComparison.Ordinal));
        EditRow("observations.csv", Training, row => row
            .Replace(",exact,,plan,500 training", ",more-than,over,plan,over 500 training", StringComparison.Ordinal));
        _data.Reason("observation", WindFarms, "changed", "The text says seven, not six.");
        _data.Reason("observation", Training, "changed", "The text says over 500: a lower bound, not an exact number.");
        await PublishAsync("Corrects a value and a qualifier.", 2);

        // 3. A quote corrected (it now starts earlier, so its offsets move) and the source's metadata changed.
        EditRow("observations.csv", WindFarms, row => row.Replace(
            ",seven wind farms built with help from China,", ",\"Pakistan counts seven wind farms built with help from China\",", StringComparison.Ordinal));
        EditRow("sources.csv", Source, row => row.Replace("A Fixture Document for Tests,,,,,,", "A Fixture Document for Tests,,,2025-01-31,,,", StringComparison.Ordinal));
        _data.Reason("observation", WindFarms, "changed", "The quote now holds who counts the wind farms.");
        _data.Reason("source", Source, "changed", "The fixture document is dated.");
        await PublishAsync("Corrects a quote and dates the fixture document.", 3);

        // 4. A figure withdrawn.
        EditRow("observations.csv", Training, _ => null);
        _data.Reason("observation", Training, "withdrawn", "An offer, not a figure the document measures.");
        await PublishAsync("Withdraws a figure.", 4);
    }

    private async Task PublishAsync(string note, int day)
    {
        _data.WriteNote(note);
        var clock = new FixedClock(new DateTimeOffset(2027, 1, day, 10, 0, 0, TimeSpan.Zero));
        var (exit, _, error) = _data.Import(_factory!.DatabasePath, clock, "--publish");
        Assert.True(exit == 0, error);
        var id = (await Client.GetAsync("/v1/releases/latest")).Headers.GetValues("X-Dataset-Release").Single();
        var answers = new Dictionary<string, Answer>(StringComparer.Ordinal);
        foreach (var url in await EveryUrlAsync(previous: Releases.LastOrDefault().Id, current: id))
        {
            // A chart draws its "get the data" link, and a chart that names its release links to that release's data
            // (its text, so its layout and pixels, differ from the unpinned chart's): a chart is recorded as asked for by
            // its release while that release is current, which is what a pinned request must repeat byte for byte.
            var recorded = url.Contains("/chart.", StringComparison.Ordinal)
                ? url + (url.Contains('?', StringComparison.Ordinal) ? "&" : "?") + "release=" + id
                : url;
            answers[url] = await Answer.ReadAsync(Client, recorded);
        }

        Releases.Add((id, answers));
    }

    /// <summary>
    /// A request to every GET under /v1 but the releases' own (each list with its filters and formats, each record
    /// by id, its history and citation in every style, each indicator's figures and charts, search, changedSince).
    /// </summary>
    private async Task<List<string>> EveryUrlAsync(string? previous, string current)
    {
        async Task<List<string>> Ids(string list, string key) => (await (await Client.GetAsync(list)).ReadJsonAsync())
            .GetProperty("items").EnumerateArray().Select(i => i.GetProperty(key).GetString()!).ToList();

        var observations = await Ids("/v1/observations?includeDerived=true&pageSize=1000", "id");
        observations.AddRange([Training, "no-such-figure"]);
        var indicators = await Ids("/v1/indicators?pageSize=1000", "code");
        var entities = await Ids("/v1/entities?pageSize=1000", "code");
        var sources = await Ids("/v1/sources?pageSize=1000", "id");
        string[] styles = ["apa", "chicago", "bibtex", "ris", "csl-json"];
        var urls = new List<string>
        {
            "/v1/observations", "/v1/observations?includeDerived=true", "/v1/observations?pageSize=5", "/v1/observations?page=2&pageSize=5",
            $"/v1/observations?source={Source}", "/v1/observations?indicator=wind-farms", "/v1/observations?qualifier=more-than",
            "/v1/observations?kind=derived", "/v1/observations?entity=pakistan&from=2020&to=2030", "/v1/observations?q=wind",
            "/v1/observations?q=%22training%20opportunities%22", "/v1/observations.csv", "/v1/observations?format=csv&source=" + Source,
            "/v1/indicators", "/v1/indicators.csv", "/v1/entities", "/v1/entities.csv", "/v1/sources", "/v1/sources.csv",
            "/v1", "/v1/citation", "/v1/indicators/no-such/observations",
        };
        if (previous is not null)
        {
            urls.AddRange([
                $"/v1/observations?changedSince={previous}", $"/v1/observations?changedSince={previous}&includeDerived=true",
                $"/v1/sources?changedSince={previous}", $"/v1/indicators?changedSince={previous}", $"/v1/entities?changedSince={previous}",
            ]);
        }

        var cursor = (await (await Client.GetAsync("/v1/observations?pageSize=5")).ReadJsonAsync()).GetProperty("links").GetProperty("next").GetString()!;
        // links.next as a client that drops its release would send it: the cursor still names the release it walks.
        urls.Add(new Uri(cursor).PathAndQuery.Replace($"&release={current}", "", StringComparison.Ordinal));
        urls.AddRange(styles.Select(s => $"/v1/citation?style={s}"));
        foreach (var id in observations)
        {
            urls.AddRange([$"/v1/observations/{id}", $"/v1/observations/{id}/history"]);
            urls.AddRange(styles.Select(s => $"/v1/observations/{id}/citation?style={s}"));
        }

        foreach (var code in indicators)
        {
            urls.AddRange([$"/v1/indicators/{code}", $"/v1/indicators/{code}/observations", $"/v1/indicators/{code}/observations.csv",
                $"/v1/indicators/{code}/chart.svg", $"/v1/indicators/{code}/chart.png?width=320&height=200"]);
        }

        urls.AddRange(entities.Select(code => $"/v1/entities/{code}"));
        foreach (var id in sources)
        {
            urls.AddRange([$"/v1/sources/{id}", $"/v1/sources/{id}/text"]);
            urls.AddRange(styles.Select(s => $"/v1/sources/{id}/citation?style={s}"));
        }

        return urls;
    }

    /// <summary>Rewrites one row of a curated file in place (null drops it), found by its id, leaving every other line as it is.</summary>
    private void EditRow(string file, string id, Func<string, string?> edit)
    {
        var path = _data.File(file);
        var lines = File.ReadAllText(path).Split('\n');
        var at = Array.FindIndex(lines, l => l.StartsWith(id + ",", StringComparison.Ordinal));
        Assert.True(at > 0, $"{id} is not in {file}");
        var edited = edit(lines[at]);
        var kept = lines.Take(at).Concat(edited is null ? [] : [edited]).Concat(lines.Skip(at + 1));
        File.WriteAllText(path, string.Join('\n', kept));
    }

    public Task DisposeAsync()
    {
        Client.Dispose();
        _factory?.Dispose();
        _data.Dispose();
        return Task.CompletedTask;
    }

    /// <summary>The service over the fixture's data folder, its clock fixed, every request its own client (no rate limit), every file swap noticed.</summary>
    private sealed class HistoryApiFactory(string data) : ApiFactory
    {
        protected override string DataDirectory => data;

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Limits:RateLimit:Enabled", "false");
            builder.UseSetting("Caching:ReleaseCheckMilliseconds", "0");
            builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(new FixedClock()));
        }
    }
}

/// <summary>One answer as a client keeps it: status, the headers that describe the body, and the body.</summary>
public sealed record Answer(int Status, string? ContentType, string? Disposition, string Release, byte[] Body)
{
    public static async Task<Answer> ReadAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        return new Answer(
            (int)response.StatusCode, response.Content.Headers.ContentType?.ToString(), response.Content.Headers.ContentDisposition?.ToString(),
            response.Headers.GetValues("X-Dataset-Release").Single(), await response.Content.ReadAsByteArrayAsync());
    }

    public bool IsJson => ContentType is { } type && MediaTypeHeaderValue.Parse(type).MediaType!.EndsWith("json", StringComparison.Ordinal);
}

using System.Globalization;
using System.Net;
using System.Text.Json;
using Indicators.Api.Tests.Support;

namespace Indicators.Api.Tests.Releases;

/// <summary>What the fixture's history shows a reader: each change with its reason, a figure's versions, a withdrawal, a sync.</summary>
public sealed class ReleaseHistoryTests(ReleaseHistoryFixture history) : IClassFixture<ReleaseHistoryFixture>
{
    private HttpClient Client => history.Client;

    private string Release(int index) => history.Releases[index].Id;

    [Fact]
    public async Task AReleaseListsWhatItChangedFieldByFieldWithTheCuratorsReasons()
    {
        var changes = await (await Client.GetAsync($"/v1/releases/{Release(1)}/changes")).ReadJsonAsync();

        var items = changes.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(2, changes.GetProperty("total").GetInt32());
        var wind = items.Single(i => i.GetProperty("id").GetString() == ReleaseHistoryFixture.WindFarms);
        Assert.Equal("observation", wind.GetProperty("record").GetString());
        Assert.Equal("changed", wind.GetProperty("change").GetString());
        Assert.Equal("The text says seven, not six.", wind.GetProperty("reason").GetString());
        var field = Assert.Single(wind.GetProperty("fields").EnumerateArray());
        Assert.Equal(("value", "6", "7"), (field.GetProperty("field").GetString(), field.GetProperty("old").GetString(), field.GetProperty("new").GetString()));
        Assert.EndsWith($"/v1/observations/{ReleaseHistoryFixture.WindFarms}?release={Release(0)}", wind.GetProperty("before").GetString());
        Assert.EndsWith($"/v1/observations/{ReleaseHistoryFixture.WindFarms}?release={Release(1)}", wind.GetProperty("after").GetString());
        var training = items.Single(i => i.GetProperty("id").GetString() == ReleaseHistoryFixture.Training);
        Assert.Equal(["qualifier", "qualifier_text", "quote", "quote_start"], training.GetProperty("fields").EnumerateArray().Select(f => f.GetProperty("field").GetString()));
    }

    [Fact]
    public async Task ACorrectedQuoteIsAChangeOfTheQuoteAndOfTheOffsetsTheImportComputes()
    {
        var changes = await (await Client.GetAsync($"/v1/releases/{Release(2)}/changes?record=observation")).ReadJsonAsync();

        var wind = Assert.Single(changes.GetProperty("items").EnumerateArray());
        var fields = wind.GetProperty("fields").EnumerateArray().ToDictionary(f => f.GetProperty("field").GetString()!, f => f.GetProperty("new").GetString());
        Assert.Equal(["quote", "quote_start"], fields.Keys.Order());
        Assert.Equal("Pakistan counts seven wind farms built with help from China", fields["quote"]);
        var source = Assert.Single((await (await Client.GetAsync($"/v1/releases/{Release(2)}/changes?record=source")).ReadJsonAsync())
            .GetProperty("items").EnumerateArray());
        var dated = Assert.Single(source.GetProperty("fields").EnumerateArray());
        Assert.Equal(("published_on", null, "2025-01-31"), (dated.GetProperty("field").GetString(), dated.GetProperty("old").GetString(), dated.GetProperty("new").GetString()));
        Assert.Equal("The fixture document is dated.", source.GetProperty("reason").GetString());
    }

    [Fact]
    public async Task AFiguresHistoryGivesEveryVersionWithItsReleasesFieldsAndReasons()
    {
        var body = await (await Client.GetAsync($"/v1/observations/{ReleaseHistoryFixture.WindFarms}/history")).ReadJsonAsync();

        var versions = body.GetProperty("versions").EnumerateArray().ToList();
        Assert.Equal(3, versions.Count);
        Assert.Equal(["added", "changed", "changed"], versions.Select(v => v.GetProperty("change").GetString()));
        Assert.Equal([Release(0), Release(1), Release(2)], versions.Select(v => v.GetProperty("firstRelease").GetProperty("id").GetString()));
        Assert.Equal(Release(0), versions[0].GetProperty("lastRelease").GetProperty("id").GetString());
        Assert.Equal(Release(1), versions[1].GetProperty("lastRelease").GetProperty("id").GetString());
        Assert.Equal(JsonValueKind.Null, versions[2].GetProperty("lastRelease").ValueKind);
        Assert.Equal("2027-01-02T10:00:00Z", versions[1].GetProperty("firstRelease").GetProperty("publishedAt").GetString());
        Assert.Equal("The text says seven, not six.", versions[1].GetProperty("reason").GetString());
        Assert.Equal([6.0, 7, 7], versions.Select(v => v.GetProperty("observation").GetProperty("value").GetDouble()));
        Assert.EndsWith($"?release={Release(0)}#char=", versions[0].GetProperty("observation").GetProperty("citation").GetProperty("url").GetString()!
            .Split("#char=")[0] + "#char=");

        // As of an earlier release, the history stops there.
        var earlier = await (await Client.GetAsync($"/v1/observations/{ReleaseHistoryFixture.WindFarms}/history?release={Release(1)}")).ReadJsonAsync();
        Assert.Equal(2, earlier.GetProperty("versions").GetArrayLength());
    }

    [Fact]
    public async Task AWithdrawnFigureIsGoneFromTheCurrentReleaseAndThereInTheReleasesThatHeldIt()
    {
        var gone = await Client.GetAsync($"/v1/observations/{ReleaseHistoryFixture.Training}");
        var held = await Client.GetAsync($"/v1/observations/{ReleaseHistoryFixture.Training}?release={Release(2)}");
        var never = await Client.GetAsync("/v1/observations/no-such-figure");
        var notYet = await Client.GetAsync($"/v1/observations/{ReleaseHistoryFixture.Training}?release=6232fba9f0a660cc");

        var problem = await gone.AssertProblemAsync(HttpStatusCode.Gone);
        Assert.Contains("An offer, not a figure the document measures.", problem.GetProperty("detail").GetString());
        Assert.Equal(Release(3), problem.GetProperty("withdrawnIn").GetString());
        Assert.EndsWith($"/v1/observations/{ReleaseHistoryFixture.Training}/history?release={Release(3)}", problem.GetProperty("history").GetString());
        Assert.Contains("rel=\"version-history\"", gone.Headers.GetValues("Link").Single());
        Assert.Equal(HttpStatusCode.OK, held.StatusCode);
        await never.AssertProblemAsync(HttpStatusCode.NotFound);
        await notYet.AssertProblemAsync(HttpStatusCode.NotFound);
        var withdrawal = (await (await Client.GetAsync($"/v1/observations/{ReleaseHistoryFixture.Training}/history")).ReadJsonAsync())
            .GetProperty("versions").EnumerateArray().Last().GetProperty("withdrawn");
        Assert.Equal(Release(3), withdrawal.GetProperty("release").GetProperty("id").GetString());
        Assert.Equal("An offer, not a figure the document measures.", withdrawal.GetProperty("reason").GetString());
        await (await Client.GetAsync($"/v1/observations/{ReleaseHistoryFixture.Training}/citation")).AssertProblemAsync(HttpStatusCode.Gone);
    }

    [Fact]
    public async Task ChangedSinceGivesWhatChangedAndTombstonesForWhatWasWithdrawn()
    {
        var since = await (await Client.GetAsync($"/v1/observations?changedSince={Release(1)}")).ReadJsonAsync();

        // Since release 2: the wind farms' quote changed, and the fixture source was dated (statedOn of its figures).
        Assert.Equal([ReleaseHistoryFixture.WindFarms], since.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()));
        var tombstone = Assert.Single(since.GetProperty("withdrawn").EnumerateArray());
        Assert.Equal(ReleaseHistoryFixture.Training, tombstone.GetProperty("id").GetString());
        Assert.Equal(Release(3), tombstone.GetProperty("withdrawnIn").GetString());
        Assert.Equal("An offer, not a figure the document measures.", tombstone.GetProperty("reason").GetString());
        var sources = await (await Client.GetAsync($"/v1/sources?changedSince={Release(1)}")).ReadJsonAsync();
        Assert.Equal([ReleaseHistoryFixture.Source], sources.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()));
        var unchanged = await (await Client.GetAsync($"/v1/observations?changedSince={Release(3)}")).ReadJsonAsync();
        Assert.Equal(0, unchanged.GetProperty("total").GetInt32());
        Assert.Empty(unchanged.GetProperty("withdrawn").EnumerateArray());
        Assert.Equal(JsonValueKind.Null, (await (await Client.GetAsync("/v1/observations")).ReadJsonAsync()).GetProperty("withdrawn").ValueKind);
    }

    [Fact]
    public async Task TombstonesFollowTheChangedItemsPageByPage()
    {
        // Since the repository's last release: three figures and a source added... and one of them withdrawn again, which
        // a copy synced then never held: only what that release held is a tombstone.
        var first = await (await Client.GetAsync($"/v1/observations?changedSince={Release(0)}&pageSize=1")).ReadJsonAsync();

        Assert.Equal(1, first.GetProperty("total").GetInt32());
        Assert.Single(first.GetProperty("items").EnumerateArray());
        Assert.Empty(first.GetProperty("withdrawn").EnumerateArray());
        var next = first.GetProperty("links").GetProperty("next").GetString()!;
        var second = await (await Client.GetAsync(next)).ReadJsonAsync();
        Assert.Empty(second.GetProperty("items").EnumerateArray());
        Assert.Equal(ReleaseHistoryFixture.Training, Assert.Single(second.GetProperty("withdrawn").EnumerateArray()).GetProperty("id").GetString());
        Assert.Equal(JsonValueKind.Null, second.GetProperty("links").GetProperty("next").ValueKind);
    }

    [Fact]
    public async Task AnAnswerPinnedToAPastReleaseIsCachedADayUnderThatReleasesValidators()
    {
        var pinned = await Client.GetAsync($"/v1/observations/{ReleaseHistoryFixture.WindFarms}?release={Release(0)}");
        var current = await Client.GetAsync($"/v1/observations/{ReleaseHistoryFixture.WindFarms}");
        var asOf = await Client.GetAsync($"/v1/observations/{ReleaseHistoryFixture.WindFarms}?asOf=2027-01-01");

        Assert.Equal(TimeSpan.FromDays(1), pinned.Headers.CacheControl?.MaxAge);
        Assert.True(pinned.Headers.CacheControl?.Public);
        Assert.StartsWith($"\"{Release(0)}-", pinned.Headers.ETag?.Tag);
        Assert.Equal(new DateTimeOffset(2027, 1, 1, 10, 0, 0, TimeSpan.Zero), pinned.Content.Headers.LastModified);
        Assert.Equal(TimeSpan.FromSeconds(60), current.Headers.CacheControl?.MaxAge);
        Assert.Equal(new DateTimeOffset(2027, 1, 4, 10, 0, 0, TimeSpan.Zero), current.Content.Headers.LastModified);
        Assert.Equal(Release(0), asOf.Headers.GetValues("X-Dataset-Release").Single());
        Assert.Equal(TimeSpan.FromDays(1), asOf.Headers.CacheControl?.MaxAge);

        using var revalidate = new HttpRequestMessage(HttpMethod.Get, $"/v1/observations/{ReleaseHistoryFixture.WindFarms}?release={Release(0)}");
        revalidate.Headers.IfNoneMatch.Add(pinned.Headers.ETag!);
        Assert.Equal(HttpStatusCode.NotModified, (await Client.SendAsync(revalidate)).StatusCode);
    }

    [Fact]
    public async Task AsOfPicksTheReleasePublishedByThatMoment()
    {
        async Task<string> At(string asOf) =>
            (await Client.GetAsync($"/v1/entities?asOf={Uri.EscapeDataString(asOf)}")).Headers.GetValues("X-Dataset-Release").Single();

        Assert.Equal(Release(1), await At("2027-01-02"));
        Assert.Equal(Release(0), await At("2027-01-02T09:59:59Z"));
        Assert.Equal(Release(1), await At("2027-01-02T10:00:00Z"));
        Assert.Equal(Release(1), await At("2027-01-02T11:00:00+01:00"));
        Assert.Equal(Release(3), await At("2030-01-01"));
        Assert.Equal("6232fba9f0a660cc", await At("2026-11-30"));
        await (await Client.GetAsync("/v1/entities?asOf=2026-11-22")).AssertBadParametersAsync("asOf");
        await (await Client.GetAsync("/v1/entities?asOf=2027-01-02T10:00:00")).AssertBadParametersAsync("asOf");
    }

    [Fact]
    public async Task ACursorWalksTheReleaseItWasIssuedForAndNoOther()
    {
        var page = await (await Client.GetAsync($"/v1/observations?pageSize=10&release={Release(0)}")).ReadJsonAsync();
        var next = page.GetProperty("links").GetProperty("next").GetString()!;
        Assert.Contains($"release={Release(0)}", next);
        var cursor = System.Web.HttpUtility.ParseQueryString(new Uri(next).Query)["cursor"];

        var walked = await Client.GetAsync(next);
        var elsewhere = await Client.GetAsync($"/v1/observations?pageSize=10&cursor={cursor}&release={Release(1)}");
        var dropped = await Client.GetAsync($"/v1/observations?pageSize=10&cursor={cursor}");

        Assert.Equal(HttpStatusCode.OK, walked.StatusCode);
        Assert.Equal(Release(0), (await walked.ReadJsonAsync()).GetProperty("release").GetString());
        await elsewhere.AssertBadParametersAsync("cursor");
        await dropped.AssertBadParametersAsync("cursor");
    }

    [Fact]
    public async Task TheReleasesListGivesEachPublicationTimeAndALinkToItsChanges()
    {
        var releases = await (await Client.GetAsync("/v1/releases?pageSize=4")).ReadJsonAsync();

        var items = releases.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal([Release(3), Release(2), Release(1), Release(0)], items.Select(i => i.GetProperty("id").GetString()));
        Assert.Equal(
            Enumerable.Range(1, 4).Reverse().Select(d => new DateTime(2027, 1, d, 10, 0, 0).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)),
            items.Select(i => i.GetProperty("publishedAt").GetString()));
        Assert.Equal("Withdraws a figure.", items[0].GetProperty("changelog").GetString());
        Assert.EndsWith($"/v1/releases/{Release(3)}/changes", items[0].GetProperty("changes").GetString());
        Assert.Equal(history.Before + 4, items[0].GetProperty("sequence").GetInt32());
    }
}

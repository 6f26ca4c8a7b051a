using System.Text.Json;
using System.Net;
using Indicators.Api.Data;
using Indicators.Api.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Indicators.Api.Tests.Http;

/// <summary>
/// A running service notices a database the import renamed into place: new release header and ETags, the
/// old ETag no longer matches, and codes the new release defines are accepted at once.
/// </summary>
public sealed class NewReleaseTests : IDisposable
{
    private readonly LiveReleaseApiFactory _factory = new();
    private readonly DataFolder _data = new();

    [Fact]
    public async Task AReimportedDatasetIsServedWithANewReleaseAndETag()
    {
        Assert.Equal(0, _data.Import(_factory.DatabasePath).ExitCode);
        var client = _factory.CreateClient();
        var before = await client.GetAsync("/v1/observations");
        var unknown = await client.GetAsync("/v1/observations?indicator=ferry-crossings");

        _data.AppendRows("indicators.csv", "ferry-crossings,Ferry crossings,hours,transport,A code that only the new release defines.");
        _data.WriteNote("Adds an indicator.");
        Assert.Equal(0, _data.Import(_factory.DatabasePath).ExitCode);
        using var revalidate = new HttpRequestMessage(HttpMethod.Get, "/v1/observations");
        revalidate.Headers.IfNoneMatch.Add(before.Headers.ETag!);
        var after = await client.SendAsync(revalidate);
        var known = await client.GetAsync("/v1/observations?indicator=ferry-crossings");

        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        Assert.NotEqual(before.Headers.GetValues("X-Dataset-Release").Single(), after.Headers.GetValues("X-Dataset-Release").Single());
        Assert.NotEqual(before.Headers.ETag, after.Headers.ETag);
        Assert.Equal(HttpStatusCode.OK, known.StatusCode);
        var releases = await (await client.GetAsync("/v1/releases")).ReadJsonAsync();
        Assert.Equal(Curation.NextRelease(_data.Path), releases.GetProperty("total").GetInt32());
        Assert.Equal("Adds an indicator.", releases.GetProperty("items")[0].GetProperty("changelog").GetString());
        // The data folder's change is served, under its own id and unpublished, never under a published one.
        var preview = releases.GetProperty("items")[0];
        Assert.Equal(JsonValueKind.Null, preview.GetProperty("publishedAt").ValueKind);
        Assert.DoesNotContain(releases.GetProperty("items").EnumerateArray().Skip(1), r => r.GetProperty("id").GetString() == preview.GetProperty("id").GetString());
        var pinned = await client.GetAsync($"/v1/observations?release={preview.GetProperty("id").GetString()}");
        Assert.Equal(TimeSpan.FromSeconds(60), pinned.Headers.CacheControl?.MaxAge);
    }

    [Fact]
    public async Task AReleaseSwappedInDuringARequestIsNoLongerTheOneBeingServed()
    {
        Assert.Equal(0, _data.Import(_factory.DatabasePath).ExitCode);
        await _factory.CreateClient().GetAsync("/v1/releases/latest");
        var releases = _factory.Services.GetRequiredService<DatasetRelease>();
        var stamp = releases.Current();
        Assert.True(releases.IsStillServing(stamp));

        _data.WriteNote("Swapped in mid-request.");
        _data.Import(_factory.DatabasePath);

        // The middleware asks this just before a 200 goes out, and marks the response no-store when false.
        Assert.False(releases.IsStillServing(stamp));
        Assert.NotEqual(stamp.Id, releases.Current().Id);
    }

    public void Dispose()
    {
        _factory.Dispose();
        _data.Dispose();
    }
}

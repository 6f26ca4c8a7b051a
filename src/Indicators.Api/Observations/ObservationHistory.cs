using System.Data.Common;
using System.Text.Json;
using Dapper;
using Indicators.Api.Data;
using Indicators.Api.Http;
using Indicators.Api.Releases;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Indicators.Api.Observations;

/// <summary>A figure's versions, and the answer for an id the release read does not hold (410 when it was withdrawn).</summary>
internal static class ObservationHistory
{
    private const string ChangesSql = """
        SELECT release AS Release, change AS Change, fields AS FieldsJson, reason AS Reason, follows_from AS FollowsFrom
        FROM changes WHERE record = 'observation' AND id = @id AND release <= @Release ORDER BY release
        """;

    /// <param name="id" example="pakistan-solar-power-stations-built-with-china">The observation id.</param>
    internal static async Task<Results<Ok<ObservationHistoryResponse>, ProblemHttpResult>> GetHistory(
        string id, IndicatorsDatabase database, PublicUrls urls, HttpContext context, CancellationToken cancellationToken)
    {
        var release = DatasetRelease.Of(context.Request);
        await using var connection = await database.OpenAsync(cancellationToken);
        var versions = (await ObservationQueries.VersionsAsync(connection, id, cancellationToken)).Where(v => v.ValidFrom <= release.Seq).ToList();
        if (versions.Count == 0)
        {
            return Problems.NotFound($"No release up to {release.Id} holds an observation '{id}'. See /v1/observations for the list.");
        }

        var releases = await ReleaseQueries.RefsAsync(connection, cancellationToken);
        var changes = (await connection.QueryAsync<ChangeRow>(new CommandDefinition(
            ChangesSql, new { id, Release = release.Seq }, cancellationToken: cancellationToken))).ToDictionary(c => (c.Release, c.Change));
        var baseUrl = urls.Base(context.Request);
        var entries = new List<ObservationVersionResponse>();
        foreach (var version in versions)
        {
            var began = changes.GetValueOrDefault((version.ValidFrom, "added")) ?? changes.GetValueOrDefault((version.ValidFrom, "changed"));
            var ended = version.ValidTo is { } to && to <= release.Seq ? to : (long?)null;
            var withdrawn = ended is { } end ? changes.GetValueOrDefault((end, "withdrawn")) : null;
            // A new version without a change is the same figure on a new line of its file: one version to a reader.
            if (began is null && entries.Count > 0 && entries[^1].LastRelease?.Sequence == version.ValidFrom - 1 && entries[^1].Withdrawn is null)
            {
                entries[^1] = entries[^1] with { LastRelease = ended is null ? null : releases[(int)ended - 1] };
                continue;
            }

            var first = releases[(int)version.ValidFrom];
            entries.Add(new ObservationVersionResponse
            {
                FirstRelease = first,
                LastRelease = ended is null ? null : releases[(int)ended - 1],
                Change = began?.Change ?? (entries.Count == 0 ? "added" : "changed"),
                Fields = began?.Fields ?? [],
                Reason = began?.Reason,
                FollowsFrom = began?.FollowsFrom,
                Withdrawn = withdrawn is null ? null : new WithdrawalResponse { Release = releases[(int)ended!], Reason = withdrawn.Reason },
                Observation = version.ToResponse(baseUrl, first.Id),
            });
        }

        return TypedResults.Ok(new ObservationHistoryResponse { Id = id, Release = release.Id, Versions = entries });
    }

    /// <summary>
    /// The answer for an id <paramref name="release"/> does not hold: 410 Gone, linking to the history, when an earlier
    /// release held it (it was withdrawn); 404 when none did, saying so when a later release holds it.
    /// </summary>
    internal static async Task<ProblemHttpResult> NotInReleaseAsync(
        DbConnection connection, ReleaseStamp release, string id, PublicUrls urls, HttpRequest request, CancellationToken cancellationToken)
    {
        var spans = (await connection.QueryAsync<(long From, long? To)>(new CommandDefinition(
            "SELECT valid_from, valid_to FROM observations WHERE id = @id ORDER BY valid_from", new { id }, cancellationToken: cancellationToken))).ToList();
        var ended = spans.Where(s => s.To is { } to && to <= release.Seq).Select(s => s.To!.Value).DefaultIfEmpty().Max();
        if (ended == 0)
        {
            return Problems.NotFound(spans.Count == 0
                ? $"There is no observation '{id}'. See /v1/observations for the list."
                : $"Release {release.Id} does not hold an observation '{id}': a later release added it (see /v1/observations/{id}/history).");
        }

        var reason = await connection.QuerySingleOrDefaultAsync<string?>(new CommandDefinition(
            "SELECT reason FROM changes WHERE record = 'observation' AND id = @id AND release = @ended AND change = 'withdrawn'",
            new { id, ended }, cancellationToken: cancellationToken));
        var releases = await ReleaseQueries.RefsAsync(connection, cancellationToken);
        var withdrawnIn = releases[(int)ended];
        var history = urls.Pinned(request, $"/v1/observations/{Uri.EscapeDataString(id)}/history", release);
        var held = $"{urls.Base(request)}/v1/observations/{Uri.EscapeDataString(id)}?release={releases[(int)ended - 1].Id}";
        request.HttpContext.Response.Headers.Append("Link", $"<{history}>; rel=\"version-history\"");
        return TypedResults.Problem(
            title: "Gone",
            statusCode: StatusCodes.Status410Gone,
            detail: $"Observation '{id}' was withdrawn in release {withdrawnIn.Id}{(reason is null ? "" : $": {reason}")}. "
                    + "The releases before it still hold it; its history lists every version.",
            extensions: new Dictionary<string, object?>
            {
                ["history"] = history,
                ["lastHeldAt"] = held,
                ["withdrawnIn"] = withdrawnIn.Id,
                ["reason"] = reason,
            });
    }

    private sealed class ChangeRow
    {
        public long Release { get; init; }
        public string Change { get; init; } = "";
        public string FieldsJson { get; init; } = "[]";
        public string? Reason { get; init; }
        public string? FollowsFrom { get; init; }

        public IReadOnlyList<FieldChangeResponse> Fields => JsonSerializer.Deserialize<List<FieldChangeResponse>>(FieldsJson, FieldChangeResponse.Json)!;
    }
}

/// <summary>Every version of one figure up to the release read.</summary>
internal sealed record ObservationHistoryResponse
{
    /// <summary>The observation id.</summary>
    /// <example>pakistan-solar-power-stations-built-with-china</example>
    public required string Id { get; init; }

    /// <summary>The release read: versions after it are not listed.</summary>
    /// <example>6232fba9f0a660cc</example>
    public required string Release { get; init; }

    /// <summary>Oldest first.</summary>
    public required IReadOnlyList<ObservationVersionResponse> Versions { get; init; }
}

/// <summary>One version of a figure: the releases that held it as it was, and why it became so.</summary>
internal sealed record ObservationVersionResponse
{
    /// <summary>The first release that held this version.</summary>
    public required ReleaseRef FirstRelease { get; init; }

    /// <summary>The last release that held it, or null when the release read still does.</summary>
    public required ReleaseRef? LastRelease { get; init; }

    /// <summary>added (first, or back after a withdrawal) or changed.</summary>
    /// <example>changed</example>
    public required string Change { get; init; }

    /// <summary>The fields that differ from the version before, by the data files' column names; empty when added.</summary>
    public required IReadOnlyList<FieldChangeResponse> Fields { get; init; }

    /// <summary>The curator's reason (the corrections log), or null for releases published before it.</summary>
    /// <example>The quote named the wrong hydropower plant.</example>
    public required string? Reason { get; init; }

    /// <summary>When the change is not the curator's but follows from one (a source text corrected moves offsets): "source id".</summary>
    /// <example>null</example>
    public required string? FollowsFrom { get; init; }

    /// <summary>When this version ended with the figure withdrawn: in which release and why; else null.</summary>
    public required WithdrawalResponse? Withdrawn { get; init; }

    /// <summary>The figure as this version showed it (its links name its first release).</summary>
    public required ObservationResponse Observation { get; init; }
}

/// <summary>A withdrawal: the release that no longer held the record, and the curator's reason.</summary>
internal sealed record WithdrawalResponse
{
    /// <summary>The first release that no longer held it.</summary>
    public required ReleaseRef Release { get; init; }

    /// <summary>The curator's reason, or null for releases published before the corrections log.</summary>
    public required string? Reason { get; init; }
}

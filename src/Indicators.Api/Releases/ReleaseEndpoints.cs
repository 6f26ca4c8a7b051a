using System.Text.Json;
using FluentValidation;
using Indicators.Api.Data;
using Indicators.Api.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Indicators.Api.Releases;

internal static class ReleaseEndpoints
{
    public static RouteGroupBuilder MapReleases(this RouteGroupBuilder v1)
    {
        var group = v1.MapGroup("/releases").WithTags("Releases");

        group.MapGet("/", ListReleases)
            .WithName("ListReleases")
            .WithSummary("List dataset releases")
            .WithDescription("""
                Every published release, newest first (with `release` or `asOf`, those up to it). A release id names the
                exact files the figures came from; every response carries the one it was read from in the
                `X-Dataset-Release` header (and lists in `release`). Any GET under /v1 takes `release=<id>` or
                `asOf=<date or date-time>` and answers what that release held.
                """)
            .Validate<ListRequest>();

        group.MapGet("/latest", GetLatestRelease)
            .WithName("GetLatestRelease")
            .WithSummary("Get the release being served")
            .WithDescription("The release served when a request names none (with `release` or `asOf`, that one): cite its id with any figure you use.");

        group.MapGet("/{id}", GetRelease)
            .WithName("GetRelease")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Get one release")
            .WithDescription("One release by id: when it was published, what it held, its manifest, and whether it is the one being served.");

        group.MapGet("/{id}/changes", ListReleaseChanges)
            .WithName("ListReleaseChanges")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("List what a release changed")
            .WithDescription("""
                The figures and reference rows (sources, indicators, entities, units, facts) the release added, changed
                (field by field, old and new, by the data files' column names) and withdrew since the release before,
                each with the curator's reason from the corrections log (null for releases published before it). Figures
                first, then the rest, each by id; `record` keeps one kind.
                """)
            .Validate<ChangesRequest>();

        return group;
    }

    internal static async Task<Ok<PagedList<ReleaseResponse>>> ListReleases(
        [AsParameters] ListRequest request, IndicatorsDatabase database, PublicUrls urls, HttpContext context,
        CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var (rows, total) = await ReleaseQueries.ListAsync(connection, DatasetRelease.Of(context.Request), request.Position, cancellationToken);
        var baseUrl = urls.Base(context.Request);
        return TypedResults.Ok(PagedLists.Of(rows.Select(r => r.ToResponse(baseUrl)).ToList(), total, request.Position, urls, context.Request));
    }

    internal static async Task<Ok<ReleaseResponse>> GetLatestRelease(
        IndicatorsDatabase database, PublicUrls urls, HttpContext context, CancellationToken cancellationToken)
    {
        var release = DatasetRelease.Of(context.Request);
        await using var connection = await database.OpenAsync(cancellationToken);
        // A new database renamed into place since the request began may not hold an unpublished release it named: its own
        // newest is then the answer (the response goes out no-store, as every answer read across a swap does).
        var row = await ReleaseQueries.FindAsync(connection, release, release.Id, cancellationToken)
                  ?? await ReleaseQueries.NewestAsync(connection, cancellationToken);
        return TypedResults.Ok(row.ToResponse(urls.Base(context.Request)));
    }

    /// <param name="id" example="6232fba9f0a660cc">The release id (from X-Dataset-Release or /v1/releases), or at least its first 8 digits.</param>
    internal static async Task<Results<Ok<ReleaseResponse>, ProblemHttpResult>> GetRelease(
        string id, IndicatorsDatabase database, DatasetRelease releases, PublicUrls urls, HttpContext context, CancellationToken cancellationToken)
    {
        var read = DatasetRelease.Of(context.Request);
        var named = releases.FindNamed(id).Release;
        await using var connection = await database.OpenAsync(cancellationToken);
        var row = named is null ? null : await ReleaseQueries.FindAsync(connection, read, named.Id, cancellationToken);
        return row is null ? NotFound(id) : TypedResults.Ok(row.ToResponse(urls.Base(context.Request)));
    }

    /// <param name="id" example="6232fba9f0a660cc">The release id, or at least its first 8 digits.</param>
    internal static async Task<Results<Ok<PagedList<ReleaseChangeResponse>>, ProblemHttpResult>> ListReleaseChanges(
        string id, [AsParameters] ChangesRequest request, IndicatorsDatabase database, DatasetRelease releases, PublicUrls urls,
        HttpContext context, CancellationToken cancellationToken)
    {
        var named = releases.FindNamed(id).Release;
        if (named is null || named.Seq > DatasetRelease.Of(context.Request).Seq)
        {
            return NotFound(id);
        }

        var position = PagePosition.From(request.Page, request.PageSize, cursor: null);
        await using var connection = await database.OpenAsync(cancellationToken);
        var (rows, total) = await ReleaseQueries.ChangesAsync(connection, named.Seq, request.Record, position, cancellationToken);
        var before = releases.BySeq(named.Seq - 1);
        var items = rows.Select(r => ReleaseChangeResponse.Of(r, named, before, urls, context.Request)).ToList();
        return TypedResults.Ok(PagedLists.Of(items, total, position, urls, context.Request));
    }

    private static ProblemHttpResult NotFound(string id) =>
        Problems.NotFound($"There is no release '{id}' up to the release read. See /v1/releases.");
}

/// <summary>Which changes of a release to list.</summary>
internal sealed record ChangesRequest
{
    /// <summary>Only changes to this kind of record: observation, source, indicator, entity, unit or fact.</summary>
    /// <example>observation</example>
    [FromQuery(Name = "record")] public string? Record { get; init; }

    /// <summary>The 1-based page number (default 1).</summary>
    /// <example>1</example>
    [FromQuery(Name = "page")] public string? Page { get; init; }

    /// <summary>Items per page, 1 to 1000 (default 100).</summary>
    /// <example>100</example>
    [FromQuery(Name = "pageSize")] public string? PageSize { get; init; }
}

internal sealed class ChangesRequestValidator : AbstractValidator<ChangesRequest>
{
    public ChangesRequestValidator()
    {
        RuleFor(r => r.Record).Must(v => v is null || Import.Validators.CorrectionRowValidator.Records.Contains(v))
            .WithMessage((_, v) => $"'{v}' is not a kind of record; use one of {string.Join(", ", Import.Validators.CorrectionRowValidator.Records)}.");
        this.AddPagingRules(r => r.Page, r => r.PageSize);
    }
}

/// <summary>One record a release added, changed or withdrew, and why.</summary>
internal sealed record ReleaseChangeResponse
{
    /// <summary>observation, source, indicator, entity, unit or fact.</summary>
    /// <example>observation</example>
    public required string Record { get; init; }

    /// <summary>The record's id (or code).</summary>
    /// <example>china-gdp-2023-cny</example>
    public required string Id { get; init; }

    /// <summary>added, changed or withdrawn.</summary>
    /// <example>changed</example>
    public required string Change { get; init; }

    /// <summary>For a change, the fields that differ, by the data files' column names; empty when added or withdrawn.</summary>
    public required IReadOnlyList<FieldChangeResponse> Fields { get; init; }

    /// <summary>The curator's reason, from the corrections log; null for releases published before it.</summary>
    /// <example>The source says 127 trillion yuan; the figure was mistyped.</example>
    public required string? Reason { get; init; }

    /// <summary>When the change is not the curator's but follows from one ("source id": its text was corrected, so offsets moved); else null.</summary>
    /// <example>null</example>
    public required string? FollowsFrom { get; init; }

    /// <summary>The record as the release before held it, where it has a URL of its own (not units); null when added.</summary>
    /// <example>http://127.0.0.1:5000/v1/observations/china-gdp-2023-cny?release=53db9c8b12bee743</example>
    public required string? Before { get; init; }

    /// <summary>The record as this release holds it; null when withdrawn.</summary>
    /// <example>http://127.0.0.1:5000/v1/observations/china-gdp-2023-cny?release=4ab180b297ab6388</example>
    public required string? After { get; init; }

    public static ReleaseChangeResponse Of(ChangeRow row, ReleaseStamp release, ReleaseStamp? before, PublicUrls urls, HttpRequest request)
    {
        var path = row.Record switch
        {
            "observation" => $"/v1/observations/{Uri.EscapeDataString(row.Id)}",
            "source" => $"/v1/sources/{Uri.EscapeDataString(row.Id)}",
            "indicator" => $"/v1/indicators/{Uri.EscapeDataString(row.Id)}",
            "entity" => $"/v1/entities/{Uri.EscapeDataString(row.Id)}",
            "fact" when row.FactSource is not null => $"/v1/sources/{Uri.EscapeDataString(row.FactSource)}",
            _ => null,
        };
        var fields = JsonSerializer.Deserialize<List<FieldChangeResponse>>(row.FieldsJson, FieldChangeResponse.Json)!;
        // A text is too long for a field: its two versions are linked instead.
        fields = fields.Select(f => row.Record == "source" && f.Field == "text" && before is not null
            ? f with
            {
                Old = urls.Pinned(request, $"/v1/sources/{Uri.EscapeDataString(row.Id)}/text", before),
                New = urls.Pinned(request, $"/v1/sources/{Uri.EscapeDataString(row.Id)}/text", release),
            }
            : f).ToList();
        return new ReleaseChangeResponse
        {
            Record = row.Record,
            Id = row.Id,
            Change = row.Change,
            Fields = fields,
            Reason = row.Reason,
            FollowsFrom = row.FollowsFrom,
            Before = path is null || row.OldRow is null || before is null ? null : urls.Pinned(request, path, before),
            After = path is null || row.NewRow is null ? null : urls.Pinned(request, path, release),
        };
    }
}

using System.Data.Common;
using Indicators.Api.Data;
using Indicators.Api.Entities;
using Indicators.Api.Http;
using Indicators.Api.Indicators;
using Indicators.Api.Observations;
using Indicators.Api.Sources;
using ModelContextProtocol;

namespace Indicators.Api.Mcp;

/// <summary>
/// What a tool reads with: the HTTP request the call came in on (stateless, every call is its own POST /mcp, so
/// the pipeline has already stamped it with the release being served), a read-only connection, and the base URL
/// links are written against. Every read goes through the resources' own queries, never SQL of its own.
/// </summary>
internal sealed class McpReads(
    IHttpContextAccessor http, IndicatorsDatabase database, PublicUrls urls, ObservationCounts counts, DatasetRelease releases)
{
    /// <summary>Opens a read of the release the call asks for (the one being served when it names none).</summary>
    public async Task<McpRead> OpenAsync(string? release, CancellationToken cancellationToken)
    {
        var request = http.HttpContext?.Request
            ?? throw new InvalidOperationException("A tool was called outside an HTTP request.");
        var read = DatasetRelease.Of(request);
        // A call that names a release (its id, or at least its first 8 digits, as release= takes it) reads that one;
        // it is set on the request too, where the REST handlers the tools share (citations) read it from.
        if (release is not null)
        {
            var (named, error) = releases.FindNamed(release);
            read = named ?? throw new McpException(error!.Replace($"'{release}'", $"'{Shown(release)}'", StringComparison.Ordinal));
            request.HttpContext.Features.Set(read);
        }

        var connection = await database.OpenAsync(cancellationToken);
        return new McpRead(connection, read, urls.Base(request), request, counts, database, urls);
    }

    /// <summary>A value sent by the client, cut short so an error message never carries much of it back.</summary>
    public static string Shown(string value) => value.Length <= 80 ? value : value[..80] + "…";
}

/// <summary>
/// One tool call's read: a connection and the release it reads from (named in every result). Every query a tool
/// runs is here, so reading another release is a change to this class alone.
/// </summary>
internal sealed class McpRead(
    DbConnection connection, ReleaseStamp stamp, string baseUrl, HttpRequest request, ObservationCounts counts,
    IndicatorsDatabase database, PublicUrls urls) : IAsyncDisposable
{
    private static readonly PagePosition Everything = new(1, PagePosition.MaxPageSize, null);

    public DbConnection Connection => connection;

    /// <summary>The id of the release read.</summary>
    public string Release => stamp.Id;

    /// <summary>The release read, for queries.</summary>
    public ReleaseStamp Stamp => stamp;

    public string BaseUrl => baseUrl;

    /// <summary>The POST /mcp request, for the REST handlers a tool shares (citations).</summary>
    public HttpContext HttpContext => request.HttpContext;

    public ObservationResponse Response(ObservationRow row) => row.ToResponse(baseUrl, stamp.Id);

    public SourceResponse Response(SourceRow row) => row.ToResponse(baseUrl, stamp.Id);

    public async Task<ObservationResponse?> FigureAsync(string id, CancellationToken cancellationToken) =>
        await ObservationQueries.FindAsync(connection, stamp, id, cancellationToken) is { } row ? Response(row) : null;

    /// <summary>The figure, or a tool error that says where ids come from.</summary>
    public async Task<ObservationResponse> RequiredFigureAsync(string id, CancellationToken cancellationToken) =>
        await FigureAsync(id, cancellationToken)
        ?? throw new McpException($"There is no figure '{McpReads.Shown(id)}'. Find ids with search_figures (or get_source for a source's figures).");

    /// <summary>One page of the plain list (reading order, keyset), with the total: rows, for their seq.</summary>
    public Task<(List<ObservationRow> Rows, long Total)> ListAsync(
        ObservationQueries.Filter filter, PagePosition position, CancellationToken cancellationToken) =>
        ObservationQueries.ListAsync(connection, stamp, filter, position, counts, cancellationToken);

    /// <summary>Every figure the filter matches, as far as the list's largest page goes.</summary>
    public async Task<List<ObservationResponse>> AllAsync(ObservationQueries.Filter filter, CancellationToken cancellationToken) =>
        [.. (await ListAsync(filter, Everything, cancellationToken)).Rows.Take(PagePosition.MaxPageSize).Select(Response)];

    /// <summary>One page of a q= search, ranked as the REST list's is.</summary>
    public Task<PagedList<ObservationResponse>> SearchAsync(
        string q, ObservationQueries.Filter filter, int page, int limit, CancellationToken cancellationToken) =>
        ObservationSearch.ListAsync(q, stamp, filter, new PagePosition(page, limit, null), database, counts, urls, request, cancellationToken);

    public Task<SourceRow?> SourceAsync(string id, CancellationToken cancellationToken) =>
        SourceQueries.FindAsync(connection, stamp, id, cancellationToken);

    public async Task<SourceRow> RequiredSourceAsync(string id, CancellationToken cancellationToken) =>
        await SourceAsync(id, cancellationToken)
        ?? throw new McpException($"There is no source '{McpReads.Shown(id)}'. Send one of: {await SourceIdsAsync(cancellationToken)}.");

    /// <summary>A source's text, byte for byte as curated, or null for an unknown id.</summary>
    public Task<string?> SourceTextAsync(string id, CancellationToken cancellationToken) =>
        SourceQueries.TextAsync(connection, stamp, id, cancellationToken);

    /// <summary>Every source id, for an error message (there are a handful).</summary>
    public async Task<string> SourceIdsAsync(CancellationToken cancellationToken) =>
        string.Join(", ", (await SourceQueries.ListAsync(connection, stamp, Everything, null, cancellationToken)).Rows.Select(r => r.Id));

    public async Task<string> IndicatorCodesAsync(CancellationToken cancellationToken) =>
        string.Join(", ", (await IndicatorQueries.ListAsync(connection, stamp, Everything, null, cancellationToken)).Rows.Select(r => r.Code));

    public async Task<string> EntityCodesAsync(CancellationToken cancellationToken) =>
        string.Join(", ", (await EntityQueries.ListAsync(connection, stamp, Everything, null, cancellationToken)).Rows.Select(r => r.Code));

    public ValueTask DisposeAsync() => connection.DisposeAsync();
}

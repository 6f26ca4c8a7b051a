using Indicators.Api.Data;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace Indicators.Api.Http;

/// <summary>
/// The data changes only with a release, so a GET answered once can be answered again from memory: a table of
/// finished responses (<see cref="FinishedResponses"/>) keyed by the release the request reads, the representation
/// negotiated and the request target, holding 200s only. It sits where ASP.NET Core's output cache sat, before
/// routing: on one core, the output cache's hit (a key built from every query parameter and the vary-by policies per
/// request, the stored entry deserialized and its headers copied) cost more than everything else the service adds
/// to Kestrel's own work (bench/README.md: the A/B). The semantics are the output cache's as the service used it:
/// 200s only, for an hour at most, never past the size limit, never for a request with credentials, 304 when
/// If-None-Match names the stored ETag (or If-Modified-Since is not before its Last-Modified), and an Age header.
/// </summary>
internal static class ResponseCache
{
    /// <summary>
    /// Bounded, so unique URLs (a crawler, a cache-buster) evict old entries instead of growing memory: 4 MB still
    /// holds thousands of observations or hundreds of list pages, the hot set of a small data API.
    /// </summary>
    public const long SizeLimitBytes = 4 * 1024 * 1024;

    /// <summary>The largest answer kept: a page of 1,000 observations as JSON is about 0.8 MB.</summary>
    public const long MaximumBodyBytes = 1024 * 1024;

    /// <summary>How long an answer is kept: what a release holds never changes, but a citation carries its access date.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(1);

    public static IServiceCollection AddIndicatorsResponseCache(this IServiceCollection services) =>
        services.AddSingleton<FinishedResponses>();

    /// <summary>The response cache, ahead of routing; call before the OpenAPI middleware and UseRouting.</summary>
    public static WebApplication UseIndicatorsResponseCache(this WebApplication app)
    {
        app.UseMiddleware<ResponseCacheMiddleware>();
        return app;
    }

    internal static bool IsVersioned(PathString path) => path.StartsWithSegments("/v1", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// /v1, the machine routes whose answers are fixed by the release (SDMX, the Data Package, the catalogue) and the
    /// pages; not the health probes, the OpenAPI document and its explorer, or MCP.
    /// </summary>
    internal static bool IsCacheable(PathString path) =>
        IsVersioned(path) || path.StartsWithSegments("/sdmx", StringComparison.OrdinalIgnoreCase)
        || MachineFiles.Contains(path.Value ?? "", StringComparer.OrdinalIgnoreCase)
        || !HtmlNegotiation.IsMachinePath(path);

    private static readonly string[] MachineFiles = ["/datapackage.json", "/datapackage.zip", "/catalog.ttl", "/catalog.jsonld"];
}

/// <summary>Answers from <see cref="FinishedResponses"/>, and stores what it did not answer when it is a 200 of the release's data.</summary>
internal sealed class ResponseCacheMiddleware(RequestDelegate next, FinishedResponses responses)
{
    private static readonly long LifetimeMilliseconds = (long)ResponseCache.Lifetime.TotalMilliseconds;
    private static readonly StringValues SupportedVersions = UnsupportedVersions.Supported;

    // Written for each request by the pipeline (or by Kestrel), so never stored with an answer.
    private static readonly HashSet<string> PerRequest = new(StringComparer.OrdinalIgnoreCase)
    {
        HeaderNames.Date, HeaderNames.Age, HeaderNames.ContentLength, HeaderNames.TransferEncoding, HeaderNames.Server,
        HeaderNames.Connection, HeaderNames.KeepAlive, HeaderNames.XContentTypeOptions, RequestIds.Header,
        ConditionalGetMiddleware.ReleaseHeader, "api-supported-versions",
        HeaderNames.AccessControlAllowOrigin, HeaderNames.AccessControlAllowCredentials, HeaderNames.AccessControlAllowHeaders,
        HeaderNames.AccessControlAllowMethods, HeaderNames.AccessControlExposeHeaders, HeaderNames.AccessControlMaxAge,
    };

    public Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        // API versioning reports the versions from its endpoint, which a stored answer never reaches: the header is
        // set here so hits and misses carry it alike.
        if (ResponseCache.IsVersioned(request.Path))
        {
            context.Response.Headers["api-supported-versions"] = SupportedVersions;
        }

        // HEAD arrives here as a GET (HeadRequests), its body discarded.
        if (!HttpMethods.IsGet(request.Method) || request.Headers.ContainsKey(HeaderNames.Authorization)
            || !ResponseCache.IsCacheable(request.Path) || context.Features.Get<ReleaseStamp>() is not { } release)
        {
            return next(context);
        }

        var key = new ResponseKey(release.Id, Representation.Of(request), request.Scheme, request.Host.Value ?? "",
            request.PathBase.Value ?? "", request.Path.Value ?? "", request.QueryString.Value ?? "");
        var now = Environment.TickCount64;
        return responses.TryGet(key, now, LifetimeMilliseconds, out var stored)
            ? AnswerAsync(context, stored, now)
            : StoreAsync(context, key);
    }

    private static Task AnswerAsync(HttpContext context, FinishedResponse stored, long now)
    {
        var response = context.Response;
        var headers = response.Headers;
        foreach (var (name, value) in stored.Headers)
        {
            headers[name] = value;
        }

        headers.Age = ((now - stored.StoredAt) / 1000).ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (IsNotModified(context.Request, stored))
        {
            response.StatusCode = StatusCodes.Status304NotModified;
            headers.ContentType = default;
            return Task.CompletedTask;
        }

        response.StatusCode = StatusCodes.Status200OK;
        response.ContentLength = stored.Body.Length;
        return response.Body.WriteAsync(stored.Body, context.RequestAborted).AsTask();
    }

    /// <summary>As the output cache answered: If-None-Match (weak comparison, * matches), else If-Modified-Since.</summary>
    private static bool IsNotModified(HttpRequest request, FinishedResponse stored)
    {
        var requestHeaders = request.Headers;
        if (requestHeaders.IfNoneMatch.Count > 0)
        {
            if (stored.ETag is null)
            {
                return false;
            }

            var sent = requestHeaders.IfNoneMatch;
            // The common case is one tag, sent back exactly as it was given.
            if (sent.Count == 1 && string.Equals(sent[0], stored.ETag.Tag.Value, StringComparison.Ordinal))
            {
                return true;
            }

            return EntityTagHeaderValue.TryParseList(sent, out var tags)
                   && tags.Any(tag => tag.Equals(EntityTagHeaderValue.Any) || tag.Compare(stored.ETag, useStrongComparison: false));
        }

        return stored.LastModified is { } lastModified && requestHeaders.IfModifiedSince.Count > 0
               && Microsoft.Net.Http.Headers.HeaderUtilities.TryParseDate(requestHeaders.IfModifiedSince.ToString(), out var since)
               && since >= lastModified;
    }

    private async Task StoreAsync(HttpContext context, ResponseKey key)
    {
        var response = context.Response;
        var original = response.Body;
        var capture = new CapturingStream(original, ResponseCache.MaximumBodyBytes);
        // As the output cache does: the body stream is replaced (writes to the body writer reach it too) and restored.
        response.Body = capture;
        try
        {
            await next(context);
            await response.BodyWriter.FlushAsync(CancellationToken.None);
        }
        finally
        {
            response.Body = original;
        }

        if (Storable(response) && capture.Captured is { } body)
        {
            responses.Add(key, new FinishedResponse(body, [.. response.Headers.Where(h => !PerRequest.Contains(h.Key))], Environment.TickCount64));
        }
    }

    /// <summary>
    /// A 200 of the release's data: the conditional GET gave it validators (an answer that turned out not to be the
    /// release's lost them, or is no-store), it sets no cookie, and it was written whole.
    /// </summary>
    private static bool Storable(HttpResponse response) =>
        response.StatusCode == StatusCodes.Status200OK
        && response.Headers.ContainsKey(HeaderNames.ETag)
        && !response.Headers.ContainsKey(HeaderNames.SetCookie)
        && !response.Headers.CacheControl.Any(value => value is not null && (value.Contains("no-store", StringComparison.OrdinalIgnoreCase) || value.Contains("private", StringComparison.OrdinalIgnoreCase)))
        && !response.HttpContext.RequestAborted.IsCancellationRequested;
}

/// <summary>Writes through to the response and keeps a copy of what it wrote, up to a limit (past it, no copy at all).</summary>
internal sealed class CapturingStream(Stream inner, long limit) : Stream
{
    private MemoryStream? _copy = new();

    /// <summary>Every byte written, or null when there were more than the limit.</summary>
    public byte[]? Captured => _copy?.ToArray();

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override void Flush() => inner.Flush();

    public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count)
    {
        Keep(buffer.AsSpan(offset, count));
        inner.Write(buffer, offset, count);
    }

    // Not cancellable: Kestrel takes the bytes before it looks at the token, and the pipe writer above sends again the
    // bytes of a write that threw, so a cancelled token (a timed-out request writing its 503) sent its answer twice.
    // A reader that stops reading is still cut off by Kestrel's minimum data rate.
    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        Keep(buffer.Span);
        return inner.WriteAsync(buffer, CancellationToken.None);
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    private void Keep(ReadOnlySpan<byte> bytes)
    {

        if (_copy is null)
        {
            return;
        }

        if (_copy.Length + bytes.Length > limit)
        {
            _copy = null;
            return;
        }

        _copy.Write(bytes);
    }
}

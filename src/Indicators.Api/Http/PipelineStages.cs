namespace Indicators.Api.Http;

/// <summary>
/// The stages of the request pipeline, by name, and which of them a benchmark host leaves out to measure what each
/// costs per request (an A/B against the full pipeline, bench/Stages). The service itself never registers
/// <see cref="PipelineStagesOff"/>, and no setting, environment or argument can: only a host that wraps the service
/// in code (bench/Stages, a WebApplicationFactory) adds it, so every deployment runs every stage.
/// </summary>
internal static class PipelineStages
{
    public const string RequestIds = "request-ids";
    public const string SecurityHeaders = "security-headers";

    /// <summary>The exception handler and status-code pages.</summary>
    public const string Problems = "problems";

    /// <summary>The URL and header sizes, forwarded headers, the rate and concurrency limiters, the time limit.</summary>
    public const string Limits = "limits";

    /// <summary>HEAD as GET, the health probes' branch, the MCP guards and the 405 for other methods.</summary>
    public const string MethodChecks = "method-checks";

    /// <summary>CORS and the release of the request (the file's stat, release= and asOf=, X-Dataset-Release).</summary>
    public const string ReleaseStamp = "release-stamp";

    public const string ConditionalGet = "conditional-get";

    /// <summary>The check of query parameters against the OpenAPI document (after routing).</summary>
    public const string KnownParameters = "known-parameters";

    public static readonly IReadOnlyList<string> All =
        [RequestIds, SecurityHeaders, Problems, Limits, MethodChecks, ReleaseStamp, ConditionalGet, KnownParameters];

    /// <summary>Whether a benchmark host has left <paramref name="stage"/> out of this pipeline.</summary>
    public static bool IsOff(IApplicationBuilder app, string stage) =>
        app.ApplicationServices.GetService<PipelineStagesOff>() is { } off && off.Names.Contains(stage);
}

/// <summary>Registered by a benchmark host only (see <see cref="PipelineStages"/>).</summary>
internal sealed class PipelineStagesOff(IEnumerable<string> names)
{
    public IReadOnlySet<string> Names { get; } = names.ToHashSet(StringComparer.Ordinal);
}

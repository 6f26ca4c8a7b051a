namespace Indicators.Api.Mcp;

/// <summary>
/// The MCP resources' URIs, all under one scheme: a figure, a source, a verbatim slice of a source's text by
/// code-point offsets, and the guide to qualifiers and kinds.
/// </summary>
internal static class McpUris
{
    public const string Scheme = "indicators";
    public const string FigureTemplate = "indicators://figures/{id}";
    public const string SourceTemplate = "indicators://sources/{id}";
    public const string SourceTextTemplate = "indicators://sources/{id}/text{?start,end}";
    public const string QualifierGuide = "indicators://guide/qualifiers";

    public static string Figure(string id) => $"indicators://figures/{Uri.EscapeDataString(id)}";

    public static string Source(string id) => $"indicators://sources/{Uri.EscapeDataString(id)}";

    public static string SourceText(string id, int start, int end) =>
        FormattableString.Invariant($"indicators://sources/{Uri.EscapeDataString(id)}/text?start={start}&end={end}");
}

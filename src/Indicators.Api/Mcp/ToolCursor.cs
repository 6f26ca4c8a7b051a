using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using ModelContextProtocol;

namespace Indicators.Api.Mcp;

/// <summary>Where the next page of a paged tool starts: how many figures came before it, and the last row seen.</summary>
internal readonly record struct ToolPosition(long Offset, long? AfterSeq);

/// <summary>
/// The opaque cursor of a paged tool (search_figures, get_source): the figures already returned, the last row seen
/// (a plain list continues by keyset, as links.next does), and a digest of the call's other arguments, so a cursor
/// sent with different filters is refused instead of silently paging another list.
/// </summary>
internal static class ToolCursor
{
    public static string Encode(long offset, long afterSeq, string arguments) =>
        Base64Url.EncodeToString(Encoding.ASCII.GetBytes(
            string.Create(CultureInfo.InvariantCulture, $"{offset}.{afterSeq}.{Digest(arguments)}")));

    /// <summary>Where a cursor points (the start without one), or a tool error saying what to send.</summary>
    public static ToolPosition Position(string? cursor, string arguments, string tool)
    {
        if (cursor is null)
        {
            return new ToolPosition(0, null);
        }

        var parts = cursor.Length <= 100 && Base64Url.IsValid(cursor)
            ? Encoding.ASCII.GetString(Base64Url.DecodeFromChars(cursor)).Split('.')
            : [];
        if (parts.Length != 3
            || !long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var offset) || offset < 1
            || !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var afterSeq))
        {
            throw new McpException($"'cursor' is not one {tool} returned: send nextCursor from its last result exactly, or leave cursor out for the first page.");
        }

        if (parts[2] != Digest(arguments))
        {
            throw new McpException($"This cursor belongs to a {tool} call with other arguments: send the same arguments as the call that returned it (limit included), or leave cursor out to start again.");
        }

        return new ToolPosition(offset, afterSeq);
    }

    private static string Digest(string arguments) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(arguments)))[..12];
}

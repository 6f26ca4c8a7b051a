using System.Text.Encodings.Web;
using System.Text.Json;
using Indicators.Api.Http;
using Indicators.Api.Observations;

namespace Indicators.Api.Mcp;

/// <summary>One page of figures for a paged tool, and where the next one starts.</summary>
internal sealed record FigurePage(IReadOnlyList<ObservationResponse> Figures, long Total, long Offset, string? NextCursor);

/// <summary>
/// Pages of figures for the tools, read through the list's own queries: the plain list by keyset, a q= search by
/// its ranked pages. A page holds whole figures only, and no more than fit the result budget: a page of long quotes
/// and notes ends early, and the cursor goes on from the first figure left out.
/// </summary>
internal static class FigurePages
{
    /// <summary>What the figures of one result may take, serialized; the rest of a result is a few hundred characters.</summary>
    public const int BudgetCharacters = 40_000;

    // Measured as the SDK writes them (non-ASCII escaped as \uXXXX), so the budget is never under-counted.
    private static readonly JsonSerializerOptions Escaped = new(McpJson.Options) { Encoder = JavaScriptEncoder.Default };

    public static async Task<FigurePage> ReadAsync(
        McpRead read, ObservationQueries.Filter filter, string? q, int limit, ToolPosition position, string arguments,
        CancellationToken cancellationToken)
    {
        List<ObservationResponse> figures;
        List<long> seqs;
        long total;
        if (q is null)
        {
            var start = new PagePosition(1, limit, position.AfterSeq);
            var (rows, count) = await read.ListAsync(filter, start, cancellationToken);
            var page = rows.Take(limit).ToList();
            (figures, seqs, total) = (page.Select(read.Response).ToList(), page.Select(r => r.Seq).ToList(), count);
        }
        else
        {
            // A ranked list pages by number: the page holding the offset, and the next one when a short page
            // (cut by the budget) left the offset between two pages.
            var number = (int)(position.Offset / limit) + 1;
            var skip = (int)(position.Offset % limit);
            var first = await read.SearchAsync(q, filter, number, limit, cancellationToken);
            figures = first.Items.Skip(skip).ToList();
            total = first.Total;
            if (skip > 0 && first.Links.Next is not null)
            {
                figures.AddRange((await read.SearchAsync(q, filter, number + 1, limit, cancellationToken)).Items.Take(skip));
            }

            seqs = [.. figures.Select(_ => 0L)];
        }

        var shown = Fitting(figures);
        var offset = position.Offset;
        var next = offset + shown < total && shown > 0 ? ToolCursor.Encode(offset + shown, seqs[shown - 1], arguments) : null;
        return new FigurePage(figures.Take(shown).ToList(), total, offset, next);
    }

    /// <summary>How many of the figures, from the first, fit the budget (always the first: a figure is never cut).</summary>
    private static int Fitting(IReadOnlyList<ObservationResponse> figures)
    {
        var used = 0;
        for (var i = 0; i < figures.Count; i++)
        {
            used += JsonSerializer.Serialize(FigureCard.From(figures[i]), Escaped).Length + ToolText.Line(figures[i]).Length * 2;
            if (used > BudgetCharacters && i > 0)
            {
                return i;
            }
        }

        return figures.Count;
    }
}

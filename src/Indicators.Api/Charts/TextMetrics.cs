using System.Text;

namespace Indicators.Api.Charts;

/// <summary>
/// How wide a line of chart text is, without asking the fonts of the machine that draws it: the layout is
/// worked out on the server but the text is set by the reader's browser, with whatever font it resolves
/// "DejaVu Sans, sans-serif" to. So widths come from a fixed table (DejaVu Sans' advance widths, one of the
/// widest common sans faces), padded, and the same request always gives the same drawing on every machine.
/// </summary>
internal static class TextMetrics
{
    /// <summary>Room for a reader whose sans-serif is a little wider than DejaVu Sans.</summary>
    private const double Slack = 1.06;

    /// <summary>Advance widths per 1000 em of DejaVu Sans, for U+0020 to U+007E.</summary>
    private static readonly short[] Regular =
    [
        318, 401, 460, 838, 636, 950, 780, 275, 390, 390, 500, 838, 318, 361, 318, 337, 636, 636, 636, 636, 636, 636,
        636, 636, 636, 636, 337, 337, 838, 838, 838, 531, 1000, 684, 686, 698, 770, 632, 575, 775, 752, 295, 295, 656,
        557, 863, 748, 787, 603, 787, 695, 635, 611, 732, 684, 989, 685, 611, 685, 390, 337, 390, 838, 500, 500, 613,
        635, 550, 635, 615, 352, 635, 634, 278, 278, 579, 278, 974, 634, 612, 635, 635, 411, 521, 392, 634, 592, 818,
        592, 592, 525, 636, 337, 636, 838,
    ];

    /// <summary>The same for DejaVu Sans Bold.</summary>
    private static readonly short[] Bold =
    [
        348, 456, 521, 838, 696, 1002, 872, 306, 457, 457, 523, 838, 380, 415, 380, 365, 696, 696, 696, 696, 696, 696,
        696, 696, 696, 696, 400, 400, 838, 838, 838, 580, 1000, 774, 762, 734, 830, 683, 683, 821, 837, 372, 372, 775,
        637, 995, 837, 850, 733, 850, 770, 720, 682, 812, 774, 1103, 771, 724, 725, 457, 365, 457, 838, 500, 500, 675,
        716, 593, 716, 678, 435, 716, 712, 343, 343, 665, 343, 1042, 712, 687, 716, 716, 493, 595, 478, 712, 652, 924,
        645, 652, 582, 712, 365, 712, 838,
    ];

    /// <summary>The width of <paramref name="text"/> set in one line at <paramref name="size"/> pixels, padded.</summary>
    public static double Width(string text, double size, bool bold = false)
    {
        var table = bold ? Bold : Regular;
        var units = 0.0;
        foreach (var c in text)
        {
            units += c is >= ' ' and <= '~' ? table[c - ' ']
                : c is '‘' or '’' ? table['\'' - ' ']
                : c is '–' or '“' or '”' ? 560
                : 1000; // dashes, symbols and letters outside ASCII: as wide as the widest
        }

        return units / 1000 * size * Slack;
    }

    /// <summary>
    /// Breaks text into lines no wider than <paramref name="maxWidth"/>, at spaces (and at '\n'). A word wider
    /// than the line stays whole on a line of its own, and the layout makes room for it. Where
    /// <paramref name="isUrl"/>, a URL also breaks after '/', '?' and '&amp;', which is where a reader expects it.
    /// </summary>
    public static IReadOnlyList<string> Wrap(string text, double maxWidth, double size, bool bold = false, bool isUrl = false)
    {
        var lines = new List<string>();
        foreach (var paragraph in text.Split('\n'))
        {
            var current = "";
            foreach (var word in Words(paragraph, isUrl))
            {
                var joined = current.Length == 0 ? word.Text : current + word.Separator + word.Text;
                if (current.Length > 0 && Width(joined, size, bold) > maxWidth)
                {
                    lines.Add(current);
                    current = word.Text;
                }
                else
                {
                    current = joined;
                }
            }

            lines.Add(current);
        }

        return lines;
    }

    /// <summary>The pieces a line may break between, each with what joins it to the piece before.</summary>
    private static List<(string Text, string Separator)> Words(string paragraph, bool isUrl)
    {
        var pieces = new List<(string, string)>();
        var separator = "";
        var current = new StringBuilder();
        foreach (var c in paragraph)
        {
            if (c == ' ')
            {
                if (current.Length > 0)
                {
                    pieces.Add((current.ToString(), separator));
                    current.Clear();
                }

                separator = " ";
                continue;
            }

            current.Append(c);
            if (isUrl && c is '/' or '?' or '&')
            {
                pieces.Add((current.ToString(), separator));
                current.Clear();
                separator = "";
            }
        }

        if (current.Length > 0)
        {
            pieces.Add((current.ToString(), separator));
        }

        return pieces;
    }
}

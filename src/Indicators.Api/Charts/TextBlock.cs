namespace Indicators.Api.Charts;

/// <summary>Where a text anchors on its x: its start, its middle or its end.</summary>
internal enum TextAnchor
{
    Start,
    Middle,
    End,
}

/// <summary>
/// Lines of text placed as one box. The box is the estimate the layout keeps apart from other boxes; each
/// line's baseline sits so a font's ascent and descent (about 0.93 and 0.24 em for DejaVu Sans) stay inside it.
/// </summary>
internal sealed record TextBlock(IReadOnlyList<string> Lines, double X, double Top, double Size, bool Bold, TextAnchor Anchor)
{
    public double LineHeight => Size * 1.25;

    public double Height => Lines.Count * LineHeight;

    public double Bottom => Top + Height;

    public double Width => Lines.Count == 0 ? 0 : Lines.Max(l => TextMetrics.Width(l, Size, Bold));

    public double Left => Anchor switch
    {
        TextAnchor.Start => X,
        TextAnchor.Middle => X - (Width / 2),
        _ => X - Width,
    };

    public double Right => Left + Width;

    public double Baseline(int line) => Top + (line * LineHeight) + (Size * 0.96);

    /// <summary>Lines wrapped to a width, placed with their top at <paramref name="top"/>.</summary>
    public static TextBlock Wrapped(
        string text, double maxWidth, double x, double top, double size, bool bold = false, TextAnchor anchor = TextAnchor.Start, bool isUrl = false) =>
        new(text.Length == 0 ? [] : TextMetrics.Wrap(text, maxWidth, size, bold, isUrl), x, top, size, bold, anchor);

    public ChartLayout.Box Box => new(Left, Top, Right, Bottom);

    /// <summary>Whether two boxes come closer than <paramref name="gap"/> pixels, sideways and up-down at once.</summary>
    public bool Crowds(TextBlock other, double gap) => Box.Crowds(other.Box, gap);

    public TextBlock MovedTo(double x, double top) => this with { X = x, Top = top };
}

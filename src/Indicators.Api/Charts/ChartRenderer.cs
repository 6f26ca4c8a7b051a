using SkiaSharp;
using Svg.Skia;

namespace Indicators.Api.Charts;

/// <summary>
/// Draws a chart for the width it is shown at, as SVG, and as a PNG rasterised from that same SVG, so the
/// two cannot say different things.
/// </summary>
/// <remarks>
/// Why our own SVG rather than ScottPlot, which drew these charts before: ScottPlot writes SVG through
/// Skia's SVG canvas, which positions every glyph with the server's font metrics (x="-15.6, -6.7, …") and
/// names whatever face the server resolved (it wrote "DejaVu Serif"), so the text cannot be set in the
/// reader's sans-serif; it cannot put an attribute on a mark (data-observation), its bars are closed boxes
/// (a lower bound drawn with it got a hard top), and its SVG writer drops dash patterns and hatches. Each of
/// those would have been a rewrite of its output by string matching. The drawing here is a few dozen
/// elements written with System.Xml.Linq, which escapes every text; Svg.Skia (a maintained SVG renderer
/// over SkiaSharp) turns that SVG into the PNG.
/// </remarks>
internal static class ChartRenderer
{
    /// <param name="sourceAndData">
    /// Print the source line and "get the data" under the chart (the default: an image travels alone). A page
    /// that shows both as links beside the chart, as the embed does, may leave them out.
    /// </param>
    public static string Svg(ChartModel model, int width, int? height = null, ChartTheme? theme = null, bool sourceAndData = true) =>
        ChartSvg.Write(Fitted(model, width), width, height, theme ?? ChartTheme.Light, sourceAndData);

    public static byte[] Png(ChartModel model, int width, int? height = null, ChartTheme? theme = null)
    {
        var resolved = theme ?? ChartTheme.Light;
        using var svg = new SKSvg();
        svg.FromSvg(Svg(model, width, height, resolved));
        using var png = new MemoryStream();
        svg.Save(png, SKColor.Parse(resolved.Background), SKEncodedImageFormat.Png, 100, 1f, 1f);
        return png.ToArray();
    }

    /// <summary>As many marks as have a legible column at this width; the model then says how many of how many.</summary>
    private static ChartModel Fitted(ChartModel model, int width)
    {
        var room = (int)Math.Max(1, Math.Floor((width - 80) / ChartLayout.MinimumColumn));
        return model.Bars.Count <= room ? model : model with { Bars = model.Bars.Take(room).ToList() };
    }
}

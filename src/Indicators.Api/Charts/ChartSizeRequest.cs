using FluentValidation;
using Indicators.Api.Http;
using Microsoft.AspNetCore.Mvc;

namespace Indicators.Api.Charts;

/// <summary>The size and colours of a chart or embed, in CSS pixels.</summary>
internal sealed record ChartSizeRequest
{
    public const int DefaultWidth = 800;
    public const int DefaultHeight = 450;
    public const int Min = 200;
    public const int Max = 2000;

    /// <summary>
    /// The width in pixels the chart is shown at, 200 to 2000 (default 800). The chart is laid out for it, text
    /// included, so ask for the width of the space it goes in rather than scaling a wider one down.
    /// </summary>
    /// <example>800</example>
    [FromQuery(Name = "width")] public string? Width { get; init; }

    /// <summary>
    /// The height in pixels, 200 to 2000. Without it a chart is as tall as its text needs at that width; with it, it
    /// is that tall unless its text and a legible plot need more. For an embed it is the whole frame's (default 450).
    /// </summary>
    /// <example>450</example>
    [FromQuery(Name = "height")] public string? Height { get; init; }

    public int WidthPixels => QueryText.ParseOptionalInt(Width) ?? DefaultWidth;

    /// <summary>The height asked for, else the default: an embed's frame.</summary>
    public int HeightPixels => QueryText.ParseOptionalInt(Height) ?? DefaultHeight;

    /// <summary>The height asked for, or null: a chart then fits its height to its text.</summary>
    public int? HeightOrFit => QueryText.ParseOptionalInt(Height);
}

/// <summary>A chart's colours.</summary>
internal sealed record ChartThemeRequest
{
    /// <summary>Colours for a light (the default) or a dark background.</summary>
    /// <example>light</example>
    [FromQuery(Name = "theme")] public string? Theme { get; init; }

    public ChartTheme ChartTheme => ChartTheme.Named(Theme) ?? ChartTheme.Light;
}

internal sealed class ChartSizeRequestValidator : AbstractValidator<ChartSizeRequest>
{
    public ChartSizeRequestValidator()
    {
        RuleFor(r => r.Width).Must(v => v is null || QueryText.IsWholeNumberBetween(v, ChartSizeRequest.Min, ChartSizeRequest.Max))
            .WithMessage((_, v) => $"'width' must be a whole number from {ChartSizeRequest.Min} to {ChartSizeRequest.Max}; got '{v}'.");
        RuleFor(r => r.Height).Must(v => v is null || QueryText.IsWholeNumberBetween(v, ChartSizeRequest.Min, ChartSizeRequest.Max))
            .WithMessage((_, v) => $"'height' must be a whole number from {ChartSizeRequest.Min} to {ChartSizeRequest.Max}; got '{v}'.");
    }
}

internal sealed class ChartThemeRequestValidator : AbstractValidator<ChartThemeRequest>
{
    public ChartThemeRequestValidator() =>
        RuleFor(r => r.Theme).Must(v => ChartTheme.Named(v) is not null)
            .WithMessage("'theme' must be light or dark.");
}

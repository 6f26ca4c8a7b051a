using FluentValidation;
using Indicators.Api.Http;
using Microsoft.AspNetCore.Mvc;

namespace Indicators.Api.Charts;

/// <summary>The size of a chart or embed, in CSS pixels.</summary>
internal sealed record ChartSizeRequest
{
    public const int DefaultWidth = 800;
    public const int DefaultHeight = 450;
    public const int Min = 200;
    public const int Max = 2000;

    /// <summary>Width in pixels, 200 to 2000 (default 800).</summary>
    /// <example>800</example>
    [FromQuery(Name = "width")] public string? Width { get; init; }

    /// <summary>Height in pixels, 200 to 2000 (default 450).</summary>
    /// <example>450</example>
    [FromQuery(Name = "height")] public string? Height { get; init; }

    public int WidthPixels => QueryText.ParseOptionalInt(Width) ?? DefaultWidth;

    public int HeightPixels => QueryText.ParseOptionalInt(Height) ?? DefaultHeight;
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

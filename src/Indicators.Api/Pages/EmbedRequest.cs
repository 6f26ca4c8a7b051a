using FluentValidation;
using Microsoft.AspNetCore.Mvc;

namespace Indicators.Api.Pages;

/// <summary>The embed's colours.</summary>
internal sealed record EmbedThemeRequest
{
    /// <summary>light or dark; without it the embed follows the reader's preference (prefers-color-scheme).</summary>
    /// <example>dark</example>
    [FromQuery(Name = "theme")] public string? Theme { get; init; }
}

internal sealed class EmbedThemeRequestValidator : AbstractValidator<EmbedThemeRequest>
{
    public EmbedThemeRequestValidator() =>
        RuleFor(r => r.Theme).Must(v => v is null or "light" or "dark")
            .WithMessage((_, v) => $"'theme' must be light or dark (or left out to follow the reader's preference); got '{v}'.");
}

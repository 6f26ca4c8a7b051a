using FluentValidation;
using Microsoft.AspNetCore.Mvc;

namespace Indicators.Api.Citations;

/// <summary>How to write a citation.</summary>
internal sealed record CitationRequest
{
    /// <summary>apa (default), chicago, bibtex, ris or csl-json.</summary>
    /// <example>bibtex</example>
    [FromQuery(Name = "style")] public string? Style { get; init; }
}

internal sealed class CitationRequestValidator : AbstractValidator<CitationRequest>
{
    public CitationRequestValidator() =>
        RuleFor(r => r.Style).Must(v => v is null || CitationStyles.Find(v) is not null)
            .WithMessage((_, v) => $"'{v}' is not a citation style; use one of {string.Join(", ", CitationStyles.All.Select(s => s.Name))}.");
}

using FluentValidation;

namespace Indicators.Api.Import.Validators;

/// <summary>A fact established outside a source's text says what it is, about which source, by whom, when and how.</summary>
internal sealed class FactRowValidator : AbstractValidator<FactRow>
{
    /// <summary>The kinds of fact a curator may record; each is shown to readers in its own words.</summary>
    public static readonly IReadOnlyList<string> Kinds = ["also-published-in"];

    private readonly HashSet<string> _seenIds = new(StringComparer.Ordinal);

    public FactRowValidator(ImportCatalog catalog)
    {
        RuleFor(r => r.Id).MustBeSlug("id")
            .Must(id => _seenIds.Add(id!)).WithMessage((_, id) => $"duplicate id '{id}'");
        RuleFor(r => r.Source).MustBeOneOf("source", () => catalog.SourceTexts.Keys, "source (see sources.csv)");
        RuleFor(r => r.Fact).Must(f => f is not null && Kinds.Contains(f))
            .WithMessage((_, f) => $"fact '{f}' is not one of {string.Join(", ", Kinds)}");
        RuleFor(r => r.Title).Required("title");
        RuleFor(r => r.Publisher).Required("publisher");
        RuleFor(r => r.PublishedOn).Must(RowRules.IsIsoDateOrEmpty)
            .WithMessage((_, v) => $"published_on must be a date as yyyy-MM-dd or empty, got '{v}'");
        RuleFor(r => r.Url).Required("url").Must(RowRules.IsHttpUrlOrEmpty)
            .WithMessage((_, v) => $"url must be an absolute http(s) URL, got '{v}'");
        RuleFor(r => r.EstablishedBy).Required("established_by");
        RuleFor(r => r.EstablishedOn).Required("established_on").Must(RowRules.IsIsoDateOrEmpty)
            .WithMessage((_, v) => $"established_on must be a date as yyyy-MM-dd, got '{v}'");
        RuleFor(r => r.How).Required("how")
            .WithMessage("how is required: say how it was established (what was compared with what)");
    }
}

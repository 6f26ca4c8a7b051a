namespace Indicators.Api.Observations;

/// <summary>
/// The closed vocabularies of an observation. They are part of the public contract: the import rejects
/// anything else, and the query filters accept only these values.
/// </summary>
internal static class Vocabulary
{
    /// <summary>How the source qualifies a figure, with the words that map to each value.</summary>
    public static readonly IReadOnlyList<string> Qualifiers =
        ["exact", "approximately", "more-than", "at-least", "nearly", "less-than", "at-most"];

    /// <summary>What a figure is: a measured fact, a goal, a capacity, work under way, or our arithmetic.</summary>
    public static readonly IReadOnlyList<string> Kinds =
        ["actual", "target", "plan", "capacity", "in-progress", "derived"];

    /// <summary>The kinds of entity a figure can be about.</summary>
    public static readonly IReadOnlyList<string> EntityTypes = ["country", "group", "world", "project"];

    public static bool IsQualifier(string? value) => value is not null && Qualifiers.Contains(value);

    public static bool IsKind(string? value) => value is not null && Kinds.Contains(value);
}

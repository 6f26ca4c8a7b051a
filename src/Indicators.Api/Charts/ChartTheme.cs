namespace Indicators.Api.Charts;

/// <summary>
/// A chart's colours. Text is at least 4.5:1 against the background and the marks at least 3:1 (WCAG 1.4.3,
/// 1.4.11) in both themes; a target is told from an actual by its hatching and dashed outline and by its
/// label's words as well as by its colour.
/// </summary>
internal sealed record ChartTheme(
    string Name, string Background, string Text, string Muted, string Grid, string Baseline, string Actual, string Goal, string GoalPale)
{
    public static readonly ChartTheme Light = new("light", "#ffffff", "#1a1a1a", "#4a4a4a", "#dcdcdc", "#6b6b6b", "#2b6cb0", "#b7541a", "#fbe7da");

    public static readonly ChartTheme Dark = new("dark", "#161616", "#f0f0f0", "#c4c4c4", "#3a3a3a", "#9a9a9a", "#63a4e8", "#f0a35e", "#4a3220");

    /// <summary>The theme by its name in a query (light, dark); null for any other.</summary>
    public static ChartTheme? Named(string? name) => name switch
    {
        null or "light" => Light,
        "dark" => Dark,
        _ => null,
    };
}

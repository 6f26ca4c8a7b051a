using Indicators.Api.Observations;

namespace Indicators.Api.Indicators;

/// <summary>What a series of figures measures.</summary>
internal sealed record IndicatorResponse
{
    /// <summary>The code used in URLs and filters.</summary>
    /// <example>gdp</example>
    public required string Code { get; init; }

    /// <summary>The human name.</summary>
    /// <example>Gross domestic product</example>
    public required string Name { get; init; }

    /// <summary>The usual unit; each observation's own unit is authoritative (GDP is stated in yuan and dollars).</summary>
    public required UnitResponse Unit { get; init; }

    /// <summary>A broad subject for grouping.</summary>
    /// <example>economy</example>
    public required string Topic { get; init; }

    /// <summary>What exactly is measured.</summary>
    /// <example>Gross domestic product for the calendar year, in the currency the source states it in.</example>
    public required string Description { get; init; }

    /// <summary>How many stated (non-derived) observations the indicator has.</summary>
    /// <example>2</example>
    public required long ObservationCount { get; init; }
}

/// <summary>An indicator as SQLite returns it.</summary>
internal sealed class IndicatorRow
{
    public string Code { get; init; } = "";
    public string Name { get; init; } = "";
    public string UnitCode { get; init; } = "";
    public double UnitScale { get; init; }
    public string UnitLabel { get; init; } = "";
    public string Topic { get; init; } = "";
    public string Description { get; init; } = "";
    public long ObservationCount { get; init; }

    public IndicatorResponse ToResponse() => new()
    {
        Code = Code,
        Name = Name,
        Unit = new UnitResponse { Code = UnitCode, Scale = UnitScale, Label = UnitLabel },
        Topic = Topic,
        Description = Description,
        ObservationCount = ObservationCount,
    };
}

using System.Globalization;
using System.Text.RegularExpressions;
using Indicators.Api.Observations;

namespace Indicators.Api.Sdmx;

/// <summary>One figure as an SDMX observation: its key (one code per dimension, in DSD order), period, value and attributes.</summary>
internal sealed record SdmxFigure(
    string FigureId, IReadOnlyList<string> Key, SdmxPeriod Period, double Value, IReadOnlyList<KeyValuePair<string, string>> Attributes)
{
    /// <summary>The series key as SDMX writes it: the dimension codes joined by dots.</summary>
    public string SeriesKey => string.Join('.', Key);

    /// <summary>A dimension's code by id, the time dimension included.</summary>
    public string Dimension(string id) => id == SdmxIds.TimeDimension
        ? Period.Text
        : Key[SdmxFigures.DimensionIndex(id)];
}

/// <summary>
/// Maps a stated figure to its SDMX observation, or says why it cannot be one. The words come from
/// <see cref="FigureWording"/> and the bounds from the figure itself, so SDMX says what JSON, CSV and the pages say.
/// </summary>
internal static partial class SdmxFigures
{
    // SDMX's IDType: codes may hold letters, digits, _, @, $ and -.
    [GeneratedRegex(@"[^A-Za-z0-9_@$\-]")]
    private static partial Regex NotInId();

    public static int DimensionIndex(string id)
    {
        for (var i = 0; i < SdmxStructure.Dimensions.Count; i++)
        {
            if (SdmxStructure.Dimensions[i].Id == id)
            {
                return i;
            }
        }

        throw new ArgumentOutOfRangeException(nameof(id), id, "not a key dimension");
    }

    /// <summary>A unit code as an SDMX code id ("CNY/USD" becomes CNY_USD).</summary>
    public static string UnitId(string unitCode) => NotInId().Replace(unitCode, "_");

    /// <summary>The power of ten a scale is, when it is one SDMX's CL_UNIT_MULT has a code for.</summary>
    public static int? UnitMultiplier(double scale)
    {
        foreach (var (power, _) in SdmxStructure.UnitMultipliers)
        {
            if (scale == Math.Pow(10, power))
            {
                return power;
            }
        }

        return null;
    }

    public static (SdmxFigure? Figure, string? Reason) From(ObservationResponse figure)
    {
        if (figure.Kind == "derived" || figure.Citation is null)
        {
            return (null, "it is derived (computed by this service, with no quote of its own); the Data Package carries it");
        }

        var (period, reason) = SdmxTimePeriod.Of(figure);
        if (period is null)
        {
            return (null, reason);
        }

        if (UnitMultiplier(figure.Unit.Scale) is not { } multiplier)
        {
            return (null, $"its unit's scale ({figure.Unit.Scale.ToString("R", CultureInfo.InvariantCulture)}) is not a power of ten SDMX's UNIT_MULT can state");
        }

        string[] key =
        [
            figure.Indicator.Code,
            figure.Entity.Code,
            figure.Counterpart?.Code ?? SdmxIds.NotApplicable,
            UnitId(figure.Unit.Code),
            figure.Kind,
        ];

        var attributes = new List<KeyValuePair<string, string>>
        {
            new("UNIT_MULT", multiplier.ToString(CultureInfo.InvariantCulture)),
            new("VALUE_QUALIFIER", figure.Qualifier),
        };
        if (figure.QualifierText is { } words)
        {
            attributes.Add(new("QUALIFIER_TEXT", words));
        }

        if (figure.Bounds.Lower is { } lower)
        {
            attributes.Add(new("LOWER_BOUND", Number(lower)));
            attributes.Add(new("LOWER_BOUND_INCLUSIVE", Boolean(figure.Bounds.LowerInclusive!.Value)));
        }

        if (figure.Bounds.Upper is { } upper)
        {
            attributes.Add(new("UPPER_BOUND", Number(upper)));
            attributes.Add(new("UPPER_BOUND_INCLUSIVE", Boolean(figure.Bounds.UpperInclusive!.Value)));
        }

        var citation = figure.Citation;
        attributes.Add(new("STATEMENT", FigureWording.Statement(figure)));
        attributes.Add(new("FIGURE_ID", figure.Id));
        attributes.Add(new("SOURCE_ID", citation.Source));
        attributes.Add(new("SOURCE_QUOTE", citation.Quote));
        attributes.Add(new("QUOTE_START", citation.Start.ToString(CultureInfo.InvariantCulture)));
        attributes.Add(new("QUOTE_END", citation.End.ToString(CultureInfo.InvariantCulture)));
        attributes.Add(new("CITATION_URL", citation.Url));
        attributes.Add(new("PERIOD_AS_STATED", figure.Period.Label));
        attributes.Add(new("PERIOD_INFERRED", Boolean(figure.Period.Inferred)));
        attributes.Add(new("PERIOD_END", period.EndsAtSourceDate ? "SOURCE_DATE" : "AS_RECORDED"));
        if (figure.StatedOn is { } statedOn)
        {
            attributes.Add(new("SOURCE_DATE", statedOn));
        }

        if (figure.Note is { } note)
        {
            attributes.Add(new("NOTE", note));
        }

        return (new SdmxFigure(figure.Id, key, period, figure.Value, attributes), null);
    }

    /// <summary>A number as XML Schema's double writes it, round-tripping exactly.</summary>
    public static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static string Boolean(bool value) => value ? "true" : "false";
}

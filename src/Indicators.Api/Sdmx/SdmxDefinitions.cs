namespace Indicators.Api.Sdmx;

/// <summary>The identifiers of this service's SDMX artefacts: one agency, one dataflow, one DSD, one concept scheme.</summary>
internal static class SdmxIds
{
    public const string Agency = "INDICATORS";
    public const string Dataflow = "FIGURES";
    public const string DataStructure = "DSD_FIGURES";
    public const string ConceptScheme = "CS_FIGURES";
    public const string Version = "1.0";
    public const string TimeDimension = "TIME_PERIOD";
    public const string PrimaryMeasure = "OBS_VALUE";

    /// <summary>ESTAT's "not applicable" code: a figure with no counterpart.</summary>
    public const string NotApplicable = "_Z";

    /// <summary>How SDMX-CSV and the message headers name the dataflow: AGENCY:ID(VERSION).</summary>
    public const string DataflowReference = $"{Agency}:{Dataflow}({Version})";

    /// <summary>The structureID messages use for the DSD they follow.</summary>
    public const string StructureId = $"{Agency}_{DataStructure}_1_0";

    public const string DataflowUrn = $"urn:sdmx:org.sdmx.infomodel.datastructure.Dataflow={Agency}:{Dataflow}({Version})";
    public const string DataStructureUrn = $"urn:sdmx:org.sdmx.infomodel.datastructure.DataStructure={Agency}:{DataStructure}({Version})";
}

/// <summary>A concept of the scheme: a dimension, the measure or an attribute.</summary>
/// <param name="Id">The concept's (and component's) id.</param>
/// <param name="Name">Its name in English.</param>
/// <param name="Description">What it holds, in English.</param>
/// <param name="Codelist">The codelist that enumerates its values, or null for free text.</param>
/// <param name="TextType">The SDMX text type of an uncoded component (String, Double, Integer, Boolean, Date, ObservationalTimePeriod).</param>
/// <param name="Mandatory">For an attribute: whether every observation carries it.</param>
internal sealed record SdmxConcept(string Id, string Name, string Description, string? Codelist, string TextType = "String", bool Mandatory = true);

/// <summary>
/// The data structure. The key identifies one figure: what it measures, where, with whom, in which unit (China's
/// 2023 GDP is one figure in yuan and one in dollars), what kind of figure it is (Pakistan's hydropower plants built
/// and those under construction share every other dimension), and when. Every attribute is attached to the
/// observation: the qualifier, bounds, scale and citation belong to one figure, not to a series.
/// </summary>
internal static class SdmxStructure
{
    public const string IndicatorCodelist = "CL_INDICATOR";
    public const string AreaCodelist = "CL_AREA";
    public const string UnitCodelist = "CL_UNIT";
    public const string KindCodelist = "CL_VALUE_KIND";
    public const string QualifierCodelist = "CL_VALUE_QUALIFIER";
    public const string UnitMultiplierCodelist = "CL_UNIT_MULT";
    public const string PeriodEndCodelist = "CL_PERIOD_END";

    /// <summary>The dimensions in key order (the time dimension last, as SDMX keys leave it out).</summary>
    public static readonly IReadOnlyList<SdmxConcept> Dimensions =
    [
        new("INDICATOR", "Indicator", "What the figure measures (see /v1/indicators).", IndicatorCodelist),
        new("REF_AREA", "Reference area", "Who or what the figure is about: a country, a group, the world or a named project (see /v1/entities).", AreaCodelist),
        new("COUNTERPART_AREA", "Counterpart area", "The other party of a bilateral figure; _Z where there is none.", AreaCodelist),
        new("UNIT_MEASURE", "Unit of measure", "The unit the value is stated in, without its multiplier (see UNIT_MULT).", UnitCodelist),
        new("VALUE_KIND", "Kind of figure", "actual, target, plan, capacity or in-progress (under construction). Derived figures are not in this dataflow.", KindCodelist),
    ];

    public static readonly SdmxConcept Time = new(
        SdmxIds.TimeDimension, "Time period",
        "The reference period as an ISO 8601 year (2023) or a start date and duration (2004-01-01/P21Y for 2004–2024). Never invented: figures without a period are not in this dataflow.",
        null, "ObservationalTimePeriod");

    public static readonly SdmxConcept Measure = new(
        SdmxIds.PrimaryMeasure, "Value as stated",
        "The number as the source states it, in UNIT_MEASURE times ten to the power UNIT_MULT (126 with UNIT_MULT 12 for \"126 trillion yuan\"). Read it with VALUE_QUALIFIER: a \"more than\" figure is a lower bound, not a point.",
        null, "Double");

    /// <summary>The attributes, each attached to the observation, in the order messages write them.</summary>
    public static readonly IReadOnlyList<SdmxConcept> Attributes =
    [
        new("UNIT_MULT", "Unit multiplier", "The power of ten the value is stated in (SDMX CL_UNIT_MULT codes: 0 units, 6 millions, 9 billions, 12 trillions).", UnitMultiplierCodelist),
        new("VALUE_QUALIFIER", "Qualifier", "How the source qualifies the figure; with the bounds, what the number does and does not claim.", QualifierCodelist),
        new("QUALIFIER_TEXT", "Qualifier words", "The source's own qualifying word(s) (exceeded, nearly, within, as high as ...).", null, Mandatory: false),
        new("LOWER_BOUND", "Lower bound", "The lowest value the figure allows, where the qualifier sets one.", null, "Double", Mandatory: false),
        new("LOWER_BOUND_INCLUSIVE", "Lower bound inclusive", "Whether the lower bound itself is possible (at least: true; more than: false).", null, "Boolean", Mandatory: false),
        new("UPPER_BOUND", "Upper bound", "The highest value the figure allows, where the qualifier sets one.", null, "Double", Mandatory: false),
        new("UPPER_BOUND_INCLUSIVE", "Upper bound inclusive", "Whether the upper bound itself is possible (at most: true; nearly, less than: false).", null, "Boolean", Mandatory: false),
        new("STATEMENT", "The figure in words", "The figure as the source words it, with its qualifier and unit (\"exceeded 126 trillion yuan\"): the same wording as every other view of it.", null),
        new("FIGURE_ID", "Figure id", "The figure's id in this service: its permalink is /v1/observations/{id}.", null),
        new("SOURCE_ID", "Source", "The source document the figure is quoted from (see /v1/sources).", null),
        new("SOURCE_QUOTE", "Quote", "The exact span of the source text that states the figure, verbatim.", null),
        new("QUOTE_START", "Quote start", "Offset of the quote's first character, in Unicode code points, into /v1/sources/{source}/text.", null, "Integer"),
        new("QUOTE_END", "Quote end", "Offset just past the quote's last character: text[start:end] is the quote.", null, "Integer"),
        new("CITATION_URL", "Citation URL", "The source text's URL with an RFC 5147 fragment for the quote.", null),
        new("PERIOD_AS_STATED", "Period as stated", "The period in the source's words (since 2012, past 20 years (2004–2024)).", null),
        new("PERIOD_INFERRED", "Period inferred", "true when the years were worked out from context (a neighbouring sentence, the publication date) rather than written beside the figure; NOTE says how.", null, "Boolean"),
        new("PERIOD_END", "How the period ends", "AS_RECORDED: the period ends with its last recorded year; SOURCE_DATE: the text leaves the end open (since 2012) and the period is closed at the source's publication date.", PeriodEndCodelist),
        new("SOURCE_DATE", "Source date", "The source's publication date, where it gives one.", null, "GregorianDay", Mandatory: false),
        new("NOTE", "Note", "The curator's reasoning where a choice was made (an inferred year, a conversion).", null, Mandatory: false),
    ];

    /// <summary>Every concept of the scheme, in the order the scheme lists them.</summary>
    public static IEnumerable<SdmxConcept> Concepts => Dimensions.Append(Time).Append(Measure).Concat(Attributes);

    public static bool IsDimension(string id) => id == SdmxIds.TimeDimension || Dimensions.Any(d => d.Id == id);

    /// <summary>The standard multipliers (SDMX:CL_UNIT_MULT): the power of ten, its name.</summary>
    public static readonly IReadOnlyList<(int Power, string Name)> UnitMultipliers =
    [
        (0, "Units"), (1, "Tens"), (2, "Hundreds"), (3, "Thousands"), (4, "Tens of thousands"), (5, "Hundreds of thousands"),
        (6, "Millions"), (7, "Tens of millions"), (8, "Hundreds of millions"), (9, "Billions"), (10, "Tens of billions"),
        (11, "Hundreds of billions"), (12, "Trillions"), (13, "Tens of trillions"), (14, "Hundreds of trillions"), (15, "Quadrillions"),
    ];

    /// <summary>The qualifiers, with what each claims (the README's table).</summary>
    public static readonly IReadOnlyList<(string Code, string Name)> Qualifiers =
    [
        ("exact", "Exact: the text puts no qualifier on the number; lower and upper bound are the value, both inclusive"),
        ("approximately", "Approximately (around, about): no bound is stated"),
        ("more-than", "More than (exceeded, over): the value is an exclusive lower bound"),
        ("at-least", "At least: the value is an inclusive lower bound"),
        ("nearly", "Nearly (almost): the value is an exclusive upper bound"),
        ("less-than", "Less than (under): the value is an exclusive upper bound"),
        ("at-most", "At most (within, up to, as high as): the value is an inclusive upper bound"),
    ];

    /// <summary>The kinds a stated figure can be (derived figures are not in the dataflow).</summary>
    public static readonly IReadOnlyList<(string Code, string Name)> Kinds =
    [
        ("actual", "Actual: a measured fact"),
        ("target", "Target: a goal"),
        ("plan", "Plan: decided or proposed, not yet done"),
        ("capacity", "Capacity"),
        ("in-progress", "In progress: under construction"),
    ];

    public static readonly IReadOnlyList<(string Code, string Name)> PeriodEnds =
    [
        ("AS_RECORDED", "The period ends with the last year recorded for the figure"),
        ("SOURCE_DATE", "The text leaves the end open; the period is closed at the source's publication date (an inference of this service)"),
    ];
}

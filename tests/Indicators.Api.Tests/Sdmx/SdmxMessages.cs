using System.Globalization;
using System.Xml.Linq;
using CsvHelper;

namespace Indicators.Api.Tests.Sdmx;

/// <summary>One observation as a test reads it back from any of the three formats: every dimension and attribute by id, and the value.</summary>
internal sealed record SdmxObservation(IReadOnlyDictionary<string, string> Fields, double? Value)
{
    public string this[string id] => Fields[id];

    public string? Get(string id) => Fields.TryGetValue(id, out var value) && value.Length > 0 ? value : null;

    public string SeriesKey => string.Join('.', KeyDimensions.Select(d => Fields[d]));

    public static readonly string[] KeyDimensions = ["INDICATOR", "REF_AREA", "COUNTERPART_AREA", "UNIT_MEASURE", "VALUE_KIND"];
}

/// <summary>Reads SDMX-ML Generic, StructureSpecific and SDMX-CSV data messages with XML and CSV parsers, not with the service's code.</summary>
internal static class SdmxMessages
{
    public static readonly XNamespace Message = "http://www.sdmx.org/resources/sdmxml/schemas/v2_1/message";
    public static readonly XNamespace Common = "http://www.sdmx.org/resources/sdmxml/schemas/v2_1/common";
    public static readonly XNamespace Structure = "http://www.sdmx.org/resources/sdmxml/schemas/v2_1/structure";
    public static readonly XNamespace Generic = "http://www.sdmx.org/resources/sdmxml/schemas/v2_1/data/generic";

    public static List<SdmxObservation> ReadGeneric(string xml)
    {
        var document = XDocument.Parse(xml);
        var dimensionAtObservation = document.Descendants(Message + "Structure").First().Attribute("dimensionAtObservation")!.Value;
        var observations = new List<SdmxObservation>();
        foreach (var series in document.Descendants(Generic + "Series"))
        {
            var key = Values(series.Element(Generic + "SeriesKey"));
            foreach (var obs in series.Elements(Generic + "Obs"))
            {
                observations.Add(GenericObservation(obs, key, dimensionAtObservation));
            }
        }

        foreach (var obs in document.Descendants(Message + "DataSet").Elements(Generic + "Obs"))
        {
            observations.Add(GenericObservation(obs, [], dimensionAtObservation));
        }

        return observations;
    }

    private static SdmxObservation GenericObservation(XElement obs, Dictionary<string, string> seriesKey, string dimensionAtObservation)
    {
        var fields = new Dictionary<string, string>(seriesKey);
        if (obs.Element(Generic + "ObsDimension") is { } dimension)
        {
            fields[dimensionAtObservation] = dimension.Attribute("value")!.Value;
        }

        foreach (var (id, value) in Values(obs.Element(Generic + "ObsKey")).Concat(Values(obs.Element(Generic + "Attributes"))))
        {
            fields[id] = value;
        }

        var text = obs.Element(Generic + "ObsValue")?.Attribute("value")?.Value;
        return new SdmxObservation(fields, text is null ? null : double.Parse(text, CultureInfo.InvariantCulture));
    }

    private static Dictionary<string, string> Values(XElement? parent) =>
        parent?.Elements(Generic + "Value").ToDictionary(v => v.Attribute("id")!.Value, v => v.Attribute("value")!.Value) ?? [];

    public static List<SdmxObservation> ReadStructureSpecific(string xml)
    {
        var document = XDocument.Parse(xml);
        var observations = new List<SdmxObservation>();
        foreach (var obs in document.Descendants("Obs"))
        {
            var fields = new Dictionary<string, string>();
            foreach (var attribute in (obs.Parent?.Name == "Series" ? obs.Parent.Attributes() : []).Concat(obs.Attributes()))
            {
                fields[attribute.Name.LocalName] = attribute.Value;
            }

            var value = fields.Remove("OBS_VALUE", out var text) ? double.Parse(text, CultureInfo.InvariantCulture) : (double?)null;
            observations.Add(new SdmxObservation(fields, value));
        }

        return observations;
    }

    public static (string[] Header, List<SdmxObservation> Observations) ReadCsv(string csvText)
    {
        using var reader = new StringReader(csvText);
        using var csv = new CsvParser(reader, CultureInfo.InvariantCulture);
        Assert.True(csv.Read());
        var header = csv.Record!;
        var observations = new List<SdmxObservation>();
        while (csv.Read())
        {
            var fields = header.Zip(csv.Record!).ToDictionary(p => p.First, p => p.Second);
            var value = fields.Remove("OBS_VALUE", out var text) && text.Length > 0 ? double.Parse(text, CultureInfo.InvariantCulture) : (double?)null;
            observations.Add(new SdmxObservation(fields, value));
        }

        return (header, observations);
    }

    /// <summary>The SDMX error message's code and text, asserting the body is one.</summary>
    public static (string Code, string Text) ReadError(string xml)
    {
        var document = XDocument.Parse(xml);
        Assert.Equal(Message + "Error", document.Root!.Name);
        var error = document.Root.Element(Message + "ErrorMessage")!;
        return (error.Attribute("code")!.Value, error.Element(Common + "Text")!.Value);
    }
}

using System.Globalization;
using System.Xml;

namespace Indicators.Api.Sdmx;

/// <summary>A maintainable artefact of this service: its REST resource name and id (the agency and version are the service's).</summary>
internal sealed record SdmxArtefact(string Resource, string Id)
{
    public const string DataflowResource = "dataflow";
    public const string DataStructureResource = "datastructure";
    public const string CodelistResource = "codelist";
    public const string ConceptSchemeResource = "conceptscheme";

    public static readonly SdmxArtefact Dataflow = new(DataflowResource, SdmxIds.Dataflow);
    public static readonly SdmxArtefact DataStructure = new(DataStructureResource, SdmxIds.DataStructure);
    public static readonly SdmxArtefact Concepts = new(ConceptSchemeResource, SdmxIds.ConceptScheme);

    public static readonly IReadOnlyList<SdmxArtefact> Codelists =
    [
        new(CodelistResource, SdmxStructure.IndicatorCodelist),
        new(CodelistResource, SdmxStructure.AreaCodelist),
        new(CodelistResource, SdmxStructure.UnitCodelist),
        new(CodelistResource, SdmxStructure.KindCodelist),
        new(CodelistResource, SdmxStructure.QualifierCodelist),
        new(CodelistResource, SdmxStructure.UnitMultiplierCodelist),
        new(CodelistResource, SdmxStructure.PeriodEndCodelist),
    ];

    public static IEnumerable<SdmxArtefact> All => new[] { Dataflow, DataStructure, Concepts }.Concat(Codelists);

    /// <summary>What this artefact refers to: the dataflow its DSD; the DSD its concepts and codelists.</summary>
    public IEnumerable<SdmxArtefact> Children => Resource switch
    {
        DataflowResource => [DataStructure],
        DataStructureResource => Codelists.Prepend(Concepts),
        _ => [],
    };

    public IEnumerable<SdmxArtefact> Parents => All.Where(a => a.Children.Contains(this));
}

/// <summary>How much of each artefact a structure message writes.</summary>
/// <param name="Stub">Only identification and name (the stubs of the detail parameter).</param>
/// <param name="Complete">With a stub: its description and annotations too (the complete stubs).</param>
internal readonly record struct SdmxDetail(bool Stub, bool Complete);

/// <summary>An artefact as a message writes it: how much of it, and (for an item scheme queried by item) which items.</summary>
internal sealed record SdmxWritten(SdmxArtefact Artefact, SdmxDetail Detail, IReadOnlySet<string>? Items = null);

/// <summary>
/// An SDMX-ML 2.1 structure message (message:Structure): the dataflow with its annotations (which stated figures
/// it leaves out and why), the DSD, its concept scheme and codelists, in the order the schema sets.
/// </summary>
internal sealed class SdmxStructureWriter(SdmxFlowSummary summary, string baseUrl)
{
    public void Write(XmlWriter w, SdmxHeader header, IReadOnlyList<SdmxWritten> artefacts)
    {
        w.WriteStartDocument();
        w.WriteStartElement("message", "Structure", SdmxXml.Message);
        w.WriteAttributeString("xmlns", "structure", null, SdmxXml.Structure);
        w.WriteAttributeString("xmlns", "common", null, SdmxXml.Common);
        w.WriteStartElement("message", "Header", SdmxXml.Message);
        w.WriteElementString("message", "ID", SdmxXml.Message, header.Id);
        w.WriteElementString("message", "Test", SdmxXml.Message, "false");
        w.WriteElementString("message", "Prepared", SdmxXml.Message, header.PreparedText);
        WriteSender(w);
        w.WriteEndElement();
        w.WriteStartElement("message", "Structures", SdmxXml.Message);
        Group(w, "Dataflows", artefacts, SdmxArtefact.DataflowResource, a => WriteDataflow(w, a.Detail));
        Group(w, "Codelists", artefacts, SdmxArtefact.CodelistResource, a => WriteCodelist(w, a.Artefact.Id, a.Detail, a.Items));
        Group(w, "Concepts", artefacts, SdmxArtefact.ConceptSchemeResource, a => WriteConceptScheme(w, a.Detail, a.Items));
        Group(w, "DataStructures", artefacts, SdmxArtefact.DataStructureResource, a => WriteDataStructure(w, a.Detail));
        w.WriteEndElement();
        w.WriteEndElement();
        w.WriteEndDocument();
    }

    public static void WriteSender(XmlWriter w)
    {
        w.WriteStartElement("message", "Sender", SdmxXml.Message);
        w.WriteAttributeString("id", SdmxIds.Agency);
        Text(w, "Name", "Indicators");
        w.WriteEndElement();
    }

    private static void Group(XmlWriter w, string element, IReadOnlyList<SdmxWritten> artefacts, string resource, Action<SdmxWritten> write)
    {
        var matching = artefacts.Where(a => a.Artefact.Resource == resource).ToList();
        if (matching.Count == 0)
        {
            return;
        }

        w.WriteStartElement("structure", element, SdmxXml.Structure);
        foreach (var artefact in matching)
        {
            write(artefact);
        }

        w.WriteEndElement();
    }

    private void StartMaintainable(XmlWriter w, string element, string resource, string id, SdmxDetail detail, bool partial = false)
    {
        w.WriteStartElement("structure", element, SdmxXml.Structure);
        w.WriteAttributeString("id", id);
        w.WriteAttributeString("urn", Urn(element, id));
        if (detail.Stub)
        {
            w.WriteAttributeString("isExternalReference", "true");
            w.WriteAttributeString("structureURL", $"{baseUrl}/sdmx/2.1/{resource}/{SdmxIds.Agency}/{id}/{SdmxIds.Version}");
        }

        w.WriteAttributeString("agencyID", SdmxIds.Agency);
        w.WriteAttributeString("version", SdmxIds.Version);
        w.WriteAttributeString("isFinal", "false");
        if (partial)
        {
            w.WriteAttributeString("isPartial", "true");
        }
    }

    private static string Urn(string element, string id)
    {
        var package = element switch
        {
            "Codelist" => "codelist",
            "ConceptScheme" => "conceptscheme",
            _ => "datastructure",
        };
        return $"urn:sdmx:org.sdmx.infomodel.{package}.{element}={SdmxIds.Agency}:{id}({SdmxIds.Version})";
    }

    private void WriteDataflow(XmlWriter w, SdmxDetail detail)
    {
        StartMaintainable(w, "Dataflow", SdmxArtefact.DataflowResource, SdmxIds.Dataflow, detail);
        if (!detail.Stub || detail.Complete)
        {
            WriteDataflowAnnotations(w);
        }

        Text(w, "Name", "Curated figures, each cited to the sentence it came from");
        if (!detail.Stub || detail.Complete)
        {
            Text(w, "Description",
                $"Every stated figure of the curated dataset that SDMX can hold ({summary.ObservationCount}), one observation each, with its qualifier, bounds, unit multiplier, kind and verbatim quote. The annotations name the stated figures left out and why; derived figures are not in this dataflow. Data: CC BY 4.0; source texts remain their authors'.");
        }

        if (!detail.Stub)
        {
            w.WriteStartElement("structure", "Structure", SdmxXml.Structure);
            Ref(w, SdmxIds.Agency, SdmxIds.DataStructure, SdmxIds.Version, "DataStructure", "datastructure");
            w.WriteEndElement();
        }

        w.WriteEndElement();
    }

    /// <summary>At most this many left-out figures are named one by one; the count is always given.</summary>
    public const int NamedExclusions = 1000;

    private void WriteDataflowAnnotations(XmlWriter w)
    {
        w.WriteStartElement("common", "Annotations", SdmxXml.Common);
        Annotation(w, "EXCLUDED_FIGURES", $"{summary.Excluded.Count} stated figure(s) left out", null,
            "A stated figure is left out when SDMX cannot hold it without inventing something: no period, an open end in an undated source, a scale that is no power of ten, or a key and period shared with another figure. Each is named in an EXCLUDED_FIGURE annotation below; /v1/observations and the Data Package (/datapackage.json) carry every figure.");
        foreach (var exclusion in summary.Excluded.Take(NamedExclusions))
        {
            Annotation(w, "EXCLUDED_FIGURE", exclusion.FigureId, $"{baseUrl}/v1/observations/{Uri.EscapeDataString(exclusion.FigureId)}",
                $"Left out: {exclusion.Reason}.");
        }

        Annotation(w, "DERIVED_FIGURES", "Derived figures are not in this dataflow", $"{baseUrl}/v1/observations?kind=derived",
            "Figures this service computes from stated ones (kind derived) have no quote of their own; /v1/observations?kind=derived and the Data Package's derived resource carry them with their formula and inputs.");
        Annotation(w, "TIME_PERIOD", "How periods are written", null,
            "A single year is written as the year (2023); a range of years as its first day and a duration in years (2004–2024 is 2004-01-01/P21Y); an open end (since 2012) in a dated source ends on the source's date, with PERIOD_END SOURCE_DATE. startPeriod and endPeriod select periods that overlap them.");
        Annotation(w, "LICENCE", "CC BY 4.0", "https://creativecommons.org/licenses/by/4.0/",
            "The curated dataset (figures, codes, metadata, notes, derived figures) is licensed CC BY 4.0. The quoted source texts remain their authors' and publishers'; the data licence does not cover them.");
        w.WriteEndElement();
    }

    private static void Annotation(XmlWriter w, string type, string title, string? url, string text)
    {
        w.WriteStartElement("common", "Annotation", SdmxXml.Common);
        w.WriteElementString("common", "AnnotationTitle", SdmxXml.Common, SdmxXml.Clean(title));
        w.WriteElementString("common", "AnnotationType", SdmxXml.Common, type);
        if (url is not null)
        {
            w.WriteElementString("common", "AnnotationURL", SdmxXml.Common, url);
        }

        Text(w, "AnnotationText", text);
        w.WriteEndElement();
    }

    private (string Name, IReadOnlyList<SdmxCode> Codes) Codelist(string id) => id switch
    {
        SdmxStructure.IndicatorCodelist => ("Indicators", summary.Indicators),
        SdmxStructure.AreaCodelist => ("Areas: countries, groups, the world, named projects", summary.Areas),
        SdmxStructure.UnitCodelist => ("Units of measure", summary.Units),
        SdmxStructure.KindCodelist => ("Kinds of figure", summary.Kinds),
        SdmxStructure.QualifierCodelist => ("Qualifiers", SdmxStructure.Qualifiers.Select(q => new SdmxCode(q.Code, q.Name)).ToList()),
        SdmxStructure.UnitMultiplierCodelist => ("Unit multipliers (the codes of SDMX:CL_UNIT_MULT: a power of ten)",
            SdmxStructure.UnitMultipliers.Select(m => new SdmxCode(m.Power.ToString(CultureInfo.InvariantCulture), m.Name)).ToList()),
        _ => ("How a period ends", SdmxStructure.PeriodEnds.Select(p => new SdmxCode(p.Code, p.Name)).ToList()),
    };

    private void WriteCodelist(XmlWriter w, string id, SdmxDetail detail, IReadOnlySet<string>? items)
    {
        var (name, codes) = Codelist(id);
        StartMaintainable(w, "Codelist", SdmxArtefact.CodelistResource, id, detail, partial: items is not null && !detail.Stub);
        Text(w, "Name", name);
        if (!detail.Stub)
        {
            foreach (var code in codes.Where(c => items is null || items.Contains(c.Id)))
            {
                w.WriteStartElement("structure", "Code", SdmxXml.Structure);
                w.WriteAttributeString("id", code.Id);
                w.WriteAttributeString("urn", $"urn:sdmx:org.sdmx.infomodel.codelist.Code={SdmxIds.Agency}:{id}({SdmxIds.Version}).{code.Id}");
                Text(w, "Name", code.Name);
                if (code.Description is not null)
                {
                    Text(w, "Description", code.Description);
                }

                w.WriteEndElement();
            }
        }

        w.WriteEndElement();
    }

    private void WriteConceptScheme(XmlWriter w, SdmxDetail detail, IReadOnlySet<string>? items)
    {
        StartMaintainable(w, "ConceptScheme", SdmxArtefact.ConceptSchemeResource, SdmxIds.ConceptScheme, detail, partial: items is not null && !detail.Stub);
        Text(w, "Name", "Concepts of the curated figures");
        if (!detail.Stub)
        {
            foreach (var concept in SdmxStructure.Concepts.Where(c => items is null || items.Contains(c.Id)))
            {
                w.WriteStartElement("structure", "Concept", SdmxXml.Structure);
                w.WriteAttributeString("id", concept.Id);
                w.WriteAttributeString("urn", $"urn:sdmx:org.sdmx.infomodel.conceptscheme.Concept={SdmxIds.Agency}:{SdmxIds.ConceptScheme}({SdmxIds.Version}).{concept.Id}");
                Text(w, "Name", concept.Name);
                Text(w, "Description", concept.Description);
                w.WriteEndElement();
            }
        }

        w.WriteEndElement();
    }

    private void WriteDataStructure(XmlWriter w, SdmxDetail detail)
    {
        StartMaintainable(w, "DataStructure", SdmxArtefact.DataStructureResource, SdmxIds.DataStructure, detail);
        Text(w, "Name", "Curated figures: one observation per stated figure");
        if (!detail.Stub || detail.Complete)
        {
            Text(w, "Description",
                "The key identifies one figure: indicator, reference area, counterpart area, unit and kind, then the time period. Every attribute belongs to the observation: its multiplier, qualifier and bounds, its words, id, source, quote and offsets, and how its period was stated and inferred.");
        }

        if (detail.Stub)
        {
            w.WriteEndElement();
            return;
        }

        w.WriteStartElement("structure", "DataStructureComponents", SdmxXml.Structure);
        w.WriteStartElement("structure", "DimensionList", SdmxXml.Structure);
        w.WriteAttributeString("id", "DimensionDescriptor");
        w.WriteAttributeString("urn", $"urn:sdmx:org.sdmx.infomodel.datastructure.DimensionDescriptor={SdmxIds.Agency}:{SdmxIds.DataStructure}({SdmxIds.Version}).DimensionDescriptor");
        var position = 1;
        foreach (var dimension in SdmxStructure.Dimensions)
        {
            w.WriteStartElement("structure", "Dimension", SdmxXml.Structure);
            Component(w, dimension, "Dimension");
            w.WriteAttributeString("position", (position++).ToString(CultureInfo.InvariantCulture));
            ConceptAndRepresentation(w, dimension);
            w.WriteEndElement();
        }

        w.WriteStartElement("structure", "TimeDimension", SdmxXml.Structure);
        Component(w, SdmxStructure.Time, "TimeDimension");
        w.WriteAttributeString("position", position.ToString(CultureInfo.InvariantCulture));
        ConceptAndRepresentation(w, SdmxStructure.Time);
        w.WriteEndElement();
        w.WriteEndElement();

        w.WriteStartElement("structure", "AttributeList", SdmxXml.Structure);
        w.WriteAttributeString("id", "AttributeDescriptor");
        w.WriteAttributeString("urn", $"urn:sdmx:org.sdmx.infomodel.datastructure.AttributeDescriptor={SdmxIds.Agency}:{SdmxIds.DataStructure}({SdmxIds.Version}).AttributeDescriptor");
        foreach (var attribute in SdmxStructure.Attributes)
        {
            w.WriteStartElement("structure", "Attribute", SdmxXml.Structure);
            Component(w, attribute, "DataAttribute");
            w.WriteAttributeString("assignmentStatus", attribute.Mandatory ? "Mandatory" : "Conditional");
            ConceptAndRepresentation(w, attribute);
            w.WriteStartElement("structure", "AttributeRelationship", SdmxXml.Structure);
            w.WriteStartElement("structure", "PrimaryMeasure", SdmxXml.Structure);
            w.WriteStartElement("Ref");
            w.WriteAttributeString("id", SdmxIds.PrimaryMeasure);
            w.WriteEndElement();
            w.WriteEndElement();
            w.WriteEndElement();
            w.WriteEndElement();
        }

        w.WriteEndElement();

        w.WriteStartElement("structure", "MeasureList", SdmxXml.Structure);
        w.WriteAttributeString("id", "MeasureDescriptor");
        w.WriteAttributeString("urn", $"urn:sdmx:org.sdmx.infomodel.datastructure.MeasureDescriptor={SdmxIds.Agency}:{SdmxIds.DataStructure}({SdmxIds.Version}).MeasureDescriptor");
        w.WriteStartElement("structure", "PrimaryMeasure", SdmxXml.Structure);
        Component(w, SdmxStructure.Measure, "PrimaryMeasure");
        ConceptAndRepresentation(w, SdmxStructure.Measure);
        w.WriteEndElement();
        w.WriteEndElement();
        w.WriteEndElement();
        w.WriteEndElement();
    }

    private static void Component(XmlWriter w, SdmxConcept concept, string urnClass)
    {
        w.WriteAttributeString("id", concept.Id);
        w.WriteAttributeString("urn", $"urn:sdmx:org.sdmx.infomodel.datastructure.{urnClass}={SdmxIds.Agency}:{SdmxIds.DataStructure}({SdmxIds.Version}).{concept.Id}");
    }

    private static void ConceptAndRepresentation(XmlWriter w, SdmxConcept concept)
    {
        w.WriteStartElement("structure", "ConceptIdentity", SdmxXml.Structure);
        w.WriteStartElement("Ref");
        w.WriteAttributeString("agencyID", SdmxIds.Agency);
        w.WriteAttributeString("maintainableParentID", SdmxIds.ConceptScheme);
        w.WriteAttributeString("maintainableParentVersion", SdmxIds.Version);
        w.WriteAttributeString("id", concept.Id);
        w.WriteEndElement();
        w.WriteEndElement();
        w.WriteStartElement("structure", "LocalRepresentation", SdmxXml.Structure);
        if (concept.Codelist is { } codelist)
        {
            w.WriteStartElement("structure", "Enumeration", SdmxXml.Structure);
            Ref(w, SdmxIds.Agency, codelist, SdmxIds.Version, "Codelist", "codelist");
            w.WriteEndElement();
        }
        else
        {
            w.WriteStartElement("structure", "TextFormat", SdmxXml.Structure);
            w.WriteAttributeString("textType", concept.TextType);
            w.WriteEndElement();
        }

        w.WriteEndElement();
    }

    private static void Ref(XmlWriter w, string agency, string id, string version, string @class, string package)
    {
        w.WriteStartElement("Ref");
        w.WriteAttributeString("agencyID", agency);
        w.WriteAttributeString("id", id);
        w.WriteAttributeString("version", version);
        w.WriteAttributeString("class", @class);
        w.WriteAttributeString("package", package);
        w.WriteEndElement();
    }

    private static void Text(XmlWriter w, string element, string text)
    {
        w.WriteStartElement("common", element, SdmxXml.Common);
        w.WriteAttributeString("xml", "lang", null, "en");
        w.WriteString(SdmxXml.Clean(text));
        w.WriteEndElement();
    }
}

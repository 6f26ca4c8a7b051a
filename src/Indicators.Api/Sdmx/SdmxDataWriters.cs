using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Xml;
using CsvHelper;
using CsvHelper.Configuration;

namespace Indicators.Api.Sdmx;

/// <summary>What a message header says: its id, when the data was prepared (the release's build) and the query's shape.</summary>
internal sealed record SdmxHeader(string Id, DateTimeOffset Prepared)
{
    /// <summary>An id from the release and the request: the same query of the same release is the same message, byte for byte.</summary>
    public static SdmxHeader For(string release, HttpRequest request, DateTimeOffset builtAt, string representation)
    {
        var digest = SHA256.HashData(Encoding.UTF8.GetBytes($"{release}\n{request.Path}\n{request.QueryString}\n{representation}"));
        return new SdmxHeader("IND" + Convert.ToHexString(digest)[..16], builtAt);
    }

    public string PreparedText => Prepared.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}

/// <summary>
/// XML written synchronously into a small buffer that is copied to the response asynchronously between series,
/// so a large message streams (Kestrel forbids synchronous writes to the response) in bounded memory.
/// </summary>
internal sealed class BufferedXml : IAsyncDisposable
{
    private const int FlushAt = 64 * 1024;
    private readonly MemoryStream _buffer = new();
    private readonly Stream _body;

    public BufferedXml(Stream body)
    {
        _body = body;
        Writer = XmlWriter.Create(_buffer, new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true, CheckCharacters = true });
    }

    public XmlWriter Writer { get; }

    public async Task FlushAsync(CancellationToken cancellationToken, bool force = false)
    {
        Writer.Flush();
        if (force || _buffer.Length >= FlushAt)
        {
            _buffer.Position = 0;
            await _buffer.CopyToAsync(_body, cancellationToken);
            _buffer.SetLength(0);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Writer.Dispose();
        await _buffer.DisposeAsync();
    }
}

/// <summary>Writes a data set as SDMX-ML 2.1 Generic data, StructureSpecific data or SDMX-CSV 1.0.</summary>
internal sealed class SdmxDataResult(SdmxFormat format, SdmxDataSet data, string detail, SdmxHeader header) : IResult
{
    private bool WithObservations => detail is "full" or "dataonly";

    private bool WithAttributes => detail == "full";

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.ContentType = SdmxFormats.MediaType(format);
        var cancellationToken = httpContext.RequestAborted;
        if (format == SdmxFormat.Csv)
        {
            response.Headers.ContentDisposition = "inline; filename=\"FIGURES.csv\"";
            await WriteCsvAsync(response.Body, cancellationToken);
            return;
        }

        await using var xml = new BufferedXml(response.Body);
        if (format == SdmxFormat.GenericData)
        {
            await WriteGenericAsync(xml, cancellationToken);
        }
        else
        {
            await WriteStructureSpecificAsync(xml, cancellationToken);
        }

        await xml.FlushAsync(cancellationToken, force: true);
    }

    private void WriteHeader(XmlWriter w, bool structureSpecific)
    {
        w.WriteStartElement("message", "Header", SdmxXml.Message);
        w.WriteElementString("message", "ID", SdmxXml.Message, header.Id);
        w.WriteElementString("message", "Test", SdmxXml.Message, "false");
        w.WriteElementString("message", "Prepared", SdmxXml.Message, header.PreparedText);
        SdmxStructureWriter.WriteSender(w);
        w.WriteStartElement("message", "Structure", SdmxXml.Message);
        w.WriteAttributeString("structureID", SdmxIds.StructureId);
        if (structureSpecific)
        {
            w.WriteAttributeString("namespace", Namespace);
        }

        w.WriteAttributeString("dimensionAtObservation", data.ObservationDimension);
        w.WriteStartElement("common", "Structure", SdmxXml.Common);
        w.WriteStartElement("Ref");
        w.WriteAttributeString("agencyID", SdmxIds.Agency);
        w.WriteAttributeString("id", SdmxIds.DataStructure);
        w.WriteAttributeString("version", SdmxIds.Version);
        w.WriteEndElement();
        w.WriteEndElement();
        w.WriteEndElement();
        w.WriteElementString("message", "DataSetID", SdmxXml.Message, SdmxIds.Dataflow);
        w.WriteEndElement();
    }

    private string Namespace => $"{SdmxIds.DataStructureUrn}:ObsLevelDim:{data.ObservationDimension}";

    private async Task WriteGenericAsync(BufferedXml xml, CancellationToken cancellationToken)
    {
        var w = xml.Writer;
        w.WriteStartDocument();
        w.WriteStartElement("message", "GenericData", SdmxXml.Message);
        w.WriteAttributeString("xmlns", "common", null, SdmxXml.Common);
        w.WriteAttributeString("xmlns", "generic", null, SdmxXml.Generic);
        WriteHeader(w, structureSpecific: false);
        w.WriteStartElement("message", "DataSet", SdmxXml.Message);
        w.WriteAttributeString("structureRef", SdmxIds.StructureId);
        foreach (var series in data.Series)
        {
            if (data.Flat)
            {
                foreach (var figure in series.Observations)
                {
                    WriteGenericObservation(w, figure, flat: true);
                }
            }
            else
            {
                w.WriteStartElement("generic", "Series", SdmxXml.Generic);
                w.WriteStartElement("generic", "SeriesKey", SdmxXml.Generic);
                foreach (var (id, code) in series.Key)
                {
                    GenericValue(w, id, code);
                }

                w.WriteEndElement();
                if (WithObservations)
                {
                    foreach (var figure in series.Observations)
                    {
                        WriteGenericObservation(w, figure, flat: false);
                    }
                }

                w.WriteEndElement();
            }

            await xml.FlushAsync(cancellationToken);
        }

        w.WriteEndElement();
        w.WriteEndElement();
        w.WriteEndDocument();
    }

    private void WriteGenericObservation(XmlWriter w, SdmxFigure figure, bool flat)
    {
        w.WriteStartElement("generic", "Obs", SdmxXml.Generic);
        if (flat)
        {
            w.WriteStartElement("generic", "ObsKey", SdmxXml.Generic);
            foreach (var dimension in SdmxStructure.Dimensions)
            {
                GenericValue(w, dimension.Id, figure.Dimension(dimension.Id));
            }

            GenericValue(w, SdmxIds.TimeDimension, figure.Period.Text);
            w.WriteEndElement();
        }
        else
        {
            w.WriteStartElement("generic", "ObsDimension", SdmxXml.Generic);
            w.WriteAttributeString("value", figure.Dimension(data.ObservationDimension));
            w.WriteEndElement();
        }

        if (WithObservations)
        {
            w.WriteStartElement("generic", "ObsValue", SdmxXml.Generic);
            w.WriteAttributeString("value", SdmxFigures.Number(figure.Value));
            w.WriteEndElement();
        }

        if (WithAttributes)
        {
            w.WriteStartElement("generic", "Attributes", SdmxXml.Generic);
            foreach (var (id, value) in figure.Attributes)
            {
                GenericValue(w, id, value);
            }

            w.WriteEndElement();
        }

        w.WriteEndElement();
    }

    private static void GenericValue(XmlWriter w, string id, string value)
    {
        w.WriteStartElement("generic", "Value", SdmxXml.Generic);
        w.WriteAttributeString("id", id);
        w.WriteAttributeString("value", SdmxXml.Clean(value));
        w.WriteEndElement();
    }

    private async Task WriteStructureSpecificAsync(BufferedXml xml, CancellationToken cancellationToken)
    {
        var w = xml.Writer;
        w.WriteStartDocument();
        w.WriteStartElement("message", "StructureSpecificData", SdmxXml.Message);
        w.WriteAttributeString("xmlns", "common", null, SdmxXml.Common);
        w.WriteAttributeString("xmlns", "ss", null, SdmxXml.StructureSpecific);
        w.WriteAttributeString("xmlns", "xsi", null, SdmxXml.Xsi);
        WriteHeader(w, structureSpecific: true);
        w.WriteStartElement("message", "DataSet", SdmxXml.Message);
        // The DSD's own namespace is declared here, after the SDMX ones: readers that take the schema version from
        // the first namespace they meet (rsdmx) must meet an SDMX one first.
        w.WriteAttributeString("xmlns", "dsd", null, Namespace);
        w.WriteAttributeString("ss", "structureRef", SdmxXml.StructureSpecific, SdmxIds.StructureId);
        w.WriteAttributeString("ss", "dataScope", SdmxXml.StructureSpecific, "DataStructure");
        w.WriteAttributeString("xsi", "type", SdmxXml.Xsi, "dsd:DataSetType");
        foreach (var series in data.Series)
        {
            if (!data.Flat)
            {
                w.WriteStartElement("Series");
                foreach (var (id, code) in series.Key)
                {
                    w.WriteAttributeString(id, code);
                }
            }

            if (WithObservations || data.Flat)
            {
                foreach (var figure in series.Observations)
                {
                    w.WriteStartElement("Obs");
                    if (data.Flat)
                    {
                        foreach (var dimension in SdmxStructure.Dimensions)
                        {
                            w.WriteAttributeString(dimension.Id, figure.Dimension(dimension.Id));
                        }

                        w.WriteAttributeString(SdmxIds.TimeDimension, figure.Period.Text);
                    }
                    else
                    {
                        w.WriteAttributeString(data.ObservationDimension, figure.Dimension(data.ObservationDimension));
                    }

                    if (WithObservations)
                    {
                        w.WriteAttributeString(SdmxIds.PrimaryMeasure, SdmxFigures.Number(figure.Value));
                    }

                    if (WithAttributes)
                    {
                        foreach (var (id, value) in figure.Attributes)
                        {
                            w.WriteAttributeString(id, SdmxXml.Clean(value));
                        }
                    }

                    w.WriteEndElement();
                }
            }

            if (!data.Flat)
            {
                w.WriteEndElement();
            }

            await xml.FlushAsync(cancellationToken);
        }

        w.WriteEndElement();
        w.WriteEndElement();
        w.WriteEndDocument();
    }

    /// <summary>
    /// SDMX-CSV 1.0: DATAFLOW, every dimension (TIME_PERIOD included), OBS_VALUE, then every attribute of the DSD
    /// whether used or not, one row per observation (per series for serieskeysonly and nodata).
    /// </summary>
    private async Task WriteCsvAsync(Stream body, CancellationToken cancellationToken)
    {
        await using var writer = new StreamWriter(body, new UTF8Encoding(false), leaveOpen: true);
        await using (var csv = new CsvWriter(writer, new CsvConfiguration(CultureInfo.InvariantCulture) { NewLine = "\r\n" }, leaveOpen: true))
        {
            var dimensions = SdmxStructure.Dimensions.Select(d => d.Id).Append(SdmxIds.TimeDimension).ToList();
            var attributes = WithAttributes ? SdmxStructure.Attributes.Select(a => a.Id).ToList() : [];
            csv.WriteField("DATAFLOW");
            foreach (var name in dimensions.Concat(WithObservations ? [SdmxIds.PrimaryMeasure] : []).Concat(attributes))
            {
                csv.WriteField(name);
            }

            await csv.NextRecordAsync();
            foreach (var series in data.Series)
            {
                if (!WithObservations && !data.Flat)
                {
                    csv.WriteField(SdmxIds.DataflowReference);
                    var key = series.Key.ToDictionary(k => k.Key, k => k.Value);
                    foreach (var dimension in dimensions)
                    {
                        csv.WriteField(key.GetValueOrDefault(dimension, ""));
                    }

                    await csv.NextRecordAsync();
                    continue;
                }

                foreach (var figure in series.Observations)
                {
                    csv.WriteField(SdmxIds.DataflowReference);
                    foreach (var dimension in dimensions)
                    {
                        csv.WriteField(figure.Dimension(dimension));
                    }

                    if (WithObservations)
                    {
                        csv.WriteField(SdmxFigures.Number(figure.Value));
                    }

                    if (WithAttributes)
                    {
                        var values = figure.Attributes.ToDictionary(a => a.Key, a => a.Value);
                        foreach (var attribute in attributes)
                        {
                            csv.WriteField(values.GetValueOrDefault(attribute, ""));
                        }
                    }

                    await csv.NextRecordAsync();
                }
            }
        }

        await writer.FlushAsync(cancellationToken);
    }
}

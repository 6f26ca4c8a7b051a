using System.Text;
using System.Xml;

namespace Indicators.Api.Sdmx;

/// <summary>
/// An SDMX-ML 2.1 error message (message:Error), with the HTTP status SDMX REST maps its code to: 100 no results
/// (404), 140 syntax error (400), 406 when no representation the client accepts is served, 501 not implemented, 510
/// response too large (413).
/// SDMX clients read this body; /v1 answers problem+json instead, on purpose (the README says why).
/// </summary>
internal sealed class SdmxError(int status, int code, string message) : IResult
{
    public const string ContentType = "application/xml; charset=utf-8";

    public int Status { get; } = status;

    public int Code { get; } = code;

    public string Message { get; } = message;

    public static SdmxError NoResults(string message) => new(StatusCodes.Status404NotFound, 100, message);

    public static SdmxError Syntax(string message) => new(StatusCodes.Status400BadRequest, 140, message);

    public static SdmxError NotAcceptable(string message) => new(StatusCodes.Status406NotAcceptable, 406, message);

    public static SdmxError NotImplemented(string message) => new(StatusCodes.Status501NotImplemented, 501, message);

    /// <summary>SDMX's 510, "response size exceeds service limit", which SDMX REST maps to 413.</summary>
    public static SdmxError TooLarge(string message) => new(StatusCodes.Status413PayloadTooLarge, 510, message);

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.StatusCode = Status;
        httpContext.Response.ContentType = ContentType;
        await httpContext.Response.WriteAsync(Write(), httpContext.RequestAborted);
    }

    /// <summary>The message as XML; the text is escaped by the writer, so nothing a client sent is echoed raw.</summary>
    public string Write()
    {
        var text = new StringBuilder();
        using (var xml = XmlWriter.Create(text, new XmlWriterSettings { Indent = true, OmitXmlDeclaration = false }))
        {
            xml.WriteStartElement("message", "Error", SdmxXml.Message);
            xml.WriteAttributeString("xmlns", "common", null, SdmxXml.Common);
            xml.WriteStartElement("message", "ErrorMessage", SdmxXml.Message);
            xml.WriteAttributeString("code", Code.ToString(System.Globalization.CultureInfo.InvariantCulture));
            xml.WriteStartElement("common", "Text", SdmxXml.Common);
            xml.WriteAttributeString("xml", "lang", null, "en");
            xml.WriteString(SdmxXml.Clean(Message));
            xml.WriteEndElement();
            xml.WriteEndElement();
            xml.WriteEndElement();
        }

        // StringBuilder output declares UTF-16; the body is UTF-8.
        return text.ToString().Replace("encoding=\"utf-16\"", "encoding=\"utf-8\"", StringComparison.Ordinal) + "\n";
    }
}

/// <summary>The SDMX-ML 2.1 namespaces.</summary>
internal static class SdmxXml
{
    private const string Base = "http://www.sdmx.org/resources/sdmxml/schemas/v2_1/";
    public const string Message = Base + "message";
    public const string Common = Base + "common";
    public const string Structure = Base + "structure";
    public const string Generic = Base + "data/generic";
    public const string StructureSpecific = Base + "data/structurespecific";
    public const string Xsi = "http://www.w3.org/2001/XMLSchema-instance";

    /// <summary>Text XML 1.0 can carry: characters it forbids (controls, lone surrogates) become U+FFFD rather than an exception.</summary>
    public static string Clean(string text)
    {
        if (text.All(XmlConvert.IsXmlChar))
        {
            return text;
        }

        var clean = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                clean.Append(text[i]).Append(text[++i]);
            }
            else
            {
                clean.Append(XmlConvert.IsXmlChar(text[i]) ? text[i] : '\uFFFD');
            }
        }

        return clean.ToString();
    }
}

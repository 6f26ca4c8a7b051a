using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;
using Microsoft.Net.Http.Headers;

namespace Indicators.Api.Csv;

/// <summary>
/// A list written as RFC 4180 CSV: UTF-8 without a byte-order mark, CRLF line ends, a header row, and
/// quoting only where a field needs it, all done by CsvHelper.
/// </summary>
internal sealed class CsvResult(CsvTable table, string fileName) : IResult
{
    /// <summary>RFC 4180's media type with its optional header parameter, so readers skip sniffing.</summary>
    public const string ContentType = "text/csv; charset=utf-8; header=present";

    /// <summary>How every CSV of the service is written, the Data Package's included, so the bytes are the same wherever served.</summary>
    public static readonly CsvConfiguration Configuration = new(CultureInfo.InvariantCulture)
    {
        NewLine = "\r\n",
    };

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.ContentType = ContentType;
        // inline: a browser shows it, a spreadsheet or Datawrapper fetches it; the name is for "Save as".
        response.Headers.ContentDisposition = new ContentDispositionHeaderValue("inline") { FileName = fileName }.ToString();
        if (table.Next is not null)
        {
            // Only when the client asked for a page: the rest is one Link away, as in the JSON's links.next.
            response.Headers.Append(HeaderNames.Link, $"<{table.Next}>; rel=\"next\"");
        }

        await using var writer = new StreamWriter(response.Body, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), leaveOpen: true);
        await using (var csv = new CsvWriter(writer, Configuration, leaveOpen: true))
        {
            foreach (var name in table.Header)
            {
                csv.WriteField(name);
            }

            await csv.NextRecordAsync();
            foreach (var row in table.Rows)
            {
                foreach (var field in row)
                {
                    csv.WriteField(field);
                }

                await csv.NextRecordAsync();
            }
        }

        await writer.FlushAsync(httpContext.RequestAborted);
    }
}

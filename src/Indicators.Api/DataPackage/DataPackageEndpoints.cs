using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Indicators.Api.Citations;
using Indicators.Api.Csv;
using Indicators.Api.Data;
using Indicators.Api.Http;
using Indicators.Api.Observations;
using Indicators.Api.Sources;
using CsvHelper;

namespace Indicators.Api.DataPackage;

/// <summary>
/// The whole dataset as a Frictionless Data Package (v1 "tabular-data-package", which v1 and v2 readers both take):
/// a descriptor whose resources are the API's own CSVs, and a zip of the descriptor, those CSVs and a README,
/// streamed a page of rows at a time so a million figures never sit in memory.
/// </summary>
internal static class DataPackageEndpoints
{
    public const string Licence = "CC-BY-4.0";
    public const string LicenceUrl = "https://creativecommons.org/licenses/by/4.0/";
    public const string LicenceTitle = "Creative Commons Attribution 4.0 International";

    /// <summary>What the data licence covers and what it does not, said the same way wherever the data is served.</summary>
    public const string LicenceNote =
        "The curated dataset (figures, codes, metadata, notes and derived figures) is licensed CC BY 4.0. The source texts it quotes remain their authors' and publishers'; they are reproduced whole so every quotation can be checked, and the data licence does not cover them.";

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static WebApplication MapDataPackage(this WebApplication app)
    {
        app.MapGet("/datapackage.json", Descriptor)
            .WithName("GetDataPackage").WithSummary("The dataset as a Frictionless Data Package").WithTags("Data Package")
            .WithDescription("""
                A Data Package descriptor (profile tabular-data-package) whose resources are the API's own CSVs: stated
                figures, derived figures, indicators, entities and sources, each with its Table Schema (types, enums,
                primary and foreign keys, missingValues), the licence and the source documents. version is
                1.0.0+{release}. Load it with any Frictionless tool, e.g. the datapackage npm package.
                """)
            .Produces(StatusCodes.Status200OK, typeof(object), "application/json")
            .ProducesProblem(StatusCodes.Status404NotFound);

        app.MapGet("/datapackage.zip", Zip)
            .WithName("GetDataPackageZip").WithSummary("The dataset as a zipped Data Package").WithTags("Data Package")
            .WithDescription("""
                datapackage.json, every CSV under data/ (the same bytes as the API's CSVs) and a README.md with the
                citation and the licences, streamed as a zip.
                """)
            .Produces<byte[]>(StatusCodes.Status200OK, "application/zip")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    internal static async Task<IResult> Descriptor(IndicatorsDatabase database, PublicUrls urls, HttpContext context, CancellationToken cancellationToken)
    {
        var baseUrl = urls.Base(context.Request);
        var release = context.Features.Get<ReleaseStamp>()!;
        var descriptor = await BuildAsync(database, baseUrl, release, inZip: false, cancellationToken);
        return TypedResults.Text(descriptor.ToJsonString(Indented) + "\n", "application/json; charset=utf-8");
    }

    internal static IResult Zip(IndicatorsDatabase database, ObservationCounts counts, PublicUrls urls, HttpContext context) =>
        new DataPackageZip(database, counts, urls.Base(context.Request), DatasetRelease.Of(context.Request));

    /// <summary>The descriptor: resources at the API's URLs, or (in the zip) at their files.</summary>
    internal static async Task<JsonObject> BuildAsync(IndicatorsDatabase database, string baseUrl, ReleaseStamp release, bool inZip, CancellationToken cancellationToken)
    {
        var sources = new JsonArray();
        await using (var connection = await database.OpenAsync(cancellationToken))
        {
            var (rows, _) = await SourceQueries.ListAsync(connection, release, new PagePosition(1, PagePosition.MaxPageSize, null), null, cancellationToken);
            foreach (var source in rows)
            {
                var entry = new JsonObject
                {
                    ["title"] = source.Title,
                    ["path"] = $"{baseUrl}/v1/sources/{Uri.EscapeDataString(source.Id)}/text",
                    ["description"] = "The source text, quoted by the figures. It remains its author's and publisher's; this package's licence does not cover it.",
                };
                if (source.Author is not null)
                {
                    entry["author"] = source.Author;
                }

                if (source.PublishedOn is not null)
                {
                    entry["publishedOn"] = source.PublishedOn;
                }

                sources.Add(entry);
            }
        }

        var resources = new JsonArray();
        foreach (var table in PackageTables.All)
        {
            resources.Add(new JsonObject
            {
                ["name"] = table.Name,
                ["title"] = table.Title,
                ["description"] = table.Description,
                ["path"] = inZip ? table.FilePath : baseUrl + table.ApiPath,
                ["profile"] = "tabular-data-resource",
                ["format"] = "csv",
                ["mediatype"] = "text/csv",
                ["encoding"] = "utf-8",
                ["dialect"] = new JsonObject { ["delimiter"] = ",", ["lineTerminator"] = "\r\n", ["quoteChar"] = "\"", ["doubleQuote"] = true, ["header"] = true },
                ["schema"] = TableSchemas.Schema(table),
            });
        }

        return new JsonObject
        {
            ["profile"] = "tabular-data-package",
            ["name"] = "indicators-curated-figures",
            ["id"] = $"{baseUrl}/datapackage.json",
            ["title"] = CitationEndpoints.DatasetTitle,
            ["description"] = "Bilateral economic figures (China–Pakistan and the Global South), each with its qualifier (\"exceeded\", \"nearly\", \"within\" are facts), bounds, period, kind and the verbatim quote it came from. " + LicenceNote,
            ["version"] = $"1.0.0+{release.Id}",
            ["created"] = release.BuiltAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            ["homepage"] = $"{baseUrl}/v1/observations",
            ["keywords"] = new JsonArray("China", "Pakistan", "Global South", "CPEC", "economic indicators", "citations"),
            ["licenses"] = new JsonArray(new JsonObject { ["name"] = Licence, ["path"] = LicenceUrl, ["title"] = LicenceTitle }),
            ["sources"] = sources,
            ["resources"] = resources,
        };
    }

    /// <summary>The zip's README: what is in it, how to cite it, and what the licence covers.</summary>
    internal static string Readme(string baseUrl, ReleaseStamp release) => $"""
        # {CitationEndpoints.DatasetTitle}

        Release `{release.Id}`, built {release.BuiltAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture)}. Data Package version `1.0.0+{release.Id}`.

        | file | what |
        |---|---|
        {string.Join("\n", PackageTables.All.Select(t => $"| `{t.FilePath}` | {t.Title}: the same CSV as {baseUrl}{t.ApiPath} |"))}
        | `datapackage.json` | the descriptor: Table Schemas (types, enums, keys), licence, sources |

        Every figure keeps its qualifier: read `value` with `qualifier`, `lower` and `upper` (a "more than" figure is a
        lower bound, not a point). `start` and `end` count Unicode code points into the source's text at `textUrl`
        (sources.csv), so `text[start:end] == quote`.

        ## How to cite

        {CitationEndpoints.DatasetTitle} (Version {release.Id}). {baseUrl}/v1/observations?release={release.Id}

        APA, Chicago, BibTeX, RIS and CSL-JSON: {baseUrl}/v1/citation?style=bibtex (and the other styles).
        Cite the release id with the figures you use: {baseUrl}/v1/releases/{release.Id}

        ## Licences

        - Data: {LicenceTitle} ({Licence}), {LicenceUrl}. {LicenceNote}
        - The service's code is MIT-licensed (LICENSE in its repository).

        """;
}

/// <summary>
/// The zip, written as it streams: each entry is written a page of rows at a time through .NET's async zip writer,
/// which needs no seekable output (entries carry data descriptors). The entries' times are the release's build
/// time, so one release's zip is the same bytes every time (its ETag is strong).
/// </summary>
internal sealed class DataPackageZip(IndicatorsDatabase database, ObservationCounts counts, string baseUrl, ReleaseStamp release) : IResult
{
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        // The whole dataset takes as long as it takes to stream (a million figures: tens of seconds); the request time
        // limit is for queries, and a slow reader is Kestrel's minimum data rate's to cut off.
        httpContext.Features.Get<Microsoft.AspNetCore.Http.Timeouts.IHttpRequestTimeoutFeature>()?.DisableTimeout();
        var response = httpContext.Response;
        var cancellationToken = httpContext.RequestAborted;
        response.ContentType = "application/zip";
        response.Headers.ContentDisposition = $"attachment; filename=\"indicators-{release.Id}.zip\"";
        var written = release.BuiltAt.Year < 1980 ? new DateTimeOffset(1980, 1, 1, 0, 0, 0, TimeSpan.Zero) : release.BuiltAt;
        var descriptor = await DataPackageEndpoints.BuildAsync(database, baseUrl, release, inZip: true, cancellationToken);

        await using var output = new DrainingStream(response.Body);
        using (var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            WriteText(zip, "datapackage.json", descriptor.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n", written);
            // An entry for the folder itself: some readers (the datapackage npm package) create only the folders a zip lists.
            zip.CreateEntry("data/").LastWriteTime = written;
            await output.DrainAsync(cancellationToken);
            foreach (var table in PackageTables.All)
            {
                var entry = zip.CreateEntry(table.FilePath, CompressionLevel.Optimal);
                entry.LastWriteTime = written;
                using (var stream = entry.Open())
                {
                    await WriteCsvAsync(stream, output, table, new PackageReader(database, counts, baseUrl, release, cancellationToken), cancellationToken);
                }

                await output.DrainAsync(cancellationToken);
            }

            WriteText(zip, "README.md", DataPackageEndpoints.Readme(baseUrl, release), written);
        }

        // Disposing the archive wrote its central directory into the buffer.
        await output.DrainAsync(cancellationToken);
    }

    private static void WriteText(ZipArchive zip, string name, string text, DateTimeOffset written)
    {
        var entry = zip.CreateEntry(name, CompressionLevel.Optimal);
        entry.LastWriteTime = written;
        using var stream = entry.Open();
        stream.Write(new UTF8Encoding(false).GetBytes(text));
    }

    /// <summary>A table as the API's CSV writes it: same configuration, same columns, same cells.</summary>
    private static async Task WriteCsvAsync(Stream stream, DrainingStream output, PackageTable table, PackageReader reader, CancellationToken cancellationToken)
    {
        // Synchronous writes into the entry (they land in the draining buffer), drained every page of rows.
        using var writer = new StreamWriter(stream, new UTF8Encoding(false), leaveOpen: true);
        using (var csv = new CsvWriter(writer, CsvResult.Configuration, leaveOpen: true))
        {
            foreach (var name in table.Columns)
            {
                csv.WriteField(name);
            }

            csv.NextRecord();
            var rows = 0;
            await foreach (var row in table.Rows(reader).WithCancellation(cancellationToken))
            {
                foreach (var field in row)
                {
                    csv.WriteField(field);
                }

                csv.NextRecord();
                if (++rows % ObservationStream.PageSize == 0)
                {
                    csv.Flush();
                    writer.Flush();
                    stream.Flush();
                    await output.DrainAsync(cancellationToken);
                }
            }
        }

        writer.Flush();
    }
}

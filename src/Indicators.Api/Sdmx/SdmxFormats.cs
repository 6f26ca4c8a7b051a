using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace Indicators.Api.Sdmx;

/// <summary>A representation the SDMX routes answer in.</summary>
internal enum SdmxFormat
{
    GenericData,
    StructureSpecificData,
    Csv,
    Structure,
}

/// <summary>
/// Content negotiation as SDMX REST 1.5 (SDMX 2.1) defines it: the SDMX media types by Accept, Generic data for a
/// plain application/xml (what rsdmx sends) or no preference, and, for browsers that cannot set Accept, the
/// format parameter (genericdata, structurespecificdata, csvdata; structure). An SDMX format this service does not
/// write (SDMX-JSON, the time-series variants, another version) is a 406, not a silent substitute.
/// </summary>
internal static class SdmxFormats
{
    public const string FormatParameter = "format";
    public const string GenericMediaType = "application/vnd.sdmx.genericdata+xml;version=2.1";
    public const string StructureSpecificMediaType = "application/vnd.sdmx.structurespecificdata+xml;version=2.1";
    public const string CsvMediaType = "application/vnd.sdmx.data+csv;version=1.0.0";
    public const string StructureMediaType = "application/vnd.sdmx.structure+xml;version=2.1";

    public static readonly IReadOnlyList<string> DataFormatValues = ["genericdata", "structurespecificdata", "csvdata"];
    public static readonly IReadOnlyList<string> StructureFormatValues = ["structure"];

    /// <summary>SDMX format names this service knows and does not write: asking for one is a 406.</summary>
    private static readonly string[] NotServed =
        ["jsondata", "jsonstructure", "generictimeseriesdata", "structurespecifictimeseriesdata", "schema", "genericmetadata", "structurespecificmetadata"];

    public static string MediaType(SdmxFormat format) => format switch
    {
        SdmxFormat.GenericData => GenericMediaType,
        SdmxFormat.StructureSpecificData => StructureSpecificMediaType,
        SdmxFormat.Csv => CsvMediaType,
        _ => StructureMediaType,
    };

    public static bool IsDataPath(PathString path) => path.StartsWithSegments("/sdmx/2.1/data", StringComparison.OrdinalIgnoreCase);

    /// <summary>The representation key (see Http/Representation.cs): the format chosen, or "sdmx-none" for a 4xx.</summary>
    public static string RepresentationOf(HttpRequest request) => Choose(request).Format switch
    {
        SdmxFormat.GenericData => "sdmx-genericdata",
        SdmxFormat.StructureSpecificData => "sdmx-structurespecificdata",
        SdmxFormat.Csv => "sdmx-csv",
        SdmxFormat.Structure => "sdmx-structure",
        _ => "sdmx-none",
    };

    /// <summary>The format for this request, or the SDMX error that says why there is none.</summary>
    public static (SdmxFormat? Format, SdmxError? Error) Choose(HttpRequest request)
    {
        var data = IsDataPath(request.Path);
        var query = request.Query;
        if (query.TryGetValue(FormatParameter, out var format))
        {
            return FromParameter(format, query.TryGetValue("formatVersion", out var version) ? version : StringValues.Empty, data);
        }

        return FromAccept(request.Headers.Accept, data);
    }

    private static (SdmxFormat?, SdmxError?) FromParameter(StringValues values, StringValues versions, bool data)
    {
        if (values.Count > 1 || versions.Count > 1)
        {
            return (null, SdmxError.Syntax("'format' and 'formatVersion' may each be given once."));
        }

        var value = values[0] ?? "";
        SdmxFormat? chosen = value.ToLowerInvariant() switch
        {
            "genericdata" when data => SdmxFormat.GenericData,
            "structurespecificdata" when data => SdmxFormat.StructureSpecificData,
            "csvdata" when data => SdmxFormat.Csv,
            "structure" when !data => SdmxFormat.Structure,
            _ => null,
        };
        var allowed = data ? DataFormatValues : StructureFormatValues;
        if (chosen is null)
        {
            var known = NotServed.Concat(DataFormatValues).Concat(StructureFormatValues).Contains(value.ToLowerInvariant());
            return known
                ? (null, SdmxError.NotAcceptable($"This resource is not served as '{SdmxText.Quote(value)}'; 'format' may be {string.Join(", ", allowed)}."))
                : (null, SdmxError.Syntax($"'format' must be one of {string.Join(", ", allowed)}; got '{SdmxText.Quote(value)}'."));
        }

        if (versions.Count == 1 && versions[0] != VersionOf(chosen.Value))
        {
            return (null, SdmxError.NotAcceptable($"'{value}' is served in version {VersionOf(chosen.Value)} only; got formatVersion '{SdmxText.Quote(versions[0] ?? "")}'."));
        }

        return (chosen, null);
    }

    private static string VersionOf(SdmxFormat format) => format == SdmxFormat.Csv ? "1.0.0" : "2.1";

    private static (SdmxFormat?, SdmxError?) FromAccept(StringValues accept, bool data)
    {
        var fallback = data ? SdmxFormat.GenericData : SdmxFormat.Structure;
        if (accept.Count == 0 || accept.All(string.IsNullOrWhiteSpace))
        {
            return (fallback, null);
        }

        if (!MediaTypeHeaderValue.TryParseList(accept, out var ranges) || ranges.Count == 0)
        {
            return (null, SdmxError.NotAcceptable(NotAcceptableText(data)));
        }

        // For each format: the quality of the most specific range that matches it (RFC 9110 12.5.1).
        var candidates = data
            ? new[] { SdmxFormat.GenericData, SdmxFormat.StructureSpecificData, SdmxFormat.Csv }
            : new[] { SdmxFormat.Structure };
        SdmxFormat? best = null;
        (double Quality, int Specificity) bestScore = (0, 0);
        foreach (var candidate in candidates)
        {
            (double Quality, int Specificity) score = (0, 0);
            foreach (var range in ranges)
            {
                var specificity = Specificity(range, candidate);
                if (specificity > score.Specificity)
                {
                    score = (range.Quality ?? 1.0, specificity);
                }
            }

            if (score.Quality > bestScore.Quality || (score.Quality == bestScore.Quality && score.Specificity > bestScore.Specificity))
            {
                (best, bestScore) = (candidate, score);
            }
        }

        return best is { } format && bestScore.Quality > 0
            ? (format, null)
            : (null, SdmxError.NotAcceptable(NotAcceptableText(data)));
    }

    private static string NotAcceptableText(bool data) => data
        ? $"No representation the Accept header allows is served here. Data is served as {GenericMediaType} (also for application/xml), {StructureSpecificMediaType} and {CsvMediaType} (also for text/csv), or by format=genericdata|structurespecificdata|csvdata."
        : $"No representation the Accept header allows is served here. Structures are served as {StructureMediaType} (also for application/xml).";

    /// <summary>How specifically a media range names a format: 3 its own SDMX type, 2 an alias, 1 a wildcard, 0 not at all.</summary>
    private static int Specificity(MediaTypeHeaderValue range, SdmxFormat format)
    {
        var type = range.MediaType.Value?.ToLowerInvariant() ?? "";
        var version = range.Parameters.FirstOrDefault(p => p.Name.Equals("version", StringComparison.OrdinalIgnoreCase))?.Value.Value?.Trim('"');
        return (type, format) switch
        {
            ("application/vnd.sdmx.genericdata+xml", SdmxFormat.GenericData)
                or ("application/vnd.sdmx.structurespecificdata+xml", SdmxFormat.StructureSpecificData)
                or ("application/vnd.sdmx.structure+xml", SdmxFormat.Structure) => version is null or "2.1" ? 3 : 0,
            ("application/vnd.sdmx.data+csv", SdmxFormat.Csv) => version is null or "1.0.0" ? 3 : 0,
            ("application/xml" or "text/xml", SdmxFormat.GenericData or SdmxFormat.Structure) => 2,
            ("text/csv", SdmxFormat.Csv) => 2,
            ("application/*", SdmxFormat.GenericData or SdmxFormat.Structure) => 1,
            ("text/*", SdmxFormat.Csv) => 1,
            ("*/*", SdmxFormat.GenericData or SdmxFormat.Structure) => 1,
            _ => 0,
        };
    }
}

internal static class SdmxText
{
    /// <summary>What a client sent, cut short for an error message (the XML writer escapes it).</summary>
    public static string Quote(string value) => value.Length <= 80 ? value : value[..80] + "…";
}

using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;

namespace Indicators.Api.Import;

/// <summary>Reads one curated CSV file (RFC 4180, UTF-8, header row) into numbered rows.</summary>
internal static class CsvFileReader
{
    private static readonly CsvConfiguration Configuration = new(CultureInfo.InvariantCulture)
    {
        DetectColumnCountChanges = true,
        PrepareHeaderForMatch = args => args.Header.Trim(),
    };

    /// <summary>Reads every row, or returns the first problem that stops the file being read at all.</summary>
    public static (List<Numbered<T>> Rows, ImportError? Error) Read<T>(string path, string displayName)
    {
        var rows = new List<Numbered<T>>();
        if (!File.Exists(path))
        {
            return (rows, new ImportError(displayName, 0, "file not found"));
        }

        try
        {
            using var reader = new StreamReader(path, CodePoints.StrictUtf8, detectEncodingFromByteOrderMarks: true);
            using var csv = new CsvReader(reader, Configuration);
            // An empty cell means "not stated"; a cell of only spaces is a mistake the validators report.
            csv.Context.TypeConverterOptionsCache.GetOptions<string>().NullValues.Add(string.Empty);
            if (!csv.Read())
            {
                return (rows, new ImportError(displayName, 1, "the file is empty: a header row is required"));
            }

            csv.ReadHeader();
            csv.ValidateHeader<T>();
            while (csv.Read())
            {
                rows.Add(new Numbered<T>(csv.Parser.RawRow, csv.GetRecord<T>()));
            }

            return (rows, null);
        }
        catch (HeaderValidationException ex)
        {
            var missing = string.Join(", ", ex.InvalidHeaders.SelectMany(h => h.Names));
            return (rows, new ImportError(displayName, 1, $"missing column(s): {missing}"));
        }
        catch (CsvHelperException ex)
        {
            var line = ex.Context?.Parser?.RawRow ?? 0;
            return (rows, new ImportError(displayName, line, FirstLine(ex.Message)));
        }
        catch (System.Text.DecoderFallbackException)
        {
            return (rows, new ImportError(displayName, 0, "the file is not valid UTF-8"));
        }
    }

    /// <summary>
    /// Lines where a quoted field runs on past a line break. Curated rows are one line each: the archive keeps
    /// versions line by line, and a reviewer reads a diff line by line.
    /// </summary>
    public static IEnumerable<(int Line, string Message)> LineBreaksInFields(string path)
    {
        if (!File.Exists(path))
        {
            yield break;
        }

        var bytes = File.ReadAllBytes(path);
        var quoted = false;
        var line = 1;
        var reported = 0;
        foreach (var b in bytes)
        {
            if (b == (byte)'"')
            {
                quoted = !quoted;
            }
            else if (b == (byte)'\n')
            {
                if (quoted && reported != line)
                {
                    reported = line;
                    yield return (line, "a quoted field holds a line break: every row must be one line (write the text on one line)");
                }

                line++;
            }
        }
    }

    private static string FirstLine(string message) =>
        message.Split('\n', 2)[0].Trim();
}

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

    private static string FirstLine(string message) =>
        message.Split('\n', 2)[0].Trim();
}

using System.Globalization;
using CsvHelper;

namespace Indicators.Api.Tests.Csv;

/// <summary>Reads a CSV body the way a client would: with a real CSV parser, header row first.</summary>
internal static class CsvTables
{
    public static async Task<List<Dictionary<string, string>>> ReadCsvAsync(this HttpResponseMessage response)
    {
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType?.CharSet);
        return Parse(await response.Content.ReadAsStringAsync());
    }

    public static List<Dictionary<string, string>> Parse(string body)
    {
        using var csv = new CsvReader(new StringReader(body), CultureInfo.InvariantCulture);
        csv.Read();
        csv.ReadHeader();
        var header = csv.HeaderRecord!;
        var rows = new List<Dictionary<string, string>>();
        while (csv.Read())
        {
            rows.Add(header.ToDictionary(h => h, h => csv.GetField(h)!));
        }

        return rows;
    }

    public static async Task<string[]> ReadHeaderAsync(this HttpResponseMessage response)
    {
        using var csv = new CsvReader(new StringReader(await response.Content.ReadAsStringAsync()), CultureInfo.InvariantCulture);
        csv.Read();
        csv.ReadHeader();
        return csv.HeaderRecord!;
    }
}

using System.Globalization;
using CsvHelper;

namespace Indicators.Api.Tests.Support;

/// <summary>A CSV file as a header and rows of cells, read and written with CsvHelper.</summary>
internal sealed record CsvTable(string[] Header, List<string[]> Rows)
{
    public static CsvTable Read(string path)
    {
        using var reader = new StreamReader(path);
        using var csv = new CsvParser(reader, CultureInfo.InvariantCulture);
        var records = new List<string[]>();
        while (csv.Read())
        {
            records.Add(csv.Record!);
        }

        return new CsvTable(records[0], records.Skip(1).ToList());
    }

    public void Write(string path)
    {
        using var writer = new StreamWriter(path);
        using var csv = new CsvWriter(writer, CultureInfo.InvariantCulture);
        foreach (var record in Rows.Prepend(Header))
        {
            foreach (var cell in record)
            {
                csv.WriteField(cell);
            }

            csv.NextRecord();
        }
    }
}

using System.Globalization;
using System.Text;
using Indicators.Api.Data;
using Indicators.Api.Import;

namespace Indicators.Api.Tests.Support;

/// <summary>
/// A synthetic dataset, built by the real import, on which one search is genuinely slow: every quote is
/// hundreds of words sharing a few prefixes, so a q= of 16 prefix words makes SQLite's full-text index merge
/// and score millions of positions (about a second per statement on the 2-core CI machine). Built once and
/// shared read-only by the factories of a test class.
/// </summary>
public sealed class SlowSearchDatabase : IDisposable
{
    /// <summary>Sixteen prefix words (the most q= takes), each matching in every quote.</summary>
    public const string SlowQuery = "w1* w2* w3* w4* w5* w6* w7* w8* w9* w* w10* w11* w12* w13* w14* w15*";

    private const int Figures = 5000;
    private const int WordsPerQuote = 400;
    private const int QuotesPerSource = 25;

    private readonly TemporaryDirectory _directory = new();

    public SlowSearchDatabase()
    {
        var data = Path.Combine(_directory.Path, "data");
        Write(data);
        var error = new StringWriter();
        var exit = ImportCommand.Run([data, "--database", DatabasePath], new DatabaseOptions(), TextWriter.Null, error);
        if (exit != 0)
        {
            throw new InvalidOperationException($"the synthetic data did not import: {error}");
        }
    }

    public string DatabasePath => Path.Combine(_directory.Path, "indicators.db");

    /// <summary>The settings that point a service at this database, read as it is.</summary>
    public IReadOnlyDictionary<string, string?> Settings(IReadOnlyDictionary<string, string?> more)
    {
        var settings = new Dictionary<string, string?>(more)
        {
            ["ConnectionStrings:Indicators"] = $"Data Source={DatabasePath}",
            ["Database:BuildOnStartup"] = "false",
        };
        return settings;
    }

    public void Dispose() => _directory.Dispose();

    private static void Write(string data)
    {
        Directory.CreateDirectory(Path.Combine(data, "sources"));
        File.WriteAllText(Path.Combine(data, "units.csv"), "id,code,scale,label\ncount,count,1,items\n");
        File.WriteAllText(Path.Combine(data, "indicators.csv"),
            "code,name,unit,topic,description\nsynthetic,Synthetic indicator,count,synthetic,A synthetic indicator for slow searches.\n");
        File.WriteAllText(Path.Combine(data, "entities.csv"),
            "code,name,type,description\nsynthetic-country,Synthetic country,country,A synthetic country.\n");

        var sources = new StringBuilder("id,file,title,standfirst,author,published_on,publisher,url,licence\n");
        var observations = new StringBuilder(
            "id,source,indicator,entity,counterpart,period_label,start_year,end_year,period_inferred,value,unit,qualifier,qualifier_text,kind,quote,note\n");
        var text = new StringBuilder();
        var words = new StringBuilder();
        for (var s = 0; s * QuotesPerSource < Figures; s++)
        {
            var source = $"synthetic-{s:D4}";
            var title = $"Synthetic source {s}";
            sources.Append(CultureInfo.InvariantCulture, $"{source},sources/{source}.txt,{title},,,,,,\n");
            text.Clear().Append(title).Append("\n\n");
            for (var n = s * QuotesPerSource; n < Math.Min(Figures, (s + 1) * QuotesPerSource); n++)
            {
                words.Clear();
                for (var k = 0; k < WordsPerQuote; k++)
                {
                    words.Append(CultureInfo.InvariantCulture, $" w{((n * 7) + k) % 997}x{k}");
                }

                // "(figure n)." makes every quote unique in its source and no quote a part of another.
                var quote = $"In 2024 the series reported{words} at {n} (figure {n}).";
                text.Append(quote).Append('\n');
                observations.Append(CultureInfo.InvariantCulture,
                    $"figure-{n},{source},synthetic,synthetic-country,,2024,2024,2024,false,{n},count,exact,,actual,\"{quote}\",\n");
            }

            File.WriteAllText(Path.Combine(data, "sources", $"{source}.txt"), text.ToString());
        }

        File.WriteAllText(Path.Combine(data, "sources.csv"), sources.ToString());
        File.WriteAllText(Path.Combine(data, "observations.csv"), observations.ToString());
    }
}

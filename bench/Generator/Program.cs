using System.Globalization;
using System.Text;

// usage: Generator <observations> <output-data-folder> [--releases N [--changes FRACTION] [--newest-only <folder>]]
// Writes a data/ folder with the service's schema: units, indicators, entities, sources (one synthetic text
// per source, every quote in it unique) and observations, spread over indicators, entities and years the way
// curated statistics are: a few indicators and entities hold most figures (Zipf), years cluster in recent
// decades, most periods are one year. Deterministic: the same arguments give the same files.
// With --releases N, the folder also holds an archive of N published releases (data/releases/, the service's
// format), each changing a fraction of the figures of the one before (--changes, default 0.01: 70% of them
// revised, 15% withdrawn, 15% added from quotes the texts hold but release 1 did not extract), each change with
// its reason in corrections.csv; the data folder is the last release. --newest-only writes that last release
// alone as a one-release archive, the baseline a database of every release is compared with.
const string Usage = "usage: Generator <observations> <output-data-folder> [--releases N [--changes FRACTION] [--newest-only <folder>]]";
if (args.Length < 2 || !int.TryParse(args[0], NumberStyles.None, CultureInfo.InvariantCulture, out var count) || count < 1)
{
    Console.Error.WriteLine(Usage);
    return 2;
}

var releaseCount = 1;
var changeFraction = 0.01;
string? newestOnly = null;
for (var i = 2; i < args.Length; i += 2)
{
    var ok = i + 1 < args.Length && args[i] switch
    {
        "--releases" => int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out releaseCount) && releaseCount >= 1,
        "--changes" => double.TryParse(args[i + 1], NumberStyles.Float, CultureInfo.InvariantCulture, out changeFraction) && changeFraction is > 0 and < 0.5,
        "--newest-only" => (newestOnly = args[i + 1]) is not null,
        _ => false,
    };
    if (!ok)
    {
        Console.Error.WriteLine(Usage);
        return 2;
    }
}

var changesPerRelease = (int)Math.Round(count * changeFraction);
// Figures later releases add: their quotes are in the texts from the start (a curator extracts a figure missed before).
var reserve = releaseCount > 1 ? (releaseCount - 1) * (changesPerRelease * 15 / 100) : 0;
var output = args[1];
Directory.CreateDirectory(Path.Combine(output, "sources"));
var random = new Random(20_260_101);
var inv = CultureInfo.InvariantCulture;
const int Indicators = 40;
const int Entities = 200;
const int QuotesPerSource = 100;
var total = count + reserve;
var sourceCount = (total + QuotesPerSource - 1) / QuotesPerSource;

string[] units = ["percent", "usd-billion", "people-million", "count"];
Write("units.csv", "id,code,scale,label", [
    "percent,percent,1,percent", "usd-billion,USD,1e9,billion US dollars", "people-million,people,1e6,million people",
    "count,count,1,items"]);

var indicatorUnit = Enumerable.Range(0, Indicators).Select(i => units[i % units.Length]).ToArray();
Write("indicators.csv", "code,name,unit,topic,description",
    Enumerable.Range(0, Indicators).Select(i =>
        $"indicator-{i:D2},Synthetic indicator {i},{indicatorUnit[i]},topic-{i % 7},Synthetic indicator {i} for the scale benchmark."));
Write("entities.csv", "code,name,type,description",
    Enumerable.Range(0, Entities).Select(e => $"entity-{e:D3},Entity {e},{(e < 180 ? "country" : "group")},Synthetic entity {e}."));

var indicatorPick = Zipf(Indicators);
var entityPick = Zipf(Entities);
(string Code, string Word)[] qualifiers = [("more-than", "more than"), ("approximately", "about"), ("nearly", "nearly"), ("at-most", "up to")];
string[] kinds = ["actual", "actual", "actual", "actual", "actual", "actual", "target", "plan", "capacity", "in-progress"];

const string ObservationsHeader = "id,source,indicator,entity,counterpart,period_label,start_year,end_year,period_inferred,value,unit,qualifier,qualifier_text,kind,quote,note";
// Each figure's row without its note (the last column), which later releases revise.
var rows = new string[total];
var sources = new List<string>(sourceCount);
var text = new StringBuilder();
for (var s = 0; s < sourceCount; s++)
{
    var source = $"synthetic-{s:D5}";
    sources.Add($"{source},sources/{source}.txt,Synthetic source {s},,,{2000 + s % 25}-06-01,,,");
    text.Clear().Append("Synthetic source ").Append(s).Append(" for the scale benchmark.\n\n");
    for (var q = 0; q < QuotesPerSource && s * QuotesPerSource + q < total; q++)
    {
        var n = s * QuotesPerSource + q;
        var indicator = indicatorPick();
        var entity = entityPick();
        var counterpart = random.Next(10) == 0 ? (entity + 1 + random.Next(Entities - 1)) % Entities : -1;
        // Years cluster in recent decades; one period in eight spans several years; one in fifty has no year.
        var start = 2024 - (int)Math.Floor(Math.Pow(random.NextDouble(), 2) * 65);
        var end = random.Next(8) == 0 ? Math.Min(2030, start + 1 + random.Next(10)) : start;
        var noYear = random.Next(50) == 0;
        var value = Math.Round(random.NextDouble() * Math.Pow(10, random.Next(4)), 2).ToString("0.##", inv);
        var qualifier = random.Next(5) == 0 ? qualifiers[random.Next(qualifiers.Length)] : ("exact", "");
        var kind = kinds[random.Next(kinds.Length)];
        var period = noYear ? "recently" : start == end ? start.ToString(inv) : $"{start}–{end}";
        // The row number makes every quote unique in its source, and no quote a part of another.
        var quote = $"In {period}, Entity {entity} reported synthetic indicator {indicator} at "
                    + $"{(qualifier.Item2.Length > 0 ? qualifier.Item2 + " " : "")}{value} (figure {n}).";
        text.Append(quote).Append(q % 5 == 4 ? "\n\n" : " ");
        rows[n] = string.Create(inv,
            $"obs-{n:D7},{source},indicator-{indicator:D2},entity-{entity:D3},{(counterpart < 0 ? "" : $"entity-{counterpart:D3}")},")
            + string.Create(inv,
            $"{period},{(noYear ? "" : start)},{(noYear ? "" : end)},false,{value},{indicatorUnit[indicator]},{qualifier.Item1},{qualifier.Item2},{kind},\"{quote}\",");
    }

    File.WriteAllText(Path.Combine(output, "sources", $"{source}.txt"), text.ToString());
}

Write("sources.csv", "id,file,title,standfirst,author,published_on,publisher,url,licence", sources);
if (releaseCount == 1)
{
    Write("observations.csv", ObservationsHeader, rows.Take(count));
    Console.WriteLine($"wrote {count} observations in {sourceCount} sources to {output}");
    return 0;
}

var history = Releases.Simulate(rows, count, releaseCount, changesPerRelease, random);
Releases.WriteArchive(output, ObservationsHeader, rows, history, releaseCount);
if (newestOnly is not null)
{
    Releases.WriteNewestOnly(output, newestOnly, ObservationsHeader, history, releaseCount);
}

Console.WriteLine($"wrote {count} observations in {sourceCount} sources, {releaseCount} releases changing {changesPerRelease} figures each, to {output}");
return 0;

Func<int> Zipf(int n)
{
    var cumulative = new double[n];
    var total = 0.0;
    for (var i = 0; i < n; i++)
    {
        cumulative[i] = total += 1.0 / (i + 1);
    }

    return () =>
    {
        var at = Array.BinarySearch(cumulative, random.NextDouble() * total);
        return Math.Min(n - 1, at < 0 ? ~at : at);
    };
}

StreamWriter Writer(string file) => new(Path.Combine(output, file), false, new UTF8Encoding(false)) { NewLine = "\n" };

void Write(string file, string header, IEnumerable<string> rows)
{
    using var writer = Writer(file);
    writer.WriteLine(header);
    foreach (var row in rows)
    {
        writer.WriteLine(row);
    }
}

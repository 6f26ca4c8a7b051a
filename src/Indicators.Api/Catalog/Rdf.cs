using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace Indicators.Api.Catalog;

/// <summary>An RDF term: an IRI, a blank node or a literal.</summary>
internal abstract record RdfTerm;

internal sealed record RdfIri(string Value) : RdfTerm;

internal sealed record RdfBlank(string Id) : RdfTerm;

/// <summary>A literal with a datatype IRI or a language tag (never both).</summary>
internal sealed record RdfLiteral(string Value, string? Datatype = null, string? Language = null) : RdfTerm
{
    public static RdfLiteral English(string value) => new(value, Language: "en");
}

internal sealed record RdfTriple(RdfTerm Subject, RdfIri Predicate, RdfTerm Object);

/// <summary>
/// Turtle and JSON-LD written from one list of triples, so the two serialisations cannot say different things.
/// No RDF library for .NET is on the package mirror; both formats are small enough to write exactly, and a real
/// RDF parser (rdflib) reads both in CI and finds them the same graph.
/// </summary>
internal static class RdfWriter
{
    public static readonly IReadOnlyList<(string Prefix, string Namespace)> Prefixes =
    [
        ("dcat", "http://www.w3.org/ns/dcat#"),
        ("dct", "http://purl.org/dc/terms/"),
        ("foaf", "http://xmlns.com/foaf/0.1/"),
        ("rdf", "http://www.w3.org/1999/02/22-rdf-syntax-ns#"),
        ("rdfs", "http://www.w3.org/2000/01/rdf-schema#"),
        ("xsd", "http://www.w3.org/2001/XMLSchema#"),
    ];

    public const string RdfType = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type";

    public static string Turtle(IReadOnlyList<RdfTriple> triples)
    {
        var text = new StringBuilder();
        foreach (var (prefix, ns) in Prefixes)
        {
            text.Append("@prefix ").Append(prefix).Append(": <").Append(ns).Append("> .\n");
        }

        foreach (var subject in triples.GroupBy(t => t.Subject))
        {
            text.Append('\n').Append(Term(subject.Key));
            var predicates = subject.GroupBy(t => t.Predicate).ToList();
            for (var i = 0; i < predicates.Count; i++)
            {
                var predicate = predicates[i];
                text.Append(i == 0 ? " " : " ;\n    ")
                    .Append(predicate.Key.Value == RdfType ? "a" : Term(predicate.Key))
                    .Append(' ')
                    .Append(string.Join(", ", predicate.Select(t => Term(t.Object))));
            }

            text.Append(" .\n");
        }

        return text.ToString();
    }

    public static string JsonLd(IReadOnlyList<RdfTriple> triples)
    {
        var context = new JsonObject();
        foreach (var (prefix, ns) in Prefixes)
        {
            context[prefix] = ns;
        }

        var graph = new JsonArray();
        foreach (var subject in triples.GroupBy(t => t.Subject))
        {
            var node = new JsonObject { ["@id"] = Id(subject.Key) };
            foreach (var predicate in subject.GroupBy(t => t.Predicate))
            {
                if (predicate.Key.Value == RdfType)
                {
                    node["@type"] = new JsonArray(predicate.Select(t => (JsonNode)Compact(((RdfIri)t.Object).Value)).ToArray());
                    continue;
                }

                node[Compact(predicate.Key.Value)] = new JsonArray(predicate.Select(t => Value(t.Object)).ToArray());
            }

            graph.Add(node);
        }

        return new JsonObject { ["@context"] = context, ["@graph"] = graph }
            .ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }) + "\n";
    }

    private static JsonNode Value(RdfTerm term) => term switch
    {
        RdfLiteral { Language: { } language } literal => new JsonObject { ["@value"] = literal.Value, ["@language"] = language },
        RdfLiteral { Datatype: { } datatype } literal => new JsonObject { ["@value"] = literal.Value, ["@type"] = Compact(datatype) },
        RdfLiteral literal => new JsonObject { ["@value"] = literal.Value },
        _ => new JsonObject { ["@id"] = Id(term) },
    };

    private static string Id(RdfTerm term) => term switch
    {
        RdfIri iri => iri.Value,
        RdfBlank blank => "_:" + blank.Id,
        _ => throw new ArgumentException("A literal has no id.", nameof(term)),
    };

    /// <summary>prefix:local where the local part is a plain name (safe in both Turtle and JSON-LD), else the full IRI.</summary>
    private static string Compact(string iri)
    {
        foreach (var (prefix, ns) in Prefixes)
        {
            if (iri.StartsWith(ns, StringComparison.Ordinal) && iri.Length > ns.Length
                && iri[ns.Length..].All(char.IsAsciiLetterOrDigit) && char.IsAsciiLetter(iri[ns.Length]))
            {
                return $"{prefix}:{iri[ns.Length..]}";
            }
        }

        return iri;
    }

    private static string Term(RdfTerm term) => term switch
    {
        RdfIri iri => Compact(iri.Value) is var compact && compact != iri.Value ? compact : $"<{EscapeIri(iri.Value)}>",
        RdfBlank blank => "_:" + blank.Id,
        RdfLiteral literal => Quoted(literal.Value)
            + (literal.Language is { } language ? "@" + language : literal.Datatype is { } datatype ? "^^" + Term(new RdfIri(datatype)) : ""),
        _ => throw new ArgumentException("Unknown term.", nameof(term)),
    };

    private static string Quoted(string value)
    {
        var text = new StringBuilder("\"");
        foreach (var c in value)
        {
            _ = c switch
            {
                '"' => text.Append("\\\""),
                '\\' => text.Append("\\\\"),
                '\n' => text.Append("\\n"),
                '\r' => text.Append("\\r"),
                '\t' => text.Append("\\t"),
                < ' ' => text.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture)),
                _ => text.Append(c),
            };
        }

        return text.Append('"').ToString();
    }

    /// <summary>Turtle's IRIREF forbids spaces, controls and &lt;&gt;"{}|^`\ : those become \u escapes.</summary>
    private static string EscapeIri(string iri)
    {
        var text = new StringBuilder();
        foreach (var c in iri)
        {
            if (c <= ' ' || "<>\"{}|^`\\".Contains(c))
            {
                text.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
            }
            else
            {
                text.Append(c);
            }
        }

        return text.ToString();
    }
}

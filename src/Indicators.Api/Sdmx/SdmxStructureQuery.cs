using Microsoft.AspNetCore.Mvc;

namespace Indicators.Api.Sdmx;

/// <summary>The query parameters of an SDMX structure query (SDMX REST 1.5) that this service honours.</summary>
internal sealed record SdmxStructureRequest
{
    /// <summary>none (the default), parents, parentsandsiblings, children, descendants, all, or an artefact type (datastructure, dataflow, codelist, conceptscheme): which related artefacts to add.</summary>
    /// <example>children</example>
    [FromQuery(Name = "references")] public string? References { get; init; }

    /// <summary>full (the default), allstubs, referencestubs, allcompletestubs, referencecompletestubs or referencepartial.</summary>
    /// <example>full</example>
    [FromQuery(Name = "detail")] public string? Detail { get; init; }

    /// <summary>For a browser, which cannot set Accept: structure (SDMX-ML 2.1 Structure, the only representation served).</summary>
    /// <example>structure</example>
    [FromQuery(Name = "format")] public string? Format { get; init; }
}

/// <summary>Resolves a structure query to the artefacts a message writes, or the SDMX error that says why there are none.</summary>
internal static class SdmxStructureQueries
{
    public static readonly IReadOnlyList<string> References =
        ["none", "parents", "parentsandsiblings", "children", "descendants", "all"];

    public static readonly IReadOnlyList<string> Details =
        ["full", "allstubs", "referencestubs", "allcompletestubs", "referencecompletestubs", "referencepartial"];

    /// <summary>The structure resources this service answers; "structure" is any of them.</summary>
    public static readonly IReadOnlyList<string> Served =
        [SdmxArtefact.DataflowResource, SdmxArtefact.DataStructureResource, SdmxArtefact.CodelistResource, SdmxArtefact.ConceptSchemeResource, "structure"];

    /// <summary>The other resources of SDMX REST 1.5: part of the standard, not implemented here (501).</summary>
    public static readonly IReadOnlySet<string> Standard = new HashSet<string>(StringComparer.Ordinal)
    {
        "metadatastructure", "categoryscheme", "hierarchicalcodelist", "organisationscheme", "agencyscheme", "dataproviderscheme",
        "dataconsumerscheme", "organisationunitscheme", "metadataflow", "reportingtaxonomy", "provisionagreement", "structureset",
        "process", "categorisation", "contentconstraint", "actualconstraint", "allowedconstraint", "attachmentconstraint",
        "transformationscheme", "rulesetscheme", "userdefinedoperatorscheme", "customtypescheme", "namepersonalisationscheme",
        "vtlmappingscheme", "schema", "availableconstraint", "metadata",
    };

    private static readonly string[] ItemSchemes = [SdmxArtefact.CodelistResource, SdmxArtefact.ConceptSchemeResource];

    public static (IReadOnlyList<SdmxWritten>? Artefacts, SdmxError? Error) Resolve(
        string resource, string? agencyId, string? resourceId, string? version, string? itemId, SdmxStructureRequest request, IQueryCollection query)
    {
        foreach (var name in new[] { "references", "detail" })
        {
            if (query.TryGetValue(name, out var values) && values.Count > 1)
            {
                return (null, SdmxError.Syntax($"'{name}' was given {values.Count} times; give it once."));
            }
        }

        if (Standard.Contains(resource))
        {
            return (null, SdmxError.NotImplemented(
                $"'{resource}' is an SDMX REST resource this service does not implement; it answers {string.Join(", ", Served)} and data."));
        }

        if (!Served.Contains(resource))
        {
            return (null, SdmxError.NoResults($"'{SdmxText.Quote(resource)}' is not an SDMX REST resource. This service answers {string.Join(", ", Served)} and data."));
        }

        var references = request.References ?? "none";
        var concrete = Served.Take(4).Contains(references);
        if (!References.Contains(references) && !concrete && !Standard.Contains(references))
        {
            return (null, SdmxError.Syntax($"'references' must be one of {string.Join(", ", References)} or an artefact type; got '{SdmxText.Quote(references)}'."));
        }

        var detail = request.Detail ?? "full";
        if (!Details.Contains(detail))
        {
            return (null, SdmxError.Syntax($"'detail' must be one of {string.Join(", ", Details)}; got '{SdmxText.Quote(detail)}'."));
        }

        if (itemId is not null && resource != "structure" && !ItemSchemes.Contains(resource))
        {
            return (null, SdmxError.Syntax($"An item id is only for item schemes (codelist, conceptscheme), not for '{resource}'."));
        }

        var matched = SdmxArtefact.All
            .Where(a => resource == "structure" || a.Resource == resource)
            .Where(a => Matches(agencyId, SdmxIds.Agency) && Matches(resourceId, a.Id) && MatchesVersion(version))
            .ToList();
        IReadOnlySet<string>? items = itemId is null or "all" ? null : itemId.Split('+').ToHashSet(StringComparer.Ordinal);
        if (matched.Count == 0)
        {
            return (null, SdmxError.NoResults("No structure matches the query. This service's structures are maintained by INDICATORS, version 1.0: see /sdmx/2.1/structure/INDICATORS/all/latest."));
        }

        var related = references switch
        {
            "none" => [],
            "parents" => Parents(matched),
            "parentsandsiblings" => ParentsAndSiblings(matched),
            "children" => matched.SelectMany(a => a.Children),
            "descendants" => Descendants(matched),
            "all" => ParentsAndSiblings(matched).Concat(Descendants(matched)),
            _ => Ancestors(matched).Concat(Descendants(matched)).Where(a => a.Resource == references),
        };
        var extra = related.Except(matched).ToHashSet();
        var written = SdmxArtefact.All
            .Where(a => matched.Contains(a) || extra.Contains(a))
            .Select(a =>
            {
                var isReference = extra.Contains(a);
                var stub = detail is "allstubs" or "allcompletestubs" || (isReference && detail is "referencestubs" or "referencecompletestubs");
                var complete = detail is "allcompletestubs" or "referencecompletestubs";
                return new SdmxWritten(a, new SdmxDetail(stub, complete), isReference || !ItemSchemes.Contains(a.Resource) ? null : items);
            })
            .ToList();
        return (written, null);
    }

    private static bool Matches(string? requested, string actual) =>
        requested is null || requested.Split('+').Any(part => part == "all" || part == actual);

    private static bool MatchesVersion(string? requested) =>
        requested is null || requested.Split('+').Any(part => part is "all" or "latest" or SdmxIds.Version);

    private static IEnumerable<SdmxArtefact> Parents(IEnumerable<SdmxArtefact> artefacts) => artefacts.SelectMany(a => a.Parents).Distinct();

    private static IEnumerable<SdmxArtefact> ParentsAndSiblings(IReadOnlyList<SdmxArtefact> artefacts)
    {
        var parents = Parents(artefacts).ToList();
        return parents.Concat(parents.SelectMany(p => p.Children)).Distinct();
    }

    private static IEnumerable<SdmxArtefact> Descendants(IEnumerable<SdmxArtefact> artefacts)
    {
        var found = new HashSet<SdmxArtefact>();
        var next = new Queue<SdmxArtefact>(artefacts);
        while (next.TryDequeue(out var artefact))
        {
            foreach (var child in artefact.Children.Where(found.Add))
            {
                next.Enqueue(child);
            }
        }

        return found;
    }

    private static IEnumerable<SdmxArtefact> Ancestors(IEnumerable<SdmxArtefact> artefacts)
    {
        var found = new HashSet<SdmxArtefact>();
        var next = new Queue<SdmxArtefact>(artefacts);
        while (next.TryDequeue(out var artefact))
        {
            foreach (var parent in artefact.Parents.Where(found.Add))
            {
                next.Enqueue(parent);
            }
        }

        return found;
    }
}

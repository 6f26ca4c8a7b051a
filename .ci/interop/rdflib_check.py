"""rdflib (Debian python3-rdflib) parses the DCAT catalogue in both serialisations: one graph, one dataset with its
title, description, publisher, licence and temporal coverage, distributions whose every URL answers 200."""
import os
import sys
import urllib.request

import rdflib
from rdflib.compare import isomorphic
from rdflib.namespace import DCAT, DCTERMS, FOAF, RDF

base = os.environ["BASE"]


def fail(what):
    print("FAILED:", what)
    sys.exit(1)


turtle = rdflib.Graph().parse(base + "/catalog.ttl", format="turtle")
jsonld = rdflib.Graph().parse(base + "/catalog.jsonld", format="json-ld")
if len(turtle) == 0 or not isomorphic(turtle, jsonld):
    fail(f"Turtle ({len(turtle)} triples) and JSON-LD ({len(jsonld)} triples) are not the same graph")
catalogs = list(turtle.subjects(RDF.type, DCAT.Catalog))
datasets = list(turtle.subjects(RDF.type, DCAT.Dataset))
if len(catalogs) != 1 or len(datasets) != 1:
    fail(f"{len(catalogs)} catalogues, {len(datasets)} datasets")
catalog, dataset = catalogs[0], datasets[0]
for subject, predicate in [(catalog, DCTERMS.title), (catalog, DCTERMS.description), (catalog, DCTERMS.publisher),
                           (dataset, DCTERMS.title), (dataset, DCTERMS.description), (dataset, DCTERMS.publisher),
                           (dataset, DCTERMS.license), (dataset, DCTERMS.temporal)]:
    if turtle.value(subject, predicate) is None:
        fail(f"{subject} has no {predicate}")
if turtle.value(turtle.value(dataset, DCTERMS.publisher), FOAF.name) is None:
    fail("the publisher has no name")
period = turtle.value(dataset, DCTERMS.temporal)
print(f"rdflib: {len(turtle)} triples, the same graph in Turtle and JSON-LD; coverage {turtle.value(period, DCAT.startDate)}–{turtle.value(period, DCAT.endDate)}")
distributions = list(turtle.objects(dataset, DCAT.distribution))
if len(distributions) < 6:
    fail(f"{len(distributions)} distributions")
for distribution in distributions:
    urls = set(turtle.objects(distribution, DCAT.accessURL)) | set(turtle.objects(distribution, DCAT.downloadURL))
    if not urls or turtle.value(distribution, DCTERMS.license) is None:
        fail(f"{distribution} has no URL or licence")
    for url in urls:
        status = urllib.request.urlopen(str(url)).status
        if status != 200:
            fail(f"{url} answered {status}")
        print(f"  {status} {url}")
services = list(turtle.subjects(RDF.type, DCAT.DataService))
if len(services) != 2 or any(turtle.value(s, DCAT.endpointURL) is None for s in services):
    fail("the data services")
print(f"rdflib: {len(distributions)} distributions, every URL 200; {len(services)} data services")

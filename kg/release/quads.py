"""The release's dataset files (``mnkg.nq``, ``mnkg-merged.nt``, ``mnkg-merged.ttl``).

Written with pyoxigraph's serialisers rather than rdflib's: the same triples, an order of
magnitude faster (the rdflib Dataset, merged Graph and Turtle writer took about half of the
build's "write release" step). Each rdflib graph crosses over once as N-Triples; ``ox.parse``
keeps blank-node labels, so a blank node shared by two named graphs stays one node in
``mnkg.nq``, as it was with the rdflib Dataset. The graphs HermiT does not change cross over
while it classifies (:func:`graph_quads`), the others after.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph

MERGED_PREFIXES = {
    "dcterms": "http://purl.org/dc/terms/",
    "obo": "http://purl.obolibrary.org/obo/",
    "biolink": "https://w3id.org/biolink/vocab/",
    "mnkgv": "https://w3id.org/mnkg/vocab/",
    "MNKG": "https://w3id.org/mnkg/MNKG_",
    "oboInOwl": "http://www.geneontology.org/formats/oboInOwl#",
    "sssom": "https://w3id.org/sssom/",
    "owl": "http://www.w3.org/2002/07/owl#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}
"""Prefixes of ``mnkg-merged.ttl`` (a Turtle file for people; the N-Quads carry none)."""


def graph_quads(iri: str, graph: Graph) -> list[ox.Quad]:
    """Every triple of ``graph``, in the named graph ``iri``."""
    name = ox.NamedNode(iri)
    data = graph.serialize(format="nt", encoding="utf-8")
    return [
        ox.Quad(q.subject, q.predicate, q.object, name)
        for q in ox.parse(data, format=ox.RdfFormat.N_TRIPLES)
    ]


def copied_graph(iri: str, sources: Iterable[list[ox.Quad]]) -> list[ox.Quad]:
    """The union of the triples of ``sources``, in the named graph ``iri`` (each triple once)."""
    name = ox.NamedNode(iri)
    triples = dict.fromkeys(
        ox.Triple(q.subject, q.predicate, q.object) for quads in sources for q in quads
    )
    return [ox.Quad(t.subject, t.predicate, t.object, name) for t in triples]


def merged_triples(quads: Iterable[ox.Quad]) -> list[ox.Triple]:
    """The union of the graphs' triples (a triple in two graphs counts once)."""
    return list(dict.fromkeys(ox.Triple(q.subject, q.predicate, q.object) for q in quads))


def write_dataset(
    graphs: Iterable[list[ox.Quad]], *, quads_file: Path, merged_nt: Path, merged_ttl: Path
) -> None:
    """Write the graphs (the quads of each) as N-Quads and their union as N-Triples and Turtle."""
    quads = [quad for graph in graphs for quad in graph]
    ox.serialize(quads, str(quads_file), ox.RdfFormat.N_QUADS)
    triples = merged_triples(quads)
    ox.serialize(triples, str(merged_nt), ox.RdfFormat.N_TRIPLES)
    ox.serialize(triples, str(merged_ttl), ox.RdfFormat.TURTLE, prefixes=MERGED_PREFIXES)


__all__ = ["MERGED_PREFIXES", "copied_graph", "graph_quads", "merged_triples", "write_dataset"]

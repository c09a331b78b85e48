"""Ubergraph's graph names: the redundant, nonredundant and ontology graphs also under the IRIs
Ubergraph gives them, so that OAK's Ubergraph adapter and queries written for Ubergraph
(``GRAPH <http://reasoner.renci.org/redundant> { ?c rdfs:subClassOf ?d }``) run unchanged.

The aliases are copies of the quads, written into ``mnkg.nq`` at build time (no query rewriting:
the endpoint answers a query as written). ``docs/obo.md`` gives the cost in quads.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Final

from rdflib import Dataset, Graph, URIRef

from mnkg.kg.iris import UBERGRAPH_BASE
from mnkg.kg.iris import Graph as G

UBERGRAPH_ALIASES: Final = {
    UBERGRAPH_BASE + "redundant": (G.REDUNDANT,),
    UBERGRAPH_BASE + "nonredundant": (G.NONREDUNDANT,),
    UBERGRAPH_BASE + "ontology": (G.ONTOLOGY, G.IMPORTS, G.INFERRED),
}
"""Ubergraph graph IRI -> the MNKG graphs it holds (Ubergraph's ``ontology`` graph is the merged
ontologies with their inferred subclass axioms: ours, our imports and HermiT's conclusions)."""


def ubergraph_graphs(graphs: Mapping[str, Graph]) -> Iterator[tuple[str, Graph]]:
    """``(Ubergraph IRI, graph)`` for each alias, from the release's named graphs."""
    for alias, sources in UBERGRAPH_ALIASES.items():
        merged = Graph()
        for source in sources:
            for triple in graphs.get(source, Graph()):
                merged.add(triple)
        yield alias, merged


def add_ubergraph_graphs(dataset: Dataset, graphs: Mapping[str, Graph]) -> None:
    """Add each alias to ``dataset`` as a named graph (the quads of ``mnkg.nq``)."""
    for alias, graph in ubergraph_graphs(graphs):
        aliased = dataset.graph(URIRef(alias))
        aliased += graph


__all__ = ["UBERGRAPH_ALIASES", "UBERGRAPH_BASE", "add_ubergraph_graphs", "ubergraph_graphs"]

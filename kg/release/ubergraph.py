"""Ubergraph's graph names: the redundant, nonredundant and ontology graphs also under the IRIs
Ubergraph gives them, so that OAK's Ubergraph adapter and queries written for Ubergraph
(``GRAPH <http://reasoner.renci.org/redundant> { ?c rdfs:subClassOf ?d }``) run unchanged.

The aliases are copies of the quads, written into ``mnkg.nq`` at build time (no query rewriting:
the endpoint answers a query as written). ``docs/obo.md`` gives the cost in quads.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Final

import pyoxigraph as ox

from mnkg.kg.iris import UBERGRAPH_BASE
from mnkg.kg.iris import Graph as G
from mnkg.kg.release.quads import copied_graph

UBERGRAPH_ALIASES: Final = {
    UBERGRAPH_BASE + "redundant": (G.REDUNDANT,),
    UBERGRAPH_BASE + "nonredundant": (G.NONREDUNDANT,),
    UBERGRAPH_BASE + "ontology": (G.ONTOLOGY, G.IMPORTS, G.INFERRED),
}
"""Ubergraph graph IRI -> the MNKG graphs it holds (Ubergraph's ``ontology`` graph is the merged
ontologies with their inferred subclass axioms: ours, our imports and HermiT's conclusions)."""


def ubergraph_quads(graphs: Mapping[str, list[ox.Quad]]) -> Iterator[list[ox.Quad]]:
    """The quads of each alias, from the quads of the release's named graphs."""
    for alias, sources in UBERGRAPH_ALIASES.items():
        yield copied_graph(alias, (graphs.get(source, []) for source in sources))


__all__ = ["UBERGRAPH_ALIASES", "UBERGRAPH_BASE", "ubergraph_quads"]

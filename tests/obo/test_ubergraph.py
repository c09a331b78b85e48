"""Ubergraph's graph names answer on MNKG: OAK's Ubergraph adapter, pointed at a running MNKG
server, finds the same relationships and ancestors as OAK on ``mnkg.db``; an Ubergraph query
runs unchanged."""

from __future__ import annotations

from pathlib import Path

import httpx
from oaklib import get_adapter
from oaklib.datamodels.vocabulary import IS_A
from oaklib.implementations.ubergraph.ubergraph_implementation import UbergraphImplementation
from oaklib.resource import OntologyResource

from mnkg.kg.iris import MNKG_TERM
from mnkg.kg.iris import Graph as G

RDFS_SUBCLASS_OF = "http://www.w3.org/2000/01/rdf-schema#subClassOf"
MYASTHENIA = "MONDO:0009688"
ALS = "MONDO:0004976"


def ubergraph(base_url: str) -> UbergraphImplementation:
    adapter = UbergraphImplementation(OntologyResource(url=f"{base_url}/sparql"))
    # OAK's SPARQL adapters read no prefixes from the endpoint; this is `runoak --prefix`.
    adapter.prefix_map()["MNKG"] = MNKG_TERM
    return adapter


def test_ubergraph_adapter_finds_the_relationships(obo_server: str, obo_release: Path) -> None:
    remote = set(ubergraph(obo_server).relationships([MYASTHENIA]))
    db = get_adapter(str(obo_release / "mnkg.db"))
    asserted = set(db.relationships([MYASTHENIA]))
    assert (MYASTHENIA, "RO:0004026", "GO:0031594") in remote
    assert (MYASTHENIA, IS_A, "MNKG:0000404") in remote
    # The adapter reads the nonredundant graph, as on Ubergraph: every edge it finds is asserted
    # in mnkg.db, and an asserted edge it leaves out is implied by a more specific one it finds
    # (fatigable weakness, implied by the fatigable weakness of a named muscle group).
    assert remote <= asserted
    left_out = asserted - remote
    for _s, predicate, obj in left_out:
        more_specific = {o for _s2, p, o in remote if p == predicate} - {obj}
        assert set(db.ancestors(list(more_specific), predicates=[IS_A])) & {obj}, obj
    assert (MYASTHENIA, "RO:0002200", "HP:0003473") in left_out


def test_ubergraph_adapter_ancestors_match_the_semsql_closure(
    obo_server: str, obo_release: Path
) -> None:
    found = set(ubergraph(obo_server).ancestors(ALS, predicates=[IS_A]))
    # OAK's query (`?s ?p ?o . ?o a owl:Class`) also matches anonymous union classes; Ubergraph
    # answers the same way. Named ancestors are the comparison.
    remote = {curie for curie in found if ":" in curie}
    db = get_adapter(str(obo_release / "mnkg.db"))
    closure = set(db.ancestors(ALS, predicates=[IS_A]))
    # The query is one hop over the union of the graphs: the reasoned closure, plus MONDO's own
    # parents of ALS from the imports graph, which the closure leaves out on purpose (MONDO files
    # diseases by many axes; docs/obo.md, "Ubergraph graph names").
    mondo_parents = _imported_parents(obo_server, ALS)
    assert "MNKG:0000402" in remote
    assert mondo_parents == {"MONDO:0003182", "MONDO:0020128"}
    assert remote - {ALS} == (closure | mondo_parents) - {ALS}


def _rows(base_url: str, query: str) -> list[dict]:
    response = httpx.get(
        f"{base_url}/sparql",
        params={"query": query},
        headers={"Accept": "application/sparql-results+json"},
        timeout=60,
    )
    response.raise_for_status()
    return response.json()["results"]["bindings"]


def _imported_parents(base_url: str, curie: str) -> set[str]:
    iri = "http://purl.obolibrary.org/obo/" + curie.replace(":", "_")
    query = f"SELECT ?o WHERE {{ GRAPH <{G.IMPORTS}> {{ <{iri}> <{RDFS_SUBCLASS_OF}> ?o }} }}"
    rows = _rows(base_url, query)
    return {row["o"]["value"].rsplit("/", 1)[1].replace("_", ":", 1) for row in rows}


def _count(base_url: str, graph: str) -> int:
    query = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}"
    return int(_rows(base_url, query)[0]["n"]["value"])


def test_ubergraph_graph_names_hold_the_same_triples(obo_server: str) -> None:
    assert _count(obo_server, "http://reasoner.renci.org/redundant") == _count(
        obo_server, G.REDUNDANT
    )
    nonredundant = _count(obo_server, "http://reasoner.renci.org/nonredundant")
    assert nonredundant == _count(obo_server, G.NONREDUNDANT) > 0
    assert _count(obo_server, "http://reasoner.renci.org/ontology") >= _count(
        obo_server, G.ONTOLOGY
    )


def test_an_ubergraph_users_query_runs_unchanged(obo_server: str) -> None:
    query = """
    PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
    PREFIX obo: <http://purl.obolibrary.org/obo/>
    SELECT ?label WHERE {
      GRAPH <http://reasoner.renci.org/redundant> { obo:MONDO_0004976 rdfs:subClassOf ?super }
      GRAPH <http://reasoner.renci.org/ontology> { ?super rdfs:label ?label }
    }"""
    response = httpx.post(
        f"{obo_server}/sparql",
        data={"query": query},
        headers={"Accept": "application/sparql-results+json"},
        timeout=60,
    )
    response.raise_for_status()
    labels = {row["label"]["value"] for row in response.json()["results"]["bindings"]}
    assert "amyotrophic lateral sclerosis" not in labels  # not reflexive, as in Ubergraph
    assert len(labels) >= 2

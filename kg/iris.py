"""IRIs the whole project agrees on: the MNKG namespace and the named graphs of a release."""

from __future__ import annotations

from typing import Final

MNKG_BASE: Final = "https://w3id.org/mnkg/"
MNKG_TERM: Final = MNKG_BASE + "MNKG_"
ONTOLOGY_IRI: Final = MNKG_BASE + "mnkg.owl"
STATEMENT_BASE: Final = MNKG_BASE + "statement/"
GRAPH_BASE: Final = MNKG_BASE + "graph/"


class Graph:
    """Named graphs of a release; their union is the store's default graph."""

    ONTOLOGY: Final = GRAPH_BASE + "ontology"
    """Our own axioms (the edit file): ``mnkg-base.ttl``."""
    IMPORTS: Final = GRAPH_BASE + "imports"
    """The import modules: the reused HPO, MONDO, UBERON, CL, GO, RO and BFO terms."""
    KG: Final = GRAPH_BASE + "kg"
    """Curated associations with their provenance, plus the direct triples of accepted ones."""
    INFERRED: Final = GRAPH_BASE + "inferred"
    """Subclass axioms inferred by HermiT that were not asserted."""
    REDUNDANT: Final = GRAPH_BASE + "redundant"
    """Ubergraph style: every ``C R D`` entailed by ``C SubClassOf R some D``, closed."""
    NONREDUNDANT: Final = GRAPH_BASE + "nonredundant"
    """The transitive reduction of the redundant graph."""
    MAPPINGS: Final = GRAPH_BASE + "mappings"
    """SKOS mappings from the SSSOM files."""
    CLAIMS: Final = GRAPH_BASE + "claims"
    """Claims of the source documents (``kg/claims/*.tsv``) with the audit's verdicts."""
    HPO: Final = GRAPH_BASE + "hpo"
    """HPO classes loaded by ``mnkg import-hpo``."""
    HPO_ANNOTATIONS: Final = GRAPH_BASE + "hpo-annotations"
    """HPO disease annotations (phenotype.hpoa) as associations."""
    LOCALIZATION: Final = GRAPH_BASE + "localization"
    """The localization weights (``kg/data/localization-weights.tsv``) with their provenance."""
    HPO_BRIDGE: Final = GRAPH_BASE + "hpo-bridge"
    """HPO terms classified under our sign classes (``HP rdfs:subClassOf MNKG:00003xx``)."""


UBERGRAPH_BASE: Final = "http://reasoner.renci.org/"
"""Ubergraph's graph names: the release also holds the redundant, nonredundant and ontology
graphs under them (``kg/release/ubergraph.py``), so queries written for Ubergraph run unchanged."""
OUR_GRAPH_BASES: Final = (GRAPH_BASE, UBERGRAPH_BASE)
"""Every named graph of a release starts with one of these (a remote store's other graphs are
not ours)."""


def mnkg_iri(local_id: str) -> str:
    """Return the IRI of an MNKG term from its 7-digit local ID (``"0000001"``)."""
    if len(local_id) != 7 or not local_id.isdigit():
        raise ValueError(f"MNKG IDs are 7 digits, got {local_id!r}")
    return MNKG_TERM + local_id


__all__ = [
    "GRAPH_BASE",
    "MNKG_BASE",
    "MNKG_TERM",
    "ONTOLOGY_IRI",
    "OUR_GRAPH_BASES",
    "STATEMENT_BASE",
    "UBERGRAPH_BASE",
    "Graph",
    "mnkg_iri",
]

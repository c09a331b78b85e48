"""The claims graph: what the source documents claim, with the audit's verdict on each claim.

``kg/claims/*.tsv`` hold claims in the curated-table format (for example every clinical claim of
seed 004). The build audits them all with one HermiT run
(:func:`mnkg.kg.qc.audit.audit_statements`) and writes each claim as an association node with
``mnkgv:verdict`` (supported, contradicted, unsupported) and one ``mnkgv:reason`` per reason.
Claims never become direct triples, and their nodes have their own IRIs
(``https://w3id.org/mnkg/claim/...``) so that a claim repeating a curated statement never merges
with it."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

from rdflib import Graph as RDFGraph
from rdflib import Literal, URIRef
from rdflib.term import Node

from mnkg.kg.iris import MNKG_BASE, STATEMENT_BASE, Graph
from mnkg.kg.qc.audit import audit_statements
from mnkg.kg.sources.compile import MNKGV, add_statement, labels_of
from mnkg.kg.sources.curation import claims_dir, read_tables

CLAIM_BASE = MNKG_BASE + "claim/"
CLAIMED = "claimed"


def claims_graph(*, ontology: RDFGraph) -> tuple[RDFGraph, dict[str, int]]:
    """Audit every claim file and return the claims graph and the count of each verdict."""
    claims = [replace(s, status=CLAIMED) for s in read_tables(sorted(claims_dir().glob("*.tsv")))]
    graph = RDFGraph(identifier=URIRef(Graph.CLAIMS))
    if not claims:
        return graph, {}
    report = audit_statements(claims, ontology=ontology)
    labels = labels_of(ontology)
    scratch = RDFGraph()
    for claim, verdict in zip(claims, report.verdicts, strict=True):
        node = add_statement(scratch, claim, labels=labels)
        scratch.add((node, MNKGV.verdict, Literal(verdict.verdict)))
        for reason in verdict.reasons:
            scratch.add((node, MNKGV.reason, Literal(reason)))
    for subject, predicate, obj in scratch:
        graph.add((_claim_iri(subject), predicate, _claim_iri(obj)))
    return graph, dict(Counter(v.verdict for v in report.verdicts))


def _claim_iri(node: Node) -> Node:
    """Move a statement node into the claim namespace; leave every other node as it is."""
    if isinstance(node, URIRef) and str(node).startswith(STATEMENT_BASE):
        return URIRef(CLAIM_BASE + str(node)[len(STATEMENT_BASE) :])
    return node


__all__ = ["CLAIM_BASE", "claims_graph"]

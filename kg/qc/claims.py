"""The claims graph: what the source documents claim, with the audit's verdict on each claim.

``kg/claims/*.tsv`` hold claims in the curated-table format (for example every clinical claim of
seed 004). The build audits them all (:mod:`mnkg.kg.qc.audit`) in the same HermiT run that
classifies the ontology (:func:`claims_plan`, then :func:`claims_graph` with that run's
result) and writes each claim as an association node with
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
from mnkg.kg.owl.reason import ReasonerResult
from mnkg.kg.qc.audit import AuditPlan, finish_audit, plan_audit
from mnkg.kg.sources.compile import MNKGV, add_statement, labels_of
from mnkg.kg.sources.curation import claims_dir, read_tables

CLAIM_BASE = MNKG_BASE + "claim/"
CLAIMED = "claimed"


def claims_plan(*, ontology: RDFGraph) -> AuditPlan:
    """Every claim file's claims, ready for the reasoner (``plan.graph``: ontology + claims)."""
    claims = [replace(s, status=CLAIMED) for s in read_tables(sorted(claims_dir().glob("*.tsv")))]
    return plan_audit(claims, ontology=ontology)


def claims_graph(plan: AuditPlan, result: ReasonerResult | None) -> tuple[RDFGraph, dict[str, int]]:
    """The claims graph and the count of each verdict, from HermiT's run over ``plan.graph``."""
    graph = RDFGraph(identifier=URIRef(Graph.CLAIMS))
    claims = plan.claims
    if not claims:
        return graph, {}
    report = finish_audit(plan, result)
    labels = labels_of(plan.base)
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


__all__ = ["CLAIM_BASE", "claims_graph", "claims_plan"]

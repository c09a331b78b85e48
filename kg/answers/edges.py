"""The edges of a term page, sorted honestly: facts, negations and claims apart.

A row of ``term-outgoing.rq`` / ``term-incoming.rq`` is a relation of the non-redundant graph or
an association (curated statement, HPO annotation, claim of a source document). They become:

- an **edge** (``outgoing`` / ``incoming``): the relation is in the non-redundant graph, or an
  accepted, non-negated association states it; its evidence lists those associations only;
- a **negated edge** (``negated_edges``): an association says the relation does NOT hold
  (``biolink:negated true``: a curated negation, an HPO ``NOT`` annotation);
- a **claim** (``claims``): an association of the claims graph, shown with the audit's verdict
  (supported, unsupported, contradicted), never as a fact.

A rejected curated statement is none of these (it is not shown).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any, Literal

from pyoxigraph import NamedNode

from mnkg.kg.answers.lookup import association_details, labels, select_named, term_id
from mnkg.kg.answers.models import Claim, Edge, Evidence, NegatedEdge
from mnkg.kg.iris import Graph
from mnkg.kg.store import Store

EDGE_LIMIT = 200
"""Most incoming (or outgoing) edges listed on a page; the total is given alongside."""

Direction = Literal["outgoing", "incoming"]
Key = tuple[str, str]
"""(predicate IRI, other term IRI)."""


@dataclass
class _Sorted:
    """The rows of one direction, grouped by (predicate, other) and by kind."""

    positive: dict[Key, set[str]] = field(default_factory=lambda: defaultdict(set))
    graphs: dict[Key, set[str]] = field(default_factory=lambda: defaultdict(set))
    negated: dict[Key, set[str]] = field(default_factory=lambda: defaultdict(set))
    negated_graphs: dict[Key, set[str]] = field(default_factory=lambda: defaultdict(set))
    claims: list[tuple[Key, str]] = field(default_factory=list)


def _sort_rows(rows: list[dict[str, Any]]) -> _Sorted:
    out = _Sorted()
    for row in rows:
        key = (row["predicate"].value, row["other"].value)
        graph = row["g"].value if row["g"] is not None else ""
        association = row["a"].value if row["a"] is not None else None
        if association is None:  # the non-redundant graph's own relation
            out.positive.setdefault(key, set())
            out.graphs[key].add(graph)
        elif graph == Graph.CLAIMS:
            out.claims.append((key, association))
        elif row["negated"] is not None and row["negated"].value in ("true", "1"):
            out.negated[key].add(association)
            out.negated_graphs[key].add(graph)
        elif row["status"] is None or row["status"].value != "rejected":
            out.positive[key].add(association)
            out.graphs[key].add(graph)
    return out


@dataclass(frozen=True)
class TermEdges:
    """The edges of one direction of a term page."""

    edges: list[Edge]
    total: int
    negated: list[NegatedEdge]
    claims: list[Claim]


def term_edges(store: Store, node: NamedNode, direction: Direction) -> TermEdges:
    """Edges, negated edges and claims of ``node`` in one direction."""
    query = "term-outgoing" if direction == "outgoing" else "term-incoming"
    found = _sort_rows(select_named(store, query, {"term": node}))
    keys = sorted(found.positive)[:EDGE_LIMIT]
    negated_keys = sorted(found.negated)[:EDGE_LIMIT]
    claims = sorted(found.claims)[:EDGE_LIMIT]
    shown = {a for k in keys for a in found.positive[k]}
    shown |= {a for k in negated_keys for a in found.negated[k]} | {a for _, a in claims}
    details = association_details(store, shown)
    every_key = {*keys, *negated_keys, *(k for k, _ in claims)}
    names = labels(store, {node.value} | {p for p, _ in every_key} | {o for _, o in every_key})

    def evidence(associations: set[str]) -> list[Evidence]:
        return [
            Evidence(association=term_id(NamedNode(a)), **_evidence_fields(details.get(a, {})))
            for a in sorted(associations)
        ]

    edges = [
        Edge(
            **_ends(key, names),
            graphs=sorted(found.graphs[key]),
            evidence=evidence(found.positive[key]),
        )
        for key in keys
    ]
    negated = [
        NegatedEdge(
            direction=direction,
            **_ends(key, names),
            statement=_negation(node.value, key, direction, names),
            graphs=sorted(found.negated_graphs[key]),
            evidence=evidence(found.negated[key]),
        )
        for key in negated_keys
    ]
    shown_claims = _claims(claims, direction, details, names)
    return TermEdges(edges, len(found.positive), negated, shown_claims)


_EVIDENCE_FIELDS = set(Evidence.model_fields) - {"association"}


def _evidence_fields(detail: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in detail.items() if k in _EVIDENCE_FIELDS}


def _ends(key: Key, names: dict[str, str]) -> dict[str, Any]:
    predicate, other = key
    return {
        "predicate": term_id(NamedNode(predicate)),
        "predicate_label": names.get(predicate, ""),
        "id": term_id(NamedNode(other)),
        "label": names.get(other, ""),
    }


def _negation(term: str, key: Key, direction: Direction, names: dict[str, str]) -> str:
    """``amyotrophic lateral sclerosis does not have phenotype Paresthesia``."""
    predicate, other = key
    subject, obj = (term, other) if direction == "outgoing" else (other, term)
    relation = names.get(predicate) or str(term_id(NamedNode(predicate)))
    if relation.startswith("has "):
        negated = "does not have " + relation.removeprefix("has ")
    elif relation.startswith("is "):
        negated = "is not " + relation.removeprefix("is ")
    else:
        negated = "does not " + relation
    return f"{_name(subject, names)} {negated} {_name(obj, names)}"


def _name(iri: str, names: dict[str, str]) -> str:
    return names.get(iri) or str(term_id(NamedNode(iri)))


def _claims(
    claims: list[tuple[Key, str]],
    direction: Direction,
    details: dict[str, dict[str, Any]],
    names: dict[str, str],
) -> list[Claim]:
    out = []
    for key, claim in claims:
        detail = details.get(claim, {})
        out.append(
            Claim(
                claim=claim,
                direction=direction,
                **_ends(key, names),
                verdict=detail.get("verdict"),
                reason=detail.get("reason"),
                status=detail.get("status"),
                has_evidence=detail.get("has_evidence", []),
                publications=detail.get("publications", []),
                sources=detail.get("sources", []),
                source_pointer=detail.get("source_pointer"),
            )
        )
    return out


__all__ = ["EDGE_LIMIT", "TermEdges", "term_edges"]

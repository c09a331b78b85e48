"""Small shared pieces of the domain answers (terms, conditions, localization, search).

Every answer of the domain API is built from SPARQL over a :class:`~mnkg.kg.store.Store`;
this module holds the prefixes those queries share, the way rows are read back, and the
resolution of the IDs users type.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from pyoxigraph import Literal, NamedNode, QuerySolutions

from mnkg.kg.errors import UserError
from mnkg.kg.iris import GRAPH_BASE, MNKG_TERM
from mnkg.kg.store import Store
from mnkg.queries.params import resolve_term
from mnkg.queries.results import curie, plain

PREFIXES = f"""PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX owl: <http://www.w3.org/2002/07/owl#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
PREFIX oboInOwl: <http://www.geneontology.org/formats/oboInOwl#>
PREFIX obo: <http://purl.obolibrary.org/obo/>
PREFIX biolink: <https://w3id.org/biolink/vocab/>
PREFIX mnkg: <{MNKG_TERM}>
PREFIX mnkgv: <https://w3id.org/mnkg/vocab/>
PREFIX mg: <{GRAPH_BASE}>
"""
"""The prefixes of every query in the domain modules."""

UMN_SIGN = MNKG_TERM + "0000300"
LMN_SIGN = MNKG_TERM + "0000301"
OTHER_SIGN = MNKG_TERM + "0000302"
HP_BASE = "http://purl.obolibrary.org/obo/HP_"


def select(
    store: Store, sparql: str, bindings: Mapping[str, NamedNode | Literal] | None = None
) -> list[dict[str, Any]]:
    """Run a SELECT (our prefixes prepended) and return its rows as dicts of terms."""
    result = store.query(PREFIXES + sparql, bindings=bindings or None)
    if not isinstance(result, QuerySolutions):
        raise TypeError("expected a SELECT query")
    names = [v.value for v in result.variables]
    return [{n: s[n] for n in names} for s in result]


def values_block(variable: str, iris: Iterable[str]) -> str:
    """A ``VALUES ?var { <iri> ... }`` block; every IRI is checked by pyoxigraph's NamedNode."""
    terms = " ".join(str(NamedNode(i)) for i in iris)
    if not variable.isidentifier():
        raise ValueError(f"bad variable name {variable!r}")
    return f"VALUES ?{variable} {{ {terms} }}"


def text(term: object) -> str | None:
    """The lexical value of a literal or IRI, or None."""
    if term is None:
        return None
    value = getattr(term, "value", None)
    return None if value is None else str(value)


def term_id(term: object) -> str | None:
    """The CURIE of an IRI term (or the IRI when no prefix covers it)."""
    if isinstance(term, NamedNode):
        return curie(term.value)
    return None if term is None else plain(term)


def resolve_id(value: str) -> NamedNode:
    """A CURIE, full IRI or mapped external code (ICD10CM:G12.21) as the ontology's term."""
    if not isinstance(value, str) or not value.strip():
        raise UserError("empty identifier")
    return resolve_term(value.strip())


def labels(store: Store, iris: Iterable[str]) -> dict[str, str]:
    """rdfs:label of each IRI that has one (one label each, the smallest if several)."""
    wanted = sorted(set(iris))
    if not wanted:
        return {}
    rows = select(
        store,
        f"SELECT ?t (MIN(STR(?l)) AS ?label) WHERE {{ {values_block('t', wanted)} "
        "?t rdfs:label ?l } GROUP BY ?t",
    )
    return {r["t"].value: r["label"].value for r in rows if r["label"] is not None}


__all__ = [
    "HP_BASE",
    "LMN_SIGN",
    "OTHER_SIGN",
    "PREFIXES",
    "UMN_SIGN",
    "labels",
    "resolve_id",
    "select",
    "term_id",
    "text",
    "values_block",
]

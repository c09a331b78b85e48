"""Small shared pieces of the domain answers (terms, conditions, localization, search).

Every answer of the domain API is built from SPARQL over a :class:`~mnkg.kg.store.Store`; the
queries are files in ``queries/answers/`` (read once by :func:`answer_query`), bound with VALUES
blocks (:func:`mnkg.kg.store.inject_values` for one row, :mod:`mnkg.kg.answers.binding` for
several). This module runs them and reads the rows back, resolves the IDs users type, and keeps
the caches (:func:`cached`) keyed on the store's generation.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable, Iterable, Mapping, MutableMapping
from typing import Any, TypeVar, cast

from pyoxigraph import Literal, NamedNode, QuerySolutions

from mnkg.kg.answers.binding import Term
from mnkg.kg.answers.params import resolve_term
from mnkg.kg.answers.results import curie, plain
from mnkg.kg.errors import UserError
from mnkg.kg.iris import GRAPH_BASE, MNKG_TERM
from mnkg.kg.store import Bindings, BindingValue, Store, StoreUnavailable
from mnkg.queries.registry import load_answer_queries

UMN_SIGN = MNKG_TERM + "0000300"
LMN_SIGN = MNKG_TERM + "0000301"
OTHER_SIGN = MNKG_TERM + "0000302"
HP_BASE = "http://purl.obolibrary.org/obo/HP_"

# Legacy: localize.py still writes its SPARQL inline and calls select() with this prologue; it
# goes when localize's queries move to queries/answers/localize*.rq (the localize helper's job).
PREFIXES = "".join(
    f"PREFIX {name}: <{iri}>\n"
    for name, iri in {
        "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
        "owl": "http://www.w3.org/2002/07/owl#",
        "skos": "http://www.w3.org/2004/02/skos/core#",
        "xsd": "http://www.w3.org/2001/XMLSchema#",
        "oboInOwl": "http://www.geneontology.org/formats/oboInOwl#",
        "obo": "http://purl.obolibrary.org/obo/",
        "biolink": "https://w3id.org/biolink/vocab/",
        "mnkg": MNKG_TERM,
        "mnkgv": "https://w3id.org/mnkg/vocab/",
        "mg": GRAPH_BASE,
    }.items()
)
"""The prologue :func:`select` prepends (for inline queries; the files declare their own)."""


@functools.cache
def answer_query(name: str) -> str:
    """The SPARQL text of ``queries/answers/<name>.rq`` (read once per process)."""
    return _answer_queries().get(name).sparql


@functools.cache
def _answer_queries() -> Any:
    return load_answer_queries()


def _rows(store: Store, sparql: str, bindings: Bindings | None) -> list[dict[str, Any]]:
    try:
        result = store.query(sparql, bindings=bindings or None)
    except StoreUnavailable:  # a worker died mid-query: reads are idempotent, try once more
        result = store.query(sparql, bindings=bindings or None)
    if not isinstance(result, QuerySolutions):
        raise TypeError("expected a SELECT query")
    names = [v.value for v in result.variables]
    return [{n: s[n] for n in names} for s in result]


def select_named(
    store: Store,
    name: str,
    bindings: Mapping[str, NamedNode | Literal] | None = None,
    *,
    rows: tuple[str, Iterable[Term]] | None = None,
) -> list[dict[str, Any]]:
    """Run the answer query ``name`` and return its rows as dicts of terms.

    ``bindings`` binds variables to one term each; ``rows`` = (variable, terms) binds one
    variable to several terms (a several-row VALUES block).
    """
    several: dict[str, BindingValue | tuple[BindingValue, ...]] = dict(bindings or {})
    if rows is not None:  # bound by the store after its check: one parse for every row count
        several[rows[0]] = tuple(rows[1])
    return _rows(store, answer_query(name), several)


def select(
    store: Store, sparql: str, bindings: Mapping[str, NamedNode | Literal] | None = None
) -> list[dict[str, Any]]:
    """Legacy: run an inline SELECT with :data:`PREFIXES` prepended (see the note there)."""
    return _rows(store, PREFIXES + sparql, bindings)


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


T = TypeVar("T")


def fingerprint(store: Store) -> tuple[Any, ...]:
    """What identifies the content a cached answer came from: the store and its generation
    (a new one after every load and write, :meth:`mnkg.kg.store.base.Store.generation`)."""
    return (store.descriptor, id(store), store.generation())


_LOCKS = "__build locks__"


def cached(
    cache: MutableMapping[Any, Any] | None,
    name: str,
    store: Store,
    build: Callable[[], T],
) -> T:
    """``build()``, kept in ``cache`` under ``name`` until the store's content changes.

    The cache is a plain dict the caller owns (the API keeps one per app in ``app.state``);
    with None nothing is kept. The key is the store's generation, read before the build: an
    answer built while a write lands is kept under the old generation and rebuilt on next use.
    Threads asking for the same entry wait for one build (the warm-up and a request).
    """
    if cache is None:
        return build()
    key = fingerprint(store)
    entry = cache.get(name)
    if entry is not None and entry[0] == key:
        return cast(T, entry[1])
    locks = cache.setdefault(_LOCKS, {})
    lock = locks.setdefault(name, threading.Lock())
    with lock:
        entry = cache.get(name)
        if entry is not None and entry[0] == key:
            return cast(T, entry[1])
        value = build()
        cache[name] = (key, value)
        return value


_CHUNK = 5000
"""Most terms bound in one VALUES block."""


def association_details(store: Store, nodes: Iterable[str]) -> dict[str, dict[str, Any]]:
    """Evidence, publications, sources, status, negation, frequency and (for claims) the audit
    verdict of association nodes (``queries/answers/association-details.rq``)."""
    wanted = sorted(set(nodes))
    out: dict[str, dict[str, Any]] = {}
    for start in range(0, len(wanted), _CHUNK):
        chunk = [NamedNode(a) for a in wanted[start : start + _CHUNK]]
        for row in select_named(store, "association-details", rows=("a", chunk)):
            entry = out.setdefault(
                row["a"].value,
                {"has_evidence": [], "publications": [], "sources": [], "status": None},
            )
            _add_detail(entry, row["p"].value.rsplit("/", 1)[-1], row["o"])
    for entry in out.values():
        for key in ("has_evidence", "publications", "sources"):
            entry[key] = sorted(set(entry[key]))
    return out


_LISTED = {"has_evidence": "has_evidence", "publications": "publications"}
_LISTED["primary_knowledge_source"] = "sources"
_TEXTS = {"curation_status": "status", "source_pointer": "source_pointer"}
_TEXTS |= {"verdict": "verdict", "reason": "reason"}


def _add_detail(entry: dict[str, Any], prop: str, value: Any) -> None:
    if prop in _LISTED:
        entry[_LISTED[prop]].append(term_id(value))
    elif prop in _TEXTS:
        entry[_TEXTS[prop]] = text(value)
    elif prop == "negated":
        entry["negated"] = text(value) in ("true", "1")
    elif prop == "frequency_value":
        entry["frequency"] = float(value.value)
    elif prop == "frequency_qualifier":
        entry["frequency_term"] = term_id(value)


def labels(store: Store, iris: Iterable[str]) -> dict[str, str]:
    """rdfs:label of each IRI that has one (one label each, the smallest if several)."""
    wanted = sorted(set(iris))
    out: dict[str, str] = {}
    for start in range(0, len(wanted), _CHUNK):
        chunk = [NamedNode(i) for i in wanted[start : start + _CHUNK]]
        for row in select_named(store, "labels", rows=("t", chunk)):
            if row["label"] is not None:
                out[row["t"].value] = row["label"].value
    return out


__all__ = [
    "HP_BASE",
    "LMN_SIGN",
    "OTHER_SIGN",
    "PREFIXES",
    "UMN_SIGN",
    "answer_query",
    "association_details",
    "cached",
    "fingerprint",
    "labels",
    "resolve_id",
    "select",
    "select_named",
    "term_id",
    "text",
]

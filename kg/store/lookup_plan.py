"""Point lookups read straight from the store's index: one triple pattern, no query engine.

A point lookup (:func:`mnkg.kg.sparql_grammar.is_point_lookup`) is one triple pattern with an
IRI subject. The grammar process, which has the real parse, also writes down its
:class:`LookupPlan`: the pattern's terms, the projected variables and the ``LIMIT``. Answering
the plan is one ``quads_for_pattern`` call on the read-only view, the rows bound in Python and
written as SPARQL TSV, and pyoxigraph's own parser and serializer turning that into the format
the client asked for. Against ``Store.query`` this skips the engine's parse, planning and
evaluator set-up, which for a one-row answer cost as much as the read itself
(docs/performance.md, "Small-query throughput").

The answer is the engine's, byte for byte (``tests/store/test_lookup_plans.py`` compares
both on every format): over the union default graph a triple pattern matches once per graph
holding the triple, which is what ``quads_for_pattern`` without a graph yields, in the same
order; ``SELECT *`` projects the pattern's variables sorted by name, as Oxigraph does; blank
nodes in the pattern are variables that are not projected. Whatever the plan cannot say
exactly (a literal object, whose stored form the engine may normalise; a ``BASE``; an escape;
an RDF 1.2 triple term in the data) has no plan or gives up, and the query goes to
``Store.query`` as before.

**Slots.** Lookups of different terms share one parse of their skeleton
(:func:`mnkg.kg.store.parse.skeleton`), whose IRIs are numbered slots
(``<urn:x-mnkg-iri:0:>``, ``<urn:x-mnkg-iri:1:>`` ...). A plan made from a skeleton names its
IRIs by slot, with a prefixed name's local part after it; :func:`resolve_iri` puts the
text's own ``k``-th IRI back in slot ``k``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import islice

from pyoxigraph import (
    NamedNode,
    QueryResultsFormat,
    Store,
    Triple,
    parse_query_results,
)

from mnkg.kg.store.evaluate import (
    EvaluationError,
    QueryRequest,
    QueryResponse,
    not_acceptable,
    too_large,
)

SLOT_PREFIX = "urn:x-mnkg-iri:"
"""How a skeleton's slot IRIs begin: slot ``k`` is ``<urn:x-mnkg-iri:k:>``."""
_SLOT_REF = re.compile(r"urn:x-mnkg-iri:(\d+):")

Term = tuple[str, str]
"""A pattern term: ``("iri", value)``, ``("var", name)`` or ``("blank", label)``."""


def slot(index: int) -> str:
    """The skeleton's IRI for the text's ``index``-th IRI (counting from 0)."""
    return f"<{SLOT_PREFIX}{index}:>"


@dataclass(frozen=True, slots=True)
class LookupPlan:
    """What a point lookup asks for, from the real parse (it crosses the grammar pipe).

    ``variables``: the projected names in the order of the answer's columns (none for
    ``ASK``); ``predicate`` and ``object`` are IRIs, variables or (the object) a blank node;
    ``limit``: the query's ``LIMIT``; ``slotted``: its IRIs name skeleton slots."""

    ask: bool
    variables: tuple[str, ...]
    subject: str
    predicate: Term
    object: Term
    limit: int | None = None
    slotted: bool = False


def resolve_iri(value: str, iris: Sequence[str]) -> str | None:
    """``value`` with a leading slot reference replaced by the text's IRI in that slot
    (``iris``: the text's slot IRIs in order), or None when the slot does not exist."""
    found = _SLOT_REF.match(value)
    if found is None:
        return value
    index = int(found.group(1))
    if index >= len(iris):
        return None
    return iris[index] + value[found.end() :]


class _GiveUp(Exception):
    """The plan cannot answer this exactly or within its budget: ``Store.query`` does."""


def _node(term: Term, iris: Sequence[str]) -> NamedNode | None:
    """The term as a pattern position: a node, or None (a variable: any term)."""
    kind, value = term
    if kind != "iri":
        return None
    resolved = resolve_iri(value, iris)
    if resolved is None:
        raise _GiveUp
    try:
        return NamedNode(resolved)
    except ValueError:  # not an absolute IRI: the engine reports it
        raise _GiveUp from None


def _rows(plan: LookupPlan, store: Store, iris: Sequence[str], budget: int, most: int) -> list[str]:
    """The answer's TSV rows (without the header): all of them, or the first ``most + 1``
    (more than the result limit). Reads at most ``budget`` quads, else gives up."""
    subject, predicate, obj = (
        _node(("iri", plan.subject), iris),
        _node(plan.predicate, iris),
        _node(plan.object, iris),
    )
    positions = {
        term[1]: index
        for index, term in ((0, plan.predicate), (1, plan.object))
        if term[0] == "var"
    }
    columns = [positions.get(name) for name in plan.variables]
    same_variable = plan.predicate[0] == "var" and plan.predicate == plan.object
    stop = 1 if plan.ask else plan.limit
    rows: list[str] = []
    if stop is not None and stop <= 0:
        return rows
    quads = store.quads_for_pattern(subject, predicate, obj, None)
    for scanned, quad in enumerate(islice(quads, budget + 1)):
        if scanned == budget:
            raise _GiveUp  # more to read than this process may: a worker answers
        terms = (quad.predicate, quad.object)
        if same_variable and terms[0] != terms[1]:
            continue
        if isinstance(terms[1], Triple):
            raise _GiveUp  # TSV writes triple terms in a syntax str() does not give
        rows.append("\t".join("" if at is None else str(terms[at]) for at in columns))
        if len(rows) == stop or len(rows) > most:
            break
    return rows


def _solutions(plan: LookupPlan, rows: list[str]) -> bytes:
    if plan.ask:
        return b'{"head":{},"boolean":%s}' % (b"true" if rows else b"false")
    header = "\t".join("?" + name for name in plan.variables)
    return "".join([header, "\n", *(row + "\n" for row in rows)]).encode()


def answer(
    plan: LookupPlan, store: Store, iris: Sequence[str], request: QueryRequest, budget: int
) -> QueryResponse | None:
    """The answer to ``request`` by its plan, or None when ``Store.query`` must give it (the
    plan cannot say it exactly, or more than ``budget`` quads would be read).

    Raises :class:`~mnkg.kg.store.evaluate.EvaluationError` as the engine path does: no
    accepted format, or more rows than the request's own limit."""
    if request.default_graph_uris or request.named_graph_uris or not request.union_default_graph:
        return None
    media_type = request.results_media_type
    if media_type is None:
        raise EvaluationError("NotAcceptable", not_acceptable("an ASK" if plan.ask else "a SELECT"))
    try:
        rows = _rows(plan, store, iris, budget, request.limit)
    except _GiveUp:
        return None
    if not plan.ask and len(rows) > request.limit:
        raise too_large(request.limit, "rows")
    source = QueryResultsFormat.JSON if plan.ask else QueryResultsFormat.TSV
    target = QueryResultsFormat.from_media_type(media_type)
    body = parse_query_results(_solutions(plan, rows), format=source).serialize(format=target)
    assert body is not None
    kind = "boolean" if plan.ask else "solutions"
    return QueryResponse(kind, body, media_type)


__all__ = ["SLOT_PREFIX", "LookupPlan", "Term", "answer", "resolve_iri", "slot"]

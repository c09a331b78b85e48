"""What a query or update asks for, from a real parse, before it reaches a query worker.

The parse runs in a process of its own (:mod:`mnkg.kg.sparql_grammar`, rdflib's SPARQL 1.1
grammar) and comes back as a :class:`QueryShape`: the ``SERVICE`` endpoints and ``LOAD``
sources it names, its ``FROM`` graphs, the depth of its parse tree, or the syntax problem in
plain words. :func:`check` turns that into the refusals: a ``SERVICE`` or ``LOAD`` not on the
allow-list (``MNKG_SPARQL_ALLOWED_SERVICES``, and then only with ``MNKG_SPARQL_NETWORK``), a
tree nested deeper than :data:`MAX_TREE_DEPTH` (deeper nesting would crash or stall the query
engine's recursive parser), a syntax error. These checks make the answer a clear 400; the
guarantee that nothing is fetched is the workers' lack of a network
(:mod:`mnkg.kg.store.isolation`).

Each text is parsed once: shapes are kept in an LRU keyed on the text (a shape depends on the
text only, not on the store). A first parse costs milliseconds (see docs/performance.md), a
repeat a dictionary lookup. Texts that differ only in the IRIs they name (lookups of one term
after another) share the parse of their :func:`skeleton`.
"""

from __future__ import annotations

import atexit
import itertools
import re
import threading
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path

from mnkg.kg.settings import Settings
from mnkg.kg.store.base import FederationDisabled, QuerySyntaxError, UserError
from mnkg.kg.store.lookup_plan import LookupPlan, slot
from mnkg.kg.store.workers import WorkerPool

MAX_TREE_DEPTH = 600
"""Deepest parse tree a query or update may have. One level of ``{ }`` is two tree levels,
one of ``( )`` in an expression about five: 600 allows 100 nested parentheses, 300 nested
groups. Hand-written queries stay under 60."""
CACHE_SIZE = 4096
"""Query texts whose shape is kept."""
GRAMMAR_MODULE = "mnkg.kg.sparql_grammar"


@dataclass(frozen=True, slots=True)
class SyntaxProblem:
    """Why a text is not SPARQL: ``message`` in plain words, ``raw`` the parser's own."""

    message: str
    raw: str
    line: int | None = None
    column: int | None = None


@dataclass(frozen=True, slots=True)
class QueryShape:
    """What a parse found; ``problem`` is set instead when the text does not parse."""

    form: str
    services: tuple[str, ...] = ()
    loads: tuple[str, ...] = ()
    dataset: tuple[str, ...] = ()
    depth: int = 0
    problem: SyntaxProblem | None = None
    lookup: bool = False
    """A point lookup (:func:`mnkg.kg.sparql_grammar.is_point_lookup`): one triple pattern
    with an IRI subject, cost bounded by its rows."""
    plan: LookupPlan | None = None
    """How to read a point lookup from the index (:mod:`mnkg.kg.store.lookup_plan`), when
    the parse says it exactly."""


class QueryTooDeep(UserError):
    """The query nests deeper than :data:`MAX_TREE_DEPTH`."""

    http_status = 400


class _Grammar:
    """The grammar process (one per server process, shared by its stores) and the LRU."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._pool: WorkerPool | None = None
        self._shapes: OrderedDict[tuple[str, str], QueryShape] = OrderedDict()
        self.last: tuple[tuple[str, str], QueryShape] | None = None
        """The text looked up last and its shape: ``/sparql`` asks twice for one text (the
        route for its dataset, the store for its checks), and a lookup's text is not in the
        LRU (its skeleton is)."""

    def pool(self) -> WorkerPool:
        with self._lock:
            if self._pool is None:
                self._pool = WorkerPool(Path("."), size=1, mode="grammar", module=GRAMMAR_MODULE)
                atexit.register(self._pool.close)
            return self._pool

    def cached(self, key: tuple[str, str]) -> QueryShape | None:
        with self._lock:
            shape = self._shapes.get(key)
            if shape is not None:
                self._shapes.move_to_end(key)
            return shape

    def keep(self, key: tuple[str, str], shape: QueryShape) -> QueryShape:
        with self._lock:
            self._shapes[key] = shape
            while len(self._shapes) > CACHE_SIZE:
                self._shapes.popitem(last=False)
        return shape


_GRAMMAR = _Grammar()


def _timeout_message(error: UserError, timeout: float) -> UserError:
    if "longer than" in error.message:
        return QuerySyntaxError(
            f"the query could not be parsed within {timeout:g} s (the server's time limit); "
            "it is too large or too deeply nested"
        )
    return error


_SLOT_IRI = re.compile(r"<[A-Za-z][A-Za-z0-9+.-]*:[A-Za-z0-9_.~:/%-]*>")
"""An IRI written out in full whose characters cannot be SPARQL syntax of their own: no
brackets, braces, quotes, spaces, escapes, ``#`` (a comment), ``?``, ``$`` or operators beyond
``/``, ``-``, ``.`` and ``:``."""


def skeleton(text: str) -> str | None:
    """``text`` with its ``k``-th IRI matching :data:`_SLOT_IRI` replaced by slot ``k``
    (:func:`mnkg.kg.store.lookup_plan.slot`), or None when the text has a backslash (an escape
    may hide a ``<`` or a keyword) or no such IRI.

    An IRIREF is one terminal of the grammar: its characters do not change the parse tree, so
    the skeleton parses to the same tree as the text, with other IRIs. The shape of the
    skeleton (a real parse) is therefore the text's, as long as that shape names no IRI (no
    ``SERVICE``, ``LOAD``, ``FROM``) and has no problem (a message would quote the skeleton):
    see :func:`_reusable`. A span that an engine could read as ``<`` ... ``>`` operators
    instead holds only letters, digits and ``_.~:/%-``: no nesting, no group, no comment, so
    it cannot hide what the checks look for. Lookups that differ only in their IRIs (a client
    walking many terms) thus share one parse; a point lookup's plan names its IRIs by slot,
    filled from :func:`slot_iris` of each text.
    """
    if "\\" in text:
        return None
    numbers = itertools.count()
    replaced, found = _SLOT_IRI.subn(lambda _: slot(next(numbers)), text)
    return replaced if found else None


def slot_iris(text: str) -> list[str]:
    """The IRIs :func:`skeleton` puts in slots, in slot order (without their brackets)."""
    return [iri[1:-1] for iri in _SLOT_IRI.findall(text)]


def _reusable(shape: QueryShape) -> bool:
    """Whether a skeleton's shape is also the shape of every text with that skeleton."""
    return shape.problem is None and not (shape.services or shape.loads or shape.dataset)


def _from_cache(form: str, text: str) -> tuple[QueryShape | None, str | None]:
    """A cached shape for ``text`` (its own or its skeleton's), else the skeleton to parse
    first (None: parse the text itself)."""
    last = _GRAMMAR.last
    if last is not None and last[0] == (form, text):
        return last[1], None
    shape = _GRAMMAR.cached((form, text))
    if shape is not None:
        return shape, None
    bones = skeleton(text)
    if bones is None or bones == text:
        return None, None
    shape = _GRAMMAR.cached((form, bones))
    if shape is None:
        return None, bones
    if not _reusable(shape):
        return None, None
    _GRAMMAR.last = ((form, text), shape)
    return shape, None


def shape_of(form: str, text: str, *, timeout: float, public: bool = False) -> QueryShape:
    """The shape of ``text`` (``form``: ``query`` or ``update``), parsed at most once (texts
    that differ only in their IRIs share one parse, see :func:`skeleton`).

    ``public`` parses (text from ``/sparql``) may use only the public lane of the grammar
    process, so a hostile text that takes the whole time limit to parse never delays the
    domain API's."""
    shape, bones = _from_cache(form, text)
    if shape is not None:
        return shape
    if bones is not None:
        shape = _GRAMMAR.keep((form, bones), _parse(form, bones, timeout, public))
        if _reusable(shape):
            return shape
    return _GRAMMAR.keep((form, text), _parse(form, text, timeout, public))


async def ashape_of(form: str, text: str, *, timeout: float, public: bool = False) -> QueryShape:
    """:func:`shape_of` for an event loop (a first parse waits without blocking it)."""
    shape, bones = _from_cache(form, text)
    if shape is not None:
        return shape
    if bones is not None:
        shape = _GRAMMAR.keep((form, bones), await _aparse(form, bones, timeout, public))
        if _reusable(shape):
            return shape
    return _GRAMMAR.keep((form, text), await _aparse(form, text, timeout, public))


def _parse(form: str, text: str, timeout: float, public: bool) -> QueryShape:
    try:
        shape: QueryShape = _GRAMMAR.pool().call(
            "check", (form, text), timeout=timeout, public=public
        )
    except UserError as error:
        raise _timeout_message(error, timeout) from None
    return shape


async def _aparse(form: str, text: str, timeout: float, public: bool) -> QueryShape:
    try:
        shape: QueryShape = await _GRAMMAR.pool().acall(
            "check", (form, text), timeout=timeout, public=public
        )
    except UserError as error:
        raise _timeout_message(error, timeout) from None
    return shape


def _refuse_calls(shape: QueryShape, settings: Settings) -> None:
    allowed = set(settings.sparql_allowed_services)
    for what, iris in (("SERVICE", shape.services), ("LOAD", shape.loads)):
        for iri in iris:
            if iri not in allowed:
                raise FederationDisabled(
                    f"{what} <{iri}> is refused: this endpoint calls no other server "
                    "unless MNKG_SPARQL_ALLOWED_SERVICES names it"
                    if not iri.startswith("?")
                    else f"{what} {iri} is refused: the endpoint to call must be an IRI "
                    "on the allow-list (MNKG_SPARQL_ALLOWED_SERVICES), not a variable",
                    detail={"refused": iri, "allowed": sorted(allowed)},
                )
            if not settings.sparql_network:
                raise FederationDisabled(
                    f"{what} <{iri}> is on the allow-list, but the query workers have no "
                    "network: set MNKG_SPARQL_NETWORK=true to let them call it",
                    detail={"refused": iri},
                )


def check(shape: QueryShape, settings: Settings) -> None:
    """Refuse (a 400 naming the problem) what must not reach a query worker."""
    if shape.problem is not None:
        problem = shape.problem
        raise QuerySyntaxError(
            problem.message,
            detail={"parser": problem.raw, "line": problem.line, "column": problem.column},
        )
    if shape.depth > MAX_TREE_DEPTH:
        raise QueryTooDeep(
            f"the {shape.form} nests too deeply (parse tree deeper than {MAX_TREE_DEPTH} "
            "levels, about 100 nested brackets); deeper nesting would crash or stall the "
            "query engine"
        )
    _refuse_calls(shape, settings)


__all__ = [
    "MAX_TREE_DEPTH",
    "QueryShape",
    "QueryTooDeep",
    "SyntaxProblem",
    "ashape_of",
    "check",
    "shape_of",
    "skeleton",
    "slot_iris",
]

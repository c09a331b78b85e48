"""Bind query parameters by text: a ``VALUES`` block at the head of the outermost WHERE group.

Why not pyoxigraph's ``substitutions=``: in 0.5.13 it fails unless the variable is projected,
and a remote SPARQL server has no such option. Why not a trailing ``VALUES``: once an aggregate
hides the variable it is silently ignored (wrong counts). A ``VALUES`` block as the first element
of the WHERE group joins with everything in it, so it restricts the pattern before any grouping,
on every SPARQL 1.1 engine.

>>> from pyoxigraph import NamedNode
>>> inject_values("SELECT ?s WHERE { ?s ?p ?o }", {"p": NamedNode("http://ex/p")})
'SELECT ?s WHERE { VALUES (?p) { (<http://ex/p>) } ?s ?p ?o }'
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator, Mapping

from pyoxigraph import Literal, NamedNode

from mnkg.kg.errors import UserError
from mnkg.kg.store.base import Bindings

_VARNAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_IRIREF = re.compile(r'<[^<>"{}|^`\\\x00-\x20]*>')
_WORD = re.compile(r"[^\W\d]\w*")
"""A keyword, variable name or the start of a prefixed name: letters (any script) or ``_``, then
word characters (SPARQL's PN_CHARS go beyond ASCII: ``ex:café``, ``?ñ``)."""


def values_rows(variable: str, terms: Iterable[NamedNode | Literal]) -> str:
    """``VALUES ?variable { t1 t2 ... }``; every term must be a pyoxigraph IRI or literal
    (written in N-Triples syntax, validated and escaped by pyoxigraph, never caller text)."""
    name = variable.removeprefix("?").removeprefix("$")
    if not _VARNAME.match(name):
        raise ValueError(f"not a SPARQL variable name: {variable!r}")
    written = []
    for term in terms:
        if not isinstance(term, NamedNode | Literal):
            raise TypeError(f"?{name} must be bound to IRIs or literals, got {term!r}")
        written.append(str(term))
    return f"VALUES ?{name} {{ {' '.join(written)} }}"


def _values_blocks(bindings: Bindings) -> str:
    """One ``VALUES`` block for the one-term bindings, one per variable bound to a tuple."""
    single = {n: t for n, t in bindings.items() if not isinstance(t, tuple)}
    blocks = [_values_block(single)] if single else []
    blocks += [values_rows(n, t) for n, t in bindings.items() if isinstance(t, tuple)]
    return " ".join(blocks)


def _values_block(bindings: Mapping[str, object]) -> str:
    names: list[str] = []
    terms: list[str] = []
    for name, term in bindings.items():
        name = name.removeprefix("?").removeprefix("$")
        if not _VARNAME.match(name):
            raise UserError(f"not a SPARQL variable name: {name!r}")
        if not isinstance(term, NamedNode | Literal):
            raise UserError(f"?{name} must be bound to an IRI or a literal, got {term!r}")
        names.append("?" + name)
        terms.append(str(term))  # N-Triples syntax: validated and escaped by pyoxigraph
    return f"VALUES ({' '.join(names)}) {{ ({' '.join(terms)}) }}"


def _tokens(sparql: str) -> Iterator[tuple[str, int]]:
    """Yield the words (as written) and the brackets ``{}()[]`` and ``!`` of ``sparql``.

    Strings, IRIs, variables and comments are skipped, so their content is never mistaken for
    syntax. Prefixed names (``ex:where``, ``ex:café``) are not yielded. Never raises: whatever
    the text, every character is either skipped or yielded.
    """
    i, n = 0, len(sparql)
    while i < n:
        c = sparql[i]
        if c == "#":
            end = sparql.find("\n", i)
            i = n if end < 0 else end + 1
            continue
        if c in "\"'":
            triple = sparql[i : i + 3]
            if triple in ('"""', "'''"):
                end = sparql.find(triple, i + 3)
                while end > 0 and sparql[end - 1] == "\\":
                    end = sparql.find(triple, end + 1)
                i = n if end < 0 else end + 3
                continue
            j = i + 1
            while j < n and sparql[j] != c:
                j += 2 if sparql[j] == "\\" else 1
            i = j + 1
            continue
        if c == "<":
            m = _IRIREF.match(sparql, i)
            if m:
                i = m.end()
                continue
        if c == "?" or c == "$":
            m = _WORD.match(sparql, i + 1)
            i = m.end() if m else i + 1
            continue
        if c in "{}()[]!":
            yield c, i
        elif c.isalpha() or c == "_":
            m = _WORD.match(sparql, i)
            if m is None:  # a letter _WORD does not take (cannot happen; never an error)
                i += 1
                continue
            if sparql[m.end() : m.end() + 1] != ":" and sparql[i - 1 : i] != ":":
                yield m.group(), i
            i = m.end()
            continue
        i += 1


def _scan(sparql: str, *, all_depths: bool = False) -> Iterator[tuple[str, int]]:
    """Yield the keywords (upper-cased) and group openings (``"{"``) at nesting depth 0
    (at every depth with ``all_depths``)."""
    depth = 0
    for symbol, index in _tokens(sparql):
        if symbol == "{":
            if depth == 0:
                yield "{", index
            depth += 1
        elif symbol == "}":
            depth -= 1
        elif symbol in "()[]!":
            continue
        elif depth == 0 or all_depths:
            yield symbol.upper(), index


@functools.lru_cache(maxsize=1024)
def _where_brace(sparql: str) -> int:
    """Index of the ``{`` opening the outermost WHERE group.

    The group is the one after the ``WHERE`` keyword at nesting depth 0; a query without that
    keyword (``SELECT * { ... }``, ``ASK { ... }``) uses its first depth-0 group; CONSTRUCT
    always has the keyword (its first group is the template). Cached by text: a named
    query's text is the same on every call, only its bindings change. (This only places the
    bindings; what a query may do is checked on a real parse, :mod:`mnkg.kg.store.parse`.)
    """
    first_group: int | None = None
    is_construct = after_where = False
    for word, index in _scan(sparql):
        if word == "{":
            if after_where:
                return index
            if first_group is None:
                first_group = index
        elif word == "WHERE":
            after_where = True
        elif word == "CONSTRUCT":
            is_construct = True
    if first_group is not None and not is_construct:
        return first_group
    raise UserError("cannot bind parameters: the query has no WHERE group")


def inject_values(sparql: str, bindings: Bindings | None) -> str:
    """Return ``sparql`` with ``bindings`` as ``VALUES`` blocks opening its WHERE group: one
    row for the variables bound to a term, one block of several rows for each variable bound to
    a tuple of terms (:data:`mnkg.kg.store.base.Bindings`).

    >>> inject_values("SELECT ?t WHERE { ?t ?p ?o }", {"t": (NamedNode("http://ex/a"),)})
    'SELECT ?t WHERE { VALUES ?t { <http://ex/a> } ?t ?p ?o }'
    """
    if not bindings:
        return sparql
    brace = _where_brace(sparql)
    return f"{sparql[: brace + 1]} {_values_blocks(bindings)}{sparql[brace + 1 :]}"


__all__ = ["inject_values", "values_rows"]

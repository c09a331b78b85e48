"""Several-row ``VALUES`` blocks for the answers' queries (one variable, many terms).

:func:`mnkg.kg.store.inject_values` binds one row (``?term`` to one IRI). The answers also ask
about many terms at once (the labels of 3,000 conditions, the provenance of their associations):
:func:`inject_rows` writes those rows as one ``VALUES`` block at the same place, the head of the
outermost WHERE group, so that it restricts the pattern before any grouping. Every term is a
pyoxigraph term written in N-Triples syntax (validated and escaped by pyoxigraph), never text a
caller gave.

>>> from pyoxigraph import NamedNode
>>> terms = [NamedNode("http://ex/a"), NamedNode("http://ex/b")]
>>> inject_rows("SELECT ?t WHERE { ?t ?p ?o }", "t", terms)
'SELECT ?t WHERE { VALUES ?t { <http://ex/a> <http://ex/b> } ?t ?p ?o }'
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from pyoxigraph import Literal, NamedNode

from mnkg.kg.store import inject_values

Term = NamedNode | Literal
_VARNAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_MARK = NamedNode("urn:x-mnkg:values-position")
"""A one-row binding whose only use is to learn where :func:`inject_values` puts its block."""


def values_rows(variable: str, terms: Iterable[Term]) -> str:
    """``VALUES ?variable { t1 t2 ... }``; every term must be a pyoxigraph IRI or literal."""
    name = variable.removeprefix("?").removeprefix("$")
    if not _VARNAME.match(name):
        raise ValueError(f"not a SPARQL variable name: {variable!r}")
    written = []
    for term in terms:
        if not isinstance(term, NamedNode | Literal):
            raise TypeError(f"?{name} must be bound to IRIs or literals, got {term!r}")
        written.append(str(term))
    return f"VALUES ?{name} {{ {' '.join(written)} }}"


def _insertion_point(sparql: str, variable: str) -> int:
    """Where :func:`inject_values` puts a block: right after the ``{`` it opens.

    It inserts one contiguous block; the texts before and after agree up to (at least) the
    brace, and past it only over the block's leading blanks. A template must therefore not
    start its WHERE group with a VALUES block of the same variable (none does).
    """
    marked = inject_values(sparql, {variable: _MARK})
    common = next(
        (i for i, (a, b) in enumerate(zip(sparql, marked, strict=False)) if a != b), len(sparql)
    )
    brace = sparql.rfind("{", 0, common)
    if brace < 0:  # cannot happen: inject_values refuses a query without a WHERE group
        raise ValueError("cannot bind rows: the query has no WHERE group")
    return brace + 1


def inject_rows(sparql: str, variable: str, terms: Iterable[Term]) -> str:
    """``sparql`` with a several-row ``VALUES ?variable`` block opening its WHERE group."""
    block = values_rows(variable, terms)
    at = _insertion_point(sparql, variable.removeprefix("?").removeprefix("$"))
    return f"{sparql[:at]} {block}{sparql[at:]}"


__all__ = ["Term", "inject_rows", "values_rows"]

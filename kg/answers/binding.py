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

from collections.abc import Iterable

from pyoxigraph import Literal, NamedNode

from mnkg.kg.store import inject_values
from mnkg.kg.store.bindings import values_rows

Term = NamedNode | Literal


def inject_rows(sparql: str, variable: str, terms: Iterable[Term]) -> str:
    """``sparql`` with a several-row ``VALUES ?variable`` block opening its WHERE group."""
    return inject_values(sparql, {variable: tuple(terms)})


__all__ = ["Term", "inject_rows", "values_rows"]

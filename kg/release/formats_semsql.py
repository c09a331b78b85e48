"""``mnkg.db``: the release as a SemSQL SQLite database, the format of OAK's ``sqlite:`` adapter.

The schema is SemSQL's own (``semsql/semsql.sql``, copied from the ``semsql`` 0.4.0 wheel with
its BSD-3-Clause licence): one ``executescript`` creates its 18 tables and 82 views. We fill the
three tables the views read, as SemSQL's rdftab and relation-graph steps would, without their
binaries:

- ``statements``: every triple of the OBO release graph (ontology, imports, inferred subclass
  axioms, direct mapping triples), IRIs as CURIEs where a prefix is known, blank nodes as
  ``_:id``, each row with the named ``stanza`` its axiom belongs to;
- ``prefix``: the project's prefix map;
- ``entailed_edge``: the redundant graph (Ubergraph's closure of ``rdfs:subClassOf`` and of
  ``C R some D``) plus the reflexive ``C rdfs:subClassOf C`` rows relation-graph writes.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator
from importlib import resources
from pathlib import Path

from rdflib import OWL, RDF, BNode, Graph, Literal, URIRef
from rdflib.term import Node

from mnkg.kg.errors import UserError
from mnkg.kg.vocab.identifiers import compress, prefix_map

SCHEMA_RESOURCE = "semsql/semsql.sql"
Row = tuple[str | None, str, str, str | None, str | None, str | None, str | None]


def schema_sql() -> str:
    """SemSQL's schema script (package data of ``mnkg.kg.release``)."""
    return resources.files("mnkg.kg.release").joinpath(SCHEMA_RESOURCE).read_text("utf-8")


class _Names:
    """IRIs as CURIEs (cached), blank nodes as ``_:id``."""

    def __init__(self) -> None:
        self.cache: dict[Node, str] = {}

    def __call__(self, node: Node) -> str:
        name = self.cache.get(node)
        if name is None:
            if isinstance(node, BNode):
                name = f"_:{node}"
            else:
                try:
                    name = compress(str(node))
                except UserError:
                    name = str(node)
            self.cache[node] = name
        return name


def _stanzas(graph: Graph) -> dict[Node, Node]:
    """The named subject each blank node hangs from (the subject of its axiom)."""
    parent = {o: s for s, _p, o in graph if isinstance(o, BNode)}
    roots: dict[Node, Node] = {}
    for node in parent:
        seen: set[Node] = set()
        top: Node = node
        while isinstance(top, BNode) and top in parent and top not in seen:
            seen.add(top)
            top = parent[top]
        roots[node] = top
    return roots


def statement_rows(graph: Graph) -> Iterator[Row]:
    """One ``statements`` row per triple."""
    name = _Names()
    stanza_of = _stanzas(graph)
    for s, p, o in graph:
        stanza_node = stanza_of.get(s, s)
        stanza = None if isinstance(stanza_node, BNode) else name(stanza_node)
        if isinstance(o, Literal):
            datatype = name(URIRef(o.datatype)) if o.datatype else None
            if datatype is None and o.language is None:
                datatype = "xsd:string"
            yield (stanza, name(s), name(p), None, str(o), datatype, o.language)
        else:
            yield (stanza, name(s), name(p), name(o), None, None, None)


def entailed_rows(redundant: Graph, graph: Graph) -> Iterable[tuple[str, str, str]]:
    """The redundant graph's edges between named nodes, plus reflexive subclass rows."""
    name = _Names()
    rows = {
        (name(s), name(p), name(o))
        for s, p, o in redundant
        if isinstance(s, URIRef) and isinstance(o, URIRef)
    }
    rows |= {
        (name(c), "rdfs:subClassOf", name(c))
        for c in graph.subjects(RDF.type, OWL.Class)
        if isinstance(c, URIRef)
    }
    return sorted(rows)


def write_semsql(graph: Graph, redundant: Graph, path: Path) -> None:
    """Write ``mnkg.db`` (replacing any file there).

    The database is filled in memory and copied to disk with one backup: on a file, each of the
    schema's ~200 DDL statements would be its own synced transaction (seconds instead of ms).
    """
    path.unlink(missing_ok=True)
    memory = sqlite3.connect(":memory:")
    try:
        memory.executescript(schema_sql())
        memory.executemany(
            "INSERT INTO statements (stanza, subject, predicate, object, value, datatype, "
            "language) VALUES (?, ?, ?, ?, ?, ?, ?)",
            statement_rows(graph),
        )
        memory.executemany("INSERT INTO prefix (prefix, base) VALUES (?, ?)", prefix_map().items())
        memory.executemany(
            "INSERT INTO entailed_edge (subject, predicate, object) VALUES (?, ?, ?)",
            entailed_rows(redundant, graph),
        )
        memory.commit()
        disk = sqlite3.connect(path)
        try:
            memory.backup(disk)
        finally:
            disk.close()
    finally:
        memory.close()


__all__ = ["entailed_rows", "schema_sql", "statement_rows", "write_semsql"]

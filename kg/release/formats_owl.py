"""``mnkg.owl``: the release as OWL RDF/XML that pronto, OAK (py-horned-owl) and Protégé open.

rdflib writes RDF/XML as ``rdf:Description`` elements in arbitrary order, which pronto refuses
("could not find owl:Ontology element"). owlready2 writes the form OWL tools expect: the
``owl:Ontology`` header first, then typed elements (``owl:Class``, ``owl:ObjectProperty``) with
nested restrictions. Its root element declares every prefix of the release as ``xmlns``, which
OAK reads as its prefix map, so no ``--prefix`` is needed.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from tempfile import TemporaryDirectory

import owlready2
from owlready2 import driver
from rdflib import Graph


@contextmanager
def _declared_namespaces(prefixes: Mapping[str, str]) -> Iterator[None]:
    """owlready2 declares the namespaces of its ``_XMLNS`` table (and invents names for the
    others, such as ``oboI`` for oboInOwl); extend the table for the duration of one save."""
    saved = dict(driver._XMLNS)
    for prefix, uri in prefixes.items():
        driver._XMLNS.setdefault(uri, f"{prefix}:")
    try:
        yield
    finally:
        driver._XMLNS.clear()
        driver._XMLNS.update(saved)


def write_owl(graph: Graph, prefixes: Mapping[str, str], path: Path) -> None:
    """Write ``graph`` (one ontology, its header included) as OWL RDF/XML to ``path``."""
    with TemporaryDirectory(prefix="mnkg-owl-") as scratch:
        triples = Path(scratch) / "release.nt"
        graph.serialize(triples, format="nt", encoding="utf-8")
        world = owlready2.World()
        try:
            ontology = world.get_ontology(triples.as_uri()).load(format="ntriples")
            with _declared_namespaces(prefixes):
                ontology.save(str(path), format="rdfxml")
        finally:
            world.close()


__all__ = ["write_owl"]

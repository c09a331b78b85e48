"""pronto opens mnkg.owl and mnkg.obo; the headers declare the prefixes; mnkg.json is obographs;
mnkg.db has SemSQL's schema."""

from __future__ import annotations

import sqlite3
import warnings
from pathlib import Path

import obographs
import pronto
import pytest

UMN_LESION = "MNKG:0000101"


@pytest.mark.parametrize("name", ["mnkg.owl", "mnkg.obo"])
def test_pronto_opens_the_release_with_mnkg_curies(obo_release: Path, name: str) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", SyntaxWarning)  # pronto skips OWL axioms OBO lacks
        ontology = pronto.Ontology(str(obo_release / name))
    assert len(ontology.terms()) > 500
    term = ontology[UMN_LESION]
    assert term.name == "upper motor neuron lesion"
    assert "MNKG:0000100" in {t.id for t in term.superclasses(distance=1)}
    assert "UMN lesion" in {s.description for s in term.synonyms}


def test_pronto_reads_the_relationships_of_the_obo_file(obo_release: Path) -> None:
    ontology = pronto.Ontology(str(obo_release / "mnkg.obo"))
    assert ontology.metadata.ontology == "mnkg"
    assert ontology.metadata.idspaces["MNKG"][0] == "https://w3id.org/mnkg/MNKG_"
    relations = {
        r.id: {t.id for t in ts} for r, ts in ontology["MONDO:0009688"].relationships.items()
    }
    assert "GO:0031594" in relations["RO:0004026"]


def test_the_owl_file_starts_with_its_header_and_declares_the_prefixes(obo_release: Path) -> None:
    text = (obo_release / "mnkg.owl").read_text(encoding="utf-8")
    assert 'xmlns:MNKG="https://w3id.org/mnkg/MNKG_"' in text[:5000]
    first_element = text.index("<owl:")
    assert text[first_element:].startswith(
        '<owl:Ontology rdf:about="https://w3id.org/mnkg/mnkg.owl"'
    )
    assert "<rdf:Description rdf:about" not in text.split("</owl:Ontology>")[0]
    assert "<sh:declare" in text.split("</owl:Ontology>")[0]


def test_the_obo_header_declares_format_ontology_and_idspaces(obo_release: Path) -> None:
    header = (obo_release / "mnkg.obo").read_text(encoding="utf-8").split("\n\n")[0].splitlines()
    assert header[0] == "format-version: 1.4"
    assert "ontology: mnkg" in header
    assert "idspace: MNKG https://w3id.org/mnkg/MNKG_" in header


def test_the_json_file_is_an_obographs_document(obo_release: Path) -> None:
    document = obographs.read(obo_release / "mnkg.json", squeeze=False)
    graph = document.graphs[0]  # type: ignore[union-attr]
    nodes = {node.id: node for node in graph.nodes}
    assert nodes[UMN_LESION].lbl == "upper motor neuron lesion"
    assert (UMN_LESION, "is_a", "MNKG:0000100") in {(e.sub, e.pred, e.obj) for e in graph.edges}
    declared = {p.val for p in graph.meta.basicPropertyValues if p.pred.endswith("#declare")}
    assert "MNKG=https://w3id.org/mnkg/MNKG_" in declared


def test_the_db_has_semsql_schema_prefixes_and_entailed_edges(obo_release: Path) -> None:
    with sqlite3.connect(obo_release / "mnkg.db") as db:
        kinds = dict(
            db.execute("SELECT type, COUNT(*) FROM sqlite_master GROUP BY type").fetchall()
        )
        assert kinds["table"] >= 18 and kinds["view"] >= 82
        base = db.execute("SELECT base FROM prefix WHERE prefix = 'MNKG'").fetchone()
        assert base == ("https://w3id.org/mnkg/MNKG_",)
        label = db.execute(
            "SELECT value FROM rdfs_label_statement WHERE subject = ?", (UMN_LESION,)
        ).fetchone()
        assert label == ("upper motor neuron lesion",)
        edge = db.execute(
            "SELECT COUNT(*) FROM entailed_edge WHERE subject = 'MONDO:0004976' "
            "AND predicate = 'rdfs:subClassOf' AND object = 'MNKG:0000402'"
        ).fetchone()
        assert edge == (1,)

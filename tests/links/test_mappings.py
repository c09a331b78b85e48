"""The SSSOM mapping sets: up to date with the generator, valid SSSOM, and their RDF graph."""

from __future__ import annotations

import csv
import json
from collections import Counter
from pathlib import Path

import pytest
import rdflib
from rdflib.namespace import OWL, RDF, SKOS
from sssom.parsers import parse_sssom_json, parse_sssom_table
from sssom.validators import validate

from mnkg.kg.sources import mapping_sets as mappings
from mnkg.kg.vocab import identifiers, sssom

ROOT = Path(__file__).resolve().parents[2]
MAPPINGS_DIR = ROOT / "ontology" / "mappings"
ALS = "http://purl.obolibrary.org/obo/MONDO_0004976"
SSSOM = rdflib.Namespace("https://w3id.org/sssom/")


def _files() -> list[Path]:
    files = sorted(MAPPINGS_DIR.glob("*.sssom.tsv"))
    assert {p.name for p in files} >= {"mnkg-mondo-xrefs.sssom.tsv", "mnkg-hp-xrefs.sssom.tsv"}
    return files


def test_committed_files_are_what_the_generator_makes() -> None:
    rendered = mappings.rendered_sets()
    for name, text in rendered.items():
        committed = (MAPPINGS_DIR / name).read_text("utf-8")
        assert committed == text, f"{name} is stale: run python -m mnkg.kg.sources.mapping_sets"
    assert mappings.main(["--check"]) == 0


@pytest.mark.parametrize("path", _files(), ids=lambda p: p.name)
def test_sssom_toolkit_parses_and_validates(path: Path) -> None:
    msdf = parse_sssom_table(path)
    assert len(msdf.df) > 0
    assert msdf.metadata["license"] == sssom.CC0
    assert msdf.metadata["mapping_set_id"].startswith("https://w3id.org/mnkg/mappings/")
    assert "mapping_set_version" in msdf.metadata
    validate(msdf, fail_on_error=True)
    assert set(msdf.df["mapping_justification"]) <= {
        "semapv:ManualMappingCuration",
        "semapv:UnspecifiedMatching",
    }
    # the curie_map of the file is the project's (one converter)
    for prefix, uri in msdf.converter.bimap.items():
        if prefix in identifiers.prefix_map():
            assert identifiers.prefix_map()[prefix] == uri


def test_validation_catches_a_broken_file(tmp_path: Path) -> None:
    text = (MAPPINGS_DIR / "mnkg-mondo-xrefs.sssom.tsv").read_text("utf-8")
    broken = tmp_path / "broken.sssom.tsv"
    # a row whose object uses a prefix the curie_map does not declare
    broken.write_text(text + "MONDO:0004976\tx\tskos:exactMatch\tNOPE:1\t\tsemapv:Foo\t\n", "utf-8")
    msdf = parse_sssom_table(broken)
    with pytest.raises(Exception):  # noqa: B017 - sssom raises its own report error types
        validate(msdf, fail_on_error=True)


def test_mondo_set_holds_every_exact_match_of_the_vocab_table() -> None:
    rows = {(r.subject_id, r.predicate_id, r.object_id) for r in sssom.load_mappings()}
    expected = set()
    with (ROOT / "ontology" / "vocab" / "diseases.tsv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            if not row["mondo_id"]:
                continue
            for column in mappings.DISEASE_COLUMNS:
                for value in filter(None, (row[column] or "").split("|")):
                    expected.add((row["mondo_id"], "skos:exactMatch", identifiers.normalize(value)))
    used = mappings.ontology_terms()
    if used is not None:
        expected = {e for e in expected if e[0] in used}
    assert expected
    assert expected <= rows
    # not-exact cross-references are never promoted to exact matches
    assert ("MONDO:0100428", "skos:exactMatch", "ORPHA:56965") not in rows


def test_hpo_xrefs_are_database_cross_references_not_exact_matches() -> None:
    rows = [r for r in sssom.load_mappings() if r.subject_id.startswith("HP:")]
    assert rows
    assert {r.predicate_id for r in rows} == {"oboInOwl:hasDbXref"}
    assert {r.object_id.split(":")[0] for r in rows} <= {"UMLS", "SNOMEDCT", "MESH"}
    assert any(r.subject_id == "HP:0001324" and r.object_id == "SNOMEDCT:26544005" for r in rows)


def test_generator_restricts_to_the_terms_the_ontology_uses(tmp_path: Path) -> None:
    (tmp_path / "imports").mkdir()
    (tmp_path / "imports" / "mondo_import.ttl").write_text(
        f"<{ALS}> a <http://www.w3.org/2002/07/owl#Class> .\n", "utf-8"
    )
    (tmp_path / "mnkg-edit.ttl").write_text(
        "@prefix obo: <http://purl.obolibrary.org/obo/> .\n"
        "# HP:0000001 in a comment is not a use\n"
        "obo:HP_0001324 a <http://www.w3.org/2002/07/owl#Class> .\n",
        "utf-8",
    )
    used = mappings.ontology_terms(tmp_path)
    assert used == {"MONDO:0004976", "HP:0001324"}
    sets = {s.name: s for s in mappings.generate(used=used)}
    assert {r.subject_id for r in sets["mnkg-mondo-xrefs"].rows} == {"MONDO:0004976"}
    assert {r.subject_id for r in sets["mnkg-hp-xrefs"].rows} == {"HP:0001324"}
    assert mappings.ontology_terms(tmp_path / "nowhere") is None


def test_mappings_graph_has_direct_triples_and_annotated_axioms() -> None:
    rows = sssom.load_mappings()
    graph = mappings.mappings_graph()
    als = rdflib.URIRef(ALS)
    icd = rdflib.URIRef("http://purl.bioontology.org/ontology/ICD10CM/G12.21")
    assert (als, SKOS.exactMatch, icd) in graph
    axioms = list(graph.subjects(RDF.type, OWL.Axiom))
    assert len(axioms) == len(rows)
    (axiom,) = [
        a
        for a in axioms
        if (a, OWL.annotatedSource, als) in graph and (a, OWL.annotatedTarget, icd) in graph
    ]
    assert (axiom, OWL.annotatedProperty, SKOS.exactMatch) in graph
    assert (
        axiom,
        SSSOM.mapping_justification,
        rdflib.URIRef("https://w3id.org/semapv/vocab/ManualMappingCuration"),
    ) in graph
    assert graph.value(axiom, SSSOM.mapping_set_id) == rdflib.URIRef(
        "https://w3id.org/mnkg/mappings/mnkg-mondo-xrefs.sssom.tsv"
    )
    xref = rdflib.URIRef("http://www.geneontology.org/formats/oboInOwl#hasDbXref")
    weakness = rdflib.URIRef("http://purl.obolibrary.org/obo/HP_0001324")
    assert (weakness, xref, rdflib.Literal("UMLS:C0151786")) in graph
    direct = sum(1 for _ in graph.triples((None, SKOS.exactMatch, None)))
    assert direct == sum(1 for r in rows if r.predicate_id == "skos:exactMatch")


def test_tsv_export_is_valid_sssom_holding_every_mapping(tmp_path: Path) -> None:
    path = tmp_path / "all.sssom.tsv"
    path.write_text(sssom.export_tsv(), "utf-8")
    msdf = parse_sssom_table(path)
    validate(msdf, fail_on_error=True)
    assert len(msdf.df) == len(sssom.load_mappings())


def test_json_export_is_valid_sssom(tmp_path: Path) -> None:
    document = sssom.export_json()
    path = tmp_path / "all.sssom.json"
    path.write_text(json.dumps(document), "utf-8")
    msdf = parse_sssom_json(str(path))
    validate(msdf, fail_on_error=True)
    assert len(msdf.df) == len(sssom.load_mappings())
    assert document["@context"]["ICD10CM"] == "http://purl.bioontology.org/ontology/ICD10CM/"


def test_counts_per_target_vocabulary() -> None:
    counts = Counter(r.object_id.split(":")[0] for r in sssom.load_mappings())
    # every target vocabulary of MONDO's exact matches in the table is represented
    for prefix in ("DOID", "ORPHA", "OMIM", "MESH", "UMLS", "ICD10CM", "SNOMEDCT", "NCIT"):
        assert counts[prefix] > 0, prefix


@pytest.mark.parametrize("path", _files(), ids=lambda p: p.name)
def test_sssom_validate_cli_passes(path: Path) -> None:
    import shutil
    import subprocess

    sssom_cli = shutil.which("sssom")
    assert sssom_cli, "the sssom CLI comes with the test extra"
    result = subprocess.run(
        [sssom_cli, "validate", str(path)], capture_output=True, text=True, timeout=300, check=False
    )
    assert result.returncode == 0, result.stderr[-2000:]

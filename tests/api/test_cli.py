"""``mnkg query``, ``mnkg term`` and ``mnkg localize`` as a user runs them (subprocess)."""

from __future__ import annotations

import json
import subprocess

import httpx
from helpers.api_vocab import ALS, BELL, sign
from helpers.concurrent_cli import mnkg_on, run_concurrently

from mnkg.kg.settings import Settings


def mnkg(settings: Settings, *args: str) -> subprocess.CompletedProcess[str]:
    return run_concurrently([mnkg_on(settings.data_dir, *args)])[0]


def mnkg_each(settings: Settings, *runs: tuple[str, ...]) -> list[subprocess.CompletedProcess[str]]:
    """Several independent runs, side by side (helpers/concurrent_cli.py)."""
    return run_concurrently([mnkg_on(settings.data_dir, *args) for args in runs])


def test_query_json_matches_http(settings: Settings, http: httpx.Client) -> None:
    done = mnkg(
        settings, "query", "lesion-sites-of-condition", "--param", f"condition={BELL}", "--json"
    )
    assert done.returncode == 0, done.stderr
    ours = json.loads(done.stdout)
    over_http = http.get("/queries/lesion-sites-of-condition", params={"condition": BELL}).json()
    assert ours == over_http


def test_query_table_and_bad_parameter(settings: Settings) -> None:
    done, bad = mnkg_each(
        settings,
        ("query", "conditions-with-lmn-signs", "--param", "min_signs=2"),
        ("query", "conditions-with-lmn-signs", "--param", "min_signs=two"),
    )
    assert done.returncode == 0, done.stderr
    assert "amyotrophic lateral sclerosis" in done.stdout
    assert bad.returncode != 0
    assert "min_signs" in bad.stderr and "Traceback" not in bad.stderr


def test_term_json_and_unknown_id(settings: Settings) -> None:
    done, table, unknown = mnkg_each(
        settings, ("term", "ICD10CM:G12.21", "--json"), ("term", ALS), ("term", "MONDO:0004977")
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["id"] == ALS
    assert table.returncode == 0 and "amyotrophic lateral sclerosis" in table.stdout
    assert unknown.returncode != 0 and "not in the graph" in unknown.stderr
    assert "Traceback" not in unknown.stderr


def test_localize_json_and_table(settings: Settings) -> None:
    signs = [sign("Fasciculations"), sign("Hyporeflexia"), sign("Skeletal muscle atrophy")]
    done, table = mnkg_each(
        settings,
        ("localize", *signs, "--absent", sign("Babinski sign"), "--json"),
        ("localize", sign("Babinski sign"), "--age-months", "6"),
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["localization"] == "LMN"
    assert table.returncode == 0, table.stderr
    assert "localization: indeterminate" in table.stdout
    assert "infant" in table.stdout.lower()


def test_term_by_label_or_synonym_like_search(settings: Settings, http: httpx.Client) -> None:
    als = http.get(f"/terms/{ALS}").json()
    bell = http.get(f"/terms/{BELL}").json()["label"]
    synonym, label, ambiguous, unknown = mnkg_each(
        settings,
        ("term", "Lou Gehrig disease", "--json"),
        ("term", bell.upper(), "--json"),  # any case, like /search
        # the label of HPO's phenotype, MONDO's disease and Orphanet's: refused, candidates named
        ("term", als["label"]),
        ("term", "no such disease at all"),
    )
    assert synonym.returncode == 0, synonym.stderr
    page = json.loads(synonym.stdout)
    assert page["id"] == ALS
    assert page == als  # the same page as the API
    assert label.returncode == 0, label.stderr
    assert json.loads(label.stdout)["id"] == BELL
    assert ambiguous.returncode != 0 and "several terms" in ambiguous.stderr
    assert ALS in ambiguous.stderr and "Traceback" not in ambiguous.stderr
    assert unknown.returncode != 0 and "Traceback" not in unknown.stderr
    assert "no such disease at all" in unknown.stderr


def test_term_shows_negations_and_claims_apart(settings: Settings) -> None:
    done, as_json = mnkg_each(settings, ("term", ALS), ("term", ALS, "--json"))
    assert done.returncode == 0, done.stderr
    text = done.stdout
    negated = text[text.index("# negated") :]
    assert "amyotrophic lateral sclerosis does not have phenotype" in negated
    claims = text[text.index("# claims") :]
    assert "contradicted" in claims
    edges = text[text.index("# outgoing edges") : text.index("# negated")]
    page = json.loads(as_json.stdout)
    for negation in page["negated_edges"]:
        assert f"\t{negation['id']}\t" not in edges  # never listed as an edge

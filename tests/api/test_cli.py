"""``mnkg query``, ``mnkg term`` and ``mnkg localize`` as a user runs them (subprocess)."""

from __future__ import annotations

import json
import subprocess
import sys

import httpx
from helpers.api_vocab import ALS, BELL, sign

from mnkg.kg.settings import Settings


def mnkg(settings: Settings, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [
            sys.executable,
            "-c",
            "from mnkg.kg.cli import main; main()",
            *args,
            "--data-dir",
            str(settings.data_dir),
        ],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def test_query_json_matches_http(settings: Settings, http: httpx.Client) -> None:
    done = mnkg(
        settings, "query", "lesion-sites-of-condition", "--param", f"condition={BELL}", "--json"
    )
    assert done.returncode == 0, done.stderr
    ours = json.loads(done.stdout)
    over_http = http.get("/queries/lesion-sites-of-condition", params={"condition": BELL}).json()
    assert ours == over_http


def test_query_table_and_bad_parameter(settings: Settings) -> None:
    done = mnkg(settings, "query", "conditions-with-lmn-signs", "--param", "min_signs=2")
    assert done.returncode == 0, done.stderr
    assert "amyotrophic lateral sclerosis" in done.stdout
    bad = mnkg(settings, "query", "conditions-with-lmn-signs", "--param", "min_signs=two")
    assert bad.returncode != 0
    assert "min_signs" in bad.stderr and "Traceback" not in bad.stderr


def test_term_json_and_unknown_id(settings: Settings) -> None:
    done = mnkg(settings, "term", "ICD10CM:G12.21", "--json")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["id"] == ALS
    table = mnkg(settings, "term", ALS)
    assert table.returncode == 0 and "amyotrophic lateral sclerosis" in table.stdout
    unknown = mnkg(settings, "term", "MONDO:0004977")
    assert unknown.returncode != 0 and "not in the graph" in unknown.stderr
    assert "Traceback" not in unknown.stderr


def test_localize_json_and_table(settings: Settings) -> None:
    signs = [sign("Fasciculations"), sign("Hyporeflexia"), sign("Skeletal muscle atrophy")]
    done = mnkg(settings, "localize", *signs, "--absent", sign("Babinski sign"), "--json")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["localization"] == "LMN"
    table = mnkg(settings, "localize", sign("Babinski sign"), "--age-months", "6")
    assert table.returncode == 0, table.stderr
    assert "localization: indeterminate" in table.stdout
    assert "infant" in table.stdout.lower()

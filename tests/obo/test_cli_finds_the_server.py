"""The CLI finds the data directory ``mnkg serve`` used, talks to a running server with
``--url``, names ``--data-dir`` when nothing is loaded, and ``check-links --help`` keeps the
extra's brackets. Every command runs as a user runs it (a subprocess)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from fixtures.servers import LiveServer
from helpers.concurrent_cli import Run, in_background

QUERY = ("query", "lesion-sites-of-condition", "--param", "condition=MONDO:0004976", "--json")


def mnkg(*args: str, env: dict[str, str], timeout: float = 300) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "mnkg.kg.cli", *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
        env=env,
    )


def clean_env(served_file: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("MNKG_")}
    env["MNKG_SERVED_FILE"] = str(served_file)
    env["COLUMNS"] = "200"
    return env


@pytest.fixture(scope="module")
def served(
    curated_data_dir: Path,
    start_server: Callable[..., LiveServer],
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[tuple[str, Path]]:
    """``mnkg serve --data-dir X`` running; its URL and the settings file it wrote."""
    served_file = tmp_path_factory.mktemp("config") / "served.json"
    with start_server(curated_data_dir, MNKG_SERVED_FILE=str(served_file)) as server:
        yield server.url, served_file


def test_serve_records_its_data_directory(served: tuple[str, Path], curated_data_dir: Path) -> None:
    url, served_file = served
    record = json.loads(served_file.read_text())
    assert Path(record["data_dir"]) == curated_data_dir.resolve()
    assert record["url"] == url


@pytest.fixture(scope="module")
def query_runs(
    served: tuple[str, Path], tmp_path_factory: pytest.TempPathFactory
) -> dict[str, Run]:
    """The named query, run side by side: once finding the served data directory through the
    record ``mnkg serve`` wrote, once with ``--url`` and no record (only the URL finds data)."""
    url, served_file = served
    no_record = clean_env(tmp_path_factory.mktemp("no-record") / "none.json")
    command = [sys.executable, "-m", "mnkg.kg.cli", *QUERY, "--url", url]
    with in_background(command, env=no_record) as over_http:
        by_record = mnkg(*QUERY, env=clean_env(served_file))
        return {"served data dir": by_record, "url": over_http.result()}


def test_query_without_data_dir_uses_the_served_one(query_runs: dict[str, Run]) -> None:
    done = query_runs["served data dir"]
    assert done.returncode == 0, done.stderr
    answer = json.loads(done.stdout)
    assert answer["count"] > 0 and "site" in answer["columns"]


def test_query_with_url_asks_the_running_server(query_runs: dict[str, Run]) -> None:
    over_http = query_runs["url"]
    assert over_http.returncode == 0, over_http.stderr
    embedded = query_runs["served data dir"]
    assert json.loads(over_http.stdout) == json.loads(embedded.stdout)


def test_nothing_loaded_names_data_dir_and_url(tmp_path: Path) -> None:
    env = clean_env(tmp_path / "none.json")
    env["MNKG_DATA_DIR"] = str(tmp_path / "empty")
    done = mnkg(*QUERY, env=env)
    assert done.returncode != 0
    assert "--data-dir" in done.stderr and "--url" in done.stderr
    assert "Traceback" not in done.stderr


def test_check_links_help_shows_the_extra(tmp_path: Path) -> None:
    done = mnkg("check-links", "--help", env=clean_env(tmp_path / "none.json"))
    assert done.returncode == 0
    assert "pip install 'mnkg[links]'" in " ".join(done.stdout.split())

"""The CLI finds the data directory ``mnkg serve`` used, talks to a running server with
``--url``, names ``--data-dir`` when nothing is loaded, and ``check-links --help`` keeps the
extra's brackets. Every command runs as a user runs it (a subprocess)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from fixtures.servers import LiveServer

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
) -> tuple[str, Path]:
    """``mnkg serve --data-dir X`` running; its URL and the settings file it wrote."""
    served_file = tmp_path_factory.mktemp("config") / "served.json"
    server = start_server(curated_data_dir, MNKG_SERVED_FILE=str(served_file))
    return server.url, served_file


def test_serve_records_its_data_directory(served: tuple[str, Path], curated_data_dir: Path) -> None:
    url, served_file = served
    record = json.loads(served_file.read_text())
    assert Path(record["data_dir"]) == curated_data_dir.resolve()
    assert record["url"] == url


def test_query_without_data_dir_uses_the_served_one(served: tuple[str, Path]) -> None:
    _url, served_file = served
    done = mnkg(*QUERY, env=clean_env(served_file))
    assert done.returncode == 0, done.stderr
    answer = json.loads(done.stdout)
    assert answer["count"] > 0 and "site" in answer["columns"]


def test_query_with_url_asks_the_running_server(served: tuple[str, Path], tmp_path: Path) -> None:
    url, _served_file = served
    env = clean_env(tmp_path / "none.json")  # no record: only --url can find the data
    over_http = mnkg(*QUERY, "--url", url, env=env)
    assert over_http.returncode == 0, over_http.stderr
    embedded = mnkg(*QUERY, env=clean_env(_served_file))
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

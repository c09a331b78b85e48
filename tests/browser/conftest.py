"""A live MNKG server on 127.0.0.1 and a headless Chromium driven by selenium.

The server is the real app (``create_app``) on uvicorn, in a thread, over an in-memory store
loaded with a few labelled classes. Chromium is Debian's (``chromium``, ``chromium-driver``);
without it the tests are skipped, except in CI (``CI=true``), where its absence is a failure.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
from fixtures.servers import serving

from mnkg.api.app import create_app
from mnkg.kg.iris import Graph
from mnkg.kg.settings import Settings
from mnkg.kg.store import Store, open_store

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMEDRIVER = shutil.which("chromedriver") or (
    "/usr/bin/chromedriver" if Path("/usr/bin/chromedriver").exists() else None
)
IN_CI = os.environ.get("CI", "").lower() == "true"

EX = "http://example.org/mnkg-browser-test/"
LABELS = {f"{EX}c{i}": f"browser test class {i}" for i in range(1, 6)}


def _release(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    lines = [
        f'<{iri}> <http://www.w3.org/2000/01/rdf-schema#label> "{label}" <{Graph.ONTOLOGY}> .'
        for iri, label in LABELS.items()
    ]
    (folder / "mnkg.nq").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


@dataclass
class LiveServer:
    """The running app: its base URL and the store behind it."""

    url: str
    store: Store
    labels: dict[str, str]


@pytest.fixture(scope="module")
def live_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """The app on uvicorn at http://127.0.0.1:<free port>, stopped after the module."""
    settings = Settings(data_dir=tmp_path_factory.mktemp("data"), query_timeout=10.0)
    store = open_store("memory:", settings=settings)
    store.load_release(_release(tmp_path_factory.mktemp("release")))  # type: ignore[attr-defined]
    with serving(create_app(settings=settings, store=store)) as url:
        httpx.get(url + "/plain", timeout=10).raise_for_status()
        yield LiveServer(url, store, dict(LABELS))
    store.close()


@pytest.fixture
def browser() -> Iterator[object]:
    """A fresh headless Chromium (its own profile), quit after the test."""
    if CHROMIUM is None or CHROMEDRIVER is None:
        message = "Debian chromium and chromium-driver are needed for the browser tests"
        if IN_CI:
            pytest.fail(message + " (CI=true: they must be installed)")
        pytest.skip(message)
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    profile = tempfile.mkdtemp(prefix="mnkg-chromium-")
    for flag in (
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-dev-shm-usage",
        "--window-size=1400,1000",
        f"--user-data-dir={profile}",
    ):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"performance": "ALL", "browser": "ALL"})
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.set_page_load_timeout(30)
    driver.set_script_timeout(30)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)

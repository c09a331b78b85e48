"""Fixtures for the remote-store tests: a real Virtuoso on 127.0.0.1, one release loaded into
it and into the embedded store, and the app over each.

Virtuoso is started and stopped by ``.ci/virtuoso.sh`` (database in a pytest temp dir). Without the
``virtuoso-t`` binary the tests are skipped, except in CI (``CI=true``), where it is a failure. The
release is the session's real build (``built_release``), or with MNKG_TEST_FIXTURE_RELEASE=1 the
small fixture release of ``helpers/release_fixture.py``."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from fixtures.release import BuiltRelease
from helpers.release_fixture import write_fixture_release

from mnkg.api.app import create_app
from mnkg.kg.settings import Settings
from mnkg.kg.store import LoadReport
from mnkg.kg.store.oxigraph import OxigraphStore
from mnkg.kg.store.remote import RemoteStore

REPO = Path(__file__).resolve().parents[2]
SCRIPT = REPO / ".ci" / "virtuoso.sh"
IN_CI = os.environ.get("CI", "").lower() == "true"


@dataclass
class Virtuoso:
    """A running Virtuoso: its SPARQL endpoint and Graph Store Protocol URLs."""

    sparql: str
    graph_store: str
    directory: Path


@pytest.fixture(scope="session")
def virtuoso(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Virtuoso]:
    """Virtuoso on 127.0.0.1 and free ports, its database in a temp dir; stopped afterwards."""
    if shutil.which("virtuoso-t") is None:
        message = "virtuoso-t not found (Debian package virtuoso-opensource)"
        if IN_CI:
            pytest.fail(message + "; CI=true, so the remote-store tests must run")
        pytest.skip(message)
    directory = tmp_path_factory.mktemp("virtuoso")
    env = {**os.environ, "VIRTUOSO_DIR": str(directory / "server")}
    started = subprocess.run(
        ["bash", str(SCRIPT), "start"],
        env=env,
        capture_output=True,
        text=True,
        timeout=240,
        check=False,
    )
    if started.returncode != 0:
        pytest.fail(f"Virtuoso did not start: {started.stderr[-2000:]}")
    url = started.stdout.strip().splitlines()[-1]
    try:
        yield Virtuoso(url, url + "-graph-crud", directory / "server")
    finally:
        subprocess.run(
            ["bash", str(SCRIPT), "stop"], env=env, capture_output=True, timeout=120, check=False
        )


@dataclass
class Release:
    """The release under test and where it came from."""

    path: Path
    real: bool


@pytest.fixture(scope="session")
def release(built_release: BuiltRelease, tmp_path_factory: pytest.TempPathFactory) -> Release:
    """The session's real release, or (MNKG_TEST_FIXTURE_RELEASE=1) the small fixture release."""
    if os.environ.get("MNKG_TEST_FIXTURE_RELEASE") == "1":
        folder = tmp_path_factory.mktemp("release")
        return Release(write_fixture_release(folder), real=False)
    # The release without its HPO hierarchy (hpo.nq, 150k quads): the remote tests compare the
    # curated graphs, and pushing HPO through SPARQL Update would take minutes per load.
    folder = tmp_path_factory.mktemp("release") / "release"
    shutil.copytree(built_release.path, folder, ignore=shutil.ignore_patterns("hpo.nq"))
    return Release(folder, real=True)


@dataclass
class Backend:
    """One store with the release loaded, and the app over it."""

    name: str
    store: OxigraphStore | RemoteStore
    client: TestClient
    report: LoadReport
    settings: Settings


def _settings(**overrides: object) -> Settings:
    options: dict[str, object] = {"query_timeout": 60.0, "result_limit": 100_000} | overrides
    return Settings(**options)  # type: ignore[arg-type]


@pytest.fixture(scope="session")
def embedded(tmp_path_factory: pytest.TempPathFactory, release: Release) -> Iterator[Backend]:
    """The embedded on-disk store with the release, and the app over it."""
    settings = _settings(data_dir=tmp_path_factory.mktemp("embedded"))
    store = OxigraphStore(settings.data_dir, settings=settings)
    report = store.load_release(release.path)
    with TestClient(create_app(settings=settings, store=store)) as client:
        yield Backend("embedded", store, client, report, settings)
    store.close()


@pytest.fixture(scope="session")
def remote(
    tmp_path_factory: pytest.TempPathFactory, virtuoso: Virtuoso, release: Release
) -> Iterator[Backend]:
    """Virtuoso with the release pushed by the Graph Store Protocol, and the app over it."""
    settings = _settings(
        data_dir=tmp_path_factory.mktemp("remote"),
        store=virtuoso.sparql,
        graph_store_url=virtuoso.graph_store,
    )
    store = RemoteStore(virtuoso.sparql, settings=settings)
    report = store.load_release(release.path)
    with TestClient(create_app(settings=settings, store=store)) as client:
        yield Backend("virtuoso", store, client, report, settings)
    store.close()


@pytest.fixture(scope="session")
def backends(embedded: Backend, remote: Backend) -> tuple[Backend, Backend]:
    """Both backends, embedded first."""
    return embedded, remote

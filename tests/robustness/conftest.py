"""Fixtures of the robustness tests: the curated release in an on-disk store, served by a real
``mnkg serve`` on 127.0.0.1 (write token set, 10 s query limit).

``MNKG_ROBUSTNESS_DATA_DIR`` (optional) names a data directory that already holds a built and
loaded release; it is only read (never written) by the tests. Without it the release is built
once per session (``mnkg.kg.release.pipeline.build_release``, about a minute).
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from mnkg.kg.settings import Settings
from mnkg.kg.store.layout import current_store

TOKEN = "robustness-write-token"
QUERY_TIMEOUT = 10.0
"""Generous: on a busy CI machine an ordinary query must not hit the limit (runaway tests
start their own server with a short one)."""
MNKG = [sys.executable, "-c", "from mnkg.kg.cli import main; main()"]
"""What the ``mnkg`` console script runs."""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class LiveServer:
    """A ``mnkg serve`` process in its own process group, and its URL."""

    def __init__(self, data_dir: Path, log: Path, **env: str) -> None:
        self.data_dir = data_dir
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.sparql = self.url + "/sparql"
        self._log = log.open("wb")
        self.process = subprocess.Popen(
            [*MNKG, "serve", "--port", str(self.port), "--data-dir", str(data_dir)],
            env=os.environ | env,
            stdout=self._log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        self.log = log
        for _ in range(600):
            if self.process.poll() is not None:
                pytest.fail(f"mnkg serve exited:\n{log.read_text(errors='replace')[-4000:]}")
            try:
                if httpx.get(self.url + "/version", timeout=2).status_code == 200:
                    return
            except httpx.TransportError:
                pass
            time.sleep(0.1)
        self.stop()
        pytest.fail("mnkg serve did not answer within 60 s")

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=20)
        self._log.close()


@pytest.fixture(scope="session")
def curated_data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data directory with the curated release built and loaded (read-only for tests)."""
    given = os.environ.get("MNKG_ROBUSTNESS_DATA_DIR")
    if given:
        return Path(given)
    from mnkg.kg.release.pipeline import build_release
    from mnkg.kg.store.oxigraph import OxigraphStore

    data_dir = tmp_path_factory.mktemp("robust-curated")
    settings = Settings(data_dir=data_dir)
    build_release(settings.release_dir)
    store = OxigraphStore(data_dir, settings=settings)
    try:
        store.load_release(settings.release_dir)
    finally:
        store.close()
    assert current_store(data_dir) is not None
    return data_dir


@pytest.fixture
def private_data_dir(curated_data_dir: Path, tmp_path: Path) -> Path:
    """A copy of the curated data dir that a test may load into, write to or break."""
    copy = tmp_path / "data"
    shutil.copytree(curated_data_dir, copy, symlinks=True)
    return copy


@pytest.fixture(scope="session")
def live(curated_data_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """``mnkg serve`` over the curated release: write token, 10 s time limit, 2 workers."""
    log = tmp_path_factory.mktemp("robust-server") / "server.log"
    server = LiveServer(
        curated_data_dir,
        log,
        MNKG_WRITE_TOKEN=TOKEN,
        MNKG_QUERY_TIMEOUT=str(QUERY_TIMEOUT),
        MNKG_WORKERS="2",
    )
    yield server
    server.stop()


@pytest.fixture
def http(live: LiveServer) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=live.url, timeout=60) as client:
        yield client


@pytest.fixture(scope="session")
def start_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator:
    """``start_server(data_dir, **env)``: another ``mnkg serve``, stopped at the end."""
    started: list[LiveServer] = []

    def start(data_dir: Path, **env: str) -> LiveServer:
        log = tmp_path_factory.mktemp("robust-server") / "server.log"
        server = LiveServer(data_dir, log, **env)
        started.append(server)
        return server

    yield start
    for server in started:
        server.stop()

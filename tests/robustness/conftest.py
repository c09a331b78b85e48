"""Fixtures of the robustness tests: the session's curated data directory, served by a real
``mnkg serve`` on 127.0.0.1 (write token set, 10 s query limit)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pytest
from fixtures.servers import LiveServer

TOKEN = "robustness-write-token"
QUERY_TIMEOUT = 10.0
"""Generous: on a busy CI machine an ordinary query must not hit the limit (runaway tests
start their own server with a short one)."""
HTTP_PROCESSES = 2


@pytest.fixture
def private_data_dir(curated_data_dir: Path, copy_data_dir: Callable[[Path], Path]) -> Path:
    """A copy of the curated data dir that a test may load into, write to or break."""
    return copy_data_dir(curated_data_dir)


@pytest.fixture(scope="session")
def live(curated_data_dir: Path, start_server: Callable[..., LiveServer]) -> LiveServer:
    """``mnkg serve`` over the curated release: write token, 10 s time limit, 2 workers, and
    two HTTP processes (as ``mnkg serve`` starts on a 2-core machine by default; the suite's
    other servers run one, tests/fixtures/servers.py)."""
    return start_server(
        curated_data_dir,
        MNKG_WRITE_TOKEN=TOKEN,
        MNKG_QUERY_TIMEOUT=str(QUERY_TIMEOUT),
        MNKG_WORKERS="2",
        MNKG_HTTP_PROCESSES=str(HTTP_PROCESSES),
    )


@pytest.fixture
def http(live: LiveServer) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=live.url, timeout=60) as client:
        yield client

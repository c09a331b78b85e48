"""The domain API over the real release: built once, loaded into the embedded on-disk store with
the HPO import, served by uvicorn on 127.0.0.1 and called with httpx.

``MNKG_API_TEST_DATA_DIR`` (optional) names a data directory that already holds a loaded store
(from ``mnkg build``, ``mnkg import-hpo`` and ``mnkg load``): the session then reuses it instead
of building; it is never written to.
"""

from __future__ import annotations

import os
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import uvicorn

from mnkg.api.app import create_app
from mnkg.kg.settings import Settings
from mnkg.kg.store import Store, open_store

# The tests import their vocabulary lookups (api_vocab.py) from this folder (importlib mode).
sys.path.insert(0, str(Path(__file__).resolve().parent))


def _build(data_dir: Path) -> None:
    from mnkg.kg.release.hpo import import_hpo
    from mnkg.kg.release.pipeline import build_release

    settings = Settings(data_dir=data_dir)
    build_release(settings.release_dir)
    import_hpo(settings)  # writes hpo.nq next to mnkg.nq and loads both into the store


@pytest.fixture(scope="session")
def settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """Settings of a data directory whose embedded store holds the release and HPO."""
    given = os.environ.get("MNKG_API_TEST_DATA_DIR")
    if given:
        data_dir = Path(given)
    else:
        data_dir = tmp_path_factory.mktemp("mnkg-api")
        _build(data_dir)
    return Settings(data_dir=data_dir, query_timeout=60, workers=2)


@pytest.fixture(scope="session")
def store(settings: Settings) -> Iterator[Store]:
    opened = open_store(settings=settings)
    yield opened
    opened.close()


@pytest.fixture(scope="session")
def base_url(settings: Settings, store: Store) -> Iterator[str]:
    app = create_app(settings=settings, store=store)
    config = uvicorn.Config(app, host="127.0.0.1", port=0, log_level="warning", lifespan="off")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not (server.started and server.servers) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert server.started, "uvicorn did not start"
    port = server.servers[0].sockets[0].getsockname()[1]
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="session")
def http(base_url: str) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=base_url, timeout=120) as client:
        yield client


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The first test of the session builds the release and imports HPO (minutes): allow it."""
    here = Path(__file__).resolve().parent
    for item in items:
        if here in Path(str(item.fspath)).resolve().parents:
            item.add_marker(pytest.mark.timeout(1800))

"""One release build for the OBO-toolchain tests (OAK, pronto, Ubergraph clients), and the app
serving it on 127.0.0.1 for the Ubergraph adapter.

``MNKG_OBO_TEST_RELEASE`` (optional) names a release folder that ``mnkg build`` already wrote:
the session then reads it instead of building (it is never written to).
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import uvicorn

from mnkg.api.app import create_app
from mnkg.kg.settings import Settings
from mnkg.kg.store import open_store


@pytest.fixture(scope="session")
def obo_release(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The release folder of one ``build_release`` run."""
    given = os.environ.get("MNKG_OBO_TEST_RELEASE")
    if given:
        return Path(given)
    from mnkg.kg.release.pipeline import build_release

    folder = tmp_path_factory.mktemp("mnkg-obo") / "release"
    build_release(folder)
    return folder


@pytest.fixture(scope="session")
def obo_server(obo_release: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The app over an embedded store loaded with the release; yields its base URL."""
    settings = Settings(data_dir=tmp_path_factory.mktemp("mnkg-obo-data"), query_timeout=60)
    store = open_store(settings=settings)
    store.load_release(obo_release)
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
    store.close()


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The first test of the session builds the release (a minute or two): allow it."""
    here = Path(__file__).resolve().parent
    for item in items:
        if here in Path(str(item.fspath)).resolve().parents:
            item.add_marker(pytest.mark.timeout(1200))

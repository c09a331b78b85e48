"""The OBO-toolchain tests (OAK, pronto, Ubergraph clients) read the session's one release
(``built_release``, tests/fixtures/release.py) and talk to the app serving its data directory
(``curated_data_dir``) on 127.0.0.1."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fixtures.release import BuiltRelease
from fixtures.servers import serving

from mnkg.api.app import create_app
from mnkg.kg.settings import Settings
from mnkg.kg.store import open_store


@pytest.fixture(scope="session")
def obo_release(built_release: BuiltRelease) -> Path:
    """The release folder of the session's ``mnkg build`` (read-only)."""
    return built_release.path


@pytest.fixture(scope="session")
def obo_server(curated_data_dir: Path) -> Iterator[str]:
    """The app over the session's curated store; yields its base URL."""
    settings = Settings(data_dir=curated_data_dir, query_timeout=60)
    store = open_store(settings=settings)
    try:
        with serving(create_app(settings=settings, store=store)) as url:
            yield url
    finally:
        store.close()

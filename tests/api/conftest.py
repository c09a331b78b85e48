"""The domain API over the real release with the HPO import (the session's ``hpo_data_dir``),
served by uvicorn on 127.0.0.1 and called with httpx."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest
from fixtures.release import HpoDataDir
from fixtures.servers import serving

from mnkg.api.app import create_app
from mnkg.kg.settings import Settings
from mnkg.kg.store import Store, open_store


@pytest.fixture(scope="session")
def settings(hpo_data_dir: HpoDataDir) -> Settings:
    """Settings of the session's data directory with the release and HPO."""
    return hpo_data_dir.settings


@pytest.fixture(scope="session")
def store(settings: Settings) -> Iterator[Store]:
    opened = open_store(settings=settings)
    yield opened
    opened.close()


@pytest.fixture(scope="session")
def base_url(settings: Settings, store: Store) -> Iterator[str]:
    with serving(create_app(settings=settings, store=store)) as url:
        yield url


@pytest.fixture(scope="session")
def http(base_url: str) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=base_url, timeout=120) as client:
        yield client

"""The app rehearses its domain routes before it serves (api/rehearse.py): every rehearsed
request is answered through the whole app, and a rehearsal that fails does not stop the start."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient

from mnkg.api import rehearse as rehearsal
from mnkg.api.app import create_app
from mnkg.kg.settings import Settings
from mnkg.kg.store import open_store


def test_every_rehearsed_request_is_answered_before_the_app_serves(
    curated_data_dir: Path,
) -> None:
    settings = Settings(data_dir=curated_data_dir, query_timeout=60)
    store = open_store(settings=settings)
    try:
        with TestClient(create_app(settings=settings, store=store)) as client:
            assert client.app.state.rehearsal == dict.fromkeys(rehearsal.REHEARSED, 200)
    finally:
        store.close()


def test_a_failing_rehearsal_is_logged_and_the_app_still_serves(
    curated_data_dir: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    def broken(*_args: object, **_kwargs: object) -> None:
        raise httpx.TransportError("the in-process transport broke")

    monkeypatch.setattr(rehearsal.httpx, "ASGITransport", broken)
    settings = Settings(data_dir=curated_data_dir, query_timeout=60)
    store = open_store(settings=settings)
    try:
        with TestClient(create_app(settings=settings, store=store)) as client:
            assert client.app.state.rehearsal == {}
            assert client.get("/version").status_code == 200
        assert "rehearsing the domain routes failed" in caplog.text
    finally:
        store.close()

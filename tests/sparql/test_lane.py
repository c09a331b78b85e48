"""The lean lane (api/sparql_lane.py): /sparql answered ahead of FastAPI's routing, with
the same answers, errors, CORS and body limit as every other path."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from starlette.routing import BaseRoute

from mnkg.api.app import create_app
from mnkg.api.server import FLUSH_BYTES, CoalescingTransport
from mnkg.kg.settings import Settings
from mnkg.kg.store.oxigraph import MemoryStore

from .conftest import EX, write_release

ASK = f"ASK {{ <{EX}ConditionA> ?p ?o }}"
SELECT = f"SELECT ?o WHERE {{ <{EX}ConditionA> <http://www.w3.org/2000/01/rdf-schema#label> ?o }}"


def _memory_app(tmp_path: Path, store: MemoryStore, **settings: object) -> TestClient:
    store.load_release(write_release(tmp_path / "release"))
    app = create_app(settings=Settings(data_dir=tmp_path / "data", **settings), store=store)  # type: ignore[arg-type]
    return TestClient(app)


@pytest.fixture
def lane_only(tmp_path: Path) -> Iterator[TestClient]:
    """The app with FastAPI's /sparql routes removed: only the lane can answer them."""
    client = _memory_app(tmp_path, MemoryStore(), max_body_bytes=10_000)
    routes: list[BaseRoute] = client.app.router.routes  # type: ignore[attr-defined]
    routes[:] = [r for r in routes if getattr(r, "path", None) != "/sparql"]
    yield client
    client.close()


def test_the_lane_answers_get_and_post_without_the_router(lane_only: TestClient) -> None:
    assert lane_only.get("/sparql", params={"query": ASK}).json()["boolean"] is True
    rows = lane_only.post("/sparql", data={"query": SELECT}).json()["results"]["bindings"]
    assert [row["o"]["value"] for row in rows] == ["condition A"]
    body = lane_only.post(
        "/sparql", content=ASK, headers={"content-type": "application/sparql-query"}
    )
    assert body.json()["boolean"] is True and body.headers["vary"] == "Accept"


def test_protocol_errors_on_the_lane_are_the_json_errors(lane_only: TestClient) -> None:
    twice = lane_only.get("/sparql", params=[("query", ASK), ("query", ASK)])
    assert twice.status_code == 400
    assert twice.json() == {
        "error": "the request has 2 'query' parameters; send exactly one",
        "detail": None,
    }
    untyped = lane_only.post("/sparql", content=ASK, headers={"content-type": "text/plain"})
    assert untyped.status_code == 415 and "text/plain" in untyped.json()["error"]
    text = "SELECT * WHERE { ?s ?p ?o } LIMT 1"
    syntax = lane_only.get("/sparql", params={"query": text})
    assert syntax.status_code == 400
    assert syntax.json()["detail"]["column"] == text.index("LIMT") + 1


def test_other_methods_go_on_to_fastapi(tmp_path: Path) -> None:
    client = _memory_app(tmp_path, MemoryStore())
    refused = client.put("/sparql", content=ASK)
    assert refused.status_code == 405
    assert "GET" in refused.headers["allow"]  # FastAPI's own 405, in the JSON shape
    assert refused.json()["error"]


def test_cors_and_the_body_limit_apply_on_the_lane(lane_only: TestClient) -> None:
    read = lane_only.get("/sparql", params={"query": ASK}, headers={"Origin": "https://a.example"})
    assert read.headers["access-control-allow-origin"] == "*"
    write = lane_only.post(
        "/sparql",
        data={"update": "INSERT DATA { <urn:a> <urn:b> <urn:c> }"},
        headers={"Origin": "https://a.example", "Authorization": "Bearer x"},
    )
    assert write.status_code == 403 and "cross-origin writes" in write.json()["error"]
    large = lane_only.post(
        "/sparql", content="#" * 20_000, headers={"content-type": "application/sparql-query"}
    )
    assert large.status_code == 413 and "10000 bytes" in large.json()["error"]


class _BrokenStore(MemoryStore):
    def query_serialized(self, *args: object, **kwargs: object) -> object:  # type: ignore[override]
        raise RuntimeError("the engine broke at /secret/path")


def test_an_unexpected_failure_is_a_json_500_that_names_nothing(tmp_path: Path) -> None:
    client = _memory_app(tmp_path, _BrokenStore())
    response = client.get("/sparql", params={"query": ASK})
    assert response.status_code == 500
    assert response.json() == {"error": "internal server error", "detail": None}


# --- a response in one write (api/server.py CoalescingTransport) -----------------------------


class _Recording:
    """The transport under the coalescing one: records each write."""

    def __init__(self) -> None:
        self.writes: list[bytes] = []
        self.closed = False

    def write(self, data: bytes) -> None:
        assert not self.closed, "written after close"
        self.writes.append(data)

    def is_closing(self) -> bool:
        return self.closed

    def close(self) -> None:
        self.closed = True

    def get_extra_info(self, name: str) -> str:
        return f"extra:{name}"


def test_the_writes_of_one_step_leave_in_one_write_and_close_sends_them_first() -> None:
    async def scenario() -> tuple[list[bytes], list[bytes], bool, str]:
        raw = _Recording()
        transport = CoalescingTransport(raw, asyncio.get_running_loop())  # type: ignore[arg-type]
        transport.write(b"HTTP/1.1 200 OK\r\n\r\n")
        transport.write(b"body")
        before = list(raw.writes)  # nothing yet: the step is not over
        await asyncio.sleep(0)
        transport.write(b"last")
        transport.close()
        return before, raw.writes, raw.closed, transport.get_extra_info("peername")

    before, writes, closed, extra = asyncio.run(scenario())
    assert before == []
    assert writes == [b"HTTP/1.1 200 OK\r\n\r\nbody", b"last"] and closed
    assert extra == "extra:peername"  # everything else is the wrapped transport's


def test_a_large_answer_is_not_held_back() -> None:
    async def scenario() -> list[int]:
        raw = _Recording()
        transport = CoalescingTransport(raw, asyncio.get_running_loop())  # type: ignore[arg-type]
        for _ in range(3):
            transport.write(b"x" * (FLUSH_BYTES // 2))
        sizes = [len(w) for w in raw.writes]  # flushed within the step, at the threshold
        await asyncio.sleep(0)
        return sizes + [len(w) for w in raw.writes[len(sizes) :]]

    assert asyncio.run(scenario()) == [FLUSH_BYTES, FLUSH_BYTES // 2]

"""The worker pool: waiting for a busy worker needs no thread, and the pool never shrinks.

Regression tests for perf-findings F3 (a crashed worker is replaced, the pool never ends up
empty) and F7 (requests beyond the idle workers wait on the event loop, not in a thread each).
"""

from __future__ import annotations

import asyncio
import os
import select
import signal
import socket
import threading
from collections.abc import Callable

import pytest
from pyoxigraph import QueryResultsFormat

from mnkg.kg.store import QueryTimeout, StoreUnavailable
from mnkg.kg.store.evaluate import QueryRequest
from mnkg.kg.store.oxigraph import OxigraphStore
from mnkg.kg.store.workers import PoolState, WorkerPool, wait_until_idle

SMALL = "ASK { ?condition ?p ?o }"
"""A small query that is not a point lookup, so it goes to a worker
(:mod:`mnkg.kg.store.inline`)."""
RUNAWAY = (
    "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . "
    "?m ?n1 ?o . ?p ?q ?r . ?s ?t ?u . ?v ?w ?x . ?y ?z ?aa . ?ab ?ac ?ad }"
)


@pytest.fixture
def one_worker(disk_store: OxigraphStore) -> OxigraphStore:
    disk_store.workers = 1
    disk_store.settings = disk_store.settings.model_copy(update={"reserved_workers": 0})
    disk_store.start()
    return disk_store


def _pool(store: OxigraphStore) -> WorkerPool:
    assert store._pool is not None
    return store._pool


def _running(count: int) -> Callable[[PoolState], bool]:
    return lambda state: state.running >= count


async def _until(pool: WorkerPool, condition: Callable[[PoolState], bool]) -> None:
    """Wait (in a thread, the loop keeps running) until the pool's state meets ``condition``."""
    assert await asyncio.to_thread(pool.wait_for, condition, timeout=30)


def _wait_for_exit(pid: int) -> None:
    """Block until process ``pid`` has exited (its pidfd becomes readable): no polling."""
    fd = os.pidfd_open(pid)
    try:
        ready, _, _ = select.select([fd], [], [], 30)
        assert ready, f"process {pid} did not exit within 30 s"
    finally:
        os.close(fd)


def test_more_concurrent_async_queries_than_workers_are_all_answered(
    one_worker: OxigraphStore,
) -> None:
    async def many() -> tuple[list[bool], int]:
        threads_before = threading.active_count()
        answers = await asyncio.gather(*(one_worker.aquery(SMALL) for _ in range(40)))
        # counted before asyncio.run shuts its default executor down
        return [bool(answer) for answer in answers], threading.active_count() - threads_before

    answers, extra_threads = asyncio.run(many())
    assert answers == [True] * 40
    assert extra_threads == 0  # waiting for the one worker took no executor thread (F7)
    assert wait_until_idle(_pool(one_worker), timeout=10)


def test_async_waiters_are_told_when_every_worker_stays_busy(
    one_worker: OxigraphStore,
) -> None:
    async def scenario() -> tuple[object, object]:
        runaway = asyncio.ensure_future(one_worker.aquery(RUNAWAY, timeout=3))
        await _until(_pool(one_worker), _running(1))  # the runaway holds the only worker
        waiting = await asyncio.gather(
            one_worker.aquery(SMALL, timeout=0.5), return_exceptions=True
        )
        return waiting[0], (await asyncio.gather(runaway, return_exceptions=True))[0]

    waited, runaway = asyncio.run(scenario())
    assert isinstance(waited, StoreUnavailable)
    assert "stayed busy for 0.5 s" in waited.message
    assert isinstance(runaway, QueryTimeout)
    assert wait_until_idle(_pool(one_worker), timeout=30)  # the killed worker was replaced
    assert bool(one_worker.query(SMALL)) is True


def test_a_cancelled_waiter_gives_its_worker_back(one_worker: OxigraphStore) -> None:
    async def scenario() -> bool:
        pool = _pool(one_worker)
        runaway = asyncio.ensure_future(one_worker.aquery(RUNAWAY, timeout=1))
        await _until(pool, _running(1))
        waiter = asyncio.ensure_future(one_worker.aquery(SMALL, timeout=30))
        await _until(pool, lambda state: state.waiting >= 1)
        waiter.cancel()
        await asyncio.gather(runaway, waiter, return_exceptions=True)
        return bool(await one_worker.aquery(SMALL, timeout=30))

    assert asyncio.run(scenario()) is True
    assert wait_until_idle(_pool(one_worker), timeout=30)


def test_sync_and_async_callers_share_the_workers(one_worker: OxigraphStore) -> None:
    results: list[bool] = []

    def sync_caller() -> None:
        results.extend(bool(one_worker.query(SMALL, timeout=10)) for _ in range(20))

    async def async_callers() -> list[bool]:
        answers = await asyncio.gather(*(one_worker.aquery(SMALL, timeout=10) for _ in range(20)))
        return [bool(answer) for answer in answers]

    thread = threading.Thread(target=sync_caller)
    thread.start()
    answered = asyncio.run(async_callers())
    thread.join(timeout=60)
    assert answered == [True] * 20
    assert results == [True] * 20


def test_killed_workers_are_replaced_and_the_pool_never_ends_up_empty(
    disk_store: OxigraphStore,
) -> None:
    disk_store.start()
    pool = _pool(disk_store)
    for _ in range(3):  # every worker dies, three times over (as a crash in the engine would)
        for pid in pool.pids():
            os.kill(pid, signal.SIGKILL)
            _wait_for_exit(pid)
        # dead idle workers are noticed on send and replaced; the query still gets an answer
        assert bool(disk_store.query(SMALL, timeout=30)) is True
    assert wait_until_idle(pool, timeout=30)
    assert len(pool.pids()) == pool.size
    assert all(_alive(pid) for pid in pool.pids())


def test_a_worker_dying_mid_query_is_a_503_naming_the_crash(one_worker: OxigraphStore) -> None:
    pool = _pool(one_worker)
    (pid,) = pool.pids()

    def crash_once_running() -> None:  # the engine crashing in the middle of the query
        assert pool.wait_for(_running(1), timeout=30)
        os.kill(pid, signal.SIGSEGV)

    killer = threading.Thread(target=crash_once_running)
    killer.start()
    with pytest.raises(StoreUnavailable, match="killed by signal 11 while running this query"):
        pool.call("query", QueryRequest(sparql=RUNAWAY), timeout=20)
    killer.join()
    assert wait_until_idle(pool, timeout=30)
    assert pid not in pool.pids()
    assert bool(one_worker.query(SMALL, timeout=30)) is True


def test_public_calls_never_take_the_reserved_worker(disk_store: OxigraphStore) -> None:
    """Two workers, one reserved: a public runaway holds the only public one; another public
    call waits (and is told the workers stayed busy) while an internal call is answered."""
    disk_store.workers = 1
    disk_store.settings = disk_store.settings.model_copy(update={"reserved_workers": 1})
    disk_store.start()
    pool = _pool(disk_store)
    assert pool.size == 2 and pool.reserved == 1

    async def scenario() -> tuple[object, object, object]:
        runaway = asyncio.ensure_future(
            pool.acall("query", QueryRequest(sparql=RUNAWAY), timeout=3, public=True)
        )
        await _until(pool, _running(1))  # the runaway holds the only public worker
        public, internal = await asyncio.gather(
            pool.acall("query", QueryRequest(sparql=SMALL), timeout=0.5, public=True),
            pool.acall("query", QueryRequest(sparql=SMALL), timeout=10),
            return_exceptions=True,
        )
        return public, internal, (await asyncio.gather(runaway, return_exceptions=True))[0]

    public, internal, runaway = asyncio.run(scenario())
    assert isinstance(public, StoreUnavailable) and "all 1 query workers" in public.message
    assert not isinstance(internal, BaseException)
    assert isinstance(runaway, QueryTimeout)
    assert wait_until_idle(pool, timeout=30)


def _alive(pid: int) -> bool:
    with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
        return stat.read().split(")")[-1].split()[0] != "Z"


# --- the wire (kg/store/framing.py): Connection's frames, read with fewer system calls -------


def test_frames_are_connections_both_ways() -> None:
    from multiprocessing.connection import Connection

    from mnkg.kg.store import framing

    ours, theirs = socket.socketpair()
    plain = Connection(theirs.detach())
    try:
        plain.send(("ok", b"x" * 200_000))  # longer than one read: arrives in pieces
        assert framing.read_message(ours.fileno()) == ("ok", b"x" * 200_000)
        framing.write_all(ours.fileno(), framing.encode(("query", "ASK {}")))
        assert plain.recv() == ("query", "ASK {}")
    finally:
        plain.close()
        ours.close()


def test_a_frame_fed_byte_by_byte_is_decoded_once_complete() -> None:
    from mnkg.kg.store import framing

    frame = framing.encode({"rows": list(range(100))})
    reader = framing.FrameReader()
    decoded = [reader.feed(frame[i : i + 1]) for i in range(len(frame))]
    assert decoded[:-1] == [None] * (len(frame) - 1)
    assert decoded[-1] == {"rows": list(range(100))}


def test_a_peer_closing_mid_frame_is_an_eof_on_the_event_loop() -> None:
    from mnkg.kg.store import framing

    ours, theirs = socket.socketpair()

    async def scenario() -> None:
        frame = framing.encode(("ok", b"y" * 1000))
        theirs.sendall(frame[:500])  # half an answer, then the worker is gone
        theirs.close()
        with pytest.raises(EOFError):
            await framing.receive(ours.fileno(), timeout=30)

    try:
        asyncio.run(scenario())
    finally:
        ours.close()


def test_no_answer_within_the_limit_is_a_timeout_on_the_event_loop() -> None:
    from mnkg.kg.store import framing

    ours, theirs = socket.socketpair()
    try:
        with pytest.raises(TimeoutError):
            asyncio.run(framing.receive(ours.fileno(), timeout=0.05))
    finally:
        ours.close()
        theirs.close()


def test_a_large_answer_arrives_whole_through_the_event_loop(one_worker: OxigraphStore) -> None:
    text = f'SELECT ?v WHERE {{ VALUES ?v {{ "{"v" * 500_000}" }} }}'  # one 500 KB row

    async def both() -> tuple[bytes, bytes]:
        fmt = QueryResultsFormat.JSON
        first = await one_worker.aquery_serialized(text, results_format=fmt, graph_format=None)
        again = one_worker.query_serialized(text, results_format=fmt, graph_format=None)
        return first.body, again.body  # the sync call after the async one: same socket

    async_body, sync_body = asyncio.run(both())
    assert len(async_body) > 500_000 and async_body == sync_body

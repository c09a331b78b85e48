"""The time limit stops a runaway query and frees its CPU, while others keep being answered."""

from __future__ import annotations

import os
import threading

import pytest

from mnkg.kg.settings import Settings
from mnkg.kg.store import QueryTimeout, StoreUnavailable
from mnkg.kg.store.oxigraph import OxigraphStore
from mnkg.kg.store.workers import wait_until_idle

# Every triple joined with every other one eight times over: never finishes on any machine.
RUNAWAY = (
    "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . "
    "?m ?n1 ?o . ?p ?q ?r . ?s ?t ?u . ?v ?w ?x . ?y ?z ?aa . ?ab ?ac ?ad }"
)
SMALL = "ASK { ?condition ?p ?o }"
"""Small, and not a point lookup: a worker answers it (:mod:`mnkg.kg.store.inline`)."""


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # A killed child stays a zombie until reaped; it uses no CPU either.
    with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
        return stat.read().split(")")[-1].split()[0] != "Z"


def test_a_runaway_query_is_stopped_and_its_worker_killed(disk_store: OxigraphStore) -> None:
    disk_store.start()
    pids = set(disk_store.worker_pids())
    with pytest.raises(QueryTimeout, match="limit"):
        disk_store.query(RUNAWAY, timeout=0.5)
    assert wait_until_idle(disk_store._pool, timeout=30)  # type: ignore[arg-type]
    killed = pids - set(disk_store.worker_pids())
    assert len(killed) == 1
    assert not any(_alive(pid) for pid in killed)
    assert bool(disk_store.query(SMALL)) is True


def test_small_queries_are_answered_while_a_runaway_runs(disk_store: OxigraphStore) -> None:
    disk_store.query(SMALL)
    outcome: dict[str, object] = {}

    def runaway() -> None:
        try:
            disk_store.query(RUNAWAY, timeout=3)
        except QueryTimeout as error:
            outcome["runaway"] = error

    thread = threading.Thread(target=runaway)
    thread.start()
    answered = [bool(disk_store.query(SMALL, timeout=2)) for _ in range(50)]
    still_running = thread.is_alive()
    thread.join(timeout=60)
    assert answered == [True] * 50
    assert still_running, "the small queries were answered while the runaway was running"
    assert isinstance(outcome.get("runaway"), QueryTimeout)


def test_no_store_loaded_is_a_clear_error(settings: Settings) -> None:
    store = OxigraphStore(settings.data_dir, settings=settings, workers=1)
    try:
        with pytest.raises(StoreUnavailable, match="mnkg load"):
            store.query(SMALL)
    finally:
        store.close()


def test_an_update_stopped_at_its_time_limit_changes_nothing(disk_store: OxigraphStore) -> None:
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    before = next(iter(disk_store.query(count)))["n"].value
    # Every combination must be built (the template uses all of them): 8**10 new triples.
    # (An update's WHERE sees the store's own default graph, empty here: hence GRAPH.)
    patterns = " . ".join(f"GRAPH ?g{i} {{ ?s{i} ?p{i} ?o{i} }}" for i in range(10))
    concat = ", ".join(f"STR(?o{i})" for i in range(10))
    runaway_insert = f"INSERT {{ ?s0 ?p0 ?x }} WHERE {{ {patterns} BIND(CONCAT({concat}) AS ?x) }}"
    with pytest.raises(QueryTimeout):
        disk_store.update(runaway_insert, timeout=0.5)
    assert next(iter(disk_store.query(count)))["n"].value == before
    # The killed writer released the store: the next write goes through.
    disk_store.update("INSERT DATA { <http://example.org/x> <http://example.org/y> 1 }")
    assert int(next(iter(disk_store.query(count)))["n"].value) == int(before) + 1

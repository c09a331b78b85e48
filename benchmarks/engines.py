"""Timing the same work on each engine: raw pyoxigraph, our store layer, HTTP, rdflib."""

from __future__ import annotations

import json
import signal
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import httpx
from pyoxigraph import QueryBoolean, QueryResultsFormat, QuerySolutions, RdfFormat, serialize
from pyoxigraph import Store as OxStore

from benchmarks.workload import Case, Recorded


def summarize(samples: Sequence[float]) -> dict[str, float | int]:
    """p50, p99 (nearest rank), mean and count of samples in milliseconds."""
    ordered = sorted(samples)
    if not ordered:
        return {"n": 0}
    rank = max(0, min(len(ordered) - 1, round(0.99 * len(ordered) + 0.5) - 1))
    return {
        "n": len(ordered),
        "p50_ms": round(statistics.median(ordered), 3),
        "p99_ms": round(ordered[rank], 3),
        "mean_ms": round(statistics.fmean(ordered), 3),
    }


def time_calls(call: Callable[[], object], *, n: int, warmup: int, budget_s: float) -> dict:
    """Run ``call`` ``warmup`` times, then up to ``n`` timed times within ``budget_s``.

    A call that raises ends the measurement of this case with the error in the result (a
    benchmark run reports a broken case instead of stopping).
    """
    samples: list[float] = []
    try:
        began = time.perf_counter()
        for _ in range(warmup):
            call()
            if time.perf_counter() - began > budget_s:
                break
        began = time.perf_counter()
        while len(samples) < n and (len(samples) < 3 or time.perf_counter() - began < budget_s):
            t0 = time.perf_counter()
            call()
            samples.append((time.perf_counter() - t0) * 1000)
    except Exception as error:  # reported, not raised: see the docstring
        return {**summarize(samples), "error": f"{type(error).__name__}: {error}"[:300]}
    return summarize(samples)


# --- raw pyoxigraph: the floor -------------------------------------------------------------


def _consume_oxigraph(result: object) -> bytes:
    if isinstance(result, (QuerySolutions, QueryBoolean)):
        return result.serialize(format=QueryResultsFormat.JSON) or b""
    return serialize(result, format=RdfFormat.N_TRIPLES) or b""


def oxigraph_replay(store: OxStore, recorded: Sequence[Recorded]) -> Callable[[], None]:
    """A call that evaluates the recorded texts on ``store`` and serializes them as JSON."""

    def call() -> None:
        for query in recorded:
            _consume_oxigraph(
                store.query(query.text, use_default_graph_as_union=query.union_default_graph)
            )

    return call


def open_memory(nquads: Sequence[Path]) -> tuple[OxStore, float]:
    """An in-memory pyoxigraph store bulk-loaded from the release files, and the seconds taken."""
    began = time.perf_counter()
    store = OxStore()
    for path in nquads:
        store.bulk_load(path=str(path), format=RdfFormat.N_QUADS)
    return store, round(time.perf_counter() - began, 3)


# --- HTTP ------------------------------------------------------------------------------------


def http_call(client: httpx.Client, case: Case) -> Callable[[], None]:
    """One request of ``case`` on a keep-alive client; a non-200 answer stops the run."""

    def call() -> None:
        if case.method == "GET":
            response = client.get(case.path, params=case.params)
        else:
            response = client.post(case.path, json=case.body)
        if response.status_code != 200:
            raise RuntimeError(f"{case.name}: HTTP {response.status_code}: {response.text[:300]}")

    return call


# --- rdflib, in a child process (its queries cannot be interrupted otherwise) ---------------


class _Overrun(Exception):
    pass


def _alarm(signum: int, frame: object) -> None:
    raise _Overrun


def rdflib_child(spec_path: Path, out_path: Path) -> None:
    """Load the release into an rdflib Dataset and time each case's recorded queries.

    A case whose single run passes ``per_run_limit_s`` is stopped by SIGALRM (rdflib evaluates
    in Python, so the signal lands between bytecodes) and reported as over the limit.
    """
    import psutil
    from rdflib import Dataset

    spec = json.loads(spec_path.read_text())
    rss0 = psutil.Process().memory_info().rss
    began = time.perf_counter()
    dataset = Dataset(default_union=True)
    signal.signal(signal.SIGALRM, _alarm)
    signal.setitimer(signal.ITIMER_REAL, float(spec.get("load_limit_s", 3600)))
    try:
        for path in spec["nquads"]:
            dataset.parse(path, format="nquads")
    except _Overrun:
        out_path.write_text(
            json.dumps(
                {
                    "load_over_limit_s": spec.get("load_limit_s", 3600),
                    "quads_loaded_by_then": len(dataset),
                    "rss_mb": round((psutil.Process().memory_info().rss - rss0) / 2**20, 1),
                    "cases": {},
                }
            )
        )
        return
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
    result: dict[str, Any] = {
        "load_seconds": round(time.perf_counter() - began, 3),
        "quads": len(dataset),
        "rss_mb": round((psutil.Process().memory_info().rss - rss0) / 2**20, 1),
        "cases": {},
    }
    signal.signal(signal.SIGALRM, _alarm)
    limit = float(spec["per_run_limit_s"])
    for name, texts in spec["cases"].items():
        samples: list[float] = []
        over = False
        budget_began = time.perf_counter()
        while len(samples) < spec["n"] and (
            len(samples) < 1 or time.perf_counter() - budget_began < spec["budget_s"]
        ):
            t0 = time.perf_counter()
            signal.setitimer(signal.ITIMER_REAL, limit)
            try:
                for text in texts:
                    answer = dataset.query(text)
                    answer.serialize(format="json")
            except _Overrun:
                over = True
                break
            except Exception as error:  # an rdflib failure is a result too
                result["cases"][name] = {"n": 0, "error": f"{type(error).__name__}: {error}"[:300]}
                break
            finally:
                signal.setitimer(signal.ITIMER_REAL, 0)
            samples.append((time.perf_counter() - t0) * 1000)
        if name in result["cases"]:
            continue
        entry = summarize(samples)
        if over:
            entry = {"n": len(samples), "over_limit_s": limit}
        result["cases"][name] = entry
        out_path.write_text(json.dumps(result))
    out_path.write_text(json.dumps(result))


if __name__ == "__main__":
    rdflib_child(Path(sys.argv[1]), Path(sys.argv[2]))

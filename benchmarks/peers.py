"""The servers a user would pick instead, side by side with MNKG in one run.

For one data dir, :func:`measure` starts ``mnkg serve``, Oxigraph server (the ``oxigraph`` PyPI
package's binary, the same engine in Rust, installed in a venv of its own) and, when
``virtuoso-t`` is installed, Virtuoso (through ``.ci/virtuoso.sh``), all three over the same
N-Quads of the release. Then:

- **latency per named query**: the exact SPARQL text MNKG evaluates for the case (parameters
  bound as VALUES, recorded by :mod:`benchmarks.workload`), sent form-encoded to each server's
  SPARQL endpoint on a keep-alive client, servers interleaved round by round so that a change of
  load on the machine hits all of them alike;
- **throughput**: ``wrk`` on the one-triple lookup at 1, 8 and 32 connections, each server in
  turn;
- the load average before and after, since this 2-core machine is shared.

Other comparisons (``/localize`` against hpo3, owned by the localisation work) plug in through
:data:`COMPARISONS`: a function taking the data dir and the quick flag and returning a JSON-ready
dict, stored under ``peers.<name>`` in results.json.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path
from typing import Any

import httpx

from benchmarks import loadgen
from benchmarks import lookups as lookups_module
from benchmarks.engines import summarize
from benchmarks.procs import Server, free_port, mnkg, run_measured
from benchmarks.workload import Case

REPO = Path(__file__).resolve().parents[1]
WORK = Path(os.environ.get("TMPDIR", "/tmp")) / "mnkg-bench-peers"
VIRTUOSO_SCRIPT = REPO / ".ci" / "virtuoso.sh"
JSON_RESULTS = "application/sparql-results+json"

COMPARISONS: dict[str, Callable[[Path, bool], dict[str, Any]]] = {}
"""Extra peer comparisons by name (the hook for ``/localize`` against hpo3)."""


@dataclass
class Peer:
    """A running SPARQL server: its name, query URL and how it was started."""

    name: str
    query_url: str
    version: str
    start_seconds: float
    load_seconds: float | None = None


def say(message: str) -> None:
    """Progress on stderr."""
    print(f"[peers] {message}", file=sys.stderr, flush=True)


# --- Oxigraph server ------------------------------------------------------------------------


def oxigraph_binary() -> Path:
    """The ``oxigraph`` CLI of the same version as pyoxigraph, installed in its own venv."""
    WORK.mkdir(parents=True, exist_ok=True)
    wanted = version("pyoxigraph")
    venv = WORK / f"oxigraph-{wanted}"
    binary = venv / "bin" / "oxigraph"
    if not binary.is_file():
        say(f"installing oxigraph=={wanted} into {venv}")
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        subprocess.run(
            [str(venv / "bin" / "pip"), "install", "-q", f"oxigraph=={wanted}"], check=True
        )
    return binary


@contextmanager
def oxigraph_server(nquads: Sequence[Path]) -> Iterator[Peer]:
    """Oxigraph server, read-only, union default graph, over a fresh copy of the N-Quads.

    The store is compacted after loading (``oxigraph optimize``), as ``mnkg load`` compacts
    its own: both servers read stores of the same layout (uncompacted, a bulk-loaded store
    answers a point lookup about 1.3x and a named query 1.5-2.5x slower)."""
    binary = oxigraph_binary()
    location = WORK / "oxigraph-db"
    shutil.rmtree(location, ignore_errors=True)
    began = time.perf_counter()
    for path in nquads:
        run_measured([str(binary), "load", "--location", str(location), "--file", str(path)])
    run_measured([str(binary), "optimize", "--location", str(location)])
    loaded = round(time.perf_counter() - began, 3)
    port = free_port()
    argv = [str(binary), "serve-read-only", "--location", str(location)]
    # no --timeout-s: with it, 0.5.13 starts a thread per query, answers 500 (EAGAIN) at 8-32
    # connections and then aborts; so Oxigraph server runs without a time limit (MNKG keeps its)
    argv += ["--bind", f"127.0.0.1:{port}", "--union-default-graph"]
    server = Server(argv, port, ready_path="/query?query=ASK%7B%7D")
    try:
        yield Peer(
            name="oxigraph",
            query_url=f"{server.url}/query",
            version=subprocess.run(
                [str(binary), "--version"], capture_output=True, text=True, check=True
            ).stdout.strip(),
            start_seconds=server.start_seconds,
            load_seconds=loaded,
        )
    finally:
        server.stop()
        shutil.rmtree(location, ignore_errors=True)


# --- Virtuoso -------------------------------------------------------------------------------


def virtuoso_installed() -> bool:
    """Whether the Virtuoso server and its ISQL client are installed."""
    return bool(shutil.which("virtuoso-t") and shutil.which("isql-vt"))


@contextmanager
def virtuoso_server(data_dir: Path) -> Iterator[Peer]:
    """A throw-away Virtuoso (``.ci/virtuoso.sh``) holding the release, loaded by ``mnkg load``."""
    env = {**os.environ, "VIRTUOSO_DIR": str(WORK / "virtuoso")}
    began = time.perf_counter()
    started = subprocess.run(
        ["bash", str(VIRTUOSO_SCRIPT), "start"], env=env, capture_output=True, text=True
    )
    if started.returncode != 0:
        raise RuntimeError(f"Virtuoso did not start: {started.stderr[-1000:]}")
    endpoint = started.stdout.strip().splitlines()[-1]
    start_seconds = round(time.perf_counter() - began, 3)
    try:
        began = time.perf_counter()
        run_measured(
            mnkg(
                "load",
                "--data-dir",
                str(data_dir),
                "--store",
                endpoint,
                "--graph-store-url",
                endpoint + "-graph-crud",
            ),
            timeout=3600,
        )
        banner = httpx.get(endpoint, params={"query": "ASK {}"}, timeout=30).headers
        yield Peer(
            name="virtuoso",
            query_url=endpoint,
            version=banner.get("server", "Virtuoso"),
            start_seconds=start_seconds,
            load_seconds=round(time.perf_counter() - began, 3),
        )
    finally:
        subprocess.run(["bash", str(VIRTUOSO_SCRIPT), "stop"], env=env, capture_output=True)


# --- MNKG -----------------------------------------------------------------------------------


@contextmanager
def mnkg_server(data_dir: Path, env: dict[str, str]) -> Iterator[Peer]:
    """``mnkg serve`` on the data dir's store, as users run it."""
    port = free_port()
    server = Server(mnkg("serve", "--data-dir", str(data_dir), "--port", str(port)), port, env=env)
    try:
        yield Peer(
            name="mnkg",
            query_url=f"{server.url}/sparql",
            version=version("mnkg"),
            start_seconds=server.start_seconds,
        )
    finally:
        server.stop()


# --- measuring ------------------------------------------------------------------------------


def _ask(client: httpx.Client, url: str, text: str) -> None:
    response = client.post(url, data={"query": text}, headers={"Accept": JSON_RESULTS}, timeout=120)
    if response.status_code != 200:
        raise RuntimeError(f"{url}: HTTP {response.status_code}: {response.text[:300]}")


def latency(
    peers: Sequence[Peer], items: Sequence[Case], *, rounds: int, warmup: int
) -> dict[str, dict[str, Any]]:
    """p50/p99 per named query and server, servers interleaved within each round."""
    out: dict[str, dict[str, Any]] = {}
    with httpx.Client() as client:
        for case in items:
            if case.kind != "query" or not case.recorded:
                continue
            texts = [r.text for r in case.recorded]
            samples: dict[str, list[float]] = {p.name: [] for p in peers}
            errors: dict[str, str] = {}
            for round_ in range(warmup + rounds):
                for peer in peers:
                    if peer.name in errors:
                        continue
                    began = time.perf_counter()
                    try:
                        for text in texts:
                            _ask(client, peer.query_url, text)
                    except (RuntimeError, httpx.HTTPError) as error:
                        errors[peer.name] = f"{type(error).__name__}: {error}"[:300]
                        continue
                    if round_ >= warmup:
                        samples[peer.name].append((time.perf_counter() - began) * 1000)
            out[case.name] = {
                p.name: {
                    **summarize(samples[p.name]),
                    **({"error": errors[p.name]} if p.name in errors else {}),
                }
                for p in peers
            }
    return out


CONNECTIONS = (1, 8, 32)


def throughput(
    peers: Sequence[Peer], lookups: Path, *, seconds: float
) -> dict[str, dict[str, list[dict[str, Any]]]]:
    """wrk at 1, 8 and 32 connections, servers interleaved at each concurrency (a change of
    load on the machine hits both alike): ``varying``, a different subject every request
    (:mod:`benchmarks.lookups`, the headline), and ``fixed``, the same text every time."""
    fixed = lookups_module.first_text(lookups)
    lua = lookups_module.wrk_lua(lookups)
    out: dict[str, dict[str, list[dict[str, Any]]]] = {"varying": {}, "fixed": {}}
    for peer in peers:
        target = str(httpx.URL(peer.query_url, params={"query": fixed}))
        for _ in range(3):
            httpx.get(target, headers={"Accept": JSON_RESULTS}, timeout=60)
    for connections in CONNECTIONS:
        for workload in ("varying", "fixed"):
            for peer in peers:
                url = peer.query_url
                if workload == "fixed":
                    url = str(httpx.URL(peer.query_url, params={"query": fixed}))
                run = loadgen.run_wrk(
                    url,
                    concurrency=connections,
                    seconds=seconds,
                    headers={"Accept": JSON_RESULTS},
                    lua=lua if workload == "varying" else "",
                )
                out[workload].setdefault(peer.name, []).append(run)
                say(
                    f"  {workload} c{connections} {peer.name}: {run['requests_per_s']}/s, "
                    f"p50 {run['p50_ms']} ms, load {run['load_average'][0]}"
                )
    return out


def measure(
    data_dir: Path,
    items: Sequence[Case],
    *,
    quick: bool,
    env: dict[str, str],
) -> dict[str, Any]:
    """MNKG, Oxigraph server and Virtuoso over one data dir: latency, throughput, load."""
    nquads = sorted((data_dir / "release").glob("*.nq"))
    out: dict[str, Any] = {"load_average_before": [round(x, 2) for x in os.getloadavg()]}
    with ExitStack() as stack:
        peers = [stack.enter_context(mnkg_server(data_dir, env))]
        say("loading Oxigraph server")
        peers.append(stack.enter_context(oxigraph_server(nquads)))
        if virtuoso_installed():
            say("loading Virtuoso")
            try:
                peers.append(stack.enter_context(virtuoso_server(data_dir)))
            except RuntimeError as error:
                out["virtuoso_error"] = str(error)[-500:]
        else:
            out["virtuoso_error"] = "virtuoso-t is not installed"
        out["servers"] = {
            p.name: {
                "version": p.version,
                "start_seconds": p.start_seconds,
                "load_seconds": p.load_seconds,
            }
            for p in peers
        }
        say("latency per named query (interleaved)")
        out["latency"] = latency(peers, items, rounds=15 if quick else 40, warmup=2 if quick else 3)
        out["load_average_after_latency"] = [round(x, 2) for x in os.getloadavg()]
        say("throughput (wrk)")
        lookups = WORK / f"lookups-{data_dir.name}.txt"
        out["lookup_subjects"] = lookups_module.lookup_texts(data_dir, lookups)
        out["throughput"] = throughput(peers, lookups, seconds=3 if quick else 8)
    for name, compare in COMPARISONS.items():
        say(f"comparison {name}")
        out[name] = compare(data_dir, quick)
    out["load_average_after"] = [round(x, 2) for x in os.getloadavg()]
    return out


# --- report ---------------------------------------------------------------------------------


def _ratio(ours: float | None, theirs: float | None) -> str:
    if not ours or not theirs:
        return "–"
    return f"{ours / theirs:.2f}"


def _p50(entry: dict[str, Any] | None) -> float | None:
    return None if not entry or "p50_ms" not in entry else float(entry["p50_ms"])


def markdown(name: str, peers: dict[str, Any]) -> list[str]:
    """The peers section of one dataset: latency and throughput tables with ratios."""
    servers = list(peers.get("servers", {}))
    others = [s for s in servers if s != "mnkg"]
    lines = [f"### Peers on the {name} release", ""]
    lines.append(
        "Servers: "
        + "; ".join(
            f"{s} {v['version']} (load {v['load_seconds'] or 0:.1f} s)"
            for s, v in peers.get("servers", {}).items()
        )
        + f". Load average (1/5/15 min) before {peers['load_average_before']}, "
        f"after the latency runs {peers.get('load_average_after_latency')}, "
        f"at the end {peers.get('load_average_after')}."
    )
    if "virtuoso_error" in peers:
        lines.append(f"Virtuoso: {peers['virtuoso_error']}")
    lines += ["", "Latency per named query through HTTP, p50 ms (ratio: MNKG / peer):", ""]
    header = ["query", *servers, *(f"MNKG/{o}" for o in others)]
    lines.append("| " + " | ".join(header) + " |")
    lines.append("|" + "---|" * len(header))
    for query, entries in peers.get("latency", {}).items():
        ours = _p50(entries.get("mnkg"))
        cells = [f"{_p50(entries.get(s)) or '–'}" for s in servers]
        cells += [_ratio(ours, _p50(entries.get(o))) for o in others]
        lines.append(f"| {query} | " + " | ".join(cells) + " |")
    runs = peers.get("throughput", {})
    if "varying" not in runs:  # a run of the harness before the varying-IRI workload
        return [*lines, ""]
    lines += ["", *_throughput_summary(peers, others)]
    for workload, title in (
        ("varying", "a different subject in every request (the headline)"),
        ("fixed", "the same text in every request"),
    ):
        lines += ["", f"Small-query throughput, one-triple lookup, {title} (wrk, keep-alive):", ""]
        lines += _throughput_table(runs[workload], servers, others)
    lines.append("")
    return lines


def _throughput_table(
    runs: dict[str, list[dict[str, Any]]], servers: list[str], others: list[str]
) -> list[str]:
    header = ["connections"]
    header += [f"{s} req/s" for s in servers] + [f"MNKG/{o} req/s" for o in others]
    header += [f"{s} p50 ms" for s in servers] + [f"MNKG/{o} p50" for o in others]
    header.append("load average (1 min)")
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for index, connections in enumerate(CONNECTIONS):
        row = {s: runs[s][index] for s in servers if s in runs and len(runs[s]) > index}
        rate = {s: r["requests_per_s"] for s, r in row.items()}
        p50 = {s: r["p50_ms"] for s, r in row.items()}
        cells = [str(connections)]
        cells += [
            f"{rate.get(s, '–')}"
            + (f" ({row[s]['errors']} errors)" if s in row and row[s]["errors"] else "")
            for s in servers
        ]
        cells += [_ratio(rate.get("mnkg"), rate.get(o)) for o in others]
        cells += [f"{p50.get(s, '–')}" for s in servers]
        cells += [_ratio(p50.get("mnkg"), p50.get(o)) for o in others]
        cells.append(", ".join(f"{s} {row[s]['load_average'][0]}" for s in servers if s in row))
        lines.append("| " + " | ".join(cells) + " |")
    return lines


def _throughput_summary(peers: dict[str, Any], others: list[str]) -> list[str]:
    """The issue's figures in one paragraph: throughput ratios at 8 and 32 connections (the
    varying-IRI workload) and the per-query latency ratios."""
    if "oxigraph" not in others:
        return []
    runs = peers["throughput"]["varying"]
    ours, theirs = runs.get("mnkg", []), runs.get("oxigraph", [])
    parts = []
    for index, connections in enumerate(CONNECTIONS):
        if index < len(ours) and index < len(theirs) and connections in (8, 32):
            ratio = _ratio(ours[index]["requests_per_s"], theirs[index]["requests_per_s"])
            p50 = _ratio(ours[index]["p50_ms"], theirs[index]["p50_ms"])
            parts.append(f"{connections} connections {ratio} (p50 ratio {p50})")
    latency = [
        ours_p50 / their_p50
        for entries in peers.get("latency", {}).values()
        if (ours_p50 := _p50(entries.get("mnkg"))) and (their_p50 := _p50(entries.get("oxigraph")))
    ]
    text = (
        "**MNKG / Oxigraph server**: small-query throughput (a different subject in every "
        f"request, {peers.get('lookup_subjects', '?')} subjects) " + "; ".join(parts) + "."
    )
    if latency:
        text += (
            f" Latency per named query, p50 ratio: median {sorted(latency)[len(latency) // 2]:.2f}"
            f", range {min(latency):.2f}-{max(latency):.2f} over {len(latency)} queries."
        )
    return [text]


__all__ = ["COMPARISONS", "Peer", "markdown", "measure"]

"""Run the MNKG benchmark: ``python -m benchmarks [--hpo] [--quick]`` (docs/performance.md).

1. pipeline: ``mnkg build`` and ``mnkg load`` into a curated data dir (and with ``--hpo``,
   ``mnkg import-hpo`` into a second data dir holding a copy of the release), timed, with the
   peak memory of each command's process tree, the store size and summary.json's step times;
2. latency of every named query, /conditions and /localize vignettes: raw pyoxigraph on disk
   and in memory (the floor), our store layer in-process, HTTP to a real server (disk workers
   as ``mnkg serve`` runs, and in-memory workers), and rdflib's engine on the same quads;
3. throughput with wrk at concurrency 1, 8 and 32: /sparql (a small query) and two domain
   endpoints;
4. the peers (:mod:`benchmarks.peers`): MNKG, Oxigraph server and Virtuoso side by side;
5. with ``--hpo``, the domain requests right after ``mnkg serve`` starts on the HPO-bridged
   store (:mod:`benchmarks.domain_first_requests`: first versus tenth, /conditions times);
6. results.json, report.md (with the table of issue 13's targets,
   :mod:`benchmarks.issue_targets`) and plot.png under benchmarks/results/<time>/ and latest/.

``--peers-only`` runs 1 when the data dirs of ``--work-dir`` are missing, then 5 and 4.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

if __package__ in (None, ""):  # `python benchmarks/run.py`
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import httpx
from pyoxigraph import Store as OxStore

from benchmarks import domain_first_requests, engines, loadgen, machine, peers, report
from benchmarks.procs import Server, free_port, mnkg, run_measured
from benchmarks.workload import cases, record
from mnkg.kg.settings import Settings
from mnkg.kg.store import StoreUnavailable
from mnkg.kg.store.layout import current_store, directory_size
from mnkg.kg.store.oxigraph import OxigraphStore

RESULTS = Path(__file__).resolve().parent / "results"
DOCS = Path(__file__).resolve().parents[1] / "docs" / "performance.md"
SMALL_SPARQL = (
    "SELECT ?label WHERE { <http://purl.obolibrary.org/obo/HP_0002380> "
    "<http://www.w3.org/2000/01/rdf-schema#label> ?label }"
)
"""The small /sparql query of the throughput test: one label lookup (a point lookup)."""


def say(message: str) -> None:
    """Progress on stderr, with the time."""
    print(f"[{datetime.now(UTC):%H:%M:%S}] {message}", file=sys.stderr, flush=True)


def pipeline(work: Path, *, hpo: bool) -> dict[str, Any]:
    """Build, load and (with ``hpo``) import HPO; every step a timed child process, with the
    load average before and after it."""
    out: dict[str, Any] = {}
    curated = work / "curated"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    say("mnkg build")
    built, load = _step(mnkg("build", "--out", str(curated / "release"), "--json"))
    say(f"  mnkg build {built.seconds:.1f} s")
    summary = json.loads(built.stdout)
    out["build"] = {
        "seconds": built.seconds,
        "peak_rss_mb": built.peak_rss_mb,
        "steps_seconds": summary["durations_seconds"],
        "triples": summary["triples"],
        **load,
    }
    say("mnkg load")
    loaded, load = _step(mnkg("load", "--data-dir", str(curated)))
    out["load_curated"] = _store_facts(curated, loaded) | load
    say("mnkg validate")
    validated, load = _step(mnkg("validate"))
    out["validate"] = {"seconds": validated.seconds, "peak_rss_mb": validated.peak_rss_mb, **load}
    if hpo:
        bridged = work / "hpo"
        shutil.copytree(curated / "release", bridged / "release")
        say("mnkg import-hpo")
        imported, load = _step(mnkg("import-hpo", "--data-dir", str(bridged)))
        out["import_hpo"] = _store_facts(bridged, imported) | load
        out["import_hpo"]["release_mb"] = round(
            sum(p.stat().st_size for p in (bridged / "release").glob("*.nq")) / 1e6, 1
        )
        say(f"  mnkg import-hpo {imported.seconds:.1f} s")
    return out


def _step(argv: list[str]) -> tuple[Any, dict[str, list[float]]]:
    """Run one pipeline command (:func:`run_measured`) between two load-average readings."""
    before = machine.load_average()
    measured = run_measured(argv)
    return measured, {"load_average_before": before, "load_average_after": machine.load_average()}


def _store_facts(data_dir: Path, measured: Any) -> dict[str, Any]:
    store = current_store(data_dir)
    assert store is not None, f"no store in {data_dir}"
    return {
        "seconds": measured.seconds,
        "peak_rss_mb": measured.peak_rss_mb,
        "store_mb": round(directory_size(store) / 1e6, 1),
        "output_tail": measured.stdout.strip().splitlines()[-12:],
    }


def measure_peers(data_dir: Path, *, source: str, quick: bool) -> dict[str, Any]:
    """Only the peers: record each case's SPARQL on our store, then :func:`peers.measure`."""
    items = cases(source=source)
    store = OxigraphStore(data_dir, settings=Settings(data_dir=data_dir)).start()
    try:
        record(store, items)
    finally:
        store.close()
    return peers.measure(data_dir, items, quick=quick, env=_env())


def measure_dataset(
    data_dir: Path, *, source: str, quick: bool, rdflib_load_limit_s: float
) -> dict[str, Any]:
    """Latency of every case on every engine, and throughput, over one data dir."""
    n, warmup, budget = (30, 2, 4.0) if quick else (100, 3, 8.0)
    release = sorted((data_dir / "release").glob("*.nq"))
    out: dict[str, Any] = {"engines": {}, "facts": {}}
    items = cases(source=source)
    out["kinds"] = {c.name: c.kind for c in items}

    def each(engine: str, make_call, *, replay: bool = False) -> None:  # type: ignore[no-untyped-def]
        say(f"  {engine}")
        out["engines"][engine] = {
            c.name: {"n": 0, "error": f"nothing recorded to replay ({c.error})"}
            if replay and not c.recorded
            else time_calls(make_call(c))
            for c in items
        }

    def time_calls(call) -> dict:  # type: ignore[no-untyped-def]
        return engines.time_calls(call, n=n, warmup=warmup, budget_s=budget)

    settings = Settings(data_dir=data_dir)
    for in_memory in (False, True):
        label = "store-memory" if in_memory else "store-disk"
        began = time.perf_counter()
        try:
            store = OxigraphStore(data_dir, settings=settings, in_memory=in_memory).start()
        except StoreUnavailable as error:  # e.g. an in-memory copy slower than the start limit
            out["facts"][f"{label}_start_error"] = str(error)
            out["engines"][label] = {c.name: {"n": 0, "error": str(error)} for c in items}
            say(f"  {label}: {error}")
            continue
        try:
            store.query("ASK { ?s ?p ?o }")
            out["facts"][f"{label}_start_seconds"] = round(time.perf_counter() - began, 3)
            if not in_memory:
                say("  recording the SPARQL of each case")
                record(store, items)
                out["recorded_queries"] = {c.name: len(c.recorded) for c in items}
                out["recording_errors"] = {c.name: c.error for c in items if c.error}
            caches: dict[str, dict] = {c.name: {} for c in items}
            each(label, lambda c, s=store, k=caches: lambda: c.in_process(s, k[c.name]))
        finally:
            store.close()

    location = current_store(data_dir)
    assert location is not None
    disk = OxStore.read_only(str(location))
    each("pyoxigraph-disk", lambda c, d=disk: engines.oxigraph_replay(d, c.recorded), replay=True)
    disk = None  # close the read-only store
    memory, seconds = engines.open_memory(release)
    out["facts"]["pyoxigraph_memory_load_seconds"] = seconds
    each(
        "pyoxigraph-memory",
        lambda c, m=memory: engines.oxigraph_replay(m, c.recorded),
        replay=True,
    )
    memory = None  # free it before the servers start

    for label, argv in (
        ("http-disk", lambda port: mnkg("serve", "--data-dir", str(data_dir), "--port", str(port))),
        (
            "http-memory",
            lambda port: [
                sys.executable,
                "-m",
                "benchmarks.memserve",
                "--data-dir",
                str(data_dir),
                "--port",
                str(port),
            ],
        ),
    ):
        port = free_port()
        say(f"  starting {label} on port {port}")
        try:
            server = Server(argv(port), port, env=_env())
        except RuntimeError as error:  # the server could not start (reported, not fatal)
            out["facts"][f"{label}_start_error"] = str(error)[-500:]
            out["engines"][label] = {
                c.name: {"n": 0, "error": "server did not start"} for c in items
            }
            say(f"  {label}: did not start")
            continue
        with server:
            out["facts"][f"{label}_start_seconds"] = server.start_seconds
            with httpx.Client(base_url=server.url, timeout=60) as client:
                each(label, lambda c, client=client: engines.http_call(client, c))
            out["facts"][f"{label}_rss_mb"] = server.rss_mb()
            if label == "http-disk" or not quick:
                say(f"  throughput on {label}")
                out.setdefault("throughput", {})[label] = throughput(server.url, quick=quick)

    say("  peers: Oxigraph server and Virtuoso")
    out["peers"] = peers.measure(data_dir, items, quick=quick, env=_env())

    say("  rdflib (child process)")
    out["engines"]["rdflib"], out["facts"]["rdflib"] = rdflib(
        release, items, quick=quick, work=data_dir, load_limit_s=rdflib_load_limit_s
    )
    return out


def _prepared(work: Path, *, hpo: bool) -> bool:
    """Whether the work dir holds loaded stores for the datasets of the run."""
    names = ("curated", "hpo") if hpo else ("curated",)
    return all(current_store(work / name) is not None for name in names)


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env.setdefault("MNKG_WORKERS", "2")
    env["PYTHONPATH"] = (
        str(Path(__file__).resolve().parents[1]) + os.pathsep + env.get("PYTHONPATH", "")
    )
    return env


def throughput(url: str, *, quick: bool) -> dict[str, list[dict[str, Any]]]:
    """Requests/s and errors of three endpoints at concurrency 1, 8 and 32."""
    seconds = 3 if quick else 8
    targets = {
        "sparql-small": (
            "GET",
            str(httpx.URL(url + "/sparql", params={"query": SMALL_SPARQL})),
            None,
        ),
        "queries-lmn": ("GET", url + "/queries/conditions-with-lmn-signs?min_signs=2", None),
        "localize": (
            "POST",
            url + "/localize",
            json.dumps({"signs": ["Fasciculations", "Areflexia", "Skeletal muscle atrophy"]}),
        ),
    }
    out: dict[str, list[dict[str, Any]]] = {}
    for name, (method, target, body) in targets.items():
        for _ in range(3):  # warm the server's caches (a cold /localize builds its index)
            httpx.request(
                method,
                target,
                content=body,
                timeout=120,
                headers={"Content-Type": "application/json"} if body else None,
            )
        out[name] = [
            loadgen.run_wrk(target, concurrency=c, seconds=seconds, method=method, body=body)
            for c in (1, 8, 32)
        ]
        say(
            f"    {name}: "
            + ", ".join(
                f"c{r['concurrency']} {r['requests_per_s']}/s ({r['errors']} errors)"
                for r in out[name]
            )
        )
    return out


def rdflib(
    release: list[Path], items: list, *, quick: bool, work: Path, load_limit_s: float
) -> tuple[dict, dict]:
    """Run the recorded queries on rdflib in a child process (load time and memory too)."""
    spec = {
        "nquads": [str(p) for p in release],
        "cases": {c.name: [r.text for r in c.recorded] for c in items if c.recorded},
        "n": 10 if quick else 30,
        "budget_s": 10.0 if quick else 30.0,
        "per_run_limit_s": 30.0,
        "load_limit_s": load_limit_s,
    }
    spec_path, out_path = work / "rdflib-spec.json", work / "rdflib-out.json"
    spec_path.write_text(json.dumps(spec))
    measured = run_measured(
        [sys.executable, "-m", "benchmarks.engines", str(spec_path), str(out_path)],
        env=_env(),
        timeout=7200,
    )
    result = json.loads(out_path.read_text())
    facts = {
        key: result[key]
        for key in ("load_seconds", "quads", "rss_mb", "load_over_limit_s", "quads_loaded_by_then")
        if key in result
    }
    facts |= {"process_peak_rss_mb": measured.peak_rss_mb, "total_seconds": measured.seconds}
    return result["cases"], facts


def _measure_datasets(args: argparse.Namespace, results: dict[str, Any], run_dir: Path) -> None:
    """Each dataset of the run not measured yet (``--resume``): the domain requests right after
    start (HPO-bridged only), then the peers only, or every engine and the peers."""
    results.setdefault("datasets", {})
    quick = results["options"]["quick"] or results["options"].get("quick_for_resumed", False)
    for name, source in (("curated", "mnkg"), ("hpo", "hpo")):
        if name == "hpo" and not args.hpo:
            continue
        if name == "hpo" and name not in results.get("domain_requests", {}):
            say(f"dataset {name}: domain requests right after mnkg serve starts")
            results.setdefault("domain_requests", {})[name] = domain_first_requests.measure(
                args.work_dir / name, quick=quick, env=_env()
            )
            _save(results, run_dir)
        done = results.get("peers", {}) if args.peers_only else results["datasets"]
        if name in done:
            continue
        say(f"dataset {name}")
        if args.peers_only:
            results.setdefault("peers", {})[name] = measure_peers(
                args.work_dir / name, source=source, quick=quick
            )
        else:
            results["datasets"][name] = measure_dataset(
                args.work_dir / name,
                source=source,
                quick=quick,
                rdflib_load_limit_s=args.rdflib_load_limit,
            )
        _save(results, run_dir)


def _save(results: dict[str, Any], run_dir: Path) -> None:
    (run_dir / "results.json").write_text(json.dumps(results, indent=2) + "\n")


def main(argv: list[str] | None = None) -> int:
    """Entry point: see the module docstring."""
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--hpo", action="store_true", help="also the HPO-bridged release")
    parser.add_argument("--quick", action="store_true", help="fewer samples, shorter loads")
    parser.add_argument(
        "--work-dir",
        type=Path,
        default=Path(os.environ.get("TMPDIR", "/tmp")) / "mnkg-bench",
        help="data dirs of the run (replaced)",
    )
    parser.add_argument("--results", type=Path, default=RESULTS)
    parser.add_argument(
        "--rdflib-load-limit",
        type=float,
        default=1200,
        help="seconds rdflib may spend parsing a release (then: no rdflib timings for it)",
    )
    parser.add_argument(
        "--resume",
        type=Path,
        metavar="RUN_DIR",
        help="continue an interrupted run: keep its pipeline and finished datasets "
        "(same --work-dir), measure the rest",
    )
    parser.add_argument(
        "--peers-only",
        action="store_true",
        help="measure only MNKG against Oxigraph server and Virtuoso, over the data dirs of "
        "--work-dir (built by the pipeline when missing)",
    )
    parser.add_argument(
        "--update-docs",
        action="store_true",
        help="copy the report into docs/performance.md (between its markers)",
    )
    args = parser.parse_args(argv)
    if not loadgen.wrk_available():
        parser.error("wrk is needed for the throughput runs: apt-get install -y wrk")
    if args.resume:
        run_dir = args.resume
        results = json.loads((run_dir / "results.json").read_text())
        results["options"]["hpo"] = results["options"]["hpo"] or args.hpo
        if args.quick:
            results["options"]["quick_for_resumed"] = True
        results["options"]["resumed"] = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    else:
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
        run_dir = args.results / stamp
        run_dir.mkdir(parents=True)
        results = {
            "started": stamp,
            "options": {"hpo": args.hpo, "quick": args.quick, "peers_only": args.peers_only},
            "machine": machine.describe(),
            "small_sparql": SMALL_SPARQL,
        }
        results["pipeline"] = (
            {
                "skipped": f"peers only: the data dirs of {args.work_dir} were reused "
                "(build and import not timed in this run)"
            }
            if args.peers_only and _prepared(args.work_dir, hpo=args.hpo)
            else pipeline(args.work_dir, hpo=args.hpo)
        )
        _save(results, run_dir)
    _measure_datasets(args, results, run_dir)
    results["finished"] = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    results["machine"]["load_average_at_end"] = machine.load_average()
    _save(results, run_dir)
    report.write(results, run_dir)
    latest = args.results / "latest"
    shutil.rmtree(latest, ignore_errors=True)
    shutil.copytree(run_dir, latest)
    say(f"results in {run_dir} (copied to {latest})")
    if args.update_docs:
        report.update_docs(results, DOCS)
    print((run_dir / "report.md").read_text())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""The run's Markdown table and PNG plot, computed from results.json only."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from benchmarks import domain_first_requests, issue_targets, peers

SERVED = "disk"
"""The worker mode ``mnkg serve`` uses (docs/sparql.md); targets are checked against it."""
TARGETS = {
    "http_overhead_ms": 1.0,
    "rdflib_ratio": 20.0,
    "lmn_hpo_http_ms": 50.0,
    "sparql_rps": 1000.0,
}
LMN_QUERY = "conditions-with-lmn-signs"
ENGINE_ORDER = [
    "pyoxigraph-memory",
    "pyoxigraph-disk",
    "store-memory",
    "store-disk",
    "http-memory",
    "http-disk",
    "rdflib",
]


def _p50(entry: dict[str, Any] | None) -> float | None:
    return None if not entry or "p50_ms" not in entry else entry["p50_ms"]


def _fmt(value: float | None, digits: int = 2) -> str:
    if value is None:
        return "–"
    if value >= 100:
        return f"{value:.0f}"
    return f"{value:.{digits}f}"


def _cell(entry: dict[str, Any] | None) -> str:
    if not entry:
        return "–"
    if "over_limit_s" in entry:
        return f"> {entry['over_limit_s']:.0f} s"
    if "error" in entry and "p50_ms" not in entry:
        return "error"
    if "error" in entry:
        return f"{_fmt(entry['p50_ms'])} / {_fmt(entry['p99_ms'])} (error after {entry['n']})"
    return f"{_fmt(entry['p50_ms'])} / {_fmt(entry['p99_ms'])}"


def derived(dataset: dict[str, Any]) -> list[dict[str, Any]]:
    """Per case: HTTP overhead over the raw floor and over our store layer, rdflib ratios."""
    engines = dataset["engines"]
    rows = []
    for name in engines["pyoxigraph-disk"]:
        raw = _p50(engines["pyoxigraph-disk"].get(name))
        raw_mem = _p50(engines["pyoxigraph-memory"].get(name))
        http = _p50(engines[f"http-{SERVED}"].get(name))
        layer = _p50(engines[f"store-{SERVED}"].get(name))
        rdf = engines.get("rdflib", {}).get(name)
        rdf_p50 = _p50(rdf)
        over = rdf is not None and "over_limit_s" in rdf
        if over:
            rdf_p50 = rdf["over_limit_s"] * 1000
        rows.append(
            {
                "case": name,
                "http_minus_raw_ms": None if http is None or raw is None else round(http - raw, 3),
                "http_minus_store_ms": None
                if http is None or layer is None
                else round(http - layer, 3),
                "rdflib_over_raw": None if not rdf_p50 or not raw else round(rdf_p50 / raw, 1),
                "rdflib_over_raw_memory": None
                if not rdf_p50 or not raw_mem
                else round(rdf_p50 / raw_mem, 1),
                "rdflib_over_http": None if not rdf_p50 or not http else round(rdf_p50 / http, 1),
                "rdflib_lower_bound": over,
            }
        )
    return rows


def targets(results: dict[str, Any]) -> list[tuple[str, str, bool | None]]:
    """Each target: what it asks, what was measured, met or not (None: not measured)."""
    out: list[tuple[str, str, bool | None]] = []
    curated = results["datasets"].get("curated")
    for name, dataset in results["datasets"].items():
        rows = derived(dataset)
        over = [r for r in rows if r["http_minus_raw_ms"] is not None]
        small = [
            r["p50_ms"]
            for r in dataset.get("throughput", {}).get(f"http-{SERVED}", {}).get("sparql-small", [])
            if r["concurrency"] == 1
        ]
        median_overhead = sorted(r["http_minus_raw_ms"] for r in over)[len(over) // 2]
        worst = max(over, key=lambda r: r["http_minus_raw_ms"])
        measured = (
            f"point lookup end to end through HTTP (wrk, 1 connection): p50 {small[0]:.2f} ms, "
            "an upper bound of what HTTP adds; "
            if small
            else ""
        ) + (
            f"HTTP − raw over the cases: median {median_overhead:.2f} ms, largest "
            f"{worst['http_minus_raw_ms']:.2f} ms ({worst['case']})"
        )
        out.append(
            (
                f"{name}: HTTP adds at most 1 ms p50 over the in-process call",
                measured,
                small[0] <= TARGETS["http_overhead_ms"] if small else None,
            )
        )
        kinds = dataset.get("kinds", {})

        def kind(case: str, kinds: dict[str, str] = kinds) -> str:
            if case in kinds:
                return kinds[case]
            if case in ("conditions-lmn", "conditions-umn"):
                return "conditions"
            return "localize" if case.startswith("localize-") else "query"

        named = [r for r in rows if r["rdflib_over_raw"] is not None and kind(r["case"]) == "query"]
        if named:
            slowest = min(named, key=lambda r: r["rdflib_over_raw"])
            out.append(
                (
                    f"{name}: every named query at least 20x faster than rdflib (raw {SERVED})",
                    f"smallest ratio {slowest['case']} {slowest['rdflib_over_raw']}x; "
                    f"{sum(r['rdflib_over_raw'] >= 20 for r in named)}/{len(named)} at 20x or more",
                    slowest["rdflib_over_raw"] >= TARGETS["rdflib_ratio"],
                )
            )
    hpo = results["datasets"].get("hpo")
    for case, what in (
        (LMN_QUERY, "named query"),
        ("conditions-lmn", "/conditions?pattern=LMN&source=hpo"),
    ):
        title = f"LMN query over the HPO-bridged release under 50 ms p50 through HTTP ({what})"
        if not hpo:
            out.append((title, "not run (use --hpo)", None))
            continue
        entry = hpo["engines"][f"http-{SERVED}"].get(case) or {}
        lmn = _p50(entry)
        measured = f"{_fmt(lmn)} ms" if lmn is not None else entry.get("error", "not measured")
        memory = _p50(hpo["engines"].get("http-memory", {}).get(case))
        if memory is not None:
            measured += f" (in-memory workers: {_fmt(memory)} ms)"
        out.append(
            (
                title,
                measured,
                None
                if lmn is None and not entry
                else lmn is not None and lmn < TARGETS["lmn_hpo_http_ms"],
            )
        )
    if curated and "throughput" in curated:
        runs = curated["throughput"][f"http-{SERVED}"]["sparql-small"]
        best = max(r["requests_per_s"] for r in runs)
        out.append(
            (
                f"at least 1,000 small SPARQL requests/s on "
                f"{results['machine']['cores_usable']} cores (curated)",
                f"best {best:.0f}/s ("
                + ", ".join(f"c{r['concurrency']} {r['requests_per_s']:.0f}" for r in runs)
                + ")",
                best >= TARGETS["sparql_rps"],
            )
        )
        errors = {
            (ds, mode, endpoint): r["errors"]
            for ds, d in results["datasets"].items()
            for mode, by_endpoint in d.get("throughput", {}).items()
            for endpoint, rs in by_endpoint.items()
            for r in rs
            if r["concurrency"] == 32
        }
        bad = {k: v for k, v in errors.items() if v}
        out.append(
            (
                "no errors at concurrency 32",
                f"{sum(errors.values())} errors in {len(errors)} runs"
                + (f": {bad}" if bad else ""),
                not bad,
            )
        )
    return out


def _header(results: dict[str, Any]) -> list[str]:
    m = results["machine"]
    return [
        f"# MNKG benchmark {results['started']}",
        "",
        f"Machine: {m['cpu']}, {m['cores_usable']} usable cores ({m['cores_logical']} logical), "
        f"{m['memory_gb']} GB; {m['os']}; Python {m['python']}; "
        + ", ".join(f"{k} {v}" for k, v in m["packages"].items())
        + f". Load average at start {m['load_average_at_start']}, at end "
        f"{m.get('load_average_at_end', '?')} (other jobs share this machine). "
        f"Options: {results['options']}.",
        "",
    ]


def markdown(results: dict[str, Any]) -> str:
    """The report: machine, issue 13's targets, targets, pipeline, latency per engine, ratios,
    throughput, the domain requests right after start, the peers."""
    lines = _header(results)
    lines += issue_targets.markdown(results)
    peers_only = results["options"].get("peers_only", not results.get("datasets"))
    if not peers_only:
        lines += _targets_lines(results)
    lines += _pipeline_lines(results["pipeline"])
    for name, dataset in results.get("datasets", {}).items():
        lines += _dataset_lines(name, dataset)
    for name, measured in results.get("domain_requests", {}).items():
        lines += ["", *domain_first_requests.markdown(name, measured)]
    lines += peer_sections(results)
    if not peers_only:
        lines += ["", f"Small SPARQL query: `{results['small_sparql']}`", ""]
    return "\n".join(lines)


def _targets_lines(results: dict[str, Any]) -> list[str]:
    lines = [
        "## Targets",
        "",
        "| target | measured | met |",
        "| --- | --- | --- |",
    ]
    for what, measured, met in targets(results):
        lines.append(
            f"| {what} | {measured} | {'yes' if met else 'n/a' if met is None else '**no**'} |"
        )
    return lines


def _pipeline_lines(p: dict[str, Any]) -> list[str]:
    if "build" not in p:  # a --peers-only run over existing data dirs
        return ["", "## Build, validation, reasoning, load", "", f"Not run: {p.get('skipped')}."]
    lines = [
        "",
        "## Build, validation, reasoning, load",
        "",
        "| step | seconds | peak memory (MB) | store on disk (MB) |",
        "| --- | --- | --- | --- |",
        f"| `mnkg build` (total) | {p['build']['seconds']:.1f} | "
        f"{p['build']['peak_rss_mb']:.0f} | |",
    ]
    for step, seconds in p["build"]["steps_seconds"].items():
        if step != "total":
            lines.append(f"| &nbsp;&nbsp;build step: {step} | {seconds:.1f} | | |")
    lines.append(
        f"| `mnkg validate` | {p['validate']['seconds']:.1f} | "
        f"{p['validate']['peak_rss_mb']:.0f} | |"
    )
    lines.append(
        f"| `mnkg load` (curated, {sum(p['build']['triples'].values())} triples) | "
        f"{p['load_curated']['seconds']:.1f} | {p['load_curated']['peak_rss_mb']:.0f} | "
        f"{p['load_curated']['store_mb']} |"
    )
    if "import_hpo" in p:
        h = p["import_hpo"]
        lines.append(
            f"| `mnkg import-hpo` (parse, bridge, write, load; {h['release_mb']} MB of "
            f"N-Quads) | {h['seconds']:.1f} | {h['peak_rss_mb']:.0f} | {h['store_mb']} |"
        )
    return lines


def _dataset_lines(name: str, dataset: dict[str, Any]) -> list[str]:
    f = dataset["facts"]
    lines = [
        "",
        f"## Latency: {name} release",
        "",
        "p50 / p99 in ms. pyoxigraph-*: the raw `Store.query` on the same store, "
        "the same SPARQL text, JSON-serialized (the floor); store-*: our store layer "
        "in-process (worker processes, disk or in-memory copy); http-*: a real server "
        "on 127.0.0.1, keep-alive httpx client; rdflib: `Dataset(default_union=True)` "
        "over the same N-Quads, same text. Queries per case: "
        + ", ".join(f"{k} {v}" for k, v in dataset.get("recorded_queries", {}).items() if v != 1)
        + " (others 1).",
        "",
        "| case | " + " | ".join(ENGINE_ORDER) + " | HTTP − raw (ms) | rdflib ÷ raw |",
        "| --- |" + " --- |" * (len(ENGINE_ORDER) + 2),
    ]
    ratios = {r["case"]: r for r in derived(dataset)}
    for case in dataset["engines"]["pyoxigraph-disk"]:
        r = ratios[case]
        ratio = (
            "–"
            if r["rdflib_over_raw"] is None
            else (("≥ " if r["rdflib_lower_bound"] else "") + f"{r['rdflib_over_raw']}x")
        )
        lines.append(
            f"| {case} | "
            + " | ".join(_cell(dataset["engines"].get(e, {}).get(case)) for e in ENGINE_ORDER)
            + f" | {_fmt(r['http_minus_raw_ms'])} | {ratio} |"
        )
    rd = f.get("rdflib", {})
    lines += [
        "",
        f"Start-up: raw in-memory pyoxigraph bulk load "
        f"{f.get('pyoxigraph_memory_load_seconds')} s; store layer start (first "
        f"answer) disk {f.get('store-disk_start_seconds')} s, memory "
        f"{f.get('store-memory_start_seconds')} s; server ready: disk "
        f"{f.get('http-disk_start_seconds')} s, memory "
        f"{f.get('http-memory_start_seconds')} s; server memory (process tree RSS) "
        f"disk {f.get('http-disk_rss_mb')} MB, memory {f.get('http-memory_rss_mb')} MB; "
        + (
            f"rdflib load {rd.get('load_seconds')} s for {rd.get('quads')} quads, "
            f"+{rd.get('rss_mb')} MB."
            if "load_seconds" in rd
            else f"rdflib did not finish parsing the release within "
            f"{rd.get('load_over_limit_s')} s ({rd.get('quads_loaded_by_then')} quads by "
            f"then, +{rd.get('rss_mb')} MB): no rdflib timings for this release."
        ),
    ]
    for mode, by_endpoint in dataset.get("throughput", {}).items():
        lines += [
            "",
            f"### Throughput: {name}, {mode} (wrk, keep-alive, 127.0.0.1)",
            "",
            "| endpoint | concurrency | requests/s | errors | p50 ms | p99 ms | requests |",
            "| --- | --- | --- | --- | --- | --- | --- |",
        ]
        for endpoint, runs in by_endpoint.items():
            for r in runs:
                lines.append(
                    f"| {endpoint} | {r['concurrency']} | {r['requests_per_s']:.0f} "
                    f"| {r['errors']} | {_fmt(r['p50_ms'])} | {_fmt(r['p99_ms'])} | "
                    f"{r['requests']} |"
                )
    return lines


def peer_sections(results: dict[str, Any]) -> list[str]:
    """The peers of every dataset (a full run keeps them per dataset, --peers-only apart)."""
    found = issue_targets.peers_by_dataset(results)
    lines: list[str] = []
    for name, measured in found.items():
        lines += ["", *peers.markdown(name, measured)]
    if found:
        lines.append(f"Small SPARQL query: `{results['small_sparql']}`")
    return lines


def plot(results: dict[str, Any], path: Path) -> None:
    """p50 per case and engine (log scale), one panel per release, plus throughput."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    datasets = list(results["datasets"].items())
    fig, axes = plt.subplots(len(datasets) + 1, 1, figsize=(13, 4.5 * (len(datasets) + 1)))
    for ax, (name, dataset) in zip(axes, datasets, strict=False):
        cases = list(dataset["engines"]["pyoxigraph-disk"])
        width = 0.8 / len(ENGINE_ORDER)
        for i, engine in enumerate(ENGINE_ORDER):
            values = []
            for case in cases:
                entry = dataset["engines"].get(engine, {}).get(case) or {}
                values.append(entry.get("p50_ms") or entry.get("over_limit_s", 0) * 1000 or 0)
            ax.bar([x + i * width for x in range(len(cases))], values, width, label=engine)
        ax.set_yscale("log")
        ax.set_ylabel("p50 latency (ms, log)")
        ax.set_title(f"{name} release: p50 per case and engine")
        ax.set_xticks([x + 0.4 - width / 2 for x in range(len(cases))])
        ax.set_xticklabels(cases, rotation=30, ha="right", fontsize=7)
        ax.legend(fontsize=7, ncol=4)
    ax = axes[-1]
    for name, dataset in datasets:
        for mode, by_endpoint in dataset.get("throughput", {}).items():
            for endpoint, runs in by_endpoint.items():
                ax.plot(
                    [r["concurrency"] for r in runs],
                    [r["requests_per_s"] for r in runs],
                    marker="o",
                    label=f"{name} {mode} {endpoint}",
                )
    ax.set_xscale("log", base=2)
    ax.set_yscale("log")
    ax.set_xlabel("concurrent connections (wrk)")
    ax.set_ylabel("requests/s")
    ax.set_title("throughput")
    ax.legend(fontsize=7, ncol=2)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


def write(results: dict[str, Any], run_dir: Path) -> None:
    """report.md and plot.png next to results.json."""
    (run_dir / "report.md").write_text(markdown(results))
    if results.get("datasets"):  # a --peers-only run has no engine table to plot
        plot(results, run_dir / "plot.png")


START, END = "<!-- benchmark:start -->", "<!-- benchmark:end -->"


def update_docs(results: dict[str, Any], docs: Path) -> None:
    """Replace the text between the markers of ``docs`` with this run's report."""
    text = docs.read_text()
    head, _, rest = text.partition(START)
    _, _, tail = rest.partition(END)
    body = markdown(results).replace("# MNKG benchmark", "### Run", 1).replace("\n## ", "\n#### ")
    docs.write_text(f"{head}{START}\n{body}\n{END}{tail}")


def main(argv: list[str] | None = None) -> int:
    """``python -m benchmarks.report RESULTS.json [--docs docs/performance.md]``: redo the
    report and plot of a finished run (e.g. after changing this module)."""
    import argparse
    import json

    parser = argparse.ArgumentParser(prog="python -m benchmarks.report")
    parser.add_argument("results", type=Path)
    parser.add_argument("--docs", type=Path)
    args = parser.parse_args(argv)
    results = json.loads(args.results.read_text())
    write(results, args.results.parent)
    if args.docs:
        update_docs(results, args.docs)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""The report's table of issue 13's targets: each target, what this run measured, met or not,
and the load average when it was measured (this 2-core machine is shared).

Everything is read from results.json: the peers (:mod:`benchmarks.peers`, under ``peers`` in a
``--peers-only`` run and ``datasets.<name>.peers`` otherwise), the domain requests right after
start (:mod:`benchmarks.domain_first_requests`, under ``domain_requests``) and the pipeline.
A figure the issue asks to report without a number to reach is marked "figure".
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from benchmarks import domain_first_requests as first

THROUGHPUT_RATIO = 0.25
"""MNKG's one-triple lookups/s over Oxigraph server's, at 8 and 32 connections (13.1)."""
LOOKUP_P50_RATIO = 2.0
"""MNKG's p50 of those lookups over Oxigraph server's (13.1)."""
FIRST_OVER_TENTH = 2.0
"""The first domain request after start over the tenth (13.3)."""
CONDITIONS_PAGE_MS = 10.0
CONDITIONS_WHOLE_MS = 25.0
"""p50 of ``/conditions?source=hpo``: a page of 100, the whole list (13.4)."""
BUILD_S = 15.0
IMPORT_S = 45.0
"""Curated ``mnkg build`` and ``mnkg import-hpo`` (13.5)."""
HEADLINE = "hpo"
"""The store the issue's throughput targets are set on: the HPO-bridged one."""


@dataclass(frozen=True)
class Row:
    """One line of the table."""

    target: str
    measured: str
    met: str
    """``yes``, ``**no**``, ``figure`` (reported, no number to reach) or ``not measured``."""
    load: str = ""
    """1-min load average when it was measured."""


def _met(ok: bool) -> str:
    return "yes" if ok else "**no**"


def peers_by_dataset(results: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """The peers measured for each dataset (a full run keeps them per dataset)."""
    found = dict(results.get("peers", {}))
    for name, dataset in results.get("datasets", {}).items():
        if "peers" in dataset:
            found[name] = dataset["peers"]
    return found


def _at(runs: dict[str, list[dict[str, Any]]], server: str, connections: int) -> dict | None:
    return next((r for r in runs.get(server, []) if r["concurrency"] == connections), None)


def throughput_rows(name: str, measured: dict[str, Any]) -> Iterator[Row]:
    """Requests/s ratios to Oxigraph server at 8 and 32 connections, and the p50 ratio (judged
    at 1 connection: at 8 and 32 both servers are saturated, so there p50 is about the
    connections over the rate and its ratio the inverse of the rate's), the varying-IRI
    lookups of :mod:`benchmarks.peers`."""
    runs = measured.get("throughput", {}).get("varying", {})
    judged = name == HEADLINE
    where = f"{name} store" + ("" if judged else " (the issue's targets are on the hpo store)")
    for connections in (8, 32):
        ours, theirs = _at(runs, "mnkg", connections), _at(runs, "oxigraph", connections)
        target = (
            f"{where}: one-triple lookups/s ≥ {THROUGHPUT_RATIO:.2f}x Oxigraph server's, "
            f"{connections} connections"
        )
        if not ours or not theirs or not theirs["requests_per_s"]:
            yield Row(target, "not measured", "not measured")
            continue
        rate = ours["requests_per_s"] / theirs["requests_per_s"]
        errors = ours["errors"] + theirs["errors"]
        yield Row(
            target,
            f"**{rate:.2f}** (MNKG {ours['requests_per_s']:.0f}/s, Oxigraph "
            f"{theirs['requests_per_s']:.0f}/s)" + (f"; {errors} errors" if errors else ""),
            _met(rate >= THROUGHPUT_RATIO and not errors) if judged else "figure",
            f"{ours['load_average'][0]} / {theirs['load_average'][0]}",
        )
    p50 = {
        c: (ours["p50_ms"], theirs["p50_ms"], ours["load_average"][0])
        for c in (1, 8, 32)
        if (ours := _at(runs, "mnkg", c))
        and (theirs := _at(runs, "oxigraph", c))
        and theirs["p50_ms"]
    }
    target = (
        f"{where}: one-triple lookup p50 through HTTP ≤ {LOOKUP_P50_RATIO:.0f}x Oxigraph "
        "server's (1 connection)"
    )
    if 1 not in p50:
        yield Row(target, "not measured", "not measured")
        return
    ratio = p50[1][0] / p50[1][1]
    yield Row(
        target,
        f"**{ratio:.2f}** ({p50[1][0]} vs {p50[1][1]} ms); at 8 and 32 connections "
        + ", ".join(f"{a / b:.2f}" for c, (a, b, _) in p50.items() if c != 1),
        _met(ratio <= LOOKUP_P50_RATIO) if judged else "figure",
        str(p50[1][2]),
    )


def _ratios(latency: dict[str, Any], ours: str, theirs: str) -> dict[str, float]:
    out = {}
    for query, entries in latency.items():
        a, b = entries.get(ours, {}).get("p50_ms"), entries.get(theirs, {}).get("p50_ms")
        if a and b and "error" not in entries[ours] and "error" not in entries[theirs]:
            out[query] = a / b
    return out


def _spread(ratios: dict[str, float]) -> str:
    values = sorted(ratios.values())
    low, high = min(ratios, key=ratios.__getitem__), max(ratios, key=ratios.__getitem__)
    return (
        f"median **{values[len(values) // 2]:.2f}**, {values[0]:.2f} ({low}) to "
        f"{values[-1]:.2f} ({high}), {len(values)} queries"
    )


def latency_rows(name: str, measured: dict[str, Any]) -> Iterator[Row]:
    """Per-query p50 ratios through HTTP to each peer (the table is in the peers section)."""
    latency = measured.get("latency", {})
    load = str(measured.get("load_average_after_latency", [""])[0])
    for peer in ("oxigraph", "virtuoso"):
        if peer not in measured.get("servers", {}):
            continue
        ratios = _ratios(latency, "mnkg", peer)
        target = f"{name} store: named queries through HTTP, p50 MNKG / {peer}"
        if ratios:
            yield Row(target, _spread(ratios), "figure", load)
        else:
            yield Row(target, "not measured", "not measured", load)


def growth_rows(found: dict[str, dict[str, Any]]) -> Iterator[Row]:
    """Named queries' p50 on the HPO-bridged store over the curated one (13.2: a query that
    names its graphs does not slow down when HPO is loaded), MNKG and Oxigraph server."""
    if "curated" not in found or "hpo" not in found:
        return
    for server in ("mnkg", "oxigraph"):
        hpo = {q: e.get(server, {}) for q, e in found["hpo"].get("latency", {}).items()}
        cur = {q: e.get(server, {}) for q, e in found["curated"].get("latency", {}).items()}
        ratios = {
            q: hpo[q]["p50_ms"] / cur[q]["p50_ms"]
            for q in hpo
            if hpo[q].get("p50_ms") and cur.get(q, {}).get("p50_ms")
        }
        if ratios:
            yield Row(
                f"named queries' p50 on the hpo store / on the curated store ({server})",
                _spread(ratios),
                "figure",
            )


def domain_rows(results: dict[str, Any]) -> Iterator[Row]:
    """First request after start over the tenth, and the /conditions page and list times."""
    measured = results.get("domain_requests", {}).get(HEADLINE)
    hpo = results["options"].get("hpo")
    cold = f"first domain request after `mnkg serve` starts ≤ {FIRST_OVER_TENTH:.0f}x the tenth"
    page = f"`/conditions?source=hpo` p50, page of 100 (limit=100) ≤ {CONDITIONS_PAGE_MS:.0f} ms"
    whole = f"`/conditions?source=hpo` p50, the whole list ≤ {CONDITIONS_WHOLE_MS:.0f} ms"
    if not measured:
        for target in (cold, page, whole):
            why = "not in this run" if hpo else "not run (use --hpo)"
            yield Row(target, why, "not measured")
        return
    load = f"{measured['load_average_at_start'][0]}-{measured['load_average_after'][0]}"
    requests = measured["requests"]
    ok = all(r["statuses"] == [200] for r in requests)
    worst = max(requests, key=lambda r: r["first_over_tenth"])
    yield Row(
        cold,
        f"worst **{worst['first_over_tenth']:.2f}** ({worst['name']}: {worst['first_ms']} vs "
        f"{worst['tenth_ms']} ms, first / p50 {worst.get('first_over_p50', '–')}); "
        + ", ".join(f"{r['name']} {r['first_over_tenth']:.2f}" for r in requests)
        + ("" if ok else "; not every answer was 200"),
        _met(ok and worst["first_over_tenth"] <= FIRST_OVER_TENTH),
        load,
    )
    named = first.by_name(measured)
    for target, name, limit in (
        (page, first.CONDITIONS_PAGE, CONDITIONS_PAGE_MS),
        (whole, first.CONDITIONS_WHOLE, CONDITIONS_WHOLE_MS),
    ):
        r = named[name]
        yield Row(
            target,
            f"**{r['p50_ms']} ms** (p99 {r['p99_ms']} ms, first {r['first_ms']} ms, "
            f"{r['bytes']} bytes)",
            _met(r["statuses"] == [200] and r["p50_ms"] <= limit),
            load,
        )


def pipeline_rows(results: dict[str, Any]) -> Iterator[Row]:
    """``mnkg build`` and ``mnkg import-hpo`` times, or why this run has none."""
    pipeline = results.get("pipeline", {})
    for key, target, limit in (
        ("build", f"curated `mnkg build` ≤ {BUILD_S:.0f} s", BUILD_S),
        ("import_hpo", f"`mnkg import-hpo` ≤ {IMPORT_S:.0f} s", IMPORT_S),
    ):
        step = pipeline.get(key)
        if step is None:
            why = pipeline.get("skipped") or "not run (use --hpo)"
            yield Row(target, f"not measured: {why}", "not measured")
            continue
        yield Row(
            target,
            f"**{step['seconds']:.1f} s** (peak {step['peak_rss_mb']:.0f} MB)",
            _met(step["seconds"] <= limit),
            str(step.get("load_average_before", [""])[0]),
        )


def load_samples(value: Any) -> Iterator[float]:
    """Every 1-min load average recorded anywhere in the results."""
    if isinstance(value, dict):
        for key, item in value.items():
            if key.startswith("load_average") and isinstance(item, list) and item:
                yield float(item[0])
            else:
                yield from load_samples(item)
    elif isinstance(value, list):
        for item in value:
            yield from load_samples(item)


def rows(results: dict[str, Any]) -> list[Row]:
    """Every row of the table, in the issue's order."""
    found = peers_by_dataset(results)
    out: list[Row] = []
    for name in sorted(found, key=lambda n: n != HEADLINE):
        out += throughput_rows(name, found[name])
    if HEADLINE not in found:
        why = "no peers in this run" if results["options"].get("hpo") else "not run (use --hpo)"
        out.append(Row("hpo store: small-query throughput and p50", why, "not measured"))
    for name, measured in found.items():
        out += latency_rows(name, measured)
    out += growth_rows(found)
    out += domain_rows(results)
    out += pipeline_rows(results)
    samples = list(load_samples(results))
    if samples:
        cores = results.get("machine", {}).get("cores_usable", "?")
        out.append(
            Row(
                "load average during the run (1 min)",
                f"{min(samples):.2f}-{max(samples):.2f} over {len(samples)} readings "
                f"({cores} usable cores)",
                "figure",
            )
        )
    return out


def markdown(results: dict[str, Any]) -> list[str]:
    """The "Issue 13 targets" section."""
    lines = [
        "## Issue 13 targets",
        "",
        "Each target of issue 13 with this run's figure (details in the sections below). "
        "Load: the 1-min load average when it was measured (MNKG / Oxigraph server for wrk).",
        "",
        "| target | measured | met | load |",
        "| --- | --- | --- | --- |",
    ]
    lines += [f"| {r.target} | {r.measured} | {r.met} | {r.load} |" for r in rows(results)]
    return [*lines, ""]


__all__ = ["Row", "markdown", "peers_by_dataset", "rows"]

"""The domain endpoints right after ``mnkg serve`` starts (issue 13.3, 13.4): a step of
``python -m benchmarks --hpo`` on the HPO-bridged data dir, and on its own
``python -m benchmarks.domain_first_requests DATA_DIR``.

Starts ``mnkg serve`` on DATA_DIR (a store with the release and the HPO import) as users run
it, waits until it answers ``/version`` (the app warms its answers before it serves), then
opens one keep-alive client with one ``GET /version`` (its time is ``connect_ms``: the TCP
connection and httpx's own first-request costs, 1-5 ms, are the client's, not a cold server's)
and times through HTTP, on that connection, each URL of :data:`REQUESTS` in turn: the first
and the tenth request, the ratio first / tenth (the cold-versus-warm figure: the issue asks
for at most 2), and the p50 and p99 of the requests after the tenth (first / p50 too: one
tenth request on a shared machine is a noisy denominator). The page of 100 and the
whole list of ``/conditions?pattern=LMN&source=hpo`` are the issue's ``/conditions`` times.
"""

from __future__ import annotations

import json
import os
import re
import statistics
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

if __package__ in (None, ""):  # `python benchmarks/domain_first_requests.py`
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import httpx

from benchmarks.procs import Server, free_port, mnkg


@dataclass(frozen=True)
class Request:
    """One domain request of the step."""

    name: str
    method: str
    path: str
    body: dict[str, Any] | None = None

    @property
    def label(self) -> str:
        """How the report names it."""
        return f"{self.method} {self.path}" + (f" {json.dumps(self.body)}" if self.body else "")


CONDITIONS_PAGE = "conditions-hpo-page-100"
CONDITIONS_WHOLE = "conditions-hpo-whole"
REQUESTS = [
    Request(CONDITIONS_PAGE, "GET", "/conditions?pattern=LMN&source=hpo&limit=100"),
    Request(CONDITIONS_WHOLE, "GET", "/conditions?pattern=LMN&source=hpo"),
    Request("conditions-mixed-all", "GET", "/conditions?pattern=mixed&source=all"),
    Request(
        "localize-hpo",
        "POST",
        "/localize",
        {"signs": ["Fasciculations", "Areflexia", "Skeletal muscle atrophy"], "source": "hpo"},
    ),
    Request("search", "GET", "/search?q=fasciculations"),
    Request("term", "GET", "/terms/MONDO:0004976"),
]
"""The requests of issue 13's "cold first requests" and "large answers", in the order sent."""


_RAISED = re.compile(r"^[\w.]+(Error|Exception|Timeout|Unavailable)\w*: ")
"""The last line of a traceback: the exception a failed warmer raised."""


def _load() -> list[float]:
    return [round(x, 2) for x in os.getloadavg()]


def _time_one(client: httpx.Client, request: Request) -> tuple[float, int, int]:
    began = time.perf_counter()
    response = client.request(request.method, request.path, json=request.body)
    took = (time.perf_counter() - began) * 1000
    return took, response.status_code, len(response.content)


def time_request(client: httpx.Client, request: Request, *, total: int) -> dict[str, Any]:
    """First, tenth, first / tenth, p50 and p99 of the requests after the tenth (ms), and
    first / p50."""
    times: list[float] = []
    statuses: set[int] = set()
    size = 0
    for _ in range(total):
        took, status, size = _time_one(client, request)
        times.append(took)
        statuses.add(status)
    later = sorted(times[10:])
    p50 = statistics.median(later)
    return {
        "name": request.name,
        "request": request.label,
        "n": len(times),
        "first_ms": round(times[0], 2),
        "tenth_ms": round(times[9], 2),
        "first_over_tenth": round(times[0] / times[9], 2),
        "first_over_p50": round(times[0] / p50, 2),
        "p50_ms": round(p50, 2),
        "p99_ms": round(later[min(len(later) - 1, int(0.99 * len(later)))], 2),
        "bytes": size,
        "statuses": sorted(statuses),
    }


def measure(data_dir: Path, *, quick: bool, env: dict[str, str] | None = None) -> dict[str, Any]:
    """Start ``mnkg serve`` on ``data_dir`` and time :data:`REQUESTS` right after it serves."""
    total = 30 if quick else 60
    out: dict[str, Any] = {"data_dir": str(data_dir), "load_average_before": _load()}
    port = free_port()
    argv = mnkg("serve", "--data-dir", str(data_dir), "--port", str(port))
    with Server(argv, port, env=env) as server:
        out["start_seconds"] = server.start_seconds
        out["load_average_at_start"] = _load()
        with httpx.Client(base_url=server.url, timeout=120) as client:
            connect = Request("connect", "GET", "/version")
            out["connect_ms"] = round(_time_one(client, connect)[0], 2)
            out["requests"] = [time_request(client, r, total=total) for r in REQUESTS]
    out["load_average_after"] = _load()
    out["warm_log"] = warm_lines(server.log.read_text(errors="replace"))
    return out


def warm_lines(log: str) -> list[str]:
    """The server's lines about warming its answers (a warmer that failed, e.g. over the time
    limit on a loaded machine, leaves its endpoint cold: the reason for a slow first request)."""
    kept = []
    for line in (raw.strip() for raw in log.splitlines()):
        if ("warm" in line.lower() and not line.startswith("File ")) or _RAISED.match(line):
            kept.append(line[:300])
    return kept


def by_name(measured: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """The timed requests of a :func:`measure` result by name."""
    return {r["name"]: r for r in measured.get("requests", [])}


def markdown(name: str, measured: dict[str, Any]) -> list[str]:
    """The report section: one row per request."""
    lines = [
        f"## Domain requests right after `mnkg serve` starts: {name} release",
        "",
        f"Server ready (store open and answers warmed) after {measured['start_seconds']:.1f} s; "
        "one keep-alive client, connected by one `GET /version` "
        f"({measured.get('connect_ms', '–')} ms, not counted), then each URL in turn: the first "
        "and the tenth request, and p50/p99 "
        f"of the {measured['requests'][0]['n'] - 10} after the tenth. Load average (1/5/15 min) "
        f"before {measured['load_average_before']}, when it served "
        f"{measured['load_average_at_start']}, after {measured['load_average_after']}.",
        "",
        *(f"Server log: `{line}`  " for line in measured.get("warm_log", [])),
        "",
        "| request | first ms | tenth ms | first / tenth | p50 ms | first / p50 | p99 ms | bytes "
        "| status |",
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for r in measured["requests"]:
        lines.append(
            f"| `{r['request']}` | {r['first_ms']} | {r['tenth_ms']} | {r['first_over_tenth']} | "
            f"{r['p50_ms']} | {r.get('first_over_p50', '–')} | {r['p99_ms']} | {r['bytes']} | "
            + ", ".join(str(s) for s in r["statuses"])
            + " |"
        )
    return [*lines, ""]


def main(argv: list[str]) -> int:
    """Print the section for DATA_DIR (``--quick``: 30 requests per URL instead of 60)."""
    quick = "--quick" in argv
    paths = [a for a in argv if a != "--quick"]
    if len(paths) != 1:
        print(
            "usage: python -m benchmarks.domain_first_requests DATA_DIR [--quick]", file=sys.stderr
        )
        return 2
    print("\n".join(markdown(Path(paths[0]).name, measure(Path(paths[0]), quick=quick))))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))

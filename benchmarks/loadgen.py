"""Throughput from a separate load-generator process: ``wrk`` (Debian package ``wrk``).

Each run is bounded in time (``-d``) and per-request timeout; a Lua ``done`` hook prints the
counts as JSON so nothing is scraped from wrk's human-readable output.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Any

_DONE = r"""
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    '\nJSON{"requests":%d,"duration_us":%d,"connect":%d,"read":%d,"write":%d,"status":%d,' ..
    '"timeout":%d,"p50_us":%d,"p99_us":%d}\n',
    summary.requests, summary.duration, e.connect, e.read, e.write, e.status, e.timeout,
    latency:percentile(50), latency:percentile(99)))
end
"""


def _script(
    method: str, body: str | None, headers: dict[str, str] | None = None, lua: str = ""
) -> str:
    lines = [f"wrk.headers[{json.dumps(k)}] = {json.dumps(v)}" for k, v in (headers or {}).items()]
    if lua:
        lines.append(lua)
    if method == "POST":
        lines += [
            'wrk.method = "POST"',
            f"wrk.body = {json.dumps(body or '')}",
            'wrk.headers["Content-Type"] = "application/json"',
        ]
    return "\n".join(lines) + _DONE


def wrk_available() -> bool:
    """True when wrk is on the PATH."""
    return shutil.which("wrk") is not None


def run_wrk(
    url: str,
    *,
    concurrency: int,
    seconds: float,
    method: str = "GET",
    body: str | None = None,
    headers: dict[str, str] | None = None,
    lua: str = "",
) -> dict[str, Any]:
    """Requests/s, errors and latency of ``concurrency`` keep-alive connections for ``seconds``.

    ``lua``: more of wrk's script (a ``request`` function that varies the requests)."""
    if not wrk_available():
        raise RuntimeError("wrk is not installed: apt-get install -y wrk")
    threads = min(2, concurrency)
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as handle:
        handle.write(_script(method, body, headers, lua))
        script = handle.name
    try:
        completed = subprocess.run(
            [
                "wrk",
                f"-t{threads}",
                f"-c{concurrency}",
                f"-d{seconds:g}s",
                "--timeout",
                "10s",
                "-s",
                script,
                url,
            ],
            capture_output=True,
            text=True,
            timeout=seconds + 60,
            check=True,
        )
    finally:
        Path(script).unlink(missing_ok=True)
    line = next(x for x in completed.stdout.splitlines() if x.startswith("JSON{"))
    raw = json.loads(line[4:])
    errors = raw["connect"] + raw["read"] + raw["write"] + raw["status"] + raw["timeout"]
    return {
        "concurrency": concurrency,
        "seconds": round(raw["duration_us"] / 1e6, 2),
        "requests": raw["requests"],
        "requests_per_s": round(raw["requests"] / (raw["duration_us"] / 1e6), 1),
        "errors": errors,
        "error_detail": {k: raw[k] for k in ("connect", "read", "write", "status", "timeout")},
        "load_average": [round(x, 2) for x in os.getloadavg()],
        "p50_ms": round(raw["p50_us"] / 1000, 3),
        "p99_ms": round(raw["p99_us"] / 1000, 3),
    }

"""``python -m benchmarks.domain_first_requests DATA_DIR``: the domain endpoints right after
``mnkg serve`` starts (issue 13.3, 13.4).

Starts ``mnkg serve`` on DATA_DIR (a store with the release and the HPO import), waits for
uvicorn's "running on" line (the answers are warmed before it), then times through HTTP, with
one keep-alive client: the first and the tenth request of each URL, and the p50 of 20 more.
"""

from __future__ import annotations

import os
import signal
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path

import httpx

URLS = [
    "/conditions?pattern=LMN&source=hpo&limit=100",
    "/conditions?pattern=LMN&source=hpo",
    "/conditions?pattern=mixed&source=all",
    "/search?q=fasciculations",
    "/terms/MONDO:0004976",
]

MNKG_SERVE = [sys.executable, "-m", "mnkg.kg.cli", "serve"]


def _port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _start(data_dir: Path, port: int) -> tuple[subprocess.Popen[bytes], float]:
    started = time.perf_counter()
    process = subprocess.Popen(
        [*MNKG_SERVE, "--port", str(port), "--data-dir", str(data_dir)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    assert process.stdout is not None
    for line in process.stdout:
        if b"Uvicorn running on" in line:
            return process, time.perf_counter() - started
    raise RuntimeError("mnkg serve did not start")


def _ms(client: httpx.Client, url: str) -> float:
    started = time.perf_counter()
    response = client.get(url)
    response.raise_for_status()
    return (time.perf_counter() - started) * 1000


def main(argv: list[str]) -> int:
    data_dir = Path(argv[0])
    port = _port()
    process, startup = _start(data_dir, port)
    try:
        print(f"startup (store open + warm-up) {startup:.1f} s; load {os.getloadavg()[0]:.1f}")
        print(f"{'url':48} {'1st ms':>8} {'10th ms':>8} {'p50 ms':>8} {'bytes':>9}")
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=120) as client:
            for url in URLS:
                times = [_ms(client, url) for _ in range(30)]
                size = len(client.get(url).content)
                p50 = statistics.median(times[10:])
                print(f"{url:48} {times[0]:8.1f} {times[9]:8.1f} {p50:8.1f} {size:9d}")
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))

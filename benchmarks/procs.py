"""Child processes: a timed command with its peak memory, and a server we start and stop."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import httpx
import psutil


@dataclass
class Measured:
    """What running one command cost."""

    argv: list[str]
    seconds: float
    peak_rss_mb: float
    """Largest sum of the resident memory of the command and its descendants (sampled)."""
    returncode: int
    stdout: str
    stderr: str


def _tree_rss(proc: psutil.Process) -> int:
    total = 0
    try:
        procs = [proc, *proc.children(recursive=True)]
    except psutil.Error:
        return 0
    for p in procs:
        try:
            total += p.memory_info().rss
        except psutil.Error:
            continue
    return total


def run_measured(
    argv: Sequence[str], *, env: dict[str, str] | None = None, timeout: float = 3600
) -> Measured:
    """Run ``argv`` to its end, sampling the memory of its process tree every 50 ms."""
    log_dir = Path(os.environ.get("TMPDIR", "/tmp"))
    out_path = log_dir / f"mnkg-bench-{os.getpid()}-{time.monotonic_ns()}.out"
    err_path = out_path.with_suffix(".err")
    began = time.perf_counter()
    with out_path.open("wb") as out, err_path.open("wb") as err:
        popen = subprocess.Popen(list(argv), stdout=out, stderr=err, env=env)
        proc = psutil.Process(popen.pid)
        peak = 0
        while popen.poll() is None:
            peak = max(peak, _tree_rss(proc))
            if time.perf_counter() - began > timeout:
                popen.kill()
                break
            time.sleep(0.05)
        popen.wait()
    seconds = time.perf_counter() - began
    measured = Measured(
        argv=list(argv),
        seconds=round(seconds, 3),
        peak_rss_mb=round(peak / 2**20, 1),
        returncode=popen.returncode,
        stdout=out_path.read_text(errors="replace"),
        stderr=err_path.read_text(errors="replace"),
    )
    out_path.unlink(missing_ok=True)
    err_path.unlink(missing_ok=True)
    if popen.returncode != 0:
        raise RuntimeError(
            f"{' '.join(argv)} failed ({popen.returncode}):\n{measured.stderr[-3000:]}"
        )
    return measured


def mnkg(*args: str) -> list[str]:
    """The argv of an ``mnkg`` command run by this Python."""
    return [sys.executable, "-c", "from mnkg.kg.cli import main; main()", *args]


def free_port() -> int:
    """A TCP port free on 127.0.0.1 right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Server:
    """A server process on 127.0.0.1 (``mnkg serve`` or :mod:`benchmarks.memserve`)."""

    def __init__(
        self,
        argv: Sequence[str],
        port: int,
        *,
        env: dict[str, str] | None = None,
        ready_path: str = "/version",
    ):
        self.port = port
        self.ready_path = ready_path
        self.url = f"http://127.0.0.1:{port}"
        self.log = Path(os.environ.get("TMPDIR", "/tmp")) / f"mnkg-bench-server-{port}.log"
        self._handle = self.log.open("wb")
        began = time.perf_counter()
        self.popen = subprocess.Popen(
            list(argv),
            stdout=self._handle,
            stderr=subprocess.STDOUT,
            env=env,
            start_new_session=True,
        )
        self.start_seconds = self._wait_ready(began)

    def _wait_ready(self, began: float, timeout: float = 600) -> float:
        while time.perf_counter() - began < timeout:
            if self.popen.poll() is not None:
                raise RuntimeError(f"server exited: {self.log.read_text()[-3000:]}")
            try:
                if httpx.get(self.url + self.ready_path, timeout=2).status_code == 200:
                    return round(time.perf_counter() - began, 3)
            except httpx.HTTPError:
                pass
            time.sleep(0.2)
        raise RuntimeError(f"server not ready after {timeout} s: {self.log.read_text()[-3000:]}")

    def rss_mb(self) -> float:
        """Resident memory of the server and its workers."""
        return round(_tree_rss(psutil.Process(self.popen.pid)) / 2**20, 1)

    def stop(self) -> None:
        """Stop the server and its workers (its own process group only)."""
        if self.popen.poll() is None:
            os.killpg(self.popen.pid, signal.SIGTERM)
            try:
                self.popen.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.popen.pid, signal.SIGKILL)
                self.popen.wait()
        self._handle.close()

    def __enter__(self) -> Server:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

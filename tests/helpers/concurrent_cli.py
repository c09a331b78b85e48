"""Independent CLI runs of a test, side by side: the test waits for the slowest, not the sum.

A ``mnkg`` child process is one busy core (start-up, opening the store, an index, HermiT); the CI
machine has two, and the suite runs one test at a time. Each run is still the real command in
its own process, with its own output and exit code; only the waiting overlaps.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator, Mapping, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path

Run = subprocess.CompletedProcess[str]


def mnkg_on(data_dir: Path, *args: str) -> list[str]:
    """``mnkg ARGS --data-dir DATA_DIR``, as the console script runs it."""
    return [
        sys.executable,
        "-c",
        "from mnkg.kg.cli import main; main()",
        *args,
        "--data-dir",
        str(data_dir),
    ]


def _run(command: Sequence[str], timeout: float, env: Mapping[str, str] | None) -> Run:
    return subprocess.run(
        list(command), capture_output=True, text=True, timeout=timeout, env=env, check=False
    )


def run_concurrently(
    commands: Sequence[Sequence[str]],
    *,
    timeout: float = 300,
    env: Mapping[str, str] | None = None,
) -> list[Run]:
    """Run each command (as many at once as there are cores); their results in the same order."""
    workers = max(1, min(len(commands), os.cpu_count() or 2))
    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="test-cli") as pool:
        return list(pool.map(lambda command: _run(command, timeout, env), commands))


@contextmanager
def in_background(
    command: Sequence[str], *, timeout: float = 300, env: Mapping[str, str] | None = None
) -> Iterator[Future[Run]]:
    """Start ``command`` now; ``.result()`` waits for it. Waited for on leaving the block."""
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="test-cli") as pool:
        yield pool.submit(_run, command, timeout, env)

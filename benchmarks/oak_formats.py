"""OAK's time per command on each release format (``docs/obo.md``).

Usage: ``python benchmarks/oak_formats.py RELEASE_DIR [--cli]``. Each command runs through OAK's
own CLI in-process (click's runner: the file is opened afresh, OAK's import is paid once);
``--cli`` also times ``runoak`` as a user runs it (a new process: OAK's import included).
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from pathlib import Path

from click.testing import CliRunner
from oaklib.cli import main as runoak

FORMATS = ["mnkg.db", "mnkg.obo", "mnkg.owl", "mnkg.json"]
COMMANDS = {
    "info": ["info", "MNKG:0000101"],
    "ancestors": ["ancestors", "-p", "i", "MNKG:0000101"],
    "descendants": ["descendants", "-p", "i", "MNKG:0000100"],
    "relationships": ["relationships", "MONDO:0009688"],
    "search": ["search", "l~neuron lesion"],
    "mappings": ["mappings", "MONDO:0009688"],
}


def in_process(release: Path, name: str, args: list[str], repeat: int = 3) -> str:
    times = []
    for _ in range(repeat):
        began = time.perf_counter()
        result = CliRunner().invoke(runoak, ["-i", str(release / name), *args])
        times.append(time.perf_counter() - began)
        if result.exit_code != 0:
            return "n/a"
    return f"{statistics.median(times):.2f}"


def as_a_process(release: Path, name: str, args: list[str]) -> str:
    began = time.perf_counter()
    done = subprocess.run(["runoak", "-i", str(release / name), *args], capture_output=True)
    seconds = time.perf_counter() - began
    return f"{seconds:.1f}" if done.returncode == 0 else "n/a"


def main() -> None:
    release = Path(sys.argv[1])
    print("| command | " + " | ".join(FORMATS) + " |")
    print("|---|" + "---|" * len(FORMATS))
    for command, args in COMMANDS.items():
        cells = [in_process(release, name, args) for name in FORMATS]
        print(f"| {command} | " + " | ".join(cells) + " |")
    if "--cli" in sys.argv:
        cells = [as_a_process(release, name, COMMANDS["info"]) for name in FORMATS]
        print("| `runoak info` (new process) | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()

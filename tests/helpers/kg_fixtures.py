"""Helpers of the knowledge-graph tests: the shape fixtures and the real CLI in a child process."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from helpers.concurrent_cli import run_concurrently

FIXTURES = Path(__file__).resolve().parents[1] / "kg" / "fixtures"
SHAPE_FIXTURES = sorted((FIXTURES / "shapes").glob("*.ttl"))
PREFIXES = {
    "ex": "https://example.org/mnkg-test/",
    "obo": "http://purl.obolibrary.org/obo/",
    "mnkg": "https://w3id.org/mnkg/MNKG_",
    "mnkgsh": "https://w3id.org/mnkg/shapes/",
}


def expand(name: str) -> str:
    """A fixture header's CURIE (ex:, obo:, mnkg:, mnkgsh:) or <IRI> as a full IRI."""
    if name.startswith("<") and name.endswith(">"):
        return name[1:-1]
    prefix, _, local = name.partition(":")
    return PREFIXES[prefix] + local


@dataclass(frozen=True)
class ShapeFixture:
    """A minimal failing example: the shape it breaks, the focus node and message expected."""

    path: Path
    shape: str
    focus: str
    message: str
    background: str


def read_shape_fixture(path: Path) -> ShapeFixture:
    """Read the ``# key: value`` header of a shape fixture."""
    header = {}
    for line in path.read_text().splitlines():
        if not line.startswith("# "):
            break
        key, _, value = line[2:].partition(": ")
        header[key] = value.strip()
    return ShapeFixture(
        path=path,
        shape=expand(header["shape"]),
        focus=expand(header["focus"]),
        message=header["message"],
        background=header["background"],
    )


def mnkg_command(*args: str) -> list[str]:
    """The installed ``mnkg`` console script with ``args``."""
    executable = shutil.which("mnkg") or str(Path(sys.executable).with_name("mnkg"))
    return [executable, *args]


def mnkg_env() -> dict[str, str]:
    """The environment of the CLI's child processes (Python's warnings off)."""
    return {**os.environ, "PYTHONWARNINGS": "ignore"}


def run_mnkg(*args: str, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    """Run the installed ``mnkg`` console script (the real CLI, in a child process)."""
    return run_each(args, timeout=timeout)[0]


def run_each(
    *runs: tuple[str, ...], timeout: float = 300
) -> list[subprocess.CompletedProcess[str]]:
    """Several independent ``mnkg`` runs, side by side (helpers/concurrent_cli.py)."""
    commands = [mnkg_command(*args) for args in runs]
    return run_concurrently(commands, timeout=timeout, env=mnkg_env())

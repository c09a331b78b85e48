"""A server's process tree, read from /proc: its children, descendants, commands, CPU time.

The robustness tests look at what ``mnkg serve`` really started (HTTP processes, query workers)
and whether a stopped query really freed its CPU.
"""

from __future__ import annotations

import os
from pathlib import Path


def stat(pid: int) -> list[str] | None:
    """The fields of ``/proc/<pid>/stat`` from the third (the state) on; None once it is gone."""
    try:
        text = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    return text[text.rindex(")") + 2 :].split()


def _parents() -> dict[int, int]:
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit() and (fields := stat(int(entry.name))) is not None:
            parents[int(entry.name)] = int(fields[1])
    return parents


def children(pid: int) -> list[int]:
    """The live processes whose parent is ``pid``."""
    return [child for child, parent in _parents().items() if parent == pid]


def descendants(root: int) -> set[int]:
    """Every live process under ``root`` (not ``root`` itself)."""
    parents = _parents()
    tree: set[int] = set()
    frontier = [root]
    while frontier:
        parent = frontier.pop()
        found = [pid for pid, ppid in parents.items() if ppid == parent]
        tree.update(found)
        frontier.extend(found)
    return tree


def command(pid: int) -> str:
    """The process's command line, arguments joined by blanks ("" once it is gone)."""
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
    except OSError:
        return ""


def cpu_seconds(root: int) -> float:
    """CPU time (user + system) used so far by ``root`` and all its live descendants."""
    ticks = 0
    for pid in {root} | descendants(root):
        if (fields := stat(pid)) is not None:
            ticks += int(fields[11]) + int(fields[12])  # utime, stime
    return ticks / os.sysconf("SC_CLK_TCK")


def running_descendants(root: int) -> int:
    """How many processes under ``root`` have a thread on a CPU right now (state R)."""
    running = 0
    for pid in descendants(root):
        try:
            tasks = list(Path(f"/proc/{pid}/task").iterdir())
        except OSError:
            continue
        states = []
        for task in tasks:
            try:
                text = (task / "stat").read_text()
            except OSError:
                continue
            states.append(text[text.rindex(")") + 2])
        running += "R" in states
    return running

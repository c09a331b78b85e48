"""Whether two release folders hold the same content: ``python -m benchmarks.release_diff A B``.

Compares ``mnkg.nq`` (and ``hpo.nq`` when both have one) as datasets, up to blank-node renaming
(pyoxigraph's RDFC-1.0 canonical form, so a blank node shared by two graphs must stay shared),
then the triple files (``mnkg-base.ttl``, ``mnkg.ttl``, ``mnkg-merged.nt``, ``mnkg-merged.ttl``,
``mnkg.owl``) the same way. The files a build writes in a fixed order (``mnkg.obo``,
``mnkg.json``, ``localization.nq``, ``shacl-report.ttl``) must be the same byte for byte, every
table of ``mnkg.db`` must hold the same rows, and ``summary.json`` the same figures apart from
the build time and the timings. Used to check that a change to the build's speed leaves its
output alone (docs/performance.md, "The build").
"""

from __future__ import annotations

import json
import re
import sqlite3
import sys
from collections import Counter
from collections.abc import Callable, Iterable
from pathlib import Path

import pyoxigraph as ox

FILES = {
    "mnkg.nq": ox.RdfFormat.N_QUADS,
    "hpo.nq": ox.RdfFormat.N_QUADS,
    "mnkg-base.ttl": ox.RdfFormat.TURTLE,
    "mnkg.ttl": ox.RdfFormat.TURTLE,
    "mnkg-merged.nt": ox.RdfFormat.N_TRIPLES,
    "mnkg-merged.ttl": ox.RdfFormat.TURTLE,
    "mnkg.owl": ox.RdfFormat.RDF_XML,
}

SAME_BYTES = ("mnkg.obo", "mnkg.json", "localization.nq", "shacl-report.ttl")
"""Files written in a deterministic order: compared byte for byte."""
RDFLIB_BLANK = re.compile(r"_:n[0-9a-f]{32}b(\d+)")
"""rdflib's blank-node names in ``mnkg.db`` (a random prefix per parse, then a counter): rows
are compared with the counter alone."""
TIMINGS = ("built", "reasoner_seconds", "durations_seconds", "format_seconds")
"""Keys of ``summary.json`` that change from one build to the next (with each validation's
``validation_seconds``)."""


def canonical(path: Path, rdf_format: ox.RdfFormat) -> ox.Dataset:
    """The file's quads with canonical blank-node names."""
    dataset = ox.Dataset(ox.parse(path=str(path), format=rdf_format))
    dataset.canonicalize(ox.CanonicalizationAlgorithm.RDFC_1_0)
    return dataset


def per_graph(quads: set[ox.Quad]) -> Counter[str]:
    """How many of ``quads`` each graph holds."""
    return Counter(str(q.graph_name) for q in quads)


def compare(before: Path, after: Path, *, shown: int = 5) -> list[str]:
    """Every difference between two releases, as readable lines (empty: the same content)."""
    problems: list[str] = []
    for name, rdf_format in FILES.items():
        left, right = before / name, after / name
        if not left.is_file() and not right.is_file():
            continue
        if left.is_file() != right.is_file():
            problems.append(f"{name}: only in {'before' if left.is_file() else 'after'}")
            continue
        old, new = set(canonical(left, rdf_format)), set(canonical(right, rdf_format))
        if old == new:
            continue
        problems.append(
            f"{name}: {len(old - new)} quad(s) only before, {len(new - old)} only after"
        )
        problems.append(f"  per graph, only before: {dict(per_graph(old - new))}")
        problems.append(f"  per graph, only after: {dict(per_graph(new - old))}")
        problems.extend(samples(old, new, shown))
    for name in SAME_BYTES:
        problems.extend(byte_difference(before / name, after / name))
    problems.extend(table_differences(before / "mnkg.db", after / "mnkg.db", shown))
    problems.extend(summary_differences(before / "summary.json", after / "summary.json"))
    return problems


def byte_difference(left: Path, right: Path) -> list[str]:
    """One line naming the first differing line of two files, or none when they are equal."""
    if not left.is_file() and not right.is_file():
        return []
    if left.is_file() != right.is_file():
        return [f"{left.name}: only in {'before' if left.is_file() else 'after'}"]
    old, new = left.read_bytes(), right.read_bytes()
    if old == new:
        return []
    old_lines, new_lines = old.splitlines(), new.splitlines()
    line = next(
        (i for i, (a, b) in enumerate(zip(old_lines, new_lines, strict=False)) if a != b),
        min(len(old_lines), len(new_lines)),
    )
    return [f"{left.name}: differs from line {line + 1} ({len(old)} vs {len(new)} bytes)"]


def table_rows(path: Path) -> dict[str, Counter[tuple[object, ...]]]:
    """Every table of a SQLite file, as a multiset of rows (the row order is not content)."""
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as db:
        names = [
            row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        ]
        return {
            name: Counter(
                tuple(RDFLIB_BLANK.sub(r"_:b\1", v) if isinstance(v, str) else v for v in row)
                for row in db.execute(f'SELECT * FROM "{name}"')
            )
            for name in names
        }


def table_differences(left: Path, right: Path, shown: int) -> list[str]:
    """The tables of two SQLite files whose rows differ, with sample rows."""
    if not left.is_file() or not right.is_file():
        return [] if left.is_file() == right.is_file() else [f"{left.name}: only in one"]
    old, new = table_rows(left), table_rows(right)
    problems = []
    for name in sorted(old.keys() | new.keys()):
        a, b = old.get(name, Counter()), new.get(name, Counter())
        if a != b:
            problems.append(
                f"{left.name} table {name}: {sum((a - b).values())} row(s) only "
                f"before, {sum((b - a).values())} only after"
            )
            problems.extend(samples(a - b, b - a, shown))
    return problems


def summary_figures(path: Path) -> dict[str, object]:
    """``summary.json`` without the build time and the timings."""
    summary = json.loads(path.read_text())
    for key in TIMINGS:
        summary.pop(key, None)
    if isinstance(summary.get("validation"), dict):
        summary["validation"].pop("validation_seconds", None)
    return summary


def summary_differences(left: Path, right: Path) -> list[str]:
    """The figures of two ``summary.json`` files that differ."""
    if not left.is_file() or not right.is_file():
        return []
    old, new = summary_figures(left), summary_figures(right)
    return [
        f"summary.json {key}: {old.get(key)!r} before, {new.get(key)!r} after"
        for key in sorted(old.keys() | new.keys())
        if old.get(key) != new.get(key)
    ]


def samples(old: Iterable[object], new: Iterable[object], shown: int) -> list[str]:
    """Up to ``shown`` items only before (``-``) and only after (``+``), sorted as text."""
    before, after = set(map(str, old)), set(map(str, new))
    return [f"  - {q}" for q in sorted(before - after)[:shown]] + [
        f"  + {q}" for q in sorted(after - before)[:shown]
    ]


def run(compare_dirs: Callable[[Path, Path], list[str]], usage: str, argv: list[str]) -> int:
    """Print the differences of two folders; exit 1 when there are any, 2 on bad usage."""
    if len(argv) != 2:
        print(f"usage: {usage}", file=sys.stderr)
        return 2
    problems = compare_dirs(Path(argv[0]), Path(argv[1]))
    print("\n".join(problems) if problems else "same content")
    return 1 if problems else 0


def main(argv: list[str]) -> int:
    """Print the differences; exit 1 when there are any."""
    return run(compare, "python -m benchmarks.release_diff BEFORE_DIR AFTER_DIR", argv)


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))

"""Whether two data directories' current stores hold the same quads:
``python -m benchmarks.store_diff DATA_DIR_A DATA_DIR_B``.

For a change to how ``mnkg import-hpo`` (or ``mnkg load``) fills the store: the quads per named
graph, then the quads themselves. Quads without blank nodes are compared as N-Quads lines (the
store writes each term in one canonical form); the few with blank nodes (the release's OWL
axioms) after RDFC-1.0 canonicalisation, as in :mod:`benchmarks.release_diff`, since a load
gives blank nodes new names. A tool rather than a test: it needs two imports, and the test
suite does one per session (``tests/hpo/test_real_release.py`` checks the counts per graph and
known quads of that one).
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

import pyoxigraph as ox

from benchmarks.release_diff import run, samples
from mnkg.kg.store.layout import count_graphs, current_store


def _lines(store: ox.Store) -> tuple[Counter[bytes], ox.Dataset]:
    """The quads without blank nodes as N-Quads lines, and the others canonicalised."""
    plain: Counter[bytes] = Counter()
    with_blanks: list[bytes] = []
    for line in store.dump(format=ox.RdfFormat.N_QUADS).splitlines():
        (with_blanks.append(line) if b"_:" in line else plain.update((line,)))
    dataset = ox.Dataset(ox.parse(b"\n".join(with_blanks), format=ox.RdfFormat.N_QUADS))
    dataset.canonicalize(ox.CanonicalizationAlgorithm.RDFC_1_0)
    return plain, dataset


def compare(before: Path, after: Path, *, shown: int = 5) -> list[str]:
    """Every difference between the two current stores, as readable lines (empty: the same)."""
    stores = []
    for data_dir in (before, after):
        path = current_store(data_dir)
        if path is None:
            return [f"{data_dir}: no store loaded"]
        stores.append(ox.Store.read_only(str(path)))
    left, right = stores
    problems: list[str] = []
    old_counts, new_counts = count_graphs(left), count_graphs(right)
    for graph in sorted(old_counts.keys() | new_counts.keys()):
        if old_counts.get(graph) != new_counts.get(graph):
            problems.append(
                f"{graph or 'default graph'}: {old_counts.get(graph, 0)} quads "
                f"before, {new_counts.get(graph, 0)} after"
            )
    (old_plain, old_blank), (new_plain, new_blank) = _lines(left), _lines(right)
    for name, old, new in (
        ("without blank nodes", set(old_plain), set(new_plain)),
        ("with blank nodes", set(map(str, old_blank)), set(map(str, new_blank))),
    ):
        if old != new:
            problems.append(f"quads {name}: {len(old - new)} only before, {len(new - old)} after")
            problems.extend(samples(old, new, shown))
    return problems


def main(argv: list[str]) -> int:
    """Print the differences; exit 1 when there are any."""
    return run(compare, "python -m benchmarks.store_diff DATA_DIR_A DATA_DIR_B", argv)


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))

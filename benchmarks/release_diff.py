"""Whether two release folders hold the same content: ``python -m benchmarks.release_diff A B``.

Compares ``mnkg.nq`` (and ``hpo.nq`` when both have one) as datasets, up to blank-node renaming
(pyoxigraph's RDFC-1.0 canonical form, so a blank node shared by two graphs must stay shared),
then the triple files (``mnkg-base.ttl``, ``mnkg.ttl``, ``mnkg-merged.nt``, ``mnkg-merged.ttl``,
``mnkg.owl``) the same way. The build timestamp lives only in ``summary.json``, which is not
compared. Used to check that a change to the build's speed leaves its output alone
(docs/performance.md, "The build").
"""

from __future__ import annotations

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
    return problems


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

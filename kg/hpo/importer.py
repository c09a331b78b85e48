"""``mnkg import-hpo`` as a library call: parse, classify, write ``hpo.nq``, load atomically.

The three HPO graphs go to ``<release>/hpo.nq`` (written aside, then renamed), next to the
release's ``mnkg.nq``; then the store loads the release. A failed or killed import leaves the
previous ``hpo.nq`` and the previous store in place. See ``docs/hpo-bridge.md``.
"""

from __future__ import annotations

import os
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from mnkg.kg.hpo.annotations import (
    HAS_PHENOTYPE,
    AnnotationStats,
    AnnotationWriter,
    P,
    nt_curie,
    nt_iri,
    read_hpoa,
    write_lines,
)
from mnkg.kg.hpo.bridge import BridgeStats, bridge_lines, subclass_lines
from mnkg.kg.hpo.feed import StoreFeed
from mnkg.kg.hpo.ontology import frequency_values, hpo_lines
from mnkg.kg.hpo.sources import HpoSources, resolve_sources
from mnkg.kg.iris import Graph
from mnkg.kg.store import LoadReport
from mnkg.kg.store.base import RELEASE_FILE
from mnkg.kg.vocab.obo import parse_obo

HPO_FILE = "hpo.nq"
"""The release file holding Graph.HPO, Graph.HPO_ANNOTATIONS and Graph.HPO_BRIDGE."""


@dataclass(slots=True)
class ImportReport:
    """What an import did and how long each step took."""

    sources: HpoSources
    hpo_version: str | None
    hpo_terms: int
    obsolete_terms: int
    annotations: AnnotationStats
    bridge: BridgeStats
    quads_written: int
    file: Path
    file_bytes: int
    seconds: dict[str, float] = field(default_factory=dict)
    load: LoadReport | None = None


class _Tee:
    """Writes N-Quads text to the partial file and, when the store loads as it is written, to the
    loader's pipe (:class:`~mnkg.kg.hpo.feed.StoreFeed`): encoded once for both."""

    def __init__(self, out: IO[bytes], feed: StoreFeed | None) -> None:
        self.out, self.feed = out, feed

    def write(self, text: str) -> None:
        data = text.encode("utf-8")
        self.out.write(data)
        if self.feed is not None:
            self.feed.write(data)


def write_hpo_nquads(
    sources: HpoSources,
    release_dir: Path,
    *,
    progress: Callable[[str], None] = lambda _message: None,
    before_bridge: Callable[[], None] = lambda: None,
    feed: StoreFeed | None = None,
) -> ImportReport:
    """Write ``release_dir/hpo.nq`` atomically (aside, then renamed) and report the counts.

    ``before_bridge`` runs once the input has been read without error and before the bridge
    reads ``release_dir/mnkg.nq`` (the import builds a missing release there, so that bad input
    fails fast). ``feed``: a store load reading the same lines as they are written; the caller
    calls its ``finish``, or its ``abort`` when this raises (the store then keeps its content).
    """
    seconds: dict[str, float] = {}
    started = time.perf_counter()
    progress(f"reading {sources.obo}")
    document = parse_obo(sources.obo)
    hpoa_version, rows = read_hpoa(sources.hpoa)
    ontology_lines = list(hpo_lines(document, hpoa_version=hpoa_version))
    seconds["parse hp.obo"] = time.perf_counter() - started

    release_nq = release_dir / RELEASE_FILE
    mark = time.perf_counter()
    progress(f"converting {sources.hpoa}")
    writer = AnnotationWriter(frequency_values(document.terms))
    writer.stats.version = hpoa_version
    target = release_dir / HPO_FILE
    # Written next to the release folder, not in it: building a missing release (before_bridge)
    # replaces that folder. Same file system, so the final rename stays atomic.
    release_dir.parent.mkdir(parents=True, exist_ok=True)
    partial = release_dir.parent / f".{HPO_FILE}.{secrets.token_hex(4)}.partial"
    try:
        with open(partial, "wb") as out:
            tee = _Tee(out, feed)
            count = write_lines(ontology_lines, tee)
            count += write_lines(writer.lines(rows, sources.hpoa), tee)
            seconds["annotations"] = time.perf_counter() - mark
            before_bridge()
            mark = time.perf_counter()
            progress("classifying HPO terms and diseases under the sign classes")
            bridge, bridge_stats = bridge_lines(
                release_nq if release_nq.is_file() else None,
                list(subclass_lines(ontology_lines)),
                writer.direct_phenotype_lines,
            )
            count += write_lines(bridge, tee)
            out.flush()
            os.fsync(out.fileno())
        release_dir.mkdir(parents=True, exist_ok=True)
        os.replace(partial, target)
    finally:
        partial.unlink(missing_ok=True)
    seconds["bridge"] = time.perf_counter() - mark
    return ImportReport(
        sources=sources,
        hpo_version=document.version,
        hpo_terms=sum(1 for term in document.terms if term.id.startswith("HP:")),
        obsolete_terms=sum(1 for term in document.terms if term.obsolete),
        annotations=writer.stats,
        bridge=bridge_stats,
        quads_written=count,
        file=target,
        file_bytes=target.stat().st_size,
        seconds=seconds,
    )


def write_hpo_hierarchy(release_dir: Path, obo: Path | None = None) -> int:
    """Write ``release_dir/hpo.nq`` with the HPO classes and the bridge, no annotations.

    For ``mnkg build`` without an imported HPO: every HPO term (labels, synonyms, parents,
    obsolete terms with their replacements) is then known to ``/localize``, ``/terms``,
    ``/search`` and SPARQL; ``mnkg import-hpo`` later replaces the file with one that adds
    the disease annotations. Returns the number of quads written.
    """
    document = parse_obo(obo or resolve_sources().obo)
    ontology_lines = list(hpo_lines(document))
    release_nq = release_dir / RELEASE_FILE
    bridge, _stats = bridge_lines(
        release_nq if release_nq.is_file() else None, list(subclass_lines(ontology_lines)), []
    )
    target = release_dir / HPO_FILE
    partial = release_dir / f".{HPO_FILE}.{secrets.token_hex(4)}.partial"
    try:
        with open(partial, "w", encoding="utf-8") as out:
            count = write_lines(ontology_lines, out) + write_lines(bridge, out)
        os.replace(partial, target)
    finally:
        partial.unlink(missing_ok=True)
    return count


def carry_over(previous: Path, release_dir: Path) -> BridgeStats:
    """Write ``release_dir/hpo.nq`` from a previous release's, with the bridge recomputed.

    For ``mnkg build``: a new release replaces the folder that held ``hpo.nq``; HPO and its
    annotations do not depend on our ontology and are copied line by line, while the bridge
    graph is classified again against the new ``mnkg.nq`` (a few seconds, no re-parsing).
    """
    hpo_graph = f" {nt_iri(Graph.HPO)} .\n"
    annotations_graph = f" {nt_iri(Graph.HPO_ANNOTATIONS)} .\n"
    bridge_graph = f" {nt_iri(Graph.HPO_BRIDGE)} .\n"
    has_phenotype = nt_curie(HAS_PHENOTYPE)
    subclasses: list[str] = []
    direct: list[str] = []
    target = release_dir / HPO_FILE
    partial = release_dir / f".{HPO_FILE}.{secrets.token_hex(4)}.partial"
    try:
        with (
            open(previous, encoding="utf-8") as source,
            open(partial, "w", encoding="utf-8") as out,
        ):
            for line in source:
                if line.endswith(bridge_graph):
                    continue
                out.write(line)
                predicate = line.split(" ", 2)[1]
                if predicate == P.SUBCLASS and line.endswith(hpo_graph):
                    subclasses.append(line)
                elif predicate == has_phenotype and line.endswith(annotations_graph):
                    direct.append(line)
            release_nq = release_dir / RELEASE_FILE
            bridge, stats = bridge_lines(
                release_nq if release_nq.is_file() else None, subclasses, direct
            )
            write_lines(bridge, out)
            out.flush()
            os.fsync(out.fileno())
        os.replace(partial, target)
    finally:
        partial.unlink(missing_ok=True)
    return stats


__all__ = [
    "HPO_FILE",
    "ImportReport",
    "carry_over",
    "write_hpo_hierarchy",
    "write_hpo_nquads",
]

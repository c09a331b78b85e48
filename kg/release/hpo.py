"""``mnkg import-hpo`` as a library call: make sure a release exists, add ``hpo.nq``, load.

The HPO graphs are written by :func:`mnkg.kg.hpo.importer.write_hpo_nquads` next to the
release's ``mnkg.nq``; then the store loads the release (atomically for the embedded store). A
failed or killed import leaves the previous ``hpo.nq`` and the previous store in place. See
``docs/hpo-bridge.md``.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from pathlib import Path

from mnkg.kg.hpo.importer import ImportReport, write_hpo_nquads
from mnkg.kg.hpo.sources import resolve_sources
from mnkg.kg.release.pipeline import build_release
from mnkg.kg.settings import Settings
from mnkg.kg.store import RELEASE_FILE, load_into


def ensure_release(release_dir: Path, progress: Callable[[str], None]) -> bool:
    """Build the curated release first when there is none (as ``mnkg serve`` does).

    Returns whether the release exists afterwards.
    """
    if (release_dir / RELEASE_FILE).is_file():
        return True
    progress(f"no release in {release_dir}: building it first")
    build_release(release_dir)
    return (release_dir / RELEASE_FILE).is_file()


def import_hpo(
    settings: Settings,
    paths: Sequence[Path] = (),
    *,
    load: bool = True,
    progress: Callable[[str], None] = lambda _message: None,
) -> ImportReport:
    """Run the whole import: sources, release check, ``hpo.nq``, then the atomic load."""
    sources = resolve_sources(paths)
    release_dir = settings.release_dir
    build_seconds = 0.0

    def release_first() -> None:
        nonlocal build_seconds
        started = time.perf_counter()
        if not ensure_release(release_dir, progress):
            progress(f"warning: no release in {release_dir}; HPO terms stay unclassified")
        build_seconds = time.perf_counter() - started

    report = write_hpo_nquads(sources, release_dir, progress=progress, before_bridge=release_first)
    if build_seconds > 1:
        report.seconds = {"build release": build_seconds, **report.seconds}
    if load:
        progress("loading the release into the store")
        report.load = load_into(settings, release_dir)
        report.seconds["store load"] = report.load.seconds
    return report


__all__ = ["ensure_release", "import_hpo"]

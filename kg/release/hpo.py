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

from mnkg.kg.hpo.feed import StoreFeed
from mnkg.kg.hpo.importer import HPO_FILE, ImportReport, write_hpo_nquads
from mnkg.kg.hpo.sources import resolve_sources
from mnkg.kg.release.pipeline import build_release
from mnkg.kg.settings import Settings
from mnkg.kg.store import RELEASE_FILE, LoadReport, layout, load_into, open_store
from mnkg.kg.store.base import release_files
from mnkg.kg.store.oxigraph import OxigraphStore


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

    loader = streamed_loader(settings, release_dir) if load else None
    if loader is not None:  # the store loads hpo.nq while it is written
        progress("loading the release into the store as hpo.nq is written")
        feed = StoreFeed(loader)
        try:
            report = write_hpo_nquads(sources, release_dir, progress=progress, feed=feed)
        except BaseException:
            feed.abort()  # the load fails and discards its partial store
            raise
        report.load = feed.finish()
    else:
        report = write_hpo_nquads(
            sources, release_dir, progress=progress, before_bridge=release_first
        )
    if build_seconds > 1:
        report.seconds = {"build release": build_seconds, **report.seconds}
    if loader is not None and report.load is not None:
        report.seconds["store load (from the start, beside the steps above)"] = report.load.seconds
    elif load:
        progress("loading the release into the store")
        report.load = load_into(settings, release_dir)
        report.seconds["store load"] = report.load.seconds
    return report


def streamed_loader(settings: Settings, release_dir: Path) -> Callable[[Path], LoadReport] | None:
    """The load of the release with ``hpo.nq`` read from a pipe, or None to load afterwards.

    Only for the embedded store and a release that exists already (a missing one is built once
    the HPO input has been read, so that bad input fails fast): the release's other files, then
    the pipe, through :func:`mnkg.kg.store.layout.load_sources` (same lock, checks and swap).
    """
    if not (release_dir / RELEASE_FILE).is_file():
        return None
    store = open_store(settings=settings)
    try:
        if not isinstance(store, OxigraphStore):
            return None
        data_dir, keep = store.data_dir, store.settings.keep_generations
    finally:
        store.close()
    others = [path for path in release_files(release_dir) if path.name != HPO_FILE]

    def load(pipe: Path) -> LoadReport:
        return layout.load_sources(data_dir, release_dir, [*others, pipe], keep=keep)

    return load


__all__ = ["ensure_release", "import_hpo", "streamed_loader"]

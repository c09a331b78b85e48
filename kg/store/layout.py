"""The embedded store's files in a data directory, and the atomic load that replaces them.

Layout (all under ``<data_dir>/store/``)::

    current -> db-20261121T061500-3f2a      the store being served (a relative symlink)
    db-20261121T061500-3f2a/                 a complete pyoxigraph (RocksDB) store
    db-20261120T180000-91bc/                 the previous store, kept for in-flight readers
    building-<id>/                           a load in progress (or one that was killed)
    load.lock                                held (flock) by the one load running

A load bulk-loads the release into a fresh ``building-*`` directory, closes it, renames it to
``db-*`` and then replaces ``current`` with :func:`os.replace` (an atomic rename). Until that
rename, readers keep opening the previous store, so a load that fails or is killed (even with
``kill -9``) changes nothing they see. After the swap, older ``db-*`` directories (all but the
new one and the previous one) and leftover ``building-*`` directories are removed.

Writes (SPARQL Update, Graph Store) work the same way on a checkpoint of the current store
(:func:`write_atomically`).
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import secrets
import shutil
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path

from pyoxigraph import QuerySolutions, RdfFormat
from pyoxigraph import Store as OxStore

from mnkg.kg.errors import UserError
from mnkg.kg.store.base import LoadReport, release_files

STORE_DIR = "store"
CURRENT = "current"
LOCK = "load.lock"
_DB_PREFIX = "db-"
_BUILDING_PREFIX = "building-"
_KEEP_PREVIOUS = 1


def store_root(data_dir: Path) -> Path:
    """The folder holding every store directory of a data directory."""
    return Path(data_dir) / STORE_DIR


def current_store(data_dir: Path) -> Path | None:
    """The store directory being served, or None when nothing was loaded yet."""
    link = store_root(data_dir) / CURRENT
    try:
        target = os.readlink(link)
    except (FileNotFoundError, NotADirectoryError):
        return None
    path = link.parent / target
    return path if path.is_dir() else None


@contextlib.contextmanager
def _load_lock(root: Path, *, wait: bool = False) -> Iterator[None]:
    root.mkdir(parents=True, exist_ok=True)
    with open(root / LOCK, "a+b") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX if wait else fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise UserError(f"another load is running in {root.parent}") from None
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def directory_size(path: Path) -> int:
    """Bytes used by the files under ``path``."""
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def count_graphs(store: OxStore) -> dict[str, int]:
    """Triples per graph IRI (``""`` for the default graph)."""
    per_graph = store.query("SELECT ?g (COUNT(*) AS ?n) { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g")
    total = store.query("SELECT (COUNT(*) AS ?n) { ?s ?p ?o }")
    assert isinstance(per_graph, QuerySolutions) and isinstance(total, QuerySolutions)
    counts = {solution["g"].value: int(solution["n"].value) for solution in per_graph}
    default = next(iter(total))["n"]
    if int(default.value):
        counts[""] = int(default.value)
    return counts


def _cleanup(root: Path, keep: set[str]) -> None:
    databases = sorted(
        (p for p in root.iterdir() if p.is_dir() and p.name.startswith(_DB_PREFIX)),
        key=lambda p: p.name,
        reverse=True,
    )
    kept_previous = 0
    for path in databases:
        if path.name in keep:
            continue
        if kept_previous < _KEEP_PREVIOUS:
            kept_previous += 1
            continue
        shutil.rmtree(path, ignore_errors=True)
    for path in root.iterdir():
        if path.is_dir() and path.name.startswith(_BUILDING_PREFIX):
            shutil.rmtree(path, ignore_errors=True)


def _new_name() -> str:
    return datetime.now(UTC).strftime("%Y%m%dT%H%M%S%f") + "-" + secrets.token_hex(3)


def _swap_in(root: Path, building: Path, name: str) -> Path:
    """Make the complete store in ``building`` the current one; remove what is no longer used."""
    final = root / (_DB_PREFIX + name)
    os.rename(building, final)
    pointer = root / f".{CURRENT}.{name}"
    os.symlink(final.name, pointer)
    os.replace(pointer, root / CURRENT)
    _fsync_dir(root)
    _cleanup(root, keep={final.name})
    return final


def load_release(data_dir: Path, release_dir: Path) -> LoadReport:
    """Load the release's N-Quads files into a new store and make it current, atomically."""
    sources = release_files(release_dir)
    root = store_root(data_dir)
    started = time.perf_counter()
    with _load_lock(root):
        name = _new_name()
        building = root / (_BUILDING_PREFIX + name)
        store = OxStore(str(building))
        try:
            for source in sources:
                store.bulk_load(path=str(source), format=RdfFormat.N_QUADS)
            graphs = count_graphs(store)
            store.flush()
        except SyntaxError as error:
            raise UserError(f"{source} is not valid N-Quads: {error}") from None
        finally:
            del store  # pyoxigraph closes RocksDB when the object is freed
        final = _swap_in(root, building, name)
    return LoadReport(
        quads=sum(graphs.values()),
        graphs=graphs,
        seconds=time.perf_counter() - started,
        location=str(final),
        size_bytes=directory_size(final),
    )


def write_atomically(data_dir: Path, apply: Callable[[OxStore], None]) -> Path:
    """Apply a write to a copy of the current store, then swap the copy in.

    Readers only ever open complete stores that no process is writing: RocksDB does not allow a
    read-only open while another process compacts the same files. The copy is a RocksDB
    checkpoint (hard links), so it is cheap; a write that fails or is killed leaves the current
    store untouched. Writes and loads wait for each other (the same lock).
    """
    root = store_root(data_dir)
    with _load_lock(root, wait=True):
        current = current_store(data_dir)
        if current is None:
            raise UserError(f"no store has been loaded in {data_dir} yet; run `mnkg load`")
        name = _new_name()
        building = root / (_BUILDING_PREFIX + name)
        source = OxStore.read_only(str(current))
        try:
            source.backup(str(building))
        finally:
            del source
        store = OxStore(str(building))
        try:
            apply(store)
            store.flush()
        finally:
            del store
        return _swap_in(root, building, name)


__all__ = [
    "CURRENT",
    "STORE_DIR",
    "count_graphs",
    "current_store",
    "directory_size",
    "load_release",
    "store_root",
    "write_atomically",
]

"""The embedded store's files in a data directory, and the atomic load that replaces them.

Layout (all under ``<data_dir>/store/``)::

    current -> db-20261121T061500-3f2a      the store being served (a relative symlink)
    db-20261121T061500-3f2a/                 a complete pyoxigraph (RocksDB) store
    db-20261121T061500-3f2a.json             how and when it was made, triples per graph
    db-20261120T180000-91bc/                 a previous generation (kept for in-flight
                                             readers and for ``mnkg rollback``)
    building-<id>/                           a load in progress (or one that was killed)
    load.lock                                held (flock) by the one load or write running

A load bulk-loads the release into a fresh ``building-*`` directory, closes it, renames it to
``db-*`` and then replaces ``current`` with :func:`os.replace` (an atomic rename). Until that
rename, readers keep opening the previous store, so a load that fails or is killed (even with
``kill -9``) changes nothing they see. After the swap, leftover ``building-*`` directories are
removed, and the generations beyond the ``keep`` most recent previous ones
(:mod:`mnkg.kg.store.generations`). A full disk removes the partial directory and raises
:class:`DiskFull`. :func:`rollback` points ``current`` back at a kept generation.

Writes (SPARQL Update, Graph Store) work the same way on a checkpoint of the current store
(:func:`write_atomically`).
"""

from __future__ import annotations

import contextlib
import errno
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

from mnkg.kg.errors import NotFound, UserError
from mnkg.kg.store import generations
from mnkg.kg.store.base import LoadReport, release_files

STORE_DIR = "store"
CURRENT = "current"
LOCK = "load.lock"
_DB_PREFIX = generations.DB_PREFIX
_BUILDING_PREFIX = "building-"
DEFAULT_KEEP = 3
"""Previous generations kept when the caller does not say (``Settings.keep_generations``)."""


class DiskFull(UserError):
    """The disk filled up during a load or write; the partial copy was removed."""

    http_status = 507
    exit_code = 1


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


def _is_disk_full(error: BaseException) -> bool:
    """RocksDB reports a full disk as ``OSError('IO error: No space left on device ...')``
    without an errno; Python's own writes set ``errno``."""
    return isinstance(error, OSError | RuntimeError) and (
        getattr(error, "errno", None) == errno.ENOSPC or "No space left" in str(error)
    )


def _megabytes(size: int) -> str:
    return f"{size / 1_000_000:.1f} MB"


def _free_bytes(path: Path) -> int:
    try:
        return shutil.disk_usage(path).free
    except OSError:
        return 0


def remove_leftovers(data_dir: Path) -> list[str]:
    """Remove what killed loads and writes left behind (``building-*`` directories, half-made
    ``current`` pointers and metadata); the names removed. Skipped (nothing removed) while a
    load or write holds the lock: its ``building-*`` directory is not a leftover."""
    root = store_root(data_dir)
    if not root.is_dir():
        return []
    try:
        with _load_lock(root):
            return _remove_leftovers(root)
    except UserError:  # another load or write is running
        return []


def _remove_leftovers(root: Path) -> list[str]:
    removed = []
    for path in root.iterdir():
        if path.name.startswith(_BUILDING_PREFIX):
            shutil.rmtree(path, ignore_errors=True)
        elif path.name.startswith(f".{CURRENT}.") or path.name.endswith(".partial"):
            path.unlink(missing_ok=True)
        else:
            continue
        removed.append(path.name)
    return removed


def _new_name() -> str:
    return datetime.now(UTC).strftime("%Y%m%dT%H%M%S%f") + "-" + secrets.token_hex(3)


def _point_current_at(root: Path, name: str) -> None:
    """Replace ``current`` by a link to ``name`` with one atomic rename."""
    pointer = root / f".{CURRENT}.{name}"
    with contextlib.suppress(FileNotFoundError):
        pointer.unlink()
    os.symlink(name, pointer)
    os.replace(pointer, root / CURRENT)
    _fsync_dir(root)


def _swap_in(root: Path, building: Path, name: str, keep: int | None) -> Path:
    """Make the complete store in ``building`` the current one; remove what is no longer used.

    ``keep`` previous generations stay (None: all of them; the caller prunes later).
    """
    final = root / (_DB_PREFIX + name)
    os.rename(building, final)
    _point_current_at(root, final.name)
    _remove_leftovers(root)
    if keep is not None:
        generations.prune(root, keep)
    return final


def _discard(building: Path) -> None:
    shutil.rmtree(building, ignore_errors=True)


def load_release(data_dir: Path, release_dir: Path, *, keep: int = DEFAULT_KEEP) -> LoadReport:
    """Load the release's N-Quads files into a new store and make it current, atomically.

    A full disk removes the partial store and raises :class:`DiskFull`: the previous store
    keeps serving. ``keep`` previous generations are kept (docs/stores.md).
    """
    return load_sources(data_dir, release_dir, release_files(release_dir), keep=keep)


def load_sources(
    data_dir: Path, release_dir: Path, sources: list[Path], *, keep: int = DEFAULT_KEEP
) -> LoadReport:
    """:func:`load_release` with the N-Quads sources named by the caller, in that order.

    For ``mnkg import-hpo``, which passes the release's files with ``hpo.nq`` replaced by a
    pipe it writes while the loader reads (``/dev/fd/N``), so that writing and loading overlap.
    Same lock, same atomic swap, same checks: a source that is not valid N-Quads fails the load.
    """
    root = store_root(data_dir)
    started = time.perf_counter()
    with _load_lock(root):
        _remove_leftovers(root)
        free = _free_bytes(root)
        parent = generations.current_name(root)
        name = _new_name()
        building = root / (_BUILDING_PREFIX + name)
        try:
            graphs = _bulk_load(building, sources)
            generations.write_meta(
                root / (_DB_PREFIX + name),
                cause="load",
                graphs=graphs,
                parent=parent,
                source=Path(release_dir).name,
            )
        except BaseException as error:
            _discard(building)
            generations.meta_path(root / (_DB_PREFIX + name)).unlink(missing_ok=True)
            if _is_disk_full(error):
                needed = sum(source.stat().st_size for source in sources)
                raise DiskFull(
                    f"no space left on the device of {data_dir} while loading "
                    f"{release_dir}: the new store needs about {_megabytes(needed)} and "
                    f"{_megabytes(free)} were free; the partial store was removed and the "
                    "previous one keeps serving"
                ) from None
            raise
        final = _swap_in(root, building, name, keep)
    return LoadReport(
        quads=sum(graphs.values()),
        graphs=graphs,
        seconds=time.perf_counter() - started,
        location=str(final),
        size_bytes=directory_size(final),
    )


def _bulk_load(building: Path, sources: list[Path]) -> dict[str, int]:
    """Bulk-load ``sources`` into a new store at ``building``; its triples per graph.

    The loaded store is compacted (``optimize``) before it is swapped in: the bulk loader
    leaves many overlapping files, and every read then seeks in each of them. On the
    HPO-bridged release compaction takes about 4 s and makes a named query 2-3x and a point
    lookup 1.7x faster (docs/performance.md, "Compacting after a load"); the store takes
    about twice the disk (the compacted files are not compressed)."""
    store = OxStore(str(building))
    try:
        for source in sources:
            try:
                store.bulk_load(path=str(source), format=RdfFormat.N_QUADS)
            except SyntaxError as error:
                raise UserError(f"{source} is not valid N-Quads: {error}") from None
        graphs = count_graphs(store)
        store.optimize()
        store.flush()
        return graphs
    finally:
        del store  # pyoxigraph closes RocksDB when the object is freed


def _deleted(before: dict[str, int], after: dict[str, int]) -> dict[str, int]:
    """Triples fewer per graph (a graph dropped counts all it had)."""
    return {g: n - after.get(g, 0) for g, n in before.items() if after.get(g, 0) < n}


def write_atomically(
    data_dir: Path, apply: Callable[[OxStore], None], *, keep: int | None = None
) -> Path:
    """Apply a write to a copy of the current store, then swap the copy in.

    Readers only ever open complete stores that no process is writing: RocksDB does not allow a
    read-only open while another process compacts the same files. The copy is a RocksDB
    checkpoint (hard links), so it is cheap; a write that fails or is killed leaves the current
    store untouched, and the store before the write stays as a generation (``mnkg rollback``).
    Writes and loads wait for each other (the same lock). ``keep``: see :func:`load_release`
    (None keeps every generation; the worker's caller prunes with its settings).
    """
    root = store_root(data_dir)
    with _load_lock(root, wait=True):
        current = current_store(data_dir)
        if current is None:
            raise UserError(f"no store has been loaded in {data_dir} yet; run `mnkg load`")
        free = _free_bytes(root)
        name = _new_name()
        building = root / (_BUILDING_PREFIX + name)
        try:
            before = _checkpoint(current, building)
            after = _apply(building, apply)
            generations.write_meta(
                root / (_DB_PREFIX + name),
                cause="update",
                graphs=after,
                parent=current.name,
                deleted=_deleted(before, after),
            )
        except BaseException as error:
            _discard(building)
            generations.meta_path(root / (_DB_PREFIX + name)).unlink(missing_ok=True)
            if _is_disk_full(error):
                raise DiskFull(
                    f"no space left on the device of {data_dir} for this write: it needs "
                    f"more than the {_megabytes(free)} that were free; nothing was changed"
                ) from None
            raise
        return _swap_in(root, building, name, keep)


def _checkpoint(current: Path, building: Path) -> dict[str, int]:
    """Copy the current store to ``building``; the triples per graph before the write."""
    recorded = generations.read_meta(current).get("graphs")
    source = OxStore.read_only(str(current))
    try:
        before = recorded if isinstance(recorded, dict) else count_graphs(source)
        source.backup(str(building))
    finally:
        del source
    return before


def _apply(building: Path, apply: Callable[[OxStore], None]) -> dict[str, int]:
    store = OxStore(str(building))
    try:
        apply(store)
        graphs = count_graphs(store)
        store.flush()
        return graphs
    finally:
        del store


def prune(data_dir: Path, keep: int) -> list[str]:
    """Remove the generations beyond the ``keep`` most recent previous ones (after a write
    made by a worker process, which does not know the settings)."""
    root = store_root(data_dir)
    if not root.is_dir():
        return []
    with _load_lock(root, wait=True):
        return generations.prune(root, keep)


def rollback(data_dir: Path, wanted: str | None = None) -> generations.Generation:
    """Make a kept generation current again (default: the one made before the current one).

    One atomic rename of ``current``: running servers' workers follow it on their next query,
    and caches keyed on :meth:`~mnkg.kg.store.base.Store.generation` start afresh.
    """
    root = store_root(data_dir)
    with _load_lock(root, wait=True):
        kept = generations.list_generations(root)
        if not any(g.current for g in kept):
            raise UserError(f"no store has been loaded in {data_dir} yet; run `mnkg load`")
        if wanted is None:
            chosen = generations.previous(kept)
            if chosen is None:
                raise UserError("no earlier generation is kept; `mnkg stores` lists them")
        else:
            chosen = generations.find(kept, wanted)
            if chosen is None:
                names = ", ".join(g.name for g in kept) or "none"
                raise NotFound(f"no generation {wanted!r} is kept; kept: {names}")
        if chosen.current:
            raise UserError(f"{chosen.name} is already the current generation")
        _point_current_at(root, chosen.name)
    return generations.find(generations.list_generations(root), chosen.name) or chosen


__all__ = [
    "CURRENT",
    "DEFAULT_KEEP",
    "STORE_DIR",
    "DiskFull",
    "count_graphs",
    "current_store",
    "directory_size",
    "load_release",
    "load_sources",
    "prune",
    "remove_leftovers",
    "rollback",
    "store_root",
    "write_atomically",
]

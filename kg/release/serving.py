"""What ``mnkg serve`` does before it serves: leftovers of killed runs are removed, and an
empty embedded store gets its release.

The policy: a configured remote store, or an embedded store that already holds a release, is
served as it is. An empty embedded store is loaded from ``<data dir>/release``; when there is no
release either, it is built first (about a minute), so ``pip install . && mnkg serve`` works on
a fresh machine.

A build writes its release into a hidden sibling folder (``.release-*``) and renames it into
place (:func:`mnkg.kg.release.pipeline.swap_into_place`); a build killed half-way leaves that
folder behind, as a killed load leaves a ``building-*`` store. Builds hold
:func:`build_lock` while they run, so :func:`remove_leftovers` only removes folders no running
build is writing.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

from mnkg.kg.errors import UserError
from mnkg.kg.release.pipeline import build_release
from mnkg.kg.settings import Settings
from mnkg.kg.store import Loader, LoadReport, Store, release_file
from mnkg.kg.store.layout import DiskFull, current_store
from mnkg.kg.store.layout import remove_leftovers as remove_store_leftovers


def _lock_path(release_dir: Path) -> Path:
    return release_dir.parent / f".{release_dir.name}.build.lock"


@contextlib.contextmanager
def build_lock(release_dir: Path, *, wait: bool = True) -> Iterator[None]:
    """Held while a build writes ``release_dir`` (and its hidden staging sibling)."""
    release_dir = Path(release_dir)
    release_dir.parent.mkdir(parents=True, exist_ok=True)
    with open(_lock_path(release_dir), "a+b") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX if wait else fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise UserError(f"another build is writing {release_dir}") from None
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def staging_leftovers(release_dir: Path) -> list[Path]:
    """The hidden folders builds of ``release_dir`` make (``.release-*``), whoever made them."""
    release_dir = Path(release_dir)
    if not release_dir.parent.is_dir():
        return []
    prefix = f".{release_dir.name}-"
    return [p for p in release_dir.parent.iterdir() if p.name.startswith(prefix) and p.is_dir()]


def remove_build_leftovers(release_dir: Path) -> list[str]:
    """Remove the staging folders of killed builds of ``release_dir``, unless a build runs."""
    try:
        with build_lock(release_dir, wait=False):
            return remove_build_leftovers_locked(release_dir)
    except UserError:
        return []


def remove_leftovers(settings: Settings) -> list[str]:
    """What killed loads, writes and builds left in the data directory, now removed."""
    if settings.store is not None:
        return []
    return remove_store_leftovers(settings.data_dir) + remove_build_leftovers(settings.release_dir)


def build_into(release_dir: Path, *, progress: Callable[[str], None] | None = None) -> dict:
    """Build the release into ``release_dir`` under :func:`build_lock`; a full disk is a
    :class:`~mnkg.kg.store.layout.DiskFull` naming the folder and the space there was."""
    release_dir = Path(release_dir)
    with build_lock(release_dir):
        remove_build_leftovers_locked(release_dir)
        free = shutil.disk_usage(release_dir.parent).free
        try:
            return build_release(release_dir, progress=progress)
        except OSError as error:
            if error.errno != errno.ENOSPC:
                raise
            previous = _size(release_dir)
            known = f"; the current release takes {previous / 1e6:.1f} MB" if previous else ""
            raise DiskFull(
                f"no space left on the device of {release_dir.parent} while writing the "
                f"release: it needs more than the {free / 1e6:.1f} MB that were free{known}; "
                "the partial release was removed and any previous one is unchanged"
            ) from None


def remove_build_leftovers_locked(release_dir: Path) -> list[str]:
    """:func:`remove_build_leftovers` for a caller that already holds the build lock."""
    found = staging_leftovers(release_dir)
    for path in found:
        shutil.rmtree(path, ignore_errors=True)
    return [path.name for path in found]


def _size(folder: Path) -> int:
    if not folder.is_dir():
        return 0
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def ensure_loaded(
    settings: Settings, store: Store, *, progress: Callable[[str], None] = lambda _m: None
) -> LoadReport | None:
    """Give an empty embedded store its release (built first if missing); None if it had one."""
    if settings.store is not None or current_store(settings.data_dir) is not None:
        return None
    release_dir = settings.release_dir
    try:
        release_file(release_dir)
    except UserError:
        progress(f"building the release into {release_dir} ...")
        build_into(release_dir, progress=progress)
    if not isinstance(store, Loader):
        raise UserError(f"the store {store.descriptor} cannot be loaded")
    return store.load_release(release_dir)


__all__ = [
    "build_into",
    "build_lock",
    "ensure_loaded",
    "remove_build_leftovers",
    "remove_leftovers",
    "staging_leftovers",
]

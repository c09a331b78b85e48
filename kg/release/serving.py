"""What ``mnkg serve`` does before it serves: an empty embedded store gets its release.

The policy: a configured remote store, or an embedded store that already holds a release, is
served as it is. An empty embedded store is loaded from ``<data dir>/release``; when there is no
release either, it is built first (about a minute), so ``pip install . && mnkg serve`` works on
a fresh machine.
"""

from __future__ import annotations

from collections.abc import Callable

from mnkg.kg.errors import UserError
from mnkg.kg.release.pipeline import build_release
from mnkg.kg.settings import Settings
from mnkg.kg.store import Loader, LoadReport, Store, release_file
from mnkg.kg.store.layout import current_store


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
        build_release(release_dir, progress=progress)
    if not isinstance(store, Loader):
        raise UserError(f"the store {store.descriptor} cannot be loaded")
    return store.load_release(release_dir)


__all__ = ["ensure_loaded"]

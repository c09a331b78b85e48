"""The generations of the embedded store: what each ``db-*`` directory is, and which are kept.

Every load, every write (SPARQL Update, Graph Store) and every rollback leaves the store in a
complete ``db-*`` directory that no process writes to again (:mod:`mnkg.kg.store.layout`).
Each such directory is a *generation*; next to it, ``db-<name>.json`` records when and why it
was made and how many triples each graph holds, so ``mnkg stores`` can list the generations
without opening them. The current one and the ``keep`` most recent others are kept; older
ones are removed after each swap (:func:`prune`). docs/stores.md explains the policy.

Only paths and JSON here: no store is opened, so listing is cheap.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

DB_PREFIX = "db-"
META_SUFFIX = ".json"
CURRENT = "current"


@dataclass(frozen=True, slots=True)
class Generation:
    """One kept ``db-*`` directory and what its metadata says about it."""

    name: str
    """The directory name (``db-20261207T150412203345-6bd8cc``); what ``mnkg rollback`` takes."""
    path: Path
    created: datetime
    cause: str
    """``load``, ``update`` or ``unknown`` (made before generations were recorded)."""
    current: bool
    quads: int | None = None
    graphs: dict[str, int] | None = None
    deleted: dict[str, int] = field(default_factory=dict)
    """Triples the write that made this generation removed, per graph (empty: none)."""
    parent: str | None = None
    """The generation that was current when this one was made."""
    source: str | None = None
    """The release folder a load read (its name only: no paths are shown to API clients)."""

    def size_bytes(self) -> int:
        """Bytes used by its files (hard links shared with other generations count fully)."""
        return sum(p.stat().st_size for p in self.path.rglob("*") if p.is_file())

    def as_dict(self) -> dict[str, Any]:
        """The JSON form ``mnkg stores --json`` prints."""
        return {
            "name": self.name,
            "created": self.created.isoformat(timespec="seconds"),
            "cause": self.cause,
            "current": self.current,
            "quads": self.quads,
            "graphs": self.graphs,
            "deleted": self.deleted,
            "parent": self.parent,
            "source": self.source,
            "size_bytes": self.size_bytes(),
        }


def meta_path(directory: Path) -> Path:
    """Where the metadata of a ``db-*`` directory lives (beside it, never inside RocksDB's)."""
    return directory.with_name(directory.name + META_SUFFIX)


def write_meta(
    directory: Path,
    *,
    cause: str,
    graphs: dict[str, int],
    parent: str | None,
    deleted: dict[str, int] | None = None,
    source: str | None = None,
) -> None:
    """Record how a generation was made; written aside and renamed, so never half written."""
    record = {
        "created": datetime.now(UTC).isoformat(),
        "cause": cause,
        "quads": sum(graphs.values()),
        "graphs": graphs,
        "deleted": deleted or {},
        "parent": parent,
        "source": source,
    }
    target = meta_path(directory)
    partial = target.with_name(f".{target.name}.partial")
    partial.write_text(json.dumps(record, indent=1) + "\n", encoding="utf-8")
    os.replace(partial, target)


def read_meta(directory: Path) -> dict[str, Any]:
    """The recorded metadata of a generation, or ``{}`` when none (or unreadable)."""
    try:
        record = json.loads(meta_path(directory).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return record if isinstance(record, dict) else {}


def _created(directory: Path, record: dict[str, Any]) -> datetime:
    with contextlib.suppress(KeyError, TypeError, ValueError):
        return datetime.fromisoformat(record["created"])
    stamp = directory.name.removeprefix(DB_PREFIX).split("-")[0]
    with contextlib.suppress(ValueError):  # db-<UTC time>-<random>: the name says when
        return datetime.strptime(stamp, "%Y%m%dT%H%M%S%f").replace(tzinfo=UTC)
    return datetime.fromtimestamp(directory.stat().st_mtime, UTC)


def current_name(root: Path) -> str | None:
    """The name of the directory ``current`` points to, or None."""
    try:
        return os.readlink(root / CURRENT)
    except OSError:
        return None


def list_generations(root: Path) -> list[Generation]:
    """Every ``db-*`` directory under ``root``, newest first."""
    if not root.is_dir():
        return []
    current = current_name(root)
    found = []
    for path in root.iterdir():
        if not (path.name.startswith(DB_PREFIX) and path.is_dir()):
            continue
        record = read_meta(path)
        found.append(
            Generation(
                name=path.name,
                path=path,
                created=_created(path, record),
                cause=str(record.get("cause", "unknown")),
                current=path.name == current,
                quads=record.get("quads"),
                graphs=record.get("graphs"),
                deleted=record.get("deleted") or {},
                parent=record.get("parent"),
                source=record.get("source"),
            )
        )
    return sorted(found, key=lambda g: (g.created, g.name), reverse=True)


def to_remove(generations: list[Generation], keep: int) -> list[Generation]:
    """The generations beyond the current one and the ``keep`` most recent others.

    The one the current one was made from (current until the last swap) is always kept too,
    so readers that still have it open keep a complete store, even when a rollback left newer
    generations around (``keep`` is at least 1).
    """
    current = next((g for g in generations if g.current), None)
    just_before = current.parent if current is not None else None  # newer ones may exist
    others = [g for g in generations if not g.current]  # after a rollback
    return [g for g in others[max(keep, 1) :] if g.name != just_before]


def prune(root: Path, keep: int) -> list[str]:
    """Remove the generations :func:`to_remove` names (and their metadata); their names."""
    removed = []
    for generation in to_remove(list_generations(root), keep):
        shutil.rmtree(generation.path, ignore_errors=True)
        with contextlib.suppress(FileNotFoundError):
            meta_path(generation.path).unlink()
        removed.append(generation.name)
    for orphan in root.glob(DB_PREFIX + "*" + META_SUFFIX):  # metadata of a removed directory
        if not orphan.with_name(orphan.name.removesuffix(META_SUFFIX)).is_dir():
            orphan.unlink(missing_ok=True)
    return removed


def find(generations: list[Generation], wanted: str) -> Generation | None:
    """The generation named ``wanted`` (with or without the ``db-`` prefix)."""
    name = wanted.strip()
    name = name if name.startswith(DB_PREFIX) else DB_PREFIX + name
    return next((g for g in generations if g.name == name), None)


def previous(generations: list[Generation]) -> Generation | None:
    """The newest generation made before the current one: what a plain rollback returns to."""
    current = next((g for g in generations if g.current), None)
    if current is None:
        return None
    older = [g for g in generations if not g.current and g.created < current.created]
    return older[0] if older else None


__all__ = [
    "DB_PREFIX",
    "META_SUFFIX",
    "Generation",
    "current_name",
    "find",
    "list_generations",
    "meta_path",
    "previous",
    "prune",
    "read_meta",
    "to_remove",
    "write_meta",
]

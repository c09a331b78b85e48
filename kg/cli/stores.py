"""``mnkg stores``: the generations of the embedded store, newest first."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import typer

from mnkg.kg.cli.options import DataDirOption, JsonOption, print_json, print_table, settings_from
from mnkg.kg.errors import UserError
from mnkg.kg.settings import Settings
from mnkg.kg.store.generations import Generation, list_generations
from mnkg.kg.store.layout import store_root

COLUMNS = ("generation", "current", "created", "cause", "triples", "deleted", "size")


def embedded_root(settings: Settings) -> Path:
    """The store folder of the data dir; a UserError for a remote store (it has no history)."""
    if settings.store is not None:
        raise UserError(
            f"{settings.store} is a remote store: generations exist only for the embedded store"
        )
    return store_root(settings.data_dir)


def row(generation: Generation) -> dict[str, Any]:
    """One line of the table."""
    deleted = ", ".join(
        f"{n} from {graph.rsplit('/', 1)[-1] or 'default'}"
        for graph, n in sorted(generation.deleted.items())
    )
    return {
        "generation": generation.name,
        "current": "*" if generation.current else "",
        "created": generation.created.isoformat(timespec="seconds"),
        "cause": generation.cause,
        "triples": generation.quads,
        "deleted": deleted,
        "size": f"{generation.size_bytes() / 1e6:.1f} MB",
    }


def register(app: typer.Typer) -> None:
    """Add ``mnkg stores`` to the CLI."""

    @app.command("stores")
    def stores(data_dir: DataDirOption = None, as_json: JsonOption = False) -> None:
        """List the kept generations of the store (current marked *); `mnkg rollback` swaps one
        back in."""
        settings = settings_from(data_dir=data_dir)
        kept = list_generations(embedded_root(settings))
        if as_json:
            print_json(
                {
                    "data_dir": str(settings.data_dir),
                    "keep_generations": settings.keep_generations,
                    "generations": [g.as_dict() for g in kept],
                }
            )
            return
        if not kept:
            raise UserError(f"no store has been loaded in {settings.data_dir} yet; run `mnkg load`")
        print_table(
            COLUMNS,
            [row(g) for g in kept],
            title=f"store generations in {settings.data_dir} (keeping "
            f"{settings.keep_generations} previous)",
        )


__all__ = ["register"]

"""``mnkg rollback [GENERATION]``: make a kept generation of the store current again."""

from __future__ import annotations

from typing import Annotated

import typer

from mnkg.kg.cli.options import DataDirOption, settings_from
from mnkg.kg.cli.stores import embedded_root
from mnkg.kg.store.layout import rollback as swap_back


def register(app: typer.Typer) -> None:
    """Add ``mnkg rollback`` to the CLI."""

    @app.command("rollback")
    def rollback(
        generation: Annotated[
            str | None,
            typer.Argument(
                help="The generation to make current (a name `mnkg stores` lists; default: "
                "the one made before the current one)."
            ),
        ] = None,
        data_dir: DataDirOption = None,
    ) -> None:
        """Swap a kept generation back in, atomically; a running `mnkg serve` follows at once."""
        settings = settings_from(data_dir=data_dir)
        embedded_root(settings)
        chosen = swap_back(settings.data_dir, generation)
        triples = "" if chosen.quads is None else f", {chosen.quads} triples"
        typer.echo(
            f"rolled back to {chosen.name} (made by {chosen.cause} at "
            f"{chosen.created.isoformat(timespec='seconds')}{triples})"
        )


__all__ = ["register"]

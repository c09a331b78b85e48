"""``mnkg load``: load a release into the store (atomically for the embedded store)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from mnkg.kg.cli.options import DataDirOption, StoreOption, describe, settings_from
from mnkg.kg.store import load_into


def register(app: typer.Typer) -> None:
    """Add ``mnkg load`` to the CLI."""

    @app.command("load")
    def load(
        data_dir: DataDirOption = None,
        release: Annotated[
            Path | None,
            typer.Option(
                "--release",
                help="Release folder holding mnkg.nq (default: <data dir>/release).",
                file_okay=False,
            ),
        ] = None,
        store: StoreOption = None,
        update_url: Annotated[
            str | None,
            typer.Option(
                "--update-url",
                help="SPARQL Update URL of the --store server (default: the --store URL).",
            ),
        ] = None,
        graph_store_url: Annotated[
            str | None,
            typer.Option(
                "--graph-store-url",
                help="Graph Store Protocol URL of the --store server: one PUT per graph "
                "instead of SPARQL Update (docs/stores.md).",
            ),
        ] = None,
    ) -> None:
        """Load a release into the store; the previous content serves until the swap."""
        settings = settings_from(
            data_dir=data_dir, store=store, update_url=update_url, graph_store_url=graph_store_url
        )
        report = load_into(settings, release or settings.release_dir)
        typer.echo(describe(report))


__all__ = ["register"]

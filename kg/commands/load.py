"""``mnkg load``: load a release into the store (atomically for the embedded store)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from mnkg.kg.errors import UserError
from mnkg.kg.settings import Settings
from mnkg.kg.store import Loader, LoadReport, open_store

DataDirOption = Annotated[
    Path | None,
    typer.Option(
        "--data-dir",
        help="Data directory of the store and release (default: MNKG_DATA_DIR, else the "
        "per-user data directory).",
        file_okay=False,
    ),
]
StoreOption = Annotated[
    str | None,
    typer.Option(
        "--store",
        help="Load into this SPARQL 1.1 server (its query URL) instead of the embedded store.",
    ),
]


def settings_from(*, data_dir: Path | None = None, **overrides: object) -> Settings:
    """Settings from the environment, with the options the user gave on the command line."""
    given = {key: value for key, value in overrides.items() if value is not None}
    if data_dir is not None:
        given["data_dir"] = data_dir
    return Settings(**given)  # type: ignore[arg-type]


def load_into_store(settings: Settings, release_dir: Path) -> LoadReport:
    """Load ``release_dir`` into the store ``settings`` select."""
    store = open_store(settings=settings)
    try:
        if not isinstance(store, Loader):
            raise UserError(f"the store {store.descriptor} cannot be loaded")
        return store.load_release(release_dir)
    finally:
        store.close()


def describe(report: LoadReport) -> str:
    """A few lines for the terminal."""
    lines = [f"loaded {report.quads} triples in {report.seconds:.2f} s into {report.location}"]
    if report.size_bytes is not None:
        lines[0] += f" ({report.size_bytes / 1e6:.1f} MB)"
    lines += [f"  {graph or '(default graph)'}: {n}" for graph, n in sorted(report.graphs.items())]
    return "\n".join(lines)


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
        report = load_into_store(settings, release or settings.release_dir)
        typer.echo(describe(report))


__all__ = [
    "DataDirOption",
    "StoreOption",
    "describe",
    "load_into_store",
    "register",
    "settings_from",
]

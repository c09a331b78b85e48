"""``mnkg serve``: the SPARQL endpoint and API on uvicorn.

With the embedded store and nothing loaded yet, it loads the release first, building it when
there is none (:func:`mnkg.kg.release.serving.ensure_loaded`).
"""

from __future__ import annotations

from typing import Annotated

import typer
import uvicorn

from mnkg.api.app import create_app
from mnkg.api.server import uvicorn_options
from mnkg.kg.cli.options import (
    DataDirOption,
    StoreOption,
    describe,
    remember_served,
    settings_from,
)
from mnkg.kg.release.serving import ensure_loaded, remove_leftovers
from mnkg.kg.store import open_store


def register(app: typer.Typer) -> None:
    """Add ``mnkg serve`` to the CLI."""

    @app.command("serve")
    def serve(
        host: Annotated[str, typer.Option(help="Interface to listen on.")] = "127.0.0.1",
        port: Annotated[int, typer.Option(help="TCP port.")] = 8000,
        data_dir: DataDirOption = None,
        store: StoreOption = None,
        write_token: Annotated[
            str | None,
            typer.Option(
                "--write-token",
                help="Allow SPARQL Update and Graph Store writes with this bearer token "
                "(prefer MNKG_WRITE_TOKEN: options show in the process list).",
            ),
        ] = None,
        workers: Annotated[
            int | None, typer.Option(help="Query worker processes (default: MNKG_WORKERS, 2).")
        ] = None,
        query_timeout: Annotated[
            float | None, typer.Option(help="Seconds a query may run (default 5).")
        ] = None,
        access_log: Annotated[bool, typer.Option(help="Log every request.")] = False,
    ) -> None:
        """Serve /sparql (SPARQL 1.1 Protocol), /graph-store and the API."""
        settings = settings_from(
            data_dir=data_dir,
            store=store,
            write_token=write_token,
            workers=workers,
            query_timeout=query_timeout,
        )
        for leftover in remove_leftovers(settings):
            typer.echo(f"removed {leftover}, left behind by a killed load or build", err=True)
        opened = open_store(settings=settings)
        try:
            loaded = ensure_loaded(
                settings, opened, progress=lambda message: typer.echo(message, err=True)
            )
            if loaded is not None:
                typer.echo(describe(loaded), err=True)
            start = getattr(opened, "start", None)
            if callable(start):
                start()
            app = create_app(settings=settings, store=opened)
            typer.echo(f"serving {opened.descriptor} on http://{host}:{port}/sparql", err=True)
            remember_served(settings, f"http://{host}:{port}")
            options = uvicorn_options(settings)  # one place: protocol, limits, logging
            uvicorn.run(
                app,
                host=host,
                port=port,
                access_log=access_log,
                limit_concurrency=settings.http_concurrency,  # more: a JSON 503 (issue 12.2)
                **options,
            )
        finally:
            opened.close()


__all__ = ["register"]

"""``mnkg serve``: the SPARQL endpoint and API on uvicorn.

With the embedded store and nothing loaded yet, it builds the release (when the build is
available and there is no release either) and loads it before serving.
"""

from __future__ import annotations

import importlib
from typing import Annotated

import typer

from mnkg.kg.commands.load import DataDirOption, StoreOption, describe, settings_from
from mnkg.kg.errors import UserError
from mnkg.kg.settings import Settings
from mnkg.kg.store import Loader, Store, open_store, release_file
from mnkg.kg.store.layout import current_store


def ensure_loaded(settings: Settings, store: Store) -> None:
    """Give an empty embedded store its release: build it if missing, then load it."""
    if settings.store is not None or current_store(settings.data_dir) is not None:
        return
    release_dir = settings.release_dir
    try:
        release_file(release_dir)
    except UserError:
        try:
            build = importlib.import_module("mnkg.kg.build")
        except ModuleNotFoundError:
            raise UserError(
                f"no store and no release in {settings.data_dir}: "
                "run `mnkg load --release DIR` first"
            ) from None
        typer.echo(f"building the release into {release_dir} ...", err=True)
        build.build_release(release_dir, progress=lambda message: typer.echo(message, err=True))
    assert isinstance(store, Loader)
    typer.echo(describe(store.load_release(release_dir)), err=True)


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
        import uvicorn

        from mnkg.api.app import create_app

        settings = settings_from(
            data_dir=data_dir,
            store=store,
            write_token=write_token,
            workers=workers,
            query_timeout=query_timeout,
        )
        opened = open_store(settings=settings)
        try:
            ensure_loaded(settings, opened)
            start = getattr(opened, "start", None)
            if callable(start):
                start()
            app = create_app(settings=settings, store=opened)
            typer.echo(f"serving {opened.descriptor} on http://{host}:{port}/sparql", err=True)
            uvicorn.run(app, host=host, port=port, access_log=access_log, log_level="info")
        finally:
            opened.close()


__all__ = ["ensure_loaded", "register"]

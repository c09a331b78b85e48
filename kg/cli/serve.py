"""``mnkg serve``: the SPARQL endpoint and API on uvicorn.

With the embedded store and nothing loaded yet, it loads the release first, building it when
there is none (:func:`mnkg.kg.release.serving.ensure_loaded`).

Several HTTP processes (``MNKG_HTTP_PROCESSES`` / ``--processes``, default one per usable core)
share the listening socket: uvicorn's supervisor starts them, each calls :func:`make_app` (its
own store view, query workers without a network, grammar check and domain indexes over the
same read-only store) and a dead one is replaced. The settings reach them whole through
:data:`SETTINGS_ENV`; the per-client limit and the connection limit are divided between them
(:func:`share`), so a client never has more queries running or waiting than the setting says.
"""

from __future__ import annotations

import atexit
import logging
import math
import os
from typing import Annotated, Any

import typer
import uvicorn
from fastapi import FastAPI
from uvicorn.supervisors import Multiprocess

from mnkg.api.app import create_app
from mnkg.api.server import protocol_class, uvicorn_options
from mnkg.kg.cli.options import (
    DataDirOption,
    StoreOption,
    describe,
    remember_served,
    settings_from,
)
from mnkg.kg.release.serving import ensure_loaded, remove_leftovers
from mnkg.kg.settings import Settings
from mnkg.kg.store import open_store

START_SECONDS = 600
"""Longest wait for an HTTP process's start-up (its domain indexes on a loaded machine)."""
SETTINGS_ENV = "MNKG_SERVE_SETTINGS"
"""Environment variable holding the resolved settings (JSON) for the HTTP processes."""


def processes_for(settings: Settings) -> int:
    """How many HTTP processes to run: the setting, or one per usable core."""
    if settings.http_processes > 0:
        return settings.http_processes
    return max(1, len(os.sched_getaffinity(0)))


def share(settings: Settings, processes: int) -> Settings:
    """The settings of one of ``processes`` HTTP processes: the per-client query limit and the
    connection limit divided (rounded up), so that their totals stay what was set."""
    if processes <= 1:
        return settings
    return settings.model_copy(
        update={
            "sparql_client_queries": math.ceil(settings.sparql_client_queries / processes),
            "http_concurrency": math.ceil(settings.http_concurrency / processes),
        }
    )


def _process_settings() -> Settings:
    raw = os.environ.get(SETTINGS_ENV)
    if raw is None:
        raise RuntimeError(f"{SETTINGS_ENV} is not set: start the server with `mnkg serve`")
    return Settings.model_validate_json(raw)


def make_app() -> FastAPI:
    """The app of one HTTP process (uvicorn's factory): the store of the settings in
    :data:`SETTINGS_ENV`, workers started before it serves."""
    settings = _process_settings()
    store = open_store(settings=settings)
    atexit.register(store.close)
    start = getattr(store, "start", None)
    if callable(start):
        start()
    return create_app(settings=settings, store=store)


def __getattr__(name: str) -> Any:
    """``HttpProtocol``: the protocol class with the limits of :data:`SETTINGS_ENV`, for the
    HTTP processes (uvicorn names it by import path: a class made at run time has none)."""
    if name == "HttpProtocol":
        return protocol_class(_process_settings())
    raise AttributeError(name)


def _serve_many(settings: Settings, processes: int, host: str, port: int, access_log: bool) -> None:
    shared = share(settings, processes)
    os.environ[SETTINGS_ENV] = shared.model_dump_json()
    options = uvicorn_options(shared) | {"http": f"{__name__}:HttpProtocol"}
    config = uvicorn.Config(
        f"{__name__}:make_app",
        factory=True,
        workers=processes,
        host=host,
        port=port,
        access_log=access_log,
        limit_concurrency=shared.http_concurrency,
        **options,
    )
    bind_log = logging.getLogger("uvicorn.error")
    bind_log.disabled = True  # "running on" is said once the processes serve (_Supervisor)
    try:
        sock = config.bind_socket()
    finally:
        bind_log.disabled = False
    # listen now: connections made while the processes start wait in the backlog instead of
    # being refused (the processes' own listen() comes once their store and workers are up)
    sock.listen(config.backlog)
    _Supervisor(config, sockets=[sock], address=f"http://{host}:{port}").run()


class _Supervisor(Multiprocess):
    """uvicorn's supervisor, saying "Uvicorn running on ..." only once every HTTP process has
    finished its start-up (store, workers, domain indexes), as a single-process uvicorn does:
    scripts and tests wait for that line."""

    def __init__(self, config: uvicorn.Config, sockets: list[Any], address: str) -> None:
        super().__init__(config, sockets)
        self.address = address

    def init_processes(self) -> None:
        super().init_processes()
        for process in self.processes:
            if not process.wait_until_ready(START_SECONDS, self.should_exit):
                logging.getLogger("uvicorn.error").warning(
                    "HTTP process [%s] did not finish its start-up within %d s",
                    process.pid,
                    START_SECONDS,
                )
        logging.getLogger("uvicorn.error").info(
            "Uvicorn running on %s (Press CTRL+C to quit)", self.address
        )


def _serve_one(settings: Settings, opened: Any, host: str, port: int, access_log: bool) -> None:
    start = getattr(opened, "start", None)
    if callable(start):
        start()
    app = create_app(settings=settings, store=opened)
    options = uvicorn_options(settings)  # one place: protocol, limits, logging
    uvicorn.run(
        app,
        host=host,
        port=port,
        access_log=access_log,
        limit_concurrency=settings.http_concurrency,  # more: a JSON 503 (issue 12.2)
        **options,
    )


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
            int | None,
            typer.Option(
                help="Query worker processes of each HTTP process (default: MNKG_WORKERS, 2)."
            ),
        ] = None,
        processes: Annotated[
            int | None,
            typer.Option(
                help="HTTP server processes (default: MNKG_HTTP_PROCESSES, else one per core)."
            ),
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
            http_processes=processes,
            query_timeout=query_timeout,
        )
        for leftover in remove_leftovers(settings):
            typer.echo(f"removed {leftover}, left behind by a killed load or build", err=True)
        count = processes_for(settings)
        opened = open_store(settings=settings)
        try:
            loaded = ensure_loaded(
                settings, opened, progress=lambda message: typer.echo(message, err=True)
            )
            if loaded is not None:
                typer.echo(describe(loaded), err=True)
            how = f"{count} HTTP processes" if count > 1 else "one HTTP process"
            typer.echo(
                f"serving {opened.descriptor} on http://{host}:{port}/sparql ({how})", err=True
            )
            remember_served(settings, f"http://{host}:{port}")
            if count > 1:
                opened.close()  # each HTTP process opens its own
                _serve_many(settings, count, host, port, access_log)
            else:
                _serve_one(settings, opened, host, port, access_log)
        finally:
            opened.close()


__all__ = ["SETTINGS_ENV", "make_app", "processes_for", "register", "share"]

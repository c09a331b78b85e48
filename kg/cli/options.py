"""What the commands share: options declared once, settings from them, the store they select,
and printing (JSON or tables)."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import urlsplit

import typer
from platformdirs import user_config_path
from rich.console import Console
from rich.table import Table

from mnkg.kg.errors import UserError
from mnkg.kg.settings import Settings
from mnkg.kg.store import LoadReport, Store, open_store
from mnkg.kg.store.layout import current_store

SERVED_FILE_ENV = "MNKG_SERVED_FILE"
"""Overrides where ``mnkg serve`` records its data directory (tests point it at a temp file)."""

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
        "--url",
        help="Use this SPARQL 1.1 server (its query URL) instead of the embedded store; a "
        "running `mnkg serve` by its base URL (http://127.0.0.1:8000 means .../sparql).",
    ),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")]


def served_file() -> Path:
    """The settings file ``mnkg serve`` writes: the data directory and URL it serves."""
    given = os.environ.get(SERVED_FILE_ENV)
    return Path(given) if given else user_config_path("mnkg", appauthor=False) / "served.json"


def remember_served(settings: Settings, url: str) -> None:
    """Record what ``mnkg serve`` serves, so the other commands find the same data directory."""
    path = served_file()
    record = {"data_dir": str(Path(settings.data_dir).resolve()), "url": url}
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(record, indent=2) + "\n", encoding="utf-8")
    except OSError as error:  # a read-only home must not stop the server
        typer.echo(f"note: could not record the data directory in {path}: {error}", err=True)


def served_data_dir() -> Path | None:
    """The data directory the last ``mnkg serve`` used, if it still exists."""
    try:
        record = json.loads(served_file().read_text(encoding="utf-8"))
        data_dir = Path(record["data_dir"])
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return data_dir if data_dir.is_dir() else None


def store_descriptor(store: str | None) -> str | None:
    """``--store``/``--url`` as a store descriptor: a bare server URL means its ``/sparql``."""
    if store and store.startswith(("http://", "https://")) and urlsplit(store).path in ("", "/"):
        return store.rstrip("/") + "/sparql"
    return store


def settings_from(*, data_dir: Path | None = None, **overrides: object) -> Settings:
    """Settings from the options the user gave, else the environment (``MNKG_*``), else the
    data directory of the last ``mnkg serve``, else the per-user data directory."""
    given = {key: value for key, value in overrides.items() if value is not None}
    if isinstance(given.get("store"), str):
        given["store"] = store_descriptor(given["store"])  # type: ignore[arg-type]
    if data_dir is None and "MNKG_DATA_DIR" not in os.environ:
        data_dir = served_data_dir()
    if data_dir is not None:
        given["data_dir"] = data_dir
    return Settings(**given)  # type: ignore[arg-type]


def require_loaded(settings: Settings) -> None:
    """A clear error when the embedded store of ``settings`` has nothing loaded."""
    if settings.store is None and current_store(Path(settings.data_dir)) is None:
        raise UserError(
            f"no store has been loaded in {settings.data_dir} yet: run `mnkg load`, or give "
            "the data directory the server uses with --data-dir DIR (or MNKG_DATA_DIR), or "
            "query a running server with --url http://127.0.0.1:8000"
        )


@contextmanager
def reading_store(data_dir: Path | None, store: str | None) -> Iterator[Store]:
    """The store the options select, closed afterwards."""
    settings = settings_from(data_dir=data_dir, store=store)
    require_loaded(settings)
    opened = open_store(settings=settings)
    try:
        yield opened
    finally:
        opened.close()


def describe(report: LoadReport) -> str:
    """A few lines about a load, for the terminal."""
    lines = [f"loaded {report.quads} triples in {report.seconds:.2f} s into {report.location}"]
    if report.size_bytes is not None:
        lines[0] += f" ({report.size_bytes / 1e6:.1f} MB)"
    lines += [f"  {graph or '(default graph)'}: {n}" for graph, n in sorted(report.graphs.items())]
    return "\n".join(lines)


def print_json(data: Any) -> None:
    """JSON on stdout (UTF-8, indented)."""
    typer.echo(json.dumps(data, ensure_ascii=False, indent=2))


def print_table(
    columns: Sequence[str], rows: Sequence[dict[str, Any]], *, title: str | None = None
) -> None:
    """A rich table on a terminal; tab-separated lines when stdout is a pipe or a file."""
    cells = [["" if row.get(c) is None else str(row.get(c)) for c in columns] for row in rows]
    if not sys.stdout.isatty():
        if title:
            typer.echo(f"# {title}")
        for line in [list(columns), *cells]:
            typer.echo("\t".join(cell.replace("\t", " ").replace("\n", " ") for cell in line))
        return
    table = Table(title=title, show_lines=False)
    for column in columns:
        table.add_column(column, overflow="fold")
    for line in cells:
        table.add_row(*line)
    Console().print(table)


__all__ = [
    "DataDirOption",
    "JsonOption",
    "StoreOption",
    "describe",
    "print_json",
    "print_table",
    "reading_store",
    "remember_served",
    "require_loaded",
    "served_data_dir",
    "served_file",
    "settings_from",
    "store_descriptor",
]

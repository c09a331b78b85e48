"""What the commands share: options declared once, settings from them, the store they select,
and printing (JSON or tables)."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from mnkg.kg.settings import Settings
from mnkg.kg.store import LoadReport, Store, open_store

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
        help="Use this SPARQL 1.1 server (its query URL) instead of the embedded store.",
    ),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")]


def settings_from(*, data_dir: Path | None = None, **overrides: object) -> Settings:
    """Settings from the environment, with the options the user gave on the command line."""
    given = {key: value for key, value in overrides.items() if value is not None}
    if data_dir is not None:
        given["data_dir"] = data_dir
    return Settings(**given)  # type: ignore[arg-type]


@contextmanager
def reading_store(data_dir: Path | None, store: str | None) -> Iterator[Store]:
    """The store the options select, closed afterwards."""
    opened = open_store(settings=settings_from(data_dir=data_dir, store=store))
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
    "settings_from",
]

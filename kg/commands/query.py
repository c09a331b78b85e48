"""``mnkg query NAME --param k=v``: run a named query; a table on a terminal, JSON with --json.

Also holds what the domain commands share (``term``, ``localize``): opening the store for
reading and printing JSON or rich tables.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any

import typer

from mnkg.kg.commands.load import DataDirOption, StoreOption, settings_from
from mnkg.kg.errors import UserError
from mnkg.kg.store import Store, open_store

JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")]


@contextmanager
def reading_store(data_dir: Path | None, store: str | None) -> Iterator[Store]:
    """The store the options select, closed afterwards."""
    opened = open_store(settings=settings_from(data_dir=data_dir, store=store))
    try:
        yield opened
    finally:
        opened.close()


def print_json(data: Any) -> None:
    """JSON on stdout (UTF-8, indented)."""
    typer.echo(json.dumps(data, ensure_ascii=False, indent=2))


def print_table(
    columns: Sequence[str], rows: Sequence[dict[str, Any]], *, title: str | None = None
) -> None:
    """A rich table on a terminal; tab-separated lines when stdout is a pipe or a file."""
    import sys

    cells = [["" if row.get(c) is None else str(row.get(c)) for c in columns] for row in rows]
    if not sys.stdout.isatty():
        if title:
            typer.echo(f"# {title}")
        for line in [list(columns), *cells]:
            typer.echo("\t".join(cell.replace("\t", " ").replace("\n", " ") for cell in line))
        return
    from rich.console import Console
    from rich.table import Table

    table = Table(title=title, show_lines=False)
    for column in columns:
        table.add_column(column, overflow="fold")
    for line in cells:
        table.add_row(*line)
    Console().print(table)


def parse_params(values: Sequence[str]) -> dict[str, str]:
    """``["k=v", ...]`` -> ``{"k": "v"}``; a UserError for anything else or a repeated key."""
    params: dict[str, str] = {}
    for value in values:
        key, sep, rest = value.partition("=")
        if not sep or not key.strip():
            raise UserError(f"--param wants NAME=VALUE, got {value!r}")
        if key.strip() in params:
            raise UserError(f"--param {key.strip()} given more than once")
        params[key.strip()] = rest
    return params


def register(app: typer.Typer) -> None:
    """Add ``mnkg query`` to the CLI."""

    @app.command("query")
    def query(
        name: Annotated[
            str | None,
            typer.Argument(help="Query name (see `mnkg query --list`)."),
        ] = None,
        param: Annotated[
            list[str] | None,
            typer.Option("--param", "-p", help="Parameter as NAME=VALUE (repeatable)."),
        ] = None,
        list_queries: Annotated[
            bool, typer.Option("--list", help="List the named queries and their parameters.")
        ] = False,
        fmt: Annotated[
            str | None,
            typer.Option("--format", help="csv or tsv: print the result in that format."),
        ] = None,
        as_json: JsonOption = False,
        data_dir: DataDirOption = None,
        store: StoreOption = None,
    ) -> None:
        """Run a named query with typed parameters (IDs may be CURIEs, IRIs or mapped codes)."""
        from mnkg.queries.registry import load_registry
        from mnkg.queries.results import render, run_named

        registry = load_registry()
        if list_queries or name is None:
            entries = [q.as_dict() for q in registry]
            if as_json:
                print_json({"queries": entries})
                return
            rows = [
                {
                    "name": e["name"],
                    "summary": e["summary"],
                    "params": ", ".join(
                        f"{p['name']} ({p['type']}, e.g. {p['example']})" for p in e["params"]
                    ),
                }
                for e in entries
            ]
            print_table(["name", "summary", "params"], rows, title="Named queries")
            return
        named = registry.get(name)
        with reading_store(data_dir, store) as opened:
            table = run_named(opened, named, parse_params(param or []))
        if as_json:
            print_json(table.as_dict())
        elif fmt:
            body, _ = render(table, fmt.lower())
            typer.echo(body, nl=False)
        else:
            print_table(table.columns, table.rows, title=f"{named.summary} ({len(table.rows)})")

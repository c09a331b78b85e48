"""``mnkg query NAME --param k=v``: run a named query; a table on a terminal, JSON with --json."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Annotated

import typer

from mnkg.kg.answers.models import to_dict
from mnkg.kg.answers.results import list_queries as query_listing
from mnkg.kg.answers.results import (
    named_queries,
    named_query,
    render,
    run_named,
)
from mnkg.kg.cli.options import (
    DataDirOption,
    JsonOption,
    StoreOption,
    print_json,
    print_table,
    reading_store,
)
from mnkg.kg.errors import UserError


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
        registry = named_queries()
        if list_queries or name is None:
            entries = [q.as_dict() for q in registry]
            if as_json:
                print_json(to_dict(query_listing(registry)))
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
        named = named_query(registry, name)
        with reading_store(data_dir, store) as opened:
            table = run_named(opened, named, parse_params(param or []))
        if as_json:
            print_json(table.as_dict())
        elif fmt:
            body, _ = render(table, fmt.lower())
            typer.echo(body, nl=False)
        else:
            print_table(table.columns, table.rows, title=f"{named.summary} ({len(table.rows)})")

"""The ``mnkg`` command line: thin Typer commands over the library.

Each command lives in ``mnkg.kg.cli.<name>`` and registers itself on :data:`app`.
A :class:`~mnkg.kg.errors.UserError` becomes a one-line message and a non-zero exit,
never a traceback.
"""

from __future__ import annotations

import sys

import click
import typer

from mnkg.kg.cli import (
    audit,
    build,
    check_links,
    import_hpo,
    load,
    localize,
    query,
    reason,
    rollback,
    serve,
    stores,
    term,
    validate,
)
from mnkg.kg.errors import UserError

app = typer.Typer(
    name="mnkg",
    help="MNKG: the motor neuron knowledge graph (ontology, knowledge graph, SPARQL service).",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)

# Each module defines `register(app)`; the order is the order of `mnkg --help`.
COMMAND_MODULES = (
    build,
    reason,
    load,
    stores,
    rollback,
    serve,
    import_hpo,
    check_links,
    query,
    term,
    localize,
    validate,
    audit,
)

for _module in COMMAND_MODULES:
    _module.register(app)


def main() -> None:
    """Console entry point: run the app and turn user errors into clean exits."""
    try:
        code = app(standalone_mode=False)  # a command's typer.Exit(n) comes back as its value
    except UserError as error:
        typer.secho(f"error: {error.message}", err=True, fg=typer.colors.RED)
        sys.exit(error.exit_code)
    except typer.Exit as done:
        sys.exit(done.exit_code)
    except typer.Abort:
        typer.secho("aborted", err=True)
        sys.exit(130)
    except click.exceptions.ClickException as click_error:  # usage errors: their own exit code
        click_error.show()
        sys.exit(click_error.exit_code)
    if isinstance(code, int) and code:
        sys.exit(code)


__all__ = ["app", "main"]

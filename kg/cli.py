"""The ``mnkg`` command line: thin Typer commands over the library.

Each command lives in ``mnkg.kg.commands.<name>`` and registers itself on :data:`app`.
A :class:`~mnkg.kg.errors.UserError` becomes a one-line message and a non-zero exit,
never a traceback.
"""

from __future__ import annotations

import importlib
import sys

import typer

from mnkg.kg.errors import UserError

app = typer.Typer(
    name="mnkg",
    help="MNKG: the motor neuron knowledge graph (ontology, knowledge graph, SPARQL service).",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)

# Each module defines `register(app)`; the order is the order of `mnkg --help`.
COMMAND_MODULES = [
    "build",
    "reason",
    "load",
    "serve",
    "import_hpo",
    "check_links",
    "query",
    "term",
    "localize",
    "validate",
    "audit",
]

for _name in COMMAND_MODULES:
    importlib.import_module(f"mnkg.kg.commands.{_name}").register(app)


def main() -> None:
    """Console entry point: run the app and turn user errors into clean exits."""
    try:
        app(standalone_mode=False)
    except UserError as error:
        typer.secho(f"error: {error.message}", err=True, fg=typer.colors.RED)
        sys.exit(error.exit_code)
    except typer.Exit as done:
        sys.exit(done.exit_code)
    except typer.Abort:
        typer.secho("aborted", err=True)
        sys.exit(130)
    except Exception as click_error:  # click usage errors carry their own exit code
        import click

        if isinstance(click_error, click.exceptions.ClickException):
            click_error.show()
            sys.exit(click_error.exit_code)
        raise


__all__ = ["app", "main"]


if __name__ == "__main__":
    main()

"""The ``mnkg`` command line: thin Typer commands over the library, one module per command.

:data:`app` is the Typer app; :func:`main` is the console entry point.
"""

from mnkg.kg.cli.app import app, main

__all__ = ["app", "main"]

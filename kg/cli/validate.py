"""``mnkg validate [FILE ...]``: SHACL validation of the built graphs or of users' RDF files."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from mnkg.kg.errors import ValidationFailed
from mnkg.kg.qc.validate import validate_built, validate_files


class ReportFormat(StrEnum):
    """How the report is printed."""

    text = "text"
    ttl = "ttl"
    json = "json"


def validate(
    files: Annotated[
        list[Path] | None,
        typer.Argument(
            help="Turtle (.ttl), N-Triples (.nt), JSON-LD (.jsonld) or RDF/XML files; "
            "none: validate the ontology, imports and curated knowledge graph as built.",
            show_default=False,
        ),
    ] = None,
    report_format: Annotated[
        ReportFormat,
        typer.Option(
            "--format",
            "-f",
            help="text: readable report; ttl / json: the standard SHACL report (Turtle, JSON-LD).",
        ),
    ] = ReportFormat.text,
) -> None:
    """Validate against the SHACL shapes; exit 1 when there is any violation.

    Files are checked with the ontology, its imports and the curated knowledge graph as
    background (a user's statement is judged in the context of the release).
    """
    report = validate_files(files) if files else validate_built()
    if report_format is ReportFormat.ttl:
        typer.echo(report.turtle())
    elif report_format is ReportFormat.json:
        typer.echo(report.json())
    else:
        typer.echo(report.text())
    if report.violations:
        raise ValidationFailed(f"{report.violations} violation(s)")


def register(app: typer.Typer) -> None:
    """Add the ``validate`` command."""
    app.command(name="validate")(validate)


__all__ = ["register", "validate"]

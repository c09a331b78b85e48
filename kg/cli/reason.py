"""``mnkg reason``: classify the ontology with HermiT and say where each condition landed."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from mnkg.kg.release.classification import classification_report


def reason(
    ontology: Annotated[
        Path | None,
        typer.Option("--ontology", help="Reason over this edit file instead of the packaged one."),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the report as JSON.")] = False,
) -> None:
    """Classify ontology + imports with HermiT; exit 1 on inconsistency or unsatisfiable classes."""
    report = classification_report(ontology)
    if as_json:
        typer.echo(json.dumps(report, indent=2))
    else:
        typer.echo(f"HermiT: consistent, {report['unsatisfiable']} unsatisfiable classes")
        typer.echo(f"  classes: {report['classes']}")
        typer.echo(f"  inferred subclass axioms: {report['inferred_subclass_axioms']}")
        typer.echo(f"  reasoning time: {report['seconds']:.1f} s")
        typer.echo("where the conditions landed:")
        for row in report["conditions"]:
            groups = ", ".join(row["groups"]) or "(no grouping)"
            typer.echo(f"  {row['id']:<16} {row['label']:<45} {groups}")


def register(app: typer.Typer) -> None:
    """Add the command to the CLI."""
    app.command("reason")(reason)

"""``mnkg build``: build the release folder."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from mnkg.kg.release.serving import build_into


def build(
    out: Annotated[Path, typer.Option("--out", help="Release folder to write.")] = Path("build"),
    as_json: Annotated[bool, typer.Option("--json", help="Print the summary as JSON.")] = False,
) -> None:
    """Build the release: ontology + imports + knowledge graph, validated, reasoned, written."""
    summary = build_into(out, progress=lambda message: typer.echo(message, err=True))
    if as_json:
        typer.echo(json.dumps(summary, indent=2))
        return
    typer.echo(f"release written to {out}/")
    typer.echo(f"  ontology version: {summary['ontology_version_iri']}")
    typer.echo(f"  terms: {summary['terms']['mnkg']} MNKG, {summary['terms']['reused']} reused")
    typer.echo(f"  inferred subclass axioms: {summary['inferred_axioms']['subclass_of']}")
    for graph, count in summary["triples"].items():
        typer.echo(f"  graph {graph}: {count} triples")
    typer.echo(f"  total: {summary['durations_seconds']['total']:.1f} s")


def register(app: typer.Typer) -> None:
    """Add the command to the CLI."""
    app.command("build")(build)

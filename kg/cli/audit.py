"""``mnkg audit CLAIMS.tsv``: label each claim supported, contradicted or unsupported."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from mnkg.kg.qc.audit import audit_file


class AuditFormat(StrEnum):
    """How the verdicts are printed."""

    text = "text"
    json = "json"


def audit(
    claims: Annotated[
        Path,
        typer.Argument(
            help="Claims in the curated-table format (TSV: subject, predicate, object, "
            "evidence, source, curator, date, ...), e.g. kg/claims/seed-004.tsv.",
            show_default=False,
        ),
    ],
    report_format: Annotated[
        AuditFormat,
        typer.Option("--format", "-f", help="text: readable report; json: one object per claim."),
    ] = AuditFormat.text,
) -> None:
    """Audit claims with the ontology, HermiT and the SHACL shapes.

    Each claim is supported (the ontology entails it), contradicted (the ontology refutes it,
    or a closed-world shape rejects it) or unsupported (neither), with the reasons and the
    axioms involved. Exits 0 whatever the verdicts; a malformed claims file exits 2.
    """
    report = audit_file(claims)
    typer.echo(report.json() if report_format is AuditFormat.json else report.text())


def register(app: typer.Typer) -> None:
    """Add the ``audit`` command."""
    app.command(name="audit")(audit)


__all__ = ["audit", "register"]

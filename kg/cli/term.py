"""``mnkg term ID|LABEL``: a term page (label, definition, hierarchy, mappings, edges with
evidence, negated statements, claims with their audit verdict)."""

from __future__ import annotations

from typing import Annotated

import typer

from mnkg.kg.answers.models import Edge, Evidence, TermPage, to_dict
from mnkg.kg.answers.terms import term_page
from mnkg.kg.cli.options import (
    DataDirOption,
    JsonOption,
    StoreOption,
    print_json,
    print_table,
    reading_store,
)


def _edge_rows(edges: list[Edge]) -> list[dict[str, str]]:
    return [
        {
            "predicate": f"{e.predicate} {e.predicate_label}".strip(),
            "id": e.id,
            "label": e.label,
            "evidence": _codes(e.evidence),
        }
        for e in edges
    ]


def show_page(page: TermPage) -> None:
    """The page as text: headings, then one table per section that has rows."""
    typer.echo(f"{page.id}  {page.label or ''}")
    if page.definition:
        typer.echo(f"  {page.definition}")
    if page.synonyms:
        typer.echo("  synonyms: " + "; ".join(f"{s.text} ({s.scope})" for s in page.synonyms))
    for title, links in (("parents", page.parents), ("children", page.children)):
        rows = [
            {"id": r.id, "label": r.label, "how": "asserted" if r.asserted else "inferred"}
            for r in links
        ]
        if rows:
            print_table(["id", "label", "how"], rows, title=title)
    if page.mappings or page.xrefs:
        mapped = [m.model_dump() for m in page.mappings]
        xref = "oboInOwl:hasDbXref"
        mapped += [{"id": x, "predicate": xref, "direction": ""} for x in page.xrefs]
        print_table(["id", "predicate", "direction"], mapped, title="mappings")
    for key, edges, total in (
        ("outgoing", page.outgoing, page.outgoing_total),
        ("incoming", page.incoming, page.incoming_total),
    ):
        if edges:
            columns = ["predicate", "id", "label", "evidence"]
            print_table(columns, _edge_rows(edges), title=f"{key} edges ({total})")
    if page.negated_edges:
        rows = [
            {"statement": n.statement, "id": n.id, "evidence": _codes(n.evidence)}
            for n in page.negated_edges
        ]
        print_table(["statement", "id", "evidence"], rows, title="negated (does NOT hold)")
    if page.claims:
        rows = [
            {
                "claim": f"{c.predicate_label or c.predicate} {c.label or c.id}",
                "direction": c.direction,
                "verdict": c.verdict or "",
                "source": c.source_pointer or "",
            }
            for c in page.claims
        ]
        columns = ["claim", "direction", "verdict", "source"]
        print_table(columns, rows, title="claims of source documents (audit verdict)")


def _codes(evidence: list[Evidence]) -> str:
    return ", ".join(sorted({code for ev in evidence for code in ev.has_evidence}))


def register(app: typer.Typer) -> None:
    """Add ``mnkg term`` to the CLI."""

    @app.command("term")
    def term(
        term_id: Annotated[
            str,
            typer.Argument(
                metavar="ID",
                help="CURIE (MONDO:0004976), IRI, mapped external code (ICD10CM:G12.21), "
                "or a label or synonym ('Lou Gehrig disease').",
            ),
        ],
        as_json: JsonOption = False,
        data_dir: DataDirOption = None,
        store: StoreOption = None,
    ) -> None:
        """Show everything the graph says about one term (by ID, label or synonym)."""
        with reading_store(data_dir, store) as opened:
            page = term_page(opened, term_id, by_label=True)
        if as_json:
            print_json(to_dict(page))
            return
        show_page(page)

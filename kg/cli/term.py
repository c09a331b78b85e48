"""``mnkg term ID``: a term page (label, definition, hierarchy, mappings, edges with evidence)."""

from __future__ import annotations

from typing import Annotated

import typer

from mnkg.kg.answers.terms import term_page
from mnkg.kg.cli.options import (
    DataDirOption,
    JsonOption,
    StoreOption,
    print_json,
    print_table,
    reading_store,
)


def register(app: typer.Typer) -> None:
    """Add ``mnkg term`` to the CLI."""

    @app.command("term")
    def term(
        term_id: Annotated[
            str,
            typer.Argument(
                metavar="ID",
                help="CURIE (MONDO:0004976), IRI, or mapped external code (ICD10CM:G12.21).",
            ),
        ],
        as_json: JsonOption = False,
        data_dir: DataDirOption = None,
        store: StoreOption = None,
    ) -> None:
        """Show everything the graph says about one term."""
        with reading_store(data_dir, store) as opened:
            page = term_page(opened, term_id)
        if as_json:
            print_json(page)
            return
        typer.echo(f"{page['id']}  {page['label'] or ''}")
        if page["definition"]:
            typer.echo(f"  {page['definition']}")
        if page["synonyms"]:
            shown = "; ".join(f"{s['text']} ({s['scope']})" for s in page["synonyms"])
            typer.echo(f"  synonyms: {shown}")
        for key in ("parents", "children"):
            rows = [{**r, "how": "asserted" if r["asserted"] else "inferred"} for r in page[key]]
            if rows:
                print_table(["id", "label", "how"], rows, title=key)
        if page["mappings"] or page["xrefs"]:
            rows = [dict(m) for m in page["mappings"]]
            rows += [
                {"id": x, "predicate": "oboInOwl:hasDbXref", "direction": ""} for x in page["xrefs"]
            ]
            print_table(["id", "predicate", "direction"], rows, title="mappings")
        for key in ("outgoing", "incoming"):
            rows = [
                {
                    "predicate": f"{e['predicate']} {e['predicate_label']}".strip(),
                    "id": e["id"],
                    "label": e["label"],
                    "evidence": ", ".join(
                        sorted(
                            {code for ev in e["evidence"] for code in ev.get("has_evidence", [])}
                        )
                    ),
                }
                for e in page[key]
            ]
            if rows:
                total = page[f"{key}_total"]
                print_table(
                    ["predicate", "id", "label", "evidence"], rows, title=f"{key} edges ({total})"
                )

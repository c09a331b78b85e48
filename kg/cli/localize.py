"""``mnkg localize HP:... [--absent HP:...]``: where is the lesion, and which conditions fit."""

from __future__ import annotations

from typing import Annotated

import typer

from mnkg.kg.answers.localize import LocalizeRequest, localize
from mnkg.kg.cli.options import (
    DataDirOption,
    JsonOption,
    StoreOption,
    print_json,
    print_table,
    reading_store,
)


def register(app: typer.Typer) -> None:
    """Add ``mnkg localize`` to the CLI."""

    @app.command("localize")
    def localize_command(
        signs: Annotated[
            list[str],
            typer.Argument(help="Signs present: HPO IDs (HP:0002380) or exact HPO labels."),
        ],
        absent: Annotated[
            list[str] | None,
            typer.Option("--absent", "-a", help="A sign looked for and not found (repeatable)."),
        ] = None,
        age_months: Annotated[
            float | None,
            typer.Option("--age-months", help="Age in months (infant Babinski pitfall)."),
        ] = None,
        onset: Annotated[
            str | None,
            typer.Option("--onset", help="acute or chronic (acute: the shock pitfall)."),
        ] = None,
        source: Annotated[
            str, typer.Option("--source", help="Conditions to rank: mnkg, hpo or all.")
        ] = "mnkg",
        limit: Annotated[int, typer.Option("--limit", help="Most conditions shown.")] = 10,
        as_json: JsonOption = False,
        data_dir: DataDirOption = None,
        store: StoreOption = None,
    ) -> None:
        """Localize a lesion from signs (UMN, LMN, mixed, neither, indeterminate)."""
        request = LocalizeRequest(
            signs=list(signs),
            absent=list(absent or []),
            age_months=age_months,
            onset=onset,
            source=source,
            limit=limit,
        )
        with reading_store(data_dir, store) as opened:
            answer = localize(opened, request)
        if as_json:
            print_json(answer)
            return
        typer.secho(f"localization: {answer['localization']}", bold=True)
        for level in ("UMN", "LMN", "other"):
            items = answer["support"][level]
            if items:
                typer.echo(f"  {level}: " + ", ".join(f"{i['label']} ({i['id']})" for i in items))
        for entry in answer["explanation"]:
            if entry["kind"] in ("pitfall", "rule", "note"):
                name = f"[{entry.get('label')}] " if entry["kind"] == "pitfall" else ""
                typer.echo(f"  - {name}{entry['text']}")
        rows = [
            {
                "id": c["id"],
                "label": c["label"],
                "score": f"{c['score']:.3f}",
                "matched": ", ".join(m["label"] for m in c["matched"]),
                "missing": ", ".join(m["label"] for m in c["missing"][:5]),
            }
            for c in answer["conditions"]
        ]
        if rows:
            print_table(
                ["id", "label", "score", "matched", "missing"], rows, title="conditions (Resnik)"
            )

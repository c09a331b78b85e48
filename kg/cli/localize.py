"""``mnkg localize`` (where is the lesion, and which conditions fit) and
``mnkg evaluate-localization`` (a case file through the same code, with its accuracy)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from mnkg.kg.answers.localize import LocalizeRequest, evaluate_cases, localize, read_cases
from mnkg.kg.answers.models import to_dict
from mnkg.kg.cli.options import (
    DataDirOption,
    JsonOption,
    StoreOption,
    print_json,
    print_table,
    reading_store,
)
from mnkg.kg.errors import UserError


def _print_answer(answer: dict[str, Any]) -> None:
    typer.secho(f"localization: {answer['localization']}", bold=True)
    rows = [
        {
            "site": f"{s['label']} ({s['id']})",
            "level": s["level"],
            "score": f"{s['score']:+g}",
            "for": ", ".join(f"{f['label']} {f['weight']:+g}" for f in s["for"][:4]),
            "against": ", ".join(f"{f['label']} {f['weight']:+g}" for f in s["against"][:3]),
        }
        for s in answer["sites"][:6]
    ]
    print_table(["site", "level", "score", "for", "against"], rows, title="sites")
    for entry in answer["explanation"]:
        if entry["kind"] in ("finding", "pitfall", "rule"):
            typer.echo(f"  - {entry['text']}")
    for n in answer["next_findings"]:
        sites = " / ".join(s["label"] for s in n["separates"])
        typer.echo(f"  next: look for {n['label']} ({n['id']}): separates {sites}")
    for u in answer["unrecognised"]:
        extra = f", replaced by {u['replaced_by']}" if u.get("replaced_by") else ""
        typer.secho(f"  not used: {u['id']} ({u['reason']}{extra})", fg="yellow")
    rows = [
        {
            "id": c["id"],
            "label": c["label"],
            "score": f"{c['score']:.3f}",
            "matched": ", ".join(m["label"] for m in c["matched"]),
        }
        for c in answer["conditions"]
    ]
    if rows:
        print_table(["id", "label", "score", "matched"], rows, title="conditions")


def _print_report(report: dict[str, Any]) -> None:
    typer.secho(
        f"accuracy: {report['accuracy']:.1%} ({report['correct']}/{report['cases']})", bold=True
    )
    rows = [
        {
            "level": k,
            "cases": v["cases"],
            "correct": v["correct"],
            "accuracy": f"{v['accuracy']:.1%}",
        }
        for k, v in report["per_level"].items()
    ]
    print_table(["level", "cases", "correct", "accuracy"], rows, title="per expected level")
    rows = [
        {
            "site": k,
            "cases": v["cases"],
            "correct": v["correct"],
            "accuracy": f"{v['accuracy']:.1%}",
        }
        for k, v in report["per_site"].items()
    ]
    print_table(["site", "cases", "correct", "accuracy"], rows, title="per expected site")
    levels = sorted({g for v in report["confusion"].values() for g in v} | set(report["confusion"]))
    rows = [
        {"expected": e, **{g: report["confusion"].get(e, {}).get(g, 0) for g in levels}}
        for e in sorted(report["confusion"])
    ]
    print_table(["expected", *levels], rows, title="confusion (expected x answered)")
    for miss in report["misses"]:
        top = ", ".join(f"{s['label']} {s['score']:+g}" for s in miss["top_sites"])
        typer.echo(
            f"  miss {miss['case_id']}: expected {miss['expected_level']} "
            f"{'|'.join(miss['expected_site'])}, got {miss['localization']}; top: {top}"
        )


def register(app: typer.Typer) -> None:
    """Add ``mnkg localize`` and ``mnkg evaluate-localization`` to the CLI."""

    @app.command("localize")
    def localize_command(
        signs: Annotated[
            list[str],
            typer.Argument(help="Findings present: HPO IDs (HP:0002380) or exact HPO labels."),
        ],
        absent: Annotated[
            list[str] | None,
            typer.Option("--absent", "-a", help="A finding looked for and not found (repeatable)."),
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
        """Localize a lesion from findings: ranked sites, level, next findings, conditions."""
        request = LocalizeRequest.of(
            signs=list(signs),
            absent=list(absent or []),
            age_months=age_months,
            onset=onset,
            source=source,
            limit=limit,
        )
        with reading_store(data_dir, store) as opened:
            answer = to_dict(localize(opened, request))
        if as_json:
            print_json(answer)
        else:
            _print_answer(answer)

    @app.command("evaluate-localization")
    def evaluate_command(
        cases: Annotated[Path, typer.Argument(help="Case file (TSV, docs/localization.md).")],
        min_accuracy: Annotated[
            float | None,
            typer.Option("--min-accuracy", help="Exit 1 below this accuracy (0..1)."),
        ] = None,
        as_json: JsonOption = False,
        data_dir: DataDirOption = None,
        store: StoreOption = None,
    ) -> None:
        """Run a case file through /localize's code: accuracy, confusion matrix, misses."""
        if min_accuracy is not None and not 0 <= min_accuracy <= 1:
            raise UserError("--min-accuracy must be between 0 and 1")
        parsed = read_cases(cases)
        with reading_store(data_dir, store) as opened:
            report = evaluate_cases(opened, parsed)
        if as_json:
            print_json(report)
        else:
            _print_report(report)
        if min_accuracy is not None and report["accuracy"] < min_accuracy:
            typer.secho(
                f"accuracy {report['accuracy']:.1%} is below {min_accuracy:.1%}", fg="red", err=True
            )
            raise typer.Exit(1)

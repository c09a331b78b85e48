"""Build a release: sources -> knowledge graph -> SHACL validation -> reasoning -> release folder.

The release is written into a sibling temporary folder and renamed into place at the end, so
a failed or interrupted build never leaves a partial release where the old one was.
"""

from __future__ import annotations

import json
import shutil
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import TypeVar

import pyoxigraph as ox
from rdflib import OWL, RDF, RDFS, Graph, URIRef

from mnkg import __version__
from mnkg.kg.errors import ValidationFailed
from mnkg.kg.hpo.importer import HPO_FILE, carry_over, write_hpo_hierarchy
from mnkg.kg.iris import ONTOLOGY_IRI
from mnkg.kg.iris import Graph as G
from mnkg.kg.owl.materialize import materialize
from mnkg.kg.owl.reason import ReasonerResult, run_hermit, without_classes
from mnkg.kg.qc.audit import AuditPlan, is_audit_class
from mnkg.kg.qc.claims import claims_graph, claims_plan
from mnkg.kg.qc.validate import require_valid, validate_release
from mnkg.kg.release.forked import ForkedCall
from mnkg.kg.release.formats import FORMAT_FILES, write_formats
from mnkg.kg.release.quads import graph_quads, write_dataset
from mnkg.kg.release.ubergraph import ubergraph_quads
from mnkg.kg.sources.compile import compile_kg, curated_counts, statement_count
from mnkg.kg.sources.localization import read_weights, write_weights
from mnkg.kg.sources.mapping_sets import mappings_graph
from mnkg.kg.sources.ontology import load_imports, load_ontology, tbox

Progress = Callable[[str], None]
T = TypeVar("T")
GRAPH_ORDER = (
    G.ONTOLOGY,
    G.IMPORTS,
    G.KG,
    G.INFERRED,
    G.CLAIMS,
    G.REDUNDANT,
    G.NONREDUNDANT,
    G.MAPPINGS,
)

RELEASE_FILES = {
    "base": "mnkg-base.ttl",
    "full_ttl": "mnkg.ttl",
    "full_owl": FORMAT_FILES["owl"],
    "obo": FORMAT_FILES["obo"],
    "obographs": FORMAT_FILES["obographs"],
    "semsql": FORMAT_FILES["semsql"],
    "merged_ttl": "mnkg-merged.ttl",
    "merged_nt": "mnkg-merged.nt",
    "quads": "mnkg.nq",
    "localization": "localization.nq",
    "shacl_report": "shacl-report.ttl",
    "summary": "summary.json",
}


def classify(merged_tbox: Graph) -> ReasonerResult:
    """Run HermiT on ontology + imports (one graph) and turn a failure into a clear error."""
    return require_classified(run_hermit(merged_tbox), merged_tbox)


def classify_with_claims(
    merged_tbox: Graph, plan: AuditPlan
) -> tuple[ReasonerResult, ReasonerResult]:
    """One HermiT run for the build and the claims audit: (the ontology's, the audit's) result.

    HermiT classifies the ontology with the audit's claim classes added; the ontology's own
    result is read off that run (:func:`without_classes`), so the build no longer classifies
    the same TBox twice. Should that not be possible (equivalent named classes), HermiT runs
    on the ontology alone as before.
    """
    combined = run_hermit(plan.graph)
    own = without_classes(combined, plan.graph, is_audit_class)
    if own is None:
        own = run_hermit(merged_tbox)
    return require_classified(own, merged_tbox), combined


def require_classified(result: ReasonerResult, merged_tbox: Graph) -> ReasonerResult:
    """``result`` if the ontology is consistent and every class satisfiable, else the error."""
    if not result.consistent:
        raise ValidationFailed(f"the ontology is inconsistent: {result.message}")
    if result.unsatisfiable:
        labels = describe(result.unsatisfiable, merged_tbox)
        raise ValidationFailed("unsatisfiable classes: " + "; ".join(labels))
    return result


def describe(iris: list[str], graph: Graph) -> list[str]:
    """``IRI 'label'`` for each IRI, for messages."""
    out = []
    for iri in iris:
        label = graph.value(URIRef(iri), RDFS.label)
        out.append(f"{iri} '{label}'" if label else iri)
    return out


def full_ontology(edit: Graph, imports: Graph, inferred: Graph) -> Graph:
    """The ODK 'full' release: ontology + imports + inferred subclass axioms, one header."""
    graph = tbox(edit, imports)
    for onto in list(graph.subjects(RDF.type, OWL.Ontology)):
        if str(onto) != ONTOLOGY_IRI:
            graph.remove((onto, None, None))
    for triple in inferred:
        graph.add(triple)
    graph.bind("obo", "http://purl.obolibrary.org/obo/")
    graph.bind("MNKG", "https://w3id.org/mnkg/MNKG_")
    return graph


def build_release(out_dir: Path, *, progress: Progress | None = None) -> dict:
    """Build the release into ``out_dir`` (replaced atomically) and return its summary.

    HermiT (a Java process) classifies in a child process (:mod:`mnkg.kg.release.forked`) from
    the moment the sources are loaded, while this process compiles, validates and writes
    everything that does not depend on the inferred axioms: the build uses both cores. The
    SHACL report still stops a build before HermiT's answer is read, as before. Once
    ``mnkg.nq`` is written, ``hpo.nq`` is written by another child while this process writes
    the OBO formats.
    """
    say = progress or (lambda _message: None)
    durations: dict[str, float] = {}
    started = time.perf_counter()

    def step(name: str) -> Callable[[], None]:
        say(f"{name} ...")
        began = time.perf_counter()

        def done() -> None:
            durations[name] = round(time.perf_counter() - began, 3)
            say(f"{name} done in {durations[name]:.1f} s")

        return done

    done = step("load sources")
    edit, imports = load_ontology(), load_imports()
    merged_tbox = tbox(edit, imports)
    graphs: dict[str, Graph] = {G.ONTOLOGY: edit, G.IMPORTS: imports}
    extra_counts: dict[str, object] = {}
    done()

    out_dir = Path(out_dir)
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}-", dir=out_dir.parent))
    try:
        say("reason (HermiT) ... (in the background)")
        with ForkedCall(lambda: _timed(lambda: classify_claims_and_ontology(merged_tbox))) as run:
            quads = _checked_parts(staging, graphs, merged_tbox, extra_counts, step)
            plan = claims_plan(ontology=merged_tbox)  # as the child made it (same claim IRIs)
            done = step("wait for HermiT")
            seconds, (result, with_claims) = run.result()
            done()
        durations["reason (HermiT)"] = seconds
        say(f"reason (HermiT) done in {seconds:.1f} s")
        graphs[G.INFERRED] = inferred = result.inferred_graph()

        done = step("audit claims")
        graphs[G.CLAIMS], extra_counts["claims"] = claims_graph(plan, with_claims)
        done()

        done = step("materialize inferred graphs")
        graphs[G.REDUNDANT], graphs[G.NONREDUNDANT] = materialize(merged_tbox, inferred)
        done()

        done = step("write release")
        graphs = {name: graphs[name] for name in GRAPH_ORDER}  # mnkg.nq's order, as before
        extra_counts.update(write_graphs(staging, out_dir, graphs, quads, say))
        durations["total"] = round(time.perf_counter() - started, 3)
        summary = release_summary(edit, imports, result, graphs, durations, extra_counts)
        (staging / RELEASE_FILES["summary"]).write_text(json.dumps(summary, indent=2) + "\n")
        swap_into_place(staging, out_dir)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    done()
    return summary


def classify_claims_and_ontology(merged_tbox: Graph) -> tuple[ReasonerResult, ReasonerResult]:
    """HermiT's result for the ontology and for the claims audit's plan (one run)."""
    return classify_with_claims(merged_tbox, claims_plan(ontology=merged_tbox))


def _timed(function: Callable[[], T]) -> tuple[float, T]:
    """``function``'s result and its wall seconds (the background step's own duration)."""
    began = time.perf_counter()
    value = function()
    return round(time.perf_counter() - began, 3), value


def _checked_parts(
    staging: Path,
    graphs: dict[str, Graph],
    merged_tbox: Graph,
    extra_counts: dict[str, object],
    step: Callable[[str], Callable[[], None]],
) -> dict[str, list[ox.Quad]]:
    """Compile, validate and write the files that do not depend on HermiT (in ``staging``).

    Runs while HermiT classifies; a SHACL violation stops the build here (the caller waits for
    HermiT to finish first, so no Java process outlives the build). Returns the quads of the
    graphs HermiT does not change, for ``mnkg.nq``.
    """
    done = step("compile knowledge graph")
    graphs[G.KG] = compile_kg(ontology=merged_tbox)
    extra_counts["statements"] = statement_count(graphs[G.KG])
    extra_counts["curated"] = curated_counts(graphs[G.KG])
    done()

    done = step("validate (SHACL)")
    shacl_report = validate_release(ontology=merged_tbox, kg=graphs[G.KG])
    extra_counts["validation"] = shacl_report.counts()
    done()
    require_valid(shacl_report)  # a violation stops the build before the release is written

    done = step("mappings")
    graphs[G.MAPPINGS] = mappings_graph()
    done()

    done = step("localization weights")  # the table is checked before anything is written
    extra_counts["localization_weights"] = len(weights := read_weights())
    done()

    done = step("write the files HermiT does not change")
    graphs[G.ONTOLOGY].serialize(staging / RELEASE_FILES["base"], format="turtle")
    (staging / RELEASE_FILES["shacl_report"]).write_text(shacl_report.turtle())
    write_weights(staging / RELEASE_FILES["localization"], weights)
    quads = {name: graph_quads(name, graph) for name, graph in graphs.items()}
    done()
    return quads


def write_graphs(
    staging: Path,
    out_dir: Path,
    graphs: dict[str, Graph],
    quads: dict[str, list[ox.Quad]],
    say: Progress,
) -> dict[str, object]:
    """The files that hold inferred axioms: the dataset files, ``hpo.nq``, full Turtle, the
    OBO formats; returns the seconds each OBO format took and the HPO counts.

    ``mnkg.nq`` holds every graph and Ubergraph's graph names as copies
    (:mod:`mnkg.kg.release.ubergraph`); ``quads`` has the graphs already converted. ``hpo.nq``
    reads the new ``mnkg.nq`` and nothing else of this process, so a child process writes it
    while this one writes the rest.
    """
    for name, graph in graphs.items():
        if name not in quads:
            quads[name] = graph_quads(name, graph)
    write_dataset(
        [*(quads[name] for name in graphs), *ubergraph_quads(quads)],
        quads_file=staging / RELEASE_FILES["quads"],
        merged_nt=staging / RELEASE_FILES["merged_nt"],
        merged_ttl=staging / RELEASE_FILES["merged_ttl"],
    )
    previous = out_dir / HPO_FILE
    say(
        "carry over the imported HPO graphs ..."
        if previous.is_file()
        else "write the HPO hierarchy ..."
    )
    with ForkedCall(lambda: write_hpo(staging, out_dir)) as hpo:
        full = full_ontology(graphs[G.ONTOLOGY], graphs[G.IMPORTS], graphs[G.INFERRED])
        full.serialize(staging / RELEASE_FILES["full_ttl"], format="turtle")
        format_seconds = write_formats(full, graphs, staging)
        return {"format_seconds": format_seconds, **hpo.result()}


def write_hpo(staging: Path, out_dir: Path) -> dict[str, int]:
    """``hpo.nq``: an imported HPO carried over (bridge reclassified), else the hierarchy.

    The hierarchy alone (no annotations) makes every HPO term known to the API and SPARQL;
    ``mnkg import-hpo`` adds the annotations. Written after SHACL and HermiT, which never read it.
    """
    previous = out_dir / HPO_FILE
    if previous.is_file():
        carry_over(previous, staging)
        return {}
    return {"hpo_hierarchy_quads": write_hpo_hierarchy(staging)}


def swap_into_place(staging: Path, target: Path) -> None:
    """Replace ``target`` by ``staging`` with renames, so readers never see a partial release."""
    if target.exists():
        retired = target.with_name(f".{target.name}-old-{time.time_ns()}")
        target.rename(retired)
        staging.rename(target)
        shutil.rmtree(retired, ignore_errors=True)
    else:
        staging.rename(target)


def release_summary(
    edit: Graph,
    imports: Graph,
    result: ReasonerResult,
    graphs: dict[str, Graph],
    durations: dict[str, float],
    extra: dict[str, object],
) -> dict:
    """Counts and timings of a release (written as ``summary.json``)."""
    version = edit.value(URIRef(ONTOLOGY_IRI), OWL.versionIRI)
    mnkg_terms = {
        str(s)
        for s in edit.subjects(RDF.type, None)
        if str(s).startswith("https://w3id.org/mnkg/MNKG_")
    }
    reused = {str(s) for s in imports.subjects(RDF.type, OWL.Class)}
    return {
        "mnkg_version": __version__,
        "built": datetime.now(UTC).isoformat(timespec="seconds"),
        "ontology_version_iri": str(version) if version else None,
        "terms": {"mnkg": len(mnkg_terms), "reused": len(reused)},
        "inferred_axioms": {
            "subclass_of": len(result.inferred_subclass_of),
            "equivalent": len(result.inferred_equivalent),
        },
        "unsatisfiable": len(result.unsatisfiable),
        "triples": {iri.rsplit("/", 1)[-1]: len(graph) for iri, graph in graphs.items()},
        "reasoner_seconds": round(result.seconds, 3),
        "durations_seconds": durations,
        **extra,
    }


__all__ = [
    "RELEASE_FILES",
    "build_release",
    "classify",
    "classify_with_claims",
    "full_ontology",
    "release_summary",
    "require_classified",
    "swap_into_place",
    "write_graphs",
    "write_hpo",
]

"""MNKG's library: the store, the domain answers and the vocabularies, behind one facade.

This module is the public interface the HTTP layer (:mod:`mnkg.api`) and users' scripts import
from: ``from mnkg.kg import open_store, term_page, search``. It holds the serving path only
(store, answers, vocabularies: no rdflib, owlready2 or pyshacl); the build lives in
:mod:`mnkg.kg.release` and the command line in :mod:`mnkg.kg.cli`.

>>> from mnkg.kg import expand, compress
>>> expand("MONDO:0004976")
'http://purl.obolibrary.org/obo/MONDO_0004976'
>>> compress("https://w3id.org/mnkg/MNKG_0000301")
'MNKG:0000301'

The packages under it, from the bottom up (see docs/architecture.md): ``errors``, ``iris`` and
``settings``; ``vocab`` and ``store``; ``sources``; ``owl``; ``qc``, ``hpo`` and ``answers``;
``release``; ``cli``. Each imports only the ones below it (checked by ``lint-imports``).
"""

from mnkg.kg.answers.conditions import MAX_PAGE, PATTERNS, SOURCES, conditions_by_pattern
from mnkg.kg.answers.conditions_formats import STREAM_FORMATS, check_stream_format, whole_json
from mnkg.kg.answers.conditions_formats import stream as stream_conditions
from mnkg.kg.answers.localize import MAX_SIGNS, LocalizeAnswer, LocalizeRequest, localize
from mnkg.kg.answers.mappings import mappings_of, rows_for, rows_from_store, term_mappings
from mnkg.kg.answers.models import (
    Claim,
    Condition,
    ConditionEvidence,
    ConditionsAnswer,
    Edge,
    Evidence,
    HierarchyLink,
    MappingRecord,
    MappingsAnswer,
    NegatedEdge,
    QueryInfo,
    QueryList,
    QueryParamInfo,
    SearchHit,
    SearchPage,
    SourceVersion,
    TermError,
    TermPage,
    TermPages,
    VersionInfo,
    to_json,
)
from mnkg.kg.answers.release_info import version_info
from mnkg.kg.answers.results import (
    Table,
    list_queries,
    named_queries,
    named_query,
    pick_format,
    render,
    run_named,
)
from mnkg.kg.answers.search import DEFAULT_LIMIT, MAX_LIMIT, search
from mnkg.kg.answers.terms import (
    BATCH_LIMIT,
    resolve_known,
    resolve_term_or_label,
    term_page,
    term_pages,
)
from mnkg.kg.answers.warm import AnswerWarmer, register_warmer, warm_answers
from mnkg.kg.errors import NotFound, UserError, ValidationFailed
from mnkg.kg.iris import GRAPH_BASE, MNKG_BASE, MNKG_TERM, ONTOLOGY_IRI, Graph
from mnkg.kg.settings import Settings
from mnkg.kg.store import (
    AsyncQuery,
    Isolated,
    Loader,
    LoadReport,
    NotAcceptable,
    QueryResult,
    SerializedResult,
    Store,
    StoreUnavailable,
    UnknownGraph,
    load_into,
    open_store,
)
from mnkg.kg.store.formats import GRAPH_TYPES, negotiate, negotiate_rdf, rdf_format_of
from mnkg.kg.store.graph_store import graph_iri, read_query, write_update
from mnkg.kg.store.service import description as service_description
from mnkg.kg.vocab.identifiers import compress, expand, normalize, prefix_map
from mnkg.kg.vocab.sssom import export_json, export_tsv, prefix_context
from mnkg.queries.registry import NamedQuery, QueryRegistry

__all__ = [
    "BATCH_LIMIT",
    "DEFAULT_LIMIT",
    "GRAPH_BASE",
    "GRAPH_TYPES",
    "MAX_LIMIT",
    "MAX_PAGE",
    "MAX_SIGNS",
    "MNKG_BASE",
    "MNKG_TERM",
    "ONTOLOGY_IRI",
    "PATTERNS",
    "SOURCES",
    "STREAM_FORMATS",
    "AnswerWarmer",
    "AsyncQuery",
    "Claim",
    "Condition",
    "ConditionEvidence",
    "ConditionsAnswer",
    "Edge",
    "Evidence",
    "Graph",
    "HierarchyLink",
    "Isolated",
    "LoadReport",
    "Loader",
    "LocalizeAnswer",
    "LocalizeRequest",
    "MappingRecord",
    "MappingsAnswer",
    "NamedQuery",
    "NegatedEdge",
    "NotAcceptable",
    "NotFound",
    "QueryInfo",
    "QueryList",
    "QueryParamInfo",
    "QueryRegistry",
    "QueryResult",
    "SearchHit",
    "SearchPage",
    "SerializedResult",
    "Settings",
    "SourceVersion",
    "Store",
    "StoreUnavailable",
    "Table",
    "TermError",
    "TermPage",
    "TermPages",
    "UnknownGraph",
    "UserError",
    "ValidationFailed",
    "VersionInfo",
    "check_stream_format",
    "compress",
    "conditions_by_pattern",
    "expand",
    "export_json",
    "export_tsv",
    "graph_iri",
    "list_queries",
    "load_into",
    "localize",
    "mappings_of",
    "named_queries",
    "named_query",
    "negotiate",
    "negotiate_rdf",
    "normalize",
    "open_store",
    "pick_format",
    "prefix_context",
    "prefix_map",
    "rdf_format_of",
    "read_query",
    "register_warmer",
    "render",
    "resolve_known",
    "resolve_term_or_label",
    "rows_for",
    "rows_from_store",
    "run_named",
    "search",
    "service_description",
    "stream_conditions",
    "term_mappings",
    "term_page",
    "term_pages",
    "to_json",
    "version_info",
    "warm_answers",
    "whole_json",
    "write_update",
]

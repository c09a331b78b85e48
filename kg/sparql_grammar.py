"""The SPARQL grammar check: parse a query or update with rdflib and describe what it asks for.

Runs in a process of its own (``python -m mnkg.kg.sparql_grammar``, started by
:mod:`mnkg.kg.store.parse`), never in the API process or a query worker: rdflib's parser is a
recursive pyparsing grammar, slow on hostile input and deep in recursion, so it gets a deep
recursion limit and a large stack where that harms nobody, and a time limit enforced by killing
the process, like a query. The serving path stays free of rdflib (the import contract).

rdflib implements the SPARQL 1.1 grammar with its escapes (``ex:a\\'``, ``ex:p\\#``, ``\\u``
code points), so what it finds is what the query engine will see: ``SERVICE`` and ``LOAD``
anywhere, the ``FROM`` / ``FROM NAMED`` clauses, the nesting depth of the parse tree, the
prefixes used and declared, the functions called.
"""

from __future__ import annotations

import re
import sys
import threading
from collections.abc import Iterator
from multiprocessing.connection import Connection
from typing import Any

from pyparsing import ParseBaseException, ParseResults
from rdflib.plugins.sparql import parser
from rdflib.plugins.sparql.parserutils import CompValue, ParamValue

from mnkg.kg.store.isolation import isolate_network
from mnkg.kg.store.lookup_plan import SLOT_PREFIX, LookupPlan, Term
from mnkg.kg.store.parse import QueryShape, SyntaxProblem

RECURSION_LIMIT = 30_000
"""Python frames the parser may use: rdflib spends 20-50 per nesting level."""
STACK_BYTES = 1024 * 1024 * 1024
"""Stack of the parsing thread (address space; only the pages used cost memory)."""

XSD = "http://www.w3.org/2001/XMLSchema#"
CASTS = frozenset(
    XSD + name
    for name in (
        "string boolean float double decimal integer date time dateTime duration "
        "yearMonthDuration dayTimeDuration"
    ).split()
)
"""The functions named by IRI that the query engine evaluates (XPath constructor casts)."""


def _nodes(tree: Any) -> Iterator[tuple[CompValue, int]]:
    """Every parse-tree node with its depth (iterative: the tree may be deep)."""
    stack: list[tuple[Any, int]] = [(tree, 0)]
    while stack:
        node, depth = stack.pop()
        if isinstance(node, CompValue):
            yield node, depth + 1
            stack.extend((value, depth + 1) for value in node.values())
        elif isinstance(node, list | tuple | ParseResults):
            stack.extend((value, depth) for value in node)


RDF_REST = "http://www.w3.org/1999/02/22-rdf-syntax-ns#rest"
BRACKET_LEVELS = 6
"""Parse-tree levels one nested collection or blank-node list counts for (as deep as one
level of parentheses in an expression)."""


def _blank_node_nesting(nodes: list[tuple[CompValue, int]]) -> int:
    """How deep collections and blank-node lists nest: rdflib flattens them into triples
    between blank nodes, so the nesting is the longest chain of blank node to blank node
    (``rdf:rest`` links excluded: a long flat list is not deep)."""
    children: dict[Any, list[Any]] = {}
    for node, _ in nodes:
        if node.name != "TriplesBlock":
            continue
        for triples in node.get("triples") or []:
            flat = list(triples)
            for s, p, o in zip(flat[0::3], flat[1::3], flat[2::3], strict=False):
                if type(s).__name__ == "BNode" and type(o).__name__ == "BNode":
                    if str(p) != RDF_REST:
                        children.setdefault(s, []).append(o)
    depth: dict[Any, int] = {}
    for root in children:
        stack = [(root, False)]
        while stack:  # iterative post-order: the chain may be long
            current, expanded = stack.pop()
            if current in depth:
                continue
            if expanded:
                depth[current] = 1 + max(
                    (depth.get(c, 0) for c in children.get(current, ())), default=0
                )
                continue
            stack.append((current, True))
            stack.extend((c, False) for c in children.get(current, ()) if c not in depth)
    return max(depth.values(), default=0)


def _iri(term: Any, prefixes: dict[str, str]) -> str:
    if isinstance(term, CompValue) and term.name == "pname":
        namespace = prefixes.get(term.get("prefix") or "", "")
        return namespace + (term.get("localname") or "")
    return str(term)


def _term(term: Any, prefixes: dict[str, str]) -> str:
    """An IRI as text, a variable as ``?name``."""
    if type(term).__name__ == "Variable":
        return "?" + str(term)
    return _iri(term, prefixes)


def describe(form: str, text: str) -> QueryShape:
    """Parse ``text`` (``form`` is ``query`` or ``update``) and describe it; a syntax error
    is returned as the shape's ``problem``."""
    try:
        tree = parser.parseQuery(text) if form == "query" else parser.parseUpdate(text)
    except ParseBaseException as error:
        return QueryShape(form=form, problem=_syntax_problem(text, error))
    except RecursionError:
        return QueryShape(form=form, depth=sys.maxsize)
    nodes = list(_nodes(tree))
    prefixes = {
        node.get("prefix") or "": str(node.get("iri"))
        for node, _ in nodes
        if node.name == "PrefixDecl"
    }
    used = {node.get("prefix") or "" for node, _ in nodes if node.name == "pname"}
    undeclared = sorted(used - prefixes.keys())
    if undeclared:
        names = ", ".join(f"{name}:" for name in undeclared)
        verb = "is" if len(undeclared) == 1 else "are"
        return QueryShape(
            form=form,
            problem=SyntaxProblem(
                f"prefix {names} {verb} not declared; add PREFIX {undeclared[0]}: <...> "
                "at the top of the query",
                "undeclared prefix: " + names,
            ),
        )
    functions = sorted(
        {_iri(node.get("iri"), prefixes) for node, _ in nodes if node.name == "Function"} - CASTS
    )
    if functions:
        return QueryShape(
            form=form,
            problem=SyntaxProblem(
                f"unknown function <{functions[0]}>: this endpoint evaluates the SPARQL 1.1 "
                "built-in functions and the XSD casts (xsd:integer(...) ...), no others",
                "unknown functions: " + " ".join(f"<{iri}>" for iri in functions),
            ),
        )
    lookup = form == "query" and is_point_lookup(tree)
    return QueryShape(
        form=form,
        lookup=lookup,
        plan=lookup_plan(tree, prefixes, text) if lookup else None,
        services=tuple(
            _term(node.get("term"), prefixes)
            for node, _ in nodes
            if node.name == "ServiceGraphPattern"
        ),
        loads=tuple(_iri(node.get("iri"), prefixes) for node, _ in nodes if node.name == "Load"),
        dataset=tuple(
            _iri(node["default"] if "default" in node else node["named"], prefixes)
            for node, _ in nodes
            if node.name == "DatasetClause"
        ),
        depth=max(
            max((depth for _, depth in nodes), default=0),
            BRACKET_LEVELS * _blank_node_nesting(nodes),
        ),
    )


def _field(node: CompValue, key: str) -> Any:
    """``node[key]`` or None (``CompValue.get`` returns the key itself when it is missing)."""
    return node[key] if key in node else None


def _is_constant_iri(term: Any) -> bool:
    return type(term).__name__ == "URIRef" or (isinstance(term, CompValue) and term.name == "pname")


def _is_plain_predicate(term: Any) -> bool:
    """A variable, or one IRI written as a path of one step without a modifier."""
    if type(term).__name__ == "Variable":
        return True
    if not (isinstance(term, CompValue) and term.name == "PathAlternative"):
        return False
    sequences = _field(term, "part") or []
    if len(sequences) != 1 or sequences[0].name != "PathSequence":
        return False
    steps = _field(sequences[0], "part") or []
    if len(steps) != 1 or steps[0].name != "PathElt" or _field(steps[0], "mod"):
        return False
    return _is_constant_iri(_field(steps[0], "part"))


_LOOKUP_QUERY_KEYS = {"SelectQuery": {"projection", "where", "limitoffset"}, "AskQuery": {"where"}}


def is_point_lookup(tree: Any) -> bool:
    """Whether a parsed query is a *point lookup*: ``SELECT`` of plain variables (or ``*``) or
    ``ASK`` over exactly one triple pattern whose subject is an IRI and whose predicate is an
    IRI or a variable, with at most a ``LIMIT`` (no ``OFFSET``, ``DISTINCT``, ``FILTER``,
    ``ORDER BY``, dataset clause, path, sub-pattern or expression).

    Such a query reads one subject's triples and streams them, so its cost is bounded by the
    rows it returns; it names no ``SERVICE``. :mod:`mnkg.kg.store.inline` evaluates these in
    the server process under a row cap, without a worker round trip (docs/sparql.md).
    """
    _prologue, query = tree
    allowed = _LOOKUP_QUERY_KEYS.get(query.name)
    if allowed is None or set(query.keys()) - allowed:
        return False
    for projected in _field(query, "projection") or []:
        if projected.name != "vars" or set(projected.keys()) != {"var"}:
            return False
    limits = _field(query, "limitoffset")
    if limits is not None and set(limits.keys()) != {"limit"}:
        return False
    where = _field(query, "where")
    if not (isinstance(where, CompValue) and where.name == "GroupGraphPatternSub"):
        return False
    parts = _field(where, "part") or []
    if set(where.keys()) - {"part"} or len(parts) != 1 or parts[0].name != "TriplesBlock":
        return False
    triples = [list(block) for block in _field(parts[0], "triples") or []]
    if len(triples) != 1 or len(triples[0]) != 3:
        return False
    subject, predicate, _object = triples[0]
    return _is_constant_iri(subject) and _is_plain_predicate(predicate)


def _plan_term(term: Any, prefixes: dict[str, str]) -> Term | None:
    """A predicate or object as a plan term; None for what a plan does not take (a literal:
    the engine may store it in a normalised form that term equality would miss)."""
    kind = type(term).__name__
    if kind == "Variable":
        return ("var", str(term))
    if kind == "BNode":
        return ("blank", str(term))
    if isinstance(term, CompValue) and term.name == "PathAlternative":
        step = _field(_field(term, "part")[0], "part")[0]  # one step (is_point_lookup)
        return ("iri", _iri(_field(step, "part"), prefixes))
    if _is_constant_iri(term):
        return ("iri", _iri(term, prefixes))
    return None


def lookup_plan(tree: Any, prefixes: dict[str, str], text: str) -> LookupPlan | None:
    """The :class:`~mnkg.kg.store.lookup_plan.LookupPlan` of a point lookup's parse tree, or
    None where a plan could not say exactly what the engine would answer: a ``BASE`` (relative
    IRIs), an escape anywhere in the text, a literal object, a variable projected twice."""
    prologue, query = tree
    if "\\" in text or any(decl.name == "Base" for decl in prologue):
        return None
    where = _field(query, "where")
    subject, predicate, obj = list(_field(_field(where, "part")[0], "triples")[0])
    predicate_term, object_term = _plan_term(predicate, prefixes), _plan_term(obj, prefixes)
    if predicate_term is None or object_term is None:
        return None
    terms = (predicate_term, object_term)
    projected = [str(node["var"]) for node in _field(query, "projection") or []]
    if len(set(projected)) != len(projected):
        return None
    if query.name == "SelectQuery" and not projected:  # SELECT *: by name, as Oxigraph
        projected = sorted({value for kind, value in terms if kind == "var"})
        if not projected:
            return None
    limits = _field(query, "limitoffset")
    iris = [_iri(subject, prefixes)] + [value for kind, value in terms if kind == "iri"]
    return LookupPlan(
        ask=query.name == "AskQuery",
        variables=tuple(projected),
        subject=iris[0],
        predicate=predicate_term,
        object=object_term,
        limit=None if limits is None else int(limits["limit"]),
        slotted=any(iri.startswith(SLOT_PREFIX) for iri in iris),
    )


_TOKEN = re.compile(r"\S{1,40}")


def _syntax_problem(text: str, error: ParseBaseException) -> SyntaxProblem:
    """A syntax error in plain words: line, column and the text found there."""
    found = _TOKEN.match(text, error.loc)
    where = f"line {error.lineno}, column {error.col}"
    if found is None:
        message = f"syntax error at {where}: the text ends before the query is complete"
    else:
        message = f"syntax error at {where}, at '{found.group()}': SPARQL does not allow it there"
    return SyntaxProblem(message, str(error), line=error.lineno, column=error.col)


# --- rdflib 7.x: its ServiceGraphPattern action re-scans the whole query text for the first
# SERVICE (``search_string``) to keep the pattern's text for its own federated evaluation,
# skipping comments from any ``#``, including the escaped one in ``ex:p\#``: the re-scan finds
# nothing and a valid query fails to parse. We never evaluate with rdflib, so the node is built
# as Comp.postParse builds every other one, without the re-scan.
def _service_post_parse(instring: str, loc: int, tokens: ParseResults) -> CompValue:
    node = CompValue("ServiceGraphPattern")
    for token in tokens:
        if isinstance(token, ParamValue):
            if token.isList:
                node.setdefault(token.name, []).append(token.tokenList)
            else:
                node[token.name] = token.tokenList
    return node


parser.ServiceGraphPattern.postParse = _service_post_parse  # type: ignore[method-assign,assignment]


def serve(conn: Connection) -> None:
    """Answer ``("check", (form, text))`` requests until the parent closes the socket."""
    conn.send(("ready", {"isolation": _isolation}))
    while True:
        try:
            op, payload = conn.recv()
        except (EOFError, OSError):
            return
        if op != "check":
            conn.send(("error", "StoreUnavailable", f"unknown operation {op!r}"))
            continue
        form, text = payload
        conn.send(("ok", describe(form, text)))


_isolation: str | None = None


def main(argv: list[str]) -> None:
    """Entry point: ``<socket fd> <ignored> <ignored> isolated|network <ignored>``."""
    global _isolation
    fd, _root, _mode, network, _memory = argv
    _isolation = isolate_network() if network == "isolated" else "network allowed by settings"
    sys.setrecursionlimit(RECURSION_LIMIT)
    threading.stack_size(STACK_BYTES)
    thread = threading.Thread(target=serve, args=(Connection(int(fd)),), name="mnkg-grammar")
    thread.start()
    thread.join()


if __name__ == "__main__":
    main(sys.argv[1:])

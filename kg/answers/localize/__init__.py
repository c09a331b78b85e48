"""Lesion localisation: a weighted evidence model over candidate sites (docs/localization.md).

``localize`` answers ``/localize`` and ``mnkg localize``; ``evaluate_cases`` runs a case file
through the same code (``mnkg evaluate-localization``).
"""

from __future__ import annotations

from mnkg.kg.answers.localize.answer import localize
from mnkg.kg.answers.localize.evaluate import evaluate_cases, read_cases
from mnkg.kg.answers.localize.models import MAX_SIGNS, SOURCES, LocalizeAnswer, LocalizeRequest

INFANT_MONTHS = 24
"""Below this age an extensor plantar response is physiological (a context of the weights)."""

__all__ = [
    "INFANT_MONTHS",
    "MAX_SIGNS",
    "SOURCES",
    "LocalizeAnswer",
    "LocalizeRequest",
    "evaluate_cases",
    "localize",
    "read_cases",
]

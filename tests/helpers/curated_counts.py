"""The curated counts a release must report, computed from the tables (not from the release)."""

from __future__ import annotations

import re

from mnkg.kg.sources.curation import curated_statements

CONDITION = re.compile(r"^(MONDO:\d{7}|MNKG:00008\d\d)$")


def expected_curated_counts() -> dict[str, int]:
    """Accepted statements (one per identity), and the conditions, signs and sites they name."""
    accepted = [s for s in curated_statements() if s.accepted]
    on_conditions = [
        s for s in accepted if CONDITION.match(s.subject) and s.predicate != "rdfs:subClassOf"
    ]
    present = [s for s in on_conditions if not s.negated]
    return {
        "conditions": len({s.subject for s in on_conditions}),
        "signs": len({s.object for s in present if s.predicate == "RO:0002200"}),
        "sites": len({s.object for s in present if s.predicate == "RO:0004026"}),
        "statements": len({s.identity() for s in accepted}),
    }

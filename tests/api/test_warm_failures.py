"""Warming survives builders that fail: tried again, then skipped, never stopping the start."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest

from mnkg.kg.answers import warm
from mnkg.kg.store import QueryTimeout, Store
from mnkg.kg.store.oxigraph import MemoryStore


@pytest.fixture
def extra_builder() -> Iterator[Callable[[str, Callable[..., object]], None]]:
    """Register builders for one test, removed afterwards."""
    names: list[str] = []

    def register(name: str, build: Callable[..., object]) -> None:
        names.append(name)
        warm.register_warmer(name, build)

    yield register
    for name in names:
        warm._BUILDERS.pop(name, None)


def test_a_builder_over_the_time_limit_is_tried_again(extra_builder) -> None:
    calls: list[int] = []

    def slow_twice(store: Store, cache: dict[Any, Any]) -> object:
        calls.append(1)
        if len(calls) < 3:
            raise QueryTimeout("the query ran longer than the 5 s limit and was stopped")
        return "built"

    extra_builder("slow-twice", slow_twice)
    took = warm.warm_answers(MemoryStore(), {})
    assert len(calls) == warm.ATTEMPTS == 3
    assert "slow-twice" in took


def test_a_builder_that_keeps_failing_is_skipped_and_the_others_still_warm(
    extra_builder,
) -> None:
    def broken(store: Store, cache: dict[Any, Any]) -> object:
        raise ValueError("zero-size array to reduction operation maximum")

    extra_builder("broken", broken)
    took = warm.warm_answers(MemoryStore(), {})
    assert "broken" not in took
    assert {"labels", "conditions", "point-lookups", "query-parses"} <= took.keys()

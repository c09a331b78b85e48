"""The build's child processes (:mod:`mnkg.kg.release.forked`): values, errors, no deadlock."""

from __future__ import annotations

import os

import pytest

from mnkg.kg.errors import ValidationFailed
from mnkg.kg.release.forked import ForkedCall

LARGE = [(f"https://w3id.org/mnkg/MNKG_{i:07d}", "x" * 40) for i in range(20_000)]
"""More than a pipe holds (64 KiB): the child blocks on sending until the parent reads."""


def test_the_value_comes_back_from_the_child() -> None:
    parent = os.getpid()
    with ForkedCall(lambda: (os.getpid(), LARGE)) as call:
        child, value = call.result()
    assert child != parent
    assert value == LARGE


def test_the_childs_error_is_raised_in_the_parent_with_its_message() -> None:
    def fail() -> None:
        raise ValidationFailed("unsatisfiable classes: MNKG:9999999 'test finding'")

    with ForkedCall(fail) as call, pytest.raises(ValidationFailed) as caught:
        call.result()
    assert caught.value.message == "unsatisfiable classes: MNKG:9999999 'test finding'"
    assert caught.value.exit_code == 1


def test_an_error_in_the_parent_waits_for_the_child_without_deadlock() -> None:
    """The parent fails before reading a large answer (a SHACL violation while HermiT runs):
    leaving the block reads the answer, waits for the child and lets the error through."""
    with pytest.raises(ValidationFailed), ForkedCall(lambda: LARGE) as call:
        raise ValidationFailed("SHACL validation failed")
    assert call.result() == LARGE  # already read; the child has ended


def test_a_child_that_dies_is_a_clear_error() -> None:
    with ForkedCall(lambda: os._exit(3)) as call, pytest.raises(RuntimeError) as caught:
        call.result()
    assert "ended without an answer (3)" in str(caught.value)


def test_an_answer_that_cannot_be_pickled_becomes_its_text() -> None:
    with ForkedCall(lambda: lambda: None) as call, pytest.raises(RuntimeError) as caught:
        call.result()
    assert "function" in str(caught.value)


def test_without_fork_the_function_runs_in_this_process(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("mnkg.kg.release.forked.get_all_start_methods", lambda: ["spawn"])
    with ForkedCall(os.getpid) as call:
        assert call.result() == os.getpid()

    def fail() -> None:
        raise ValidationFailed("SHACL validation failed")

    with ForkedCall(fail) as call, pytest.raises(ValidationFailed):
        call.result()

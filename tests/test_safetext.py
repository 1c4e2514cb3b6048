"""Untrusted text made inert: nothing a terminal acts on survives, the rest is kept."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from facilitator.safetext import MAX_NAME, inert, refused_in_name

# Controls (the line end included), DEL, C1, surrogates, bidi overrides, line separators.
ACTIVE = re.compile(
    "[\x00-\x08\x0a-\x1f\x7f-\x9f\ud800-\udfff\u202a-\u202e\u2066-\u2069\u2028\u2029]"
)


@given(st.text())
def test_nothing_a_terminal_acts_on_survives(text: str) -> None:
    one_line = inert(text, lines=False)
    assert not ACTIVE.search(one_line)
    assert not ACTIVE.search(inert(text).replace("\n", ""))
    assert inert(one_line, lines=False) == one_line  # inert stays inert
    one_line.encode("utf-8")  # always valid text


@given(st.text(alphabet=st.characters(categories=["L", "N", "P", "Zs"])))
def test_ordinary_text_is_left_as_it_is(text: str) -> None:
    assert inert(text) == text


def test_escape_sequences_are_shown_for_what_they_are() -> None:
    assert inert("\x1b]0;pwned\x07") == "␛]0;pwned␇"
    assert inert("a\r\nb") == "a␍\nb"
    assert inert("a\nb", lines=False) == "a␊b"
    assert inert("\ud800") == "\ufffd"


@pytest.mark.parametrize(
    ("name", "problem"),
    [
        ("Anna", None),
        ("Zoë van der Berg-Ålund", None),
        ("Anna\x1b[2J", "control"),
        ("Anna\nBram", "control"),
        ("Anna\u202eardnA", "control"),
        ("Anna\udcff", "control"),
        ("A" * (MAX_NAME + 1), "too_long"),
    ],
)
def test_names_must_be_one_short_visible_line(name: str, problem: str | None) -> None:
    assert refused_in_name(name) == problem

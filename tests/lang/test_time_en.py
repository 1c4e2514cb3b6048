"""English numbers and spoken durations."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from facilitator.lang.en.time import duration, number


@pytest.mark.parametrize(
    ("n", "words"),
    [
        (0, "zero"),
        (1, "one"),
        (11, "eleven"),
        (15, "fifteen"),
        (19, "nineteen"),
        (20, "twenty"),
        (21, "twenty-one"),
        (40, "forty"),
        (45, "forty-five"),
        (80, "eighty"),
        (99, "ninety-nine"),
        (100, "one hundred"),
        (105, "one hundred and five"),
        (120, "one hundred and twenty"),
        (999, "nine hundred and ninety-nine"),
        (1000, "one thousand"),
        (1005, "one thousand and five"),
        (1200, "one thousand two hundred"),
        (2345, "two thousand three hundred and forty-five"),
        (105_000, "one hundred and five thousand"),
        (1_000_000, "one million"),
        (1_000_001, "one million and one"),
        (2_000_000_000, "two billion"),
        (10**21, "one thousand quintillion"),
        (-3, "minus three"),
    ],
)
def test_number(n: int, words: str) -> None:
    assert number(n) == words


@pytest.mark.parametrize(
    ("seconds", "spoken"),
    [
        (0, "zero seconds"),
        (0.4, "zero seconds"),
        (1, "one second"),
        (2, "two seconds"),
        (9, "nine seconds"),
        (12, "ten seconds"),
        (30, "thirty seconds"),
        (45, "forty-five seconds"),
        (57.5, "one minute"),
        (60, "one minute"),
        (80, "a minute and a half"),
        (90, "a minute and a half"),
        (120, "two minutes"),
        (150, "two and a half minutes"),
        (210, "three and a half minutes"),
        (300, "five minutes"),
        (585, "ten minutes"),
        (900, "fifteen minutes"),
        (1260, "twenty-one minutes"),
        (3570, "one hour"),
        (3600, "one hour"),
        (3900, "one hour and five minutes"),
        (4500, "an hour and a quarter"),
        (5400, "an hour and a half"),
        (6300, "an hour and three quarters"),
        (7200, "two hours"),
        (8100, "two hours and a quarter"),
        (9000, "two and a half hours"),
        (9900, "two hours and three quarters"),
        (10500, "two hours and fifty-five minutes"),
        (-5, "zero seconds"),
        (math.nan, "zero seconds"),
    ],
)
def test_duration(seconds: float, spoken: str) -> None:
    assert duration(seconds) == spoken


@pytest.mark.parametrize("seconds", [1e9, 1e300, math.inf])
def test_huge_durations_are_words(seconds: float) -> None:
    spoken = duration(seconds)
    assert "hours" in spoken
    assert not any(c.isdigit() for c in spoken)


@given(st.floats(min_value=0, max_value=20000))
def test_any_duration_is_words(seconds: float) -> None:
    spoken = duration(seconds)
    assert spoken.strip() == spoken != ""
    assert not any(c.isdigit() for c in spoken)
    assert "  " not in spoken


@given(st.integers(min_value=-(10**40), max_value=10**40))
def test_any_number_is_words(n: int) -> None:
    words = number(n)
    assert words.strip() == words != ""
    assert not any(c.isdigit() for c in words)
    assert "  " not in words

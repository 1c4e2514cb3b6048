"""Dutch numbers and spoken durations."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from facilitator.lang.nl.time import duration, number


@pytest.mark.parametrize(
    ("n", "words"),
    [
        (0, "nul"),
        (1, "één"),
        (2, "twee"),
        (7, "zeven"),
        (10, "tien"),
        (11, "elf"),
        (12, "twaalf"),
        (13, "dertien"),
        (14, "veertien"),
        (18, "achttien"),
        (19, "negentien"),
        (20, "twintig"),
        (21, "eenentwintig"),
        (22, "tweeëntwintig"),
        (23, "drieëntwintig"),
        (24, "vierentwintig"),
        (29, "negenentwintig"),
        (30, "dertig"),
        (32, "tweeëndertig"),
        (40, "veertig"),
        (45, "vijfenveertig"),
        (50, "vijftig"),
        (60, "zestig"),
        (70, "zeventig"),
        (80, "tachtig"),
        (83, "drieëntachtig"),
        (90, "negentig"),
        (99, "negenennegentig"),
        (100, "honderd"),
        (101, "honderdeen"),
        (102, "honderdtwee"),
        (110, "honderdtien"),
        (121, "honderdeenentwintig"),
        (122, "honderdtweeëntwintig"),
        (200, "tweehonderd"),
        (345, "driehonderdvijfenveertig"),
        (999, "negenhonderdnegenennegentig"),
        (1000, "duizend"),
        (1001, "duizend één"),
        (1234, "duizend tweehonderdvierendertig"),
        (2000, "tweeduizend"),
        (2500, "tweeduizend vijfhonderd"),
        (21000, "eenentwintigduizend"),
        (22022, "tweeëntwintigduizend tweeëntwintig"),
        (100_000, "honderdduizend"),
        (101_000, "honderdeenduizend"),
        (1_000_000, "één miljoen"),
        (2_500_000, "twee miljoen vijfhonderdduizend"),
        (1_000_000_000, "één miljard"),
        (3_000_000_000_000, "drie biljoen"),
        (10**21, "duizend triljoen"),
        (-3, "min drie"),
    ],
)
def test_number(n: int, words: str) -> None:
    assert number(n) == words


@pytest.mark.parametrize(
    ("seconds", "spoken"),
    [
        # below ten seconds: exact
        (0, "nul seconden"),
        (0.4, "nul seconden"),
        (0.5, "één seconde"),
        (1, "één seconde"),
        (1.2, "één seconde"),
        (2, "twee seconden"),
        (9, "negen seconden"),
        (9.6, "tien seconden"),
        # below a minute: steps of five seconds
        (10, "tien seconden"),
        (12, "tien seconden"),
        (13, "vijftien seconden"),
        (30, "dertig seconden"),
        (44, "vijfenveertig seconden"),
        (45, "vijfenveertig seconden"),
        (55, "vijfenvijftig seconden"),
        (57.4, "vijfenvijftig seconden"),
        (57.5, "één minuut"),
        # one to ten minutes: half minutes
        (60, "één minuut"),
        (74.9, "één minuut"),
        (75, "anderhalve minuut"),
        (80, "anderhalve minuut"),
        (90, "anderhalve minuut"),
        (120, "twee minuten"),
        (150, "tweeënhalve minuut"),
        (180, "drie minuten"),
        (210, "drieënhalve minuut"),
        (270, "vierenhalve minuut"),
        (300, "vijf minuten"),
        (330, "vijfenhalve minuut"),
        (390, "zesenhalve minuut"),
        (450, "zevenenhalve minuut"),
        (510, "achtenhalve minuut"),
        (570, "negenenhalve minuut"),
        (584, "negenenhalve minuut"),
        (585, "tien minuten"),
        # ten minutes to an hour: whole minutes
        (600, "tien minuten"),
        (629, "tien minuten"),
        (630, "elf minuten"),
        (900, "vijftien minuten"),
        (1260, "eenentwintig minuten"),
        (1320, "tweeëntwintig minuten"),
        (2700, "vijfenveertig minuten"),
        (3540, "negenenvijftig minuten"),
        (3570, "een uur"),
        # an hour or more: steps of five minutes
        (3600, "een uur"),
        (3749, "een uur"),
        (3750, "een uur en vijf minuten"),
        (3900, "een uur en vijf minuten"),
        (4200, "een uur en tien minuten"),
        (4500, "een uur en een kwartier"),
        (5400, "anderhalf uur"),
        (6000, "een uur en veertig minuten"),
        (6300, "een uur en drie kwartier"),
        (7200, "twee uur"),
        (8100, "twee uur en een kwartier"),
        (9000, "tweeënhalf uur"),
        (9900, "twee uur en drie kwartier"),
        (12600, "drieënhalf uur"),
        (37800, "tienenhalf uur"),
        (86400, "vierentwintig uur"),
        # nonsense in, something sayable out
        (-5, "nul seconden"),
        (-0.0, "nul seconden"),
        (math.nan, "nul seconden"),
        (-math.inf, "nul seconden"),
    ],
)
def test_duration(seconds: float, spoken: str) -> None:
    assert duration(seconds) == spoken


@pytest.mark.parametrize("seconds", [1e9, 1e15, 1e300, math.inf])
def test_huge_durations_are_words(seconds: float) -> None:
    spoken = duration(seconds)
    assert spoken.endswith(" uur") or spoken.endswith(" minuten") or "kwartier" in spoken
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
    assert "eeen" not in words and "ieen" not in words  # a forgotten trema: tweeen, drieen

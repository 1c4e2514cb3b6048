"""Spoken numbers and durations in Dutch.

``number(n)`` writes a whole number in words, the way the Taalunie spells them:
one word up to a thousand (``tweeëntwintig``, ``honderdeenenveertig``), a space
after ``duizend``, ``miljoen``, ... (``duizend tweehonderd``) and a trema where two
vowels would run together (``drieëntwintig``).

``duration(seconds)`` says how long something lasts or how long is left, rounded
the way a person would say it (see its docstring).
"""

from __future__ import annotations

from facilitator.lang.spoken import clean_seconds, round_like_speech

_UNITS = (
    "nul", "één", "twee", "drie", "vier", "vijf", "zes", "zeven", "acht", "negen",
    "tien", "elf", "twaalf", "dertien", "veertien", "vijftien", "zestien", "zeventien",
    "achttien", "negentien",
)
_TENS = (
    "", "", "twintig", "dertig", "veertig", "vijftig", "zestig", "zeventig", "tachtig",
    "negentig",
)
# Long scale, as used in Dutch: a miljard is a thousand million.
_SCALES = (
    (10**18, "triljoen"),
    (10**15, "biljard"),
    (10**12, "biljoen"),
    (10**9, "miljard"),
    (10**6, "miljoen"),
)


def _and(word: str) -> str:
    """``word`` followed by "en", with a trema when the vowels would merge: tweeën."""
    return word + ("ën" if word.endswith("e") else "en")


def _unit_in_compound(n: int) -> str:
    # Only a number that stands alone carries the accent: één, but eenentwintig.
    return "een" if n == 1 else _UNITS[n]


def _below_hundred(n: int, *, alone: bool) -> str:
    if n < 20:
        return _UNITS[n] if alone else _unit_in_compound(n)
    tens, unit = divmod(n, 10)
    if unit == 0:
        return _TENS[tens]
    return _and(_unit_in_compound(unit)) + _TENS[tens]


def _below_thousand(n: int, *, alone: bool) -> str:
    hundreds, rest = divmod(n, 100)
    if hundreds == 0:
        return _below_hundred(rest, alone=alone)
    head = "honderd" if hundreds == 1 else _UNITS[hundreds] + "honderd"
    return head + (_below_hundred(rest, alone=False) if rest else "")


def _below_million(n: int) -> str:
    thousands, rest = divmod(n, 1000)
    if thousands == 0:
        return _below_thousand(rest, alone=True)
    head = "duizend" if thousands == 1 else _below_thousand(thousands, alone=False) + "duizend"
    return head + (" " + _below_thousand(rest, alone=True) if rest else "")


def number(n: int) -> str:
    """``n`` in Dutch words: 1 -> "één", 22 -> "tweeëntwintig", -3 -> "min drie"."""
    if n < 0:
        return "min " + number(-n)
    for size, name in _SCALES:
        if n >= size:
            count, rest = divmod(n, size)
            head = f"{number(count)} {name}"
            return head + (" " + number(rest) if rest else "")
    return _below_million(n)


def _minutes(n: int) -> str:
    return "één minuut" if n == 1 else f"{number(n)} minuten"


def _seconds(n: int) -> str:
    return "één seconde" if n == 1 else f"{number(n)} seconden"


def _and_a_half(whole: int, noun: str, half_form: str) -> str:
    """1.5 -> "anderhalve minuut", 2.5 -> "tweeënhalve minuut"."""
    if whole == 1:
        return f"ander{half_form} {noun}"
    return f"{_and(number(whole))}{half_form} {noun}"


def _hours(hours: int, minutes: int) -> str:
    if minutes == 30:
        return _and_a_half(hours, "uur", "half")
    # "een uur": an hour is not counted aloud, as in "een uur en een kwartier".
    head = "een uur" if hours == 1 else f"{number(hours)} uur"
    if minutes == 0:
        return head
    if minutes == 15:
        return f"{head} en een kwartier"
    if minutes == 45:
        return f"{head} en drie kwartier"
    return f"{head} en {_minutes(minutes)}"


def duration(seconds: float) -> str:
    """A duration as it is said aloud: "nog vijf minuten", "je hebt anderhalve minuut".

    The time is rounded as a person reads it off a clock (half-way rounds up):

    - below 10 s: whole seconds ("drie seconden", "één seconde", "nul seconden");
    - below a minute: steps of 5 s ("vijfenveertig seconden");
    - 1 to 10 minutes: half minutes ("één minuut", "anderhalve minuut",
      "drieënhalve minuut", "vijf minuten"). 1 min 20 s is said as "anderhalve
      minuut" and 1 min 10 s as "één minuut": spoken remaining times are rough,
      and turn lengths in methods are whole or half minutes anyway;
    - 10 to 60 minutes: whole minutes ("vijftien minuten");
    - an hour or more: steps of 5 minutes ("een uur", "een uur en vijf minuten",
      "een uur en een kwartier", "anderhalf uur", "twee uur en drie kwartier").

    Negative values and NaN count as 0; infinity counts as the largest float. The
    result never contains digits.
    """
    total = round_like_speech(clean_seconds(seconds))
    if total < 60:
        return _seconds(total)
    if total < 3600:
        minutes, rest = divmod(total, 60)
        return _and_a_half(minutes, "minuut", "halve") if rest else _minutes(minutes)
    hours, rest = divmod(total, 3600)
    return _hours(hours, rest // 60)

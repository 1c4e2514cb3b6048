"""Spoken numbers and durations in English.

``number(n)`` writes a whole number in words, British style: "twenty-one", "one
hundred and five", "two thousand three hundred" (short scale: a billion is a
thousand million). ``duration(seconds)`` says how long something lasts or how long
is left, rounded the way a person would say it (see its docstring).
"""

from __future__ import annotations

from facilitator.lang.spoken import clean_seconds, round_like_speech

_UNITS = (
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
    "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen",
    "seventeen", "eighteen", "nineteen",
)
_TENS = (
    "", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
)
_SCALES = (
    (10**18, "quintillion"),
    (10**15, "quadrillion"),
    (10**12, "trillion"),
    (10**9, "billion"),
    (10**6, "million"),
    (10**3, "thousand"),
)


def _below_hundred(n: int) -> str:
    if n < 20:
        return _UNITS[n]
    tens, unit = divmod(n, 10)
    return _TENS[tens] + (f"-{_UNITS[unit]}" if unit else "")


def _below_thousand(n: int) -> str:
    hundreds, rest = divmod(n, 100)
    if hundreds == 0:
        return _below_hundred(rest)
    head = f"{_UNITS[hundreds]} hundred"
    return head + (f" and {_below_hundred(rest)}" if rest else "")


def number(n: int) -> str:
    """``n`` in English words: 21 -> "twenty-one", 105 -> "one hundred and five"."""
    if n < 0:
        return "minus " + number(-n)
    for size, name in _SCALES:
        if n >= size:
            count, rest = divmod(n, size)
            head = f"{number(count)} {name}"
            if not rest:
                return head
            # "one thousand and five", but "one thousand two hundred"
            joiner = " and " if rest < 100 else " "
            return head + joiner + number(rest)
    return _below_thousand(n)


def _count(n: int, singular: str) -> str:
    return f"one {singular}" if n == 1 else f"{number(n)} {singular}s"


def _hours(hours: int, minutes: int) -> str:
    if hours == 1 and minutes in (15, 30, 45):
        return "an hour and " + {15: "a quarter", 30: "a half", 45: "three quarters"}[minutes]
    if minutes == 30:
        return f"{number(hours)} and a half hours"
    head = _count(hours, "hour")
    if minutes == 0:
        return head
    if minutes == 15:
        return f"{head} and a quarter"
    if minutes == 45:
        return f"{head} and three quarters"
    return f"{head} and {_count(minutes, 'minute')}"


def duration(seconds: float) -> str:
    """A duration as it is said aloud: "five minutes left", "you have a minute and a half".

    The time is rounded as a person reads it off a clock (half-way rounds up):

    - below 10 s: whole seconds ("three seconds", "one second", "zero seconds");
    - below a minute: steps of 5 s ("forty-five seconds");
    - 1 to 10 minutes: half minutes ("one minute", "a minute and a half", "three
      and a half minutes"). 1 min 20 s is said as "a minute and a half" and 1 min
      10 s as "one minute": spoken remaining times are rough, and turn lengths in
      methods are whole or half minutes anyway;
    - 10 to 60 minutes: whole minutes ("fifteen minutes");
    - an hour or more: steps of 5 minutes ("one hour", "one hour and five minutes",
      "an hour and a quarter", "an hour and a half", "two and a half hours").

    Negative values and NaN count as 0; infinity counts as the largest float. The
    result never contains digits.
    """
    total = round_like_speech(clean_seconds(seconds))
    if total < 60:
        return _count(total, "second")
    if total < 3600:
        minutes, rest = divmod(total, 60)
        if not rest:
            return _count(minutes, "minute")
        if minutes == 1:
            return "a minute and a half"
        return f"{number(minutes)} and a half minutes"
    hours, rest = divmod(total, 3600)
    return _hours(hours, rest // 60)

"""How precisely a duration is said aloud; the same in every language.

A language pack's ``duration(seconds)`` first rounds here, then puts the whole
seconds into words.
"""

from __future__ import annotations

import math
import sys

# (below this many seconds, round to steps of this many seconds)
_STEPS = (
    (10, 1),  # "zeven seconden"
    (60, 5),  # "vijfenveertig seconden"
    (600, 30),  # "drieënhalve minuut"
    (3600, 60),  # "vijftien minuten"
)
_STEP_FROM_AN_HOUR = 300  # "één uur en vijf minuten"


def clean_seconds(seconds: float) -> float:
    """``seconds`` as a finite number >= 0: negatives and NaN become 0, infinity the largest float."""
    if math.isnan(seconds) or seconds <= 0:
        return 0.0
    return min(float(seconds), sys.float_info.max)


def round_like_speech(seconds: float) -> int:
    """Whole seconds, rounded (half-way up) to the step a person would use when saying it.

    Below 10 s to the second, below a minute to 5 s, up to 10 minutes to half
    minutes, up to an hour to whole minutes, beyond to 5 minutes. ``seconds`` must be
    finite and >= 0 (see ``clean_seconds``).
    """
    for limit, step in _STEPS:
        if seconds < limit:
            return _round_to(seconds, step)
    return _round_to(seconds, _STEP_FROM_AN_HOUR)


def _round_to(seconds: float, step: int) -> int:
    return math.floor(seconds / step + 0.5) * step

"""Instructions that speak of "de inbrenger" by name, once the inbrenger is known."""

from __future__ import annotations

import re

_CASE_OWNER = re.compile(r"\b([Dd])e inbrenger\b(?!s)")


def with_case_owner(text: str, name: str | None) -> str:
    """``text`` with "de inbrenger" replaced by ``name`` (unchanged without a name).

    Method files are Dutch; a name is gender-neutral where "hij" or "zij" would not be.
    """
    if not name:
        return text
    return _CASE_OWNER.sub(lambda _match: name, text)

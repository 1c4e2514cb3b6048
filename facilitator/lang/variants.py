"""Several equivalent phrasings of one sentence, chosen so that none comes back soon.

A pack key may hold one template or a tuple of equivalent templates (same
placeholders). A ``VariantChooser`` takes the phrasing used least recently for that
key; among phrasings used equally long ago (at first: never) it draws at random,
from a generator that tests can seed. A group that hears the facilitator every few
weeks then does not hear "Bram, jouw beurt." thirty times an evening.
"""

from __future__ import annotations

import random
from collections.abc import Sequence

Template = str | tuple[str, ...]


def options(template: Template) -> tuple[str, ...]:
    """The phrasings of one pack entry."""
    return (template,) if isinstance(template, str) else template


class VariantChooser:
    def __init__(self, seed: int | None = None) -> None:
        self._random = random.Random(seed)
        self._count = 0
        self._last_used: dict[tuple[str, str], int] = {}

    def choose(self, key: str, phrasings: Sequence[str]) -> str:
        if len(phrasings) == 1:
            return phrasings[0]
        ages = [self._last_used.get((key, p), -1) for p in phrasings]
        oldest = min(ages)
        candidates = [p for p, age in zip(phrasings, ages, strict=True) if age == oldest]
        chosen = self._random.choice(candidates)
        self._count += 1
        self._last_used[(key, chosen)] = self._count
        return chosen

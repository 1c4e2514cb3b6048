"""Limits for what is said aloud, heard once in a room.

One sentence at most ``MAX_SENTENCE_WORDS`` words, one utterance (what is said in
one go) at most ``MAX_UTTERANCE_WORDS``, and every utterance starts with a capital
letter. ``log_problems`` also checks a session log: no utterance said too often,
and no warning while someone has the floor.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence

MAX_SENTENCE_WORDS = 20
MAX_UTTERANCE_WORDS = 40
MAX_REPEATS = 6

_SENTENCE_END = re.compile(r"(?<=[.?!])\s+")
NAME_PLACEHOLDER = "NAAM"


def words(text: str) -> list[str]:
    return [w for w in text.split() if any(c.isalnum() for c in w)]


def sentences(text: str) -> list[str]:
    return [s for s in _SENTENCE_END.split(text.strip()) if s]


def utterances(text: str, limit: int = MAX_UTTERANCE_WORDS) -> list[str]:
    """``text`` in parts of whole sentences, each at most ``limit`` words where the
    sentences allow: a long instruction is said in breaths, not in one go."""
    parts: list[list[str]] = []
    count = 0
    for sentence in sentences(text):
        n = len(words(sentence))
        if parts and count + n <= limit:
            parts[-1].append(sentence)
            count += n
        else:
            parts.append([sentence])
            count = n
    return [" ".join(part) for part in parts]


def problems(text: str) -> list[str]:
    """What is wrong with ``text`` as one spoken utterance (empty: nothing)."""
    found = []
    count = len(words(text))
    if count > MAX_UTTERANCE_WORDS:
        found.append(f"{count} words in one utterance: {text!r}")
    for sentence in sentences(text):
        n = len(words(sentence))
        if n > MAX_SENTENCE_WORDS:
            found.append(f"{n} words in one sentence: {sentence!r}")
    first = next((c for c in text if c.isalpha()), "")
    if first and not first.isupper():
        found.append(f"starts lowercase: {text!r}")
    return found


def without_names(text: str, names: Iterable[str]) -> str:
    for name in sorted(names, key=len, reverse=True):
        text = re.sub(rf"\b{re.escape(name)}\b", NAME_PLACEHOLDER, text)
    return text


def log_problems(records: Sequence[Mapping[str, object]], names: Iterable[str]) -> list[str]:
    """What a session log shows that a group should not hear.

    Every ``text`` field is one utterance: it must pass ``problems``, and none (with
    the names replaced by one placeholder) may be said more than ``MAX_REPEATS``
    times; no ``warning`` may fall between a ``turn_started`` and its ``turn_ended``.
    """
    found: list[str] = []
    said: Counter[str] = Counter()
    speaking = False
    for record in records:
        text = record.get("text")
        if isinstance(text, str):
            found.extend(problems(text))
            said[without_names(text, names)] += 1
        event = record.get("event")
        if event == "turn_started":
            speaking = True
        elif event == "turn_ended":
            speaking = False
        elif event == "warning" and speaking:
            found.append(f"warning during a turn at {record.get('t')} s")
    for text, times in said.most_common():
        if times <= MAX_REPEATS:
            break
        found.append(f"said {times} times: {text!r}")
    return found

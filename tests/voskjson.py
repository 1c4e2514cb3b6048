"""Recogniser results written exactly as vosk 0.3.45 writes them, for matcher and
listener tests.

Where each shape comes from (alphacep/vosk-api):

- A closed utterance with ``SetWords(True)``: ``Recognizer::MbrResult`` in
  ``src/recognizer.cc`` appends, per word, an object with ``word``, ``start``,
  ``end`` and ``conf`` to ``result``, and sets ``text`` to the words joined by
  spaces. ``src/json.h`` keeps an object's keys in a ``std::map``, so they come out
  sorted (``conf``, ``end``, ``start``, ``word``), floats with six decimals, two
  spaces of indentation, and `` : `` between key and value. Times count from the
  start of the recogniser's stream in steps of 0.03 s (``frame_offset_ + times`` x
  0.03), which is why the times below are multiples of 0.03.
- Speech outside the grammar is the word ``[unk]``, an ordinary entry of
  ``result`` with its own times and confidence (its symbol is in the model's word
  table; vosk-api issue #1017 shows results made of ``[unk]``).
- An utterance without words (only silence was decoded): ``MbrResult`` with no
  words writes ``text`` alone; before any audio, ``StoreEmptyReturn`` writes
  ``{"text": ""}``.
- The confidence of a wrong word is often 1.0 in grammar mode: it is the
  minimum-Bayes-risk posterior of a lattice with few alternatives (``MbrResult``,
  ``GetOneBestConfidences``; vosk-api issues #741, #1339, #2041). Tests therefore
  use 1.0 unless they test the confidence layer.

``python/vosk/__init__.py`` hands these strings over unchanged (``Result()`` and
``FinalResult()`` decode the C string).
"""

from __future__ import annotations

from collections.abc import Sequence

FRAME_S = 0.03
WordSpec = str | tuple[str, float]


def vosk_text(words: Sequence[tuple[str, float, float, float]]) -> str:
    """``Result()`` for ``(word, start, end, conf)`` entries, byte for byte as vosk."""
    if not words:
        return '{\n  "text" : ""\n}'
    entries = [
        "{\n"
        f'      "conf" : {conf:.6f},\n'
        f'      "end" : {end:.6f},\n'
        f'      "start" : {start:.6f},\n'
        f'      "word" : "{word}"\n'
        "    }"
        for word, start, end, conf in words
    ]
    text = " ".join(word for word, *_ in words)
    return '{\n  "result" : [' + ", ".join(entries) + '],\n  "text" : "' + text + '"\n}'


def said(*words: WordSpec, start: float = 10.02, word_s: float = 0.39, gap_s: float = 0.09) -> str:
    """Words said one after the other, each ``word_s`` long with ``gap_s`` between."""
    entries = []
    at = start
    for item in words:
        word, conf = (item, 1.0) if isinstance(item, str) else item
        entries.append((word, round(at, 2), round(at + word_s, 2), conf))
        at += word_s + gap_s
    return vosk_text(entries)


EMPTY_BEFORE_AUDIO = '{"text": ""}'
"""``StoreEmptyReturn``: ``Result()`` when nothing was decoded."""

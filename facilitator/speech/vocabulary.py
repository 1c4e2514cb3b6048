"""Fitting the phrases to what a speech model knows.

vosk drops a grammar word that is missing from the model's vocabulary and only logs
a warning ("Ignoring word missing in vocabulary"), which would turn "nog twee
minuten" into "nog minuten", or make a name impossible to hear. So before a model
is used, every word is looked up (``knows``, vosk's ``vosk_model_find_word``):

- A phrase with an unknown word is left out, and the chair is told what to say
  instead (another phrase for the same command), or that only the keyboard is left.
- An unknown compound gets a second chance as two known words ("voorbeeldvraag"
  becomes "voorbeeld vraag"), said as two words with no pause.
- The decoys (common words that give other speech somewhere to land) are the pack's
  candidates that the model knows.
- Whether the model has ``[unk]`` is reported: without it, sounds outside the
  grammar can only land on the decoys or on a command.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from facilitator.speech.matcher import UNK, Phrase, PhraseTable

Knows = Callable[[str], bool]

MIN_PART = 3
"""The shortest part a compound is split into ("een" is a word, "ee" is not)."""


@dataclass(frozen=True)
class Vocabulary:
    """What fitting a phrase table to a model found."""

    missing_words: tuple[str, ...] = ()  # words of the phrases or the wake word
    splits: tuple[tuple[str, str], ...] = ()  # (unknown compound, the two words said instead)
    lost: tuple[tuple[str, tuple[str, ...]], ...] = ()  # (phrase, what to say instead)
    wake_word_known: bool = True
    has_unk: bool = True
    decoys: int = 0
    missing_names: tuple[str, ...] = ()

    @property
    def complete(self) -> bool:
        return not (self.missing_words or self.missing_names) and self.has_unk


def fit(
    table: PhraseTable,
    knows: Knows,
    decoys: Iterable[str] = (),
    names: Sequence[str] = (),
) -> tuple[PhraseTable, Vocabulary]:
    """``table`` without what the model cannot hear, with the splits and the decoys.

    ``names``: participants' names to check (all their words must be known).
    """
    missing = [word for word in table.vocabulary() if not knows(word)]
    splits = {word: split for word in missing if (split := split_compound(word, knows))}
    replaced = []
    for phrase in table.phrases:
        unknown = [word for word in phrase.words if word in missing]
        if unknown and all(word in splits for word in unknown):
            words = tuple(part for word in phrase.words for part in splits.get(word, (word,)))
            replaced.append(Phrase(words, phrase.kind, phrase.minutes, phrase.argument))
    fitted = table.without_words(missing)
    fitted = fitted.with_phrases(p for p in replaced if fitted.lookup(p.words) is None)
    fitted = fitted.with_decoys(word for word in decoys if knows(word))
    lost = tuple(
        (text, _instead(fitted, phrase))
        for phrase in table.phrases
        for text in [phrase.text]
        if not _heard(fitted, phrase, splits)
    )
    known_wake = not any(word in missing for word in table.wake_words)
    return fitted, Vocabulary(
        missing_words=tuple(missing),
        splits=tuple((word, " ".join(parts)) for word, parts in splits.items()),
        lost=lost,
        wake_word_known=known_wake,
        has_unk=knows(UNK),
        decoys=len(fitted.decoys),
        missing_names=tuple(
            name for name in names if not all(knows(w) for w in name.lower().split())
        ),
    )


def split_compound(word: str, knows: Knows) -> tuple[str, str] | None:
    """Two known words that make ``word`` together, the most even split first."""
    cuts = sorted(range(MIN_PART, len(word) - MIN_PART + 1), key=lambda i: abs(len(word) - 2 * i))
    for cut in cuts:
        first, second = word[:cut], word[cut:]
        if knows(first) and knows(second):
            return first, second
    return None


def _heard(fitted: PhraseTable, phrase: Phrase, splits: dict[str, tuple[str, str]]) -> bool:
    words = tuple(part for word in phrase.words for part in splits.get(word, (word,)))
    found = fitted.lookup(words)
    return found is not None and fitted.usable(found)


def _instead(fitted: PhraseTable, phrase: Phrase) -> tuple[str, ...]:
    """How else the chair can give the same command (nothing: only the keyboard)."""
    same = [
        other
        for other in fitted.phrases
        if other.kind == phrase.kind
        and other.minutes == phrase.minutes
        and other.argument == phrase.argument
        and fitted.usable(other)
    ]
    return tuple(form for other in same for form in fitted.spoken_forms(other)[:1])

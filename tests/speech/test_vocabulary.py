"""Fitting the phrases to a model's vocabulary: left out, split, said instead, decoys."""

from __future__ import annotations

from collections.abc import Iterable

from facilitator.lang import get_pack
from facilitator.meeting.commands import CommandKind
from facilitator.speech.matcher import UNK, decoy_candidates, default_wake_word, phrase_table
from facilitator.speech.vocabulary import Knows, fit, split_compound

PACK = get_pack("nl")
TABLE = phrase_table(PACK, wake_word=default_wake_word(PACK))
WORDS = {*TABLE.vocabulary(), *decoy_candidates(PACK), UNK}


def knowing(*, without: Iterable[str] = (), extra: Iterable[str] = ()) -> Knows:
    known = (WORDS | set(extra)) - set(without)
    return lambda word: word in known


def test_a_model_that_knows_everything_changes_nothing_but_the_decoys() -> None:
    fitted, vocabulary = fit(TABLE, knowing(), decoy_candidates(PACK))
    assert fitted.phrases == TABLE.phrases
    assert vocabulary.complete and vocabulary.lost == () and vocabulary.splits == ()
    assert set(fitted.decoys) == set(decoy_candidates(PACK))
    assert vocabulary.decoys == len(fitted.decoys)


def test_an_unknown_compound_becomes_two_words() -> None:
    knows = knowing(without={"voorbeeldvraag"}, extra={"voorbeeld", "vraag"})
    fitted, vocabulary = fit(TABLE, knows)
    assert vocabulary.splits == (("voorbeeldvraag", "voorbeeld vraag"),)
    phrase = fitted.lookup(["voorbeeld", "vraag"])
    assert phrase is not None and phrase.kind is CommandKind.EXAMPLE_QUESTION
    assert fitted.usable(phrase) and not fitted.needs_wake_word(phrase)
    assert fitted.lookup(["voorbeeldvraag"]) is None
    assert vocabulary.lost == ()


def test_a_split_needs_two_real_words() -> None:
    assert split_compound("voorbeeldvraag", knowing(extra={"voorbeeld", "vraag"})) == (
        "voorbeeld",
        "vraag",
    )
    assert split_compound("voorbeeldvraag", knowing()) is None
    assert split_compound("stap", lambda word: True) is None  # parts of three letters at least


def test_a_lost_phrase_names_what_to_say_instead() -> None:
    _fitted, vocabulary = fit(TABLE, knowing(without={"hervat", "één", "voorbeeldvraag"}))
    lost = dict(vocabulary.lost)
    assert lost["hervat"] == ("computer verder",)
    assert lost["nog één minuut"] == ("nog een minuut",)
    assert lost["voorbeeldvraag"] == ()  # only the keyboard is left
    assert vocabulary.missing_words == ("hervat", "voorbeeldvraag", "één")


def test_without_the_wake_word_the_single_words_are_lost() -> None:
    fitted, vocabulary = fit(TABLE, knowing(without={"computer"}))
    assert not vocabulary.wake_word_known and fitted.wake_word is None
    lost = dict(vocabulary.lost)
    assert lost["stop"] == ("sessie stoppen",)
    assert lost["volgende"] == ("volgende spreker",)
    assert lost["pauze"] == ()
    assert "volgende stap" not in lost


def test_unk_and_names_are_checked() -> None:
    _fitted, vocabulary = fit(
        TABLE,
        knowing(without={UNK}, extra={"anna", "de", "vries"}),
        (),
        ["Anna", "Siobhan", "Anna de Vries"],
    )
    assert not vocabulary.has_unk and not vocabulary.complete
    assert vocabulary.missing_names == ("Siobhan",)


def test_decoys_are_only_words_the_model_knows() -> None:
    fitted, _vocabulary = fit(
        TABLE, knowing(without={"gewoon", "eigenlijk"}), decoy_candidates(PACK)
    )
    assert "gewoon" not in fitted.decoys and "eigenlijk" not in fitted.decoys
    assert "het" in fitted.decoys

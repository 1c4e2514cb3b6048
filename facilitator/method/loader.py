"""Method files: read a YAML file and check it into a ``Method``.

The format (Dutch keys, because a Dutch group writes its own methods) is described
in ``methods/README.md``. Mistakes raise one ``MethodError``: each of its lines
starts with ``file:line:`` and says what to do; no other exception escapes for any
input.

A file with several mistakes shows them all at once, as far as they do not depend on
each other: every top-level field, every step and every field of a step is checked
on its own, and the problems are collected in a ``_Problems`` passed through the
checks. What depends on other parts is only checked when those parts are sound: the
steps that ``herhaal`` names need every step to have a valid and unique id, and the
declared ``duur`` needs every step to be usable. A YAML syntax error stays a single
error, since nothing after it can be read.
"""

from __future__ import annotations

import difflib
import functools
import math
import re
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePath
from typing import Any, Concatenate, Literal, ParamSpec, TypeVar

from facilitator.errors import MethodError
from facilitator.inputfile import METHOD_LIMIT, NotRegular, read_limited
from facilitator.lang import t
from facilitator.method.definition import (
    Actor,
    Method,
    OnTimeUp,
    Phase,
    Reminder,
    RepeatBlock,
    Step,
    TurnRound,
    Where,
)
from facilitator.method.durations import format_duration, parse_duration
from facilitator.method.yamlsource import YamlList, YamlMap, YamlText, load_yaml

T = TypeVar("T")
R = TypeVar("R")
P = ParamSpec("P")
Kind = Literal["method", "opening", "closing", "agenda"]

METHOD_KEYS = (
    "titel", "doel", "soort", "duur", "rollen", "min_deelnemers", "bij_tijd_om", "herhaal",
    "stappen", "taal", "zonder", "materialen",
)  # fmt: skip
STEP_KEYS = (
    "id", "titel", "duur", "instructie", "wie", "beurten", "voorbeeldvragen",
    "waarschuwingen", "bij_tijd_om", "fase", "uitleg", "na_de_ronde", "herinneringen",
    "uitnodiging",
)  # fmt: skip
REPEAT_KEYS = ("van", "tot", "keer", "label")
REMINDER_KEYS = ("na", "tekst")
LANGUAGES: dict[str, str] = {"nl": "nl", "en": "en"}
TURN_KEYS = ("per_beurt", "rondgaan", "inbrenger_ook")

KINDS: dict[str, Kind] = {
    "methode": "method",
    "opening": "opening",
    "afsluiting": "closing",
    "agenda": "agenda",
}
ON_TIME_UP: dict[str, OnTimeUp] = {"door": "advance", "wachten": "wait"}
PHASES: dict[str, Phase] = {
    "terugblik": Phase.LOOK_BACK,
    "inventarisatie": Phase.INVENTORY,
    "keuze": Phase.CASE_CHOICE,
    "evaluatie": Phase.EVALUATION,
}
ACTORS: dict[str, Actor] = {actor.value: actor for actor in Actor}
YES_NO: dict[str, bool] = {"ja": True, "nee": False}
# Also understood, but not offered in messages: people used to YAML write these.
_YES_NO_ALSO: dict[str, bool] = {"yes": True, "no": False, "true": True, "false": False}

# Keys people may write in English; suggested as their Dutch counterpart.
_ENGLISH = {
    "title": "titel", "name": "titel", "purpose": "doel", "goal": "doel", "kind": "soort",
    "type": "soort", "duration": "duur", "time": "duur", "roles": "rollen", "steps": "stappen",
    "repeat": "herhaal", "instruction": "instructie", "text": "instructie", "who": "wie",
    "turns": "beurten", "questions": "voorbeeldvragen", "warnings": "waarschuwingen",
    "on_time_up": "bij_tijd_om", "min_participants": "min_deelnemers", "from": "van",
    "to": "tot", "times": "keer", "per_turn": "per_beurt", "again": "rondgaan",
    "explanation": "uitleg", "reminders": "herinneringen", "invitation": "uitnodiging",
    "language": "taal", "after": "na", "phase": "fase", "without": "zonder",
    "materials": "materialen",
}  # fmt: skip

MAX_STEP_S = 8 * 3600.0
MAX_REPEAT = 20
MAX_PARTICIPANTS = 50
DEFAULT_MIN_PARTICIPANTS = 3
MAX_SHOWN = 10  # problems listed in one message; the rest are counted

_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_BARE_NUMBER = re.compile(r"\d+(?:[.,]\d+)?", re.ASCII)
_DURATION_PART = re.compile(r"\s*(\d+(?:[.,]\d+)?\s*[^\W\d_]+\.?)\s*", re.ASCII)


# -- public -----------------------------------------------------------------------------
def load_method(path: str | Path) -> Method:
    """The method in the YAML file at ``path``."""
    return load_method_text(read_method_file(path), str(path))


def load_method_text(text: str, filename: str) -> Method:
    """The method described by ``text``; ``filename`` is used in messages and for the name."""
    data = load_yaml(text, filename)
    if data is None or (isinstance(data, YamlText) and not data.strip()):
        raise _error("method.empty_file", Where(filename, 1))
    if not isinstance(data, YamlMap):
        where = getattr(data, "where", Where(filename, 1))
        raise _error("method.not_a_method", where, got=_describe(data))
    return _method(data, filename)


def read_method_file(path: str | Path) -> str:
    """The text of a method file; ``MethodError`` when it cannot be read."""
    shown = str(path)
    try:
        raw = read_limited(path, METHOD_LIMIT)
    except FileNotFoundError:
        raise MethodError(t("method.file_missing", path=shown)) from None
    except IsADirectoryError:
        raise MethodError(t("method.file_is_dir", path=shown)) from None
    except NotRegular as refused:
        raise MethodError(str(refused)) from None
    except (OSError, ValueError) as error:  # ValueError: a NUL byte in the path
        reason = getattr(error, "strerror", None) or type(error).__name__
        raise MethodError(t("method.file_unreadable", path=shown, reason=reason)) from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        raise _error("method.not_utf8", Where(shown, line)) from None
    return text.removeprefix("\ufeff")


def parse_method_duration(text: str) -> float | None:
    """Seconds for a duration as written in a method file, or ``None``.

    Besides what ``parse_duration`` reads, this takes compound durations such as
    ``"1 min 30 s"``, the form ``format_duration`` writes.
    """
    single = parse_duration(text)
    if single is not None:
        return single
    parts = _DURATION_PART.findall(text)
    if len(parts) < 2 or "".join(_DURATION_PART.sub("", text).split()):
        return None
    total = 0.0
    for part in parts:
        seconds = parse_duration(part)
        if seconds is None:
            return None
        total += seconds
    return total


def slugify(text: str) -> str:
    """A step id made from any text: lowercase ASCII letters, digits and hyphens."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-")
    return slug or "stap"


# -- collecting problems ----------------------------------------------------------------
def _error(phrase: str, where: Where, /, **values: object) -> MethodError:
    """The ``MethodError`` for one problem: the sentence ``phrase`` about ``where``."""
    return MethodError(t(phrase, where=where, **values), where)


class _Problems:
    """The problems found in one file so far; checks add to it and carry on."""

    def __init__(self) -> None:
        self._found: list[tuple[Where | None, str]] = []

    def __len__(self) -> int:
        return len(self._found)

    def add(self, error: MethodError) -> None:
        self._found.extend(error.problems)

    def raise_if_any(self) -> None:
        """One ``MethodError`` for all problems, in file order, at most ``MAX_SHOWN``."""
        if not self._found:
            return
        found = sorted(self._found, key=lambda problem: problem[0].line if problem[0] else 0)
        lines = [message for _, message in found[:MAX_SHOWN]]
        hidden = len(found) - MAX_SHOWN
        if hidden == 1:
            lines.append(t("method.one_more_problem"))
        elif hidden > 1:
            lines.append(t("method.more_problems", n=hidden))
        raise MethodError("\n".join(lines), problems=found)


# -- the method -------------------------------------------------------------------------
def _method(data: YamlMap, filename: str) -> Method:
    problems = _Problems()
    top = _Block(data, "", METHOD_KEYS, problems)
    title = top.text("titel", required=True)
    purpose = top.text("doel", required=True)
    kind = top.choice("soort", KINDS) or "method"
    declared = top.duration("duur")
    roles = top.texts("rollen")
    min_participants = top.integer("min_deelnemers", 1, MAX_PARTICIPANTS)
    on_time_up = top.choice("bij_tijd_om", ON_TIME_UP)
    language = top.choice("taal", LANGUAGES)
    steps = _steps(top)
    repeat = _repeat(top, _sound_ids(top.data.get("stappen")))
    omits = _omitted_phases(top)
    materials = top.texts("materialen")
    if steps is not None:
        _check_phases(top, steps, repeat)
    if declared is not None and steps is not None:
        planned = sum(step.duration_s for step in steps)
        if abs(declared - planned) >= 0.5:
            top.report(
                _error(
                    "method.total_mismatch",
                    data.where_of("duur"),
                    declared=format_duration(declared),
                    actual=format_duration(planned),
                )
            )
    problems.raise_if_any()
    assert title is not None and purpose is not None and roles is not None
    assert steps is not None
    return Method(
        name=PurePath(filename).stem,
        title=title,
        purpose=purpose,
        steps=steps,
        kind=kind,
        total_s=declared,
        roles=roles,
        repeat=repeat,
        on_time_up=on_time_up,
        min_participants=(
            DEFAULT_MIN_PARTICIPANTS if min_participants is None else min_participants
        ),
        source=filename,
        language=language,
        omits=frozenset(omits or ()),
        materials=materials or (),
    )


def _omitted_phases(top: _Block) -> tuple[Phase, ...] | None:
    """The frame parts named under ``zonder``: each one of ``PHASES``."""
    words = top.texts("zonder")
    if not words:
        return ()
    found: list[Phase] = []
    for word in words:
        phase = PHASES.get(word.strip().lower())
        if phase is None:
            top.report(
                top.error("zonder", "method.bad_choice", value=word, choices=", ".join(PHASES))
            )
        else:
            found.append(phase)
    return tuple(found)


def _check_phases(top: _Block, steps: Sequence[Step], repeat: RepeatBlock | None) -> None:
    """Each frame part once, and never inside the repeat block (that part would repeat)."""
    seen: dict[Phase, Step] = {}
    ids = [s.id for s in steps]
    block = set(ids[ids.index(repeat.first) : ids.index(repeat.last) + 1]) if repeat else set()
    for step in steps:
        if step.phase is None or step.where is None:
            continue
        word = next(w for w, p in PHASES.items() if p is step.phase)
        if step.phase in seen:
            top.report(
                _error(
                    "method.phase_twice",
                    step.where,
                    id=step.id,
                    phase=word,
                    other=seen[step.phase].id,
                )
            )
        elif step.id in block:
            top.report(_error("method.phase_in_repeat", step.where, id=step.id, phase=word))
        seen.setdefault(step.phase, step)


def _steps(top: _Block) -> tuple[Step, ...] | None:
    """The steps, or ``None`` when any of them is unusable (its problems are reported)."""
    items = top.data.get("stappen")
    if items is None:
        if "stappen" not in top.misspelled:
            top.report(top.missing("stappen"))
        return None
    if not isinstance(items, YamlList):
        top.report(top.wrong_type("stappen", "list"))
        return None
    if not items:
        top.report(_error("method.no_steps", top.data.where_of("stappen")))
        return None
    steps: list[Step | None] = []
    first_seen: dict[str, Where] = {}
    for number, item in enumerate(items, start=1):
        steps.append(_step(item, number, items.where_of(number - 1), top.problems))
        step_id = _written_id(item)
        if step_id is None:
            continue
        if step_id in first_seen:
            top.report(
                _error(
                    "method.duplicate_id",
                    step_id.where,
                    context=t("method.in_step_number", n=number),
                    id=step_id,
                    first_line=first_seen[step_id].line,
                )
            )
        else:
            first_seen[step_id] = step_id.where
    usable = [step for step in steps if step is not None]
    return tuple(usable) if len(usable) == len(steps) else None


def _written_id(item: object) -> YamlText | None:
    """The id a step has in the file, if it is a valid one."""
    raw = item.get("id") if isinstance(item, YamlMap) else None
    return raw if isinstance(raw, YamlText) and _SLUG.fullmatch(raw) else None


def _sound_ids(items: object) -> list[str] | None:
    """The step ids, when every step has a valid id of its own; else ``None``."""
    if not isinstance(items, YamlList) or not items:
        return None
    ids = [_written_id(item) for item in items]
    known = [str(step_id) for step_id in ids if step_id is not None]
    return known if len(known) == len(ids) == len(set(known)) else None


def _step(item: Any, number: int, where: Where, problems: _Problems) -> Step | None:
    """One step, or ``None`` when something in it is wrong (reported to ``problems``)."""
    if not isinstance(item, YamlMap):
        problems.add(_error("method.step_not_mapping", where, n=number, got=_describe(item)))
        return None
    written_id = _written_id(item)
    context = (
        t("method.in_step", id=written_id)
        if written_id is not None
        else t("method.in_step_number", n=number)
    )
    found_before = len(problems)
    block = _Block(item, context, STEP_KEYS, problems)
    step_id = block.slug("id")
    title = block.text("titel", required=True)
    duration = block.duration("duur", required=True)
    instruction = block.text("instructie", required=True)
    actor = block.choice("wie", ACTORS)
    turns, actor = _turns(block, actor, duration)
    questions = block.texts("voorbeeldvragen")
    warnings = block.warnings("waarschuwingen", duration)
    on_time_up = block.choice("bij_tijd_om", ON_TIME_UP)
    explanation = block.text("uitleg")
    reminders = block.reminders("herinneringen", duration)
    invitation = block.invitation("uitnodiging")
    phase = block.choice("fase", PHASES)
    after_round = block.text("na_de_ronde")
    if len(problems) > found_before:
        return None
    assert step_id is not None and title is not None and instruction is not None
    assert duration is not None and questions is not None and reminders is not None
    return Step(
        id=step_id,
        title=title,
        duration_s=duration,
        instruction=instruction,
        explanation=explanation,
        actor=actor or Actor.GROUP,
        turns=turns,
        questions=questions,
        warnings_s=None if warnings is None else tuple(sorted(set(warnings), reverse=True)),
        on_time_up=on_time_up,
        reminders=reminders,
        invitation=invitation,
        where=item.where,
        phase=phase,
        after_round=after_round,
    )


def _turns(
    block: _Block, actor: Actor | None, duration: float | None
) -> tuple[TurnRound | None, Actor | None]:
    """The turn round of a step and who speaks; ``duration`` is ``None`` when unknown."""
    raw = block.data.get("beurten")
    if raw is None:
        return None, actor
    per_turn: float | None = None
    again = False
    owner_too: bool | None = None
    if isinstance(raw, YamlText):
        if not block.yes_no("beurten"):
            return None, actor
    elif isinstance(raw, YamlMap):
        sub = _Block(raw, f"{block.context}beurten: ", TURN_KEYS, block.problems)
        per_turn = sub.duration("per_beurt")
        again = bool(sub.yes_no("rondgaan"))
        owner_too = sub.yes_no("inbrenger_ook")
        if per_turn is not None and duration is not None and per_turn > duration:
            sub.report(
                sub.error(
                    "per_beurt",
                    "method.turn_too_long",
                    value=format_duration(per_turn),
                    duration=format_duration(duration),
                )
            )
        if owner_too is not None and actor is not None and owner_too != (actor is Actor.ALL):
            # This says what to change; saying too that this actor takes no turns
            # would tell the same mistake twice.
            sub.report(
                sub.error(
                    "inbrenger_ook",
                    "method.turns_conflict",
                    value=raw["inbrenger_ook"].strip(),
                    actor=actor.value,
                )
            )
            return None, actor
    else:
        block.report(block.wrong_type("beurten", "turns"))
        return None, actor
    if actor is not None and actor not in (Actor.EACH, Actor.ALL):
        block.report(block.error("wie", "method.turns_need_each", actor=actor.value))
        return None, actor
    if owner_too is None:
        owner_too = actor is Actor.ALL
    if actor is None:
        actor = Actor.ALL if owner_too else Actor.EACH
    return TurnRound(per_turn_s=per_turn, again=again, case_owner_too=owner_too), actor


def _repeat(top: _Block, ids: Sequence[str] | None) -> RepeatBlock | None:
    """The repeat block; the steps it names are checked only when ``ids`` are known."""
    raw = top.data.get("herhaal")
    if raw is None:
        return None
    if not isinstance(raw, YamlMap):
        top.report(top.wrong_type("herhaal", "mapping"))
        return None
    block = _Block(raw, "herhaal: ", REPEAT_KEYS, top.problems)
    first = _named_step(block, "van", ids)
    last = _named_step(block, "tot", ids)
    in_order = True
    if ids is not None and first is not None and last is not None:
        in_order = ids.index(first) <= ids.index(last)
        if not in_order:
            block.report(block.error("van", "method.repeat_order", first=first, last=last))
    times = block.integer("keer", 1, MAX_REPEAT)
    label = block.text("label") or ""
    if ids is None or first is None or last is None or not in_order:
        return None  # ids is None: the steps have problems, and those are reported
    return RepeatBlock(first, last, 1 if times is None else times, label)


def _named_step(block: _Block, key: str, ids: Sequence[str] | None) -> str | None:
    """The step id written at ``key``; checked against ``ids`` when they are known."""
    step_id = block.text(key, required=True)
    if step_id is None or ids is None or step_id in ids:
        return step_id
    close = difflib.get_close_matches(step_id, ids, n=1)
    advice = (
        t("method.did_you_mean", suggestion=close[0])
        if close
        else t("method.step_ids", ids=", ".join(ids))
    )
    block.report(block.error(key, "method.repeat_unknown_step", value=step_id, advice=advice))
    return None


# -- checking one block of keys ---------------------------------------------------------
def _shorten(text: str, limit: int = 40) -> str:
    """A value as quoted back in a message: long values are cut."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _describe(value: object) -> str:
    if isinstance(value, YamlMap):
        return t("method.got.mapping")
    if isinstance(value, YamlList):
        return t("method.got.list")
    if value is None:
        return t("method.got.empty")
    return t("method.got.text")


_WHOLE = object()


@dataclass(frozen=True)
class _At:
    """A place to point at, for values that carry none themselves."""

    where: Where


def _reader(
    read: Callable[Concatenate[_Block, P], R],
) -> Callable[Concatenate[_Block, P], R | None]:
    """Makes a reader of one field that reports its problem and gives ``None``.

    Inside, a reader raises the ``MethodError`` for the first thing wrong with the
    field; the block adds it to its problems, so the next field is read all the same.
    """

    @functools.wraps(read)
    def reporting(block: _Block, /, *args: P.args, **kwargs: P.kwargs) -> R | None:
        try:
            return read(block, *args, **kwargs)
        except MethodError as error:
            block.report(error)
            return None

    return reporting


class _Block:
    """One mapping of the file being checked: its keys, and typed reading of values.

    Every unknown key is a problem of its own. The readers (``text``, ``duration``,
    ...) check one field each: a problem goes to ``problems`` and the reader gives
    ``None``, so a caller goes on with the next field.
    """

    def __init__(
        self, data: YamlMap, context: str, known: tuple[str, ...], problems: _Problems
    ) -> None:
        self.data = data
        self.context = context
        self.problems = problems
        # Known keys that an unknown key probably meant: that they are missing is the
        # same mistake, so it is not reported again.
        self.misspelled: set[str] = set()
        for key in data:
            if key in known:
                continue
            suggestion = _suggest_key(key, known)
            if suggestion is not None:
                self.misspelled.add(suggestion)
            self.report(
                _error(
                    "method.unknown_key",
                    data.key_where(key),
                    context=context,
                    key=_shorten(key),
                    advice=(
                        t("method.did_you_mean", suggestion=suggestion)
                        if suggestion is not None
                        else t("method.known_keys", keys=", ".join(known))
                    ),
                )
            )

    # problems
    def report(self, error: MethodError) -> None:
        self.problems.add(error)

    def error(self, key: str, message: str, at: object = None, **values: object) -> MethodError:
        where = getattr(at, "where", None) or self.data.where_of(key)
        if isinstance(values.get("value"), str):
            values["value"] = _shorten(str(values["value"]))
        return _error(message, where, context=self.context, field=key, **values)

    def missing(self, key: str) -> MethodError:
        return self.error(key, "method.missing_field", example=t(f"method.example.{key}"))

    def wrong_type(
        self, key: str, expected: str, item: object = _WHOLE, at: object = None
    ) -> MethodError:
        """``item`` is the wrong value (default: the key's value), ``at`` where it is."""
        value = self.data.get(key) if item is _WHOLE else item
        return self.error(
            key,
            "method.wrong_type",
            at=at if at is not None else value,
            expected=t(f"method.expect.{expected}"),
            got=_describe(value),
        )

    # readers: each reports its problem and gives None
    @_reader
    def text(self, key: str, required: bool = False) -> str | None:
        value = self._scalar(key, required)
        return None if value is None else " ".join(value.split())

    @_reader
    def slug(self, key: str) -> str | None:
        value = self._scalar(key, required=True)
        if value is None:
            return None
        if not _SLUG.fullmatch(value):
            raise self.error(key, "method.bad_id", value=value.strip(), suggestion=slugify(value))
        return str(value)

    @_reader
    def choice(
        self, key: str, choices: Mapping[str, T], also: Mapping[str, T] | None = None
    ) -> T | None:
        """One of ``choices`` (offered in messages) or ``also`` (understood silently)."""
        value = self._scalar(key, required=False)
        if value is None:
            return None
        word = value.strip().lower()
        if word in choices:
            return choices[word]
        if also and word in also:
            return also[word]
        raise self.error(key, "method.bad_choice", value=value.strip(), choices=", ".join(choices))

    def yes_no(self, key: str) -> bool | None:
        return self.choice(key, YES_NO, _YES_NO_ALSO)

    @_reader
    def integer(self, key: str, low: int, high: int) -> int | None:
        value = self._scalar(key, required=False, expected="number")
        if value is None:
            return None
        digits = value.strip()
        if not digits.isascii() or not digits.isdigit():
            raise self.error(
                key, "method.bad_number", value=digits, example=t(f"method.example.{key}")
            )
        number = int(digits) if len(digits) <= 6 else high + 1
        if not low <= number <= high:
            raise self.error(key, "method.number_range", value=digits, low=low, high=high)
        return number

    @_reader
    def duration(self, key: str, required: bool = False) -> float | None:
        value = self._scalar(key, required, expected="duration")
        return None if value is None else self._seconds(key, value)

    @_reader
    def texts(self, key: str) -> tuple[str, ...]:
        return tuple(" ".join(item.split()) for item in self._items(key))

    @_reader
    def warnings(self, key: str, step_s: float | None) -> tuple[float, ...] | None:
        """Warning times, each within the step when its length ``step_s`` is known.

        ``None`` when the key is absent; an empty list means: none at all.
        """
        if key not in self.data:
            return None
        items = self._items(key)
        warnings = tuple(self._seconds(key, item) for item in items)
        for item, seconds in zip(items, warnings, strict=True):
            if step_s is not None and seconds >= step_s:
                raise self.error(
                    key,
                    "method.warning_too_late",
                    at=item,
                    value=format_duration(seconds),
                    duration=format_duration(step_s),
                )
        return warnings

    @_reader
    def reminders(self, key: str, step_s: float | None) -> tuple[Reminder, ...]:
        """``herinneringen``: a list of blocks ``{na: 5 min, tekst: ...}``, in time order."""
        value = self.data.get(key)
        if value is None:
            return ()
        if not isinstance(value, YamlList):
            raise self.wrong_type(key, "reminders")
        found: list[Reminder] = []
        for index, item in enumerate(value):
            if not isinstance(item, YamlMap):
                raise self.wrong_type(key, "reminders", item=item, at=_At(value.where_of(index)))
            sub = _Block(item, f"{self.context}{key}: ", REMINDER_KEYS, self.problems)
            after = sub.duration("na", required=True)
            text = sub.text("tekst", required=True)
            if after is None or text is None:
                continue
            if step_s is not None and after >= step_s:
                raise sub.error(
                    "na",
                    "method.reminder_too_late",
                    value=format_duration(after),
                    duration=format_duration(step_s),
                )
            found.append(Reminder(after, text))
        return tuple(sorted(found, key=lambda r: r.after_s))

    @_reader
    def invitation(self, key: str) -> str | None:
        """``uitnodiging``: ja (the pack's words), nee, or the words to say."""
        value = self._scalar(key, required=False)
        if value is None:
            return None
        word = value.strip().lower()
        if word in YES_NO or word in _YES_NO_ALSO:
            return "" if {**YES_NO, **_YES_NO_ALSO}[word] else None
        return " ".join(value.split())

    # the checks the readers share; these raise
    def _scalar(self, key: str, required: bool, expected: str = "text") -> YamlText | None:
        """The text of ``key``; ``None`` when empty (reported when ``required``)."""
        value = self.data.get(key)
        if value is None or (isinstance(value, YamlText) and not value.strip()):
            if required and key not in self.misspelled:
                raise self.missing(key)
            return None
        if not isinstance(value, YamlText):
            raise self.wrong_type(key, expected)
        return value

    def _seconds(self, key: str, value: YamlText) -> float:
        written = value.strip()
        seconds = parse_method_duration(written)
        if seconds is None:
            bare = _BARE_NUMBER.fullmatch(written)
            message = "method.duration_no_unit" if bare else "method.bad_duration"
            raise self.error(key, message, at=value, value=written)
        if not math.isfinite(seconds) or seconds > MAX_STEP_S:
            raise self.error(
                key,
                "method.duration_too_long",
                at=value,
                value=written,
                limit=format_duration(MAX_STEP_S),
            )
        if seconds <= 0:
            raise self.error(key, "method.duration_zero", at=value)
        return seconds

    def _items(self, key: str) -> list[YamlText]:
        """The non-empty texts of a list value (or of a single text), checked."""
        value = self.data.get(key)
        if value is None:
            return []
        if isinstance(value, YamlText):
            return [value] if value.strip() else []
        if not isinstance(value, YamlList):
            raise self.wrong_type(key, "list")
        for index, item in enumerate(value):
            if not isinstance(item, YamlText) or not item.strip():
                raise self.wrong_type(key, "texts", item=item, at=_At(value.where_of(index)))
        return list(value)


def _suggest_key(key: str, known: Sequence[str]) -> str | None:
    """The known key that ``key`` probably means, if any."""
    low = key.strip().lower()
    if low in known:
        return low
    if _ENGLISH.get(low) in known:
        return _ENGLISH[low]
    close = difflib.get_close_matches(low, known, n=1, cutoff=0.6)
    return close[0] if close else None

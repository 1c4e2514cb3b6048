"""Method files: read a YAML file and check it into a ``Method``.

The format (Dutch keys, because a Dutch group writes its own methods) is described
in ``methods/README.md``. Every mistake raises one ``MethodError`` whose message
starts with ``file:line:`` and says what to do; no other exception escapes for any
input.
"""

from __future__ import annotations

import difflib
import math
import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePath
from typing import Any, Literal, NoReturn, TypeVar

from facilitator.durations import format_duration, parse_duration
from facilitator.errors import MethodError
from facilitator.lang import t
from facilitator.model import Actor, Method, OnTimeUp, RepeatBlock, Step, TurnRound, Where
from facilitator.yamlsource import YamlList, YamlMap, YamlText, load_yaml

T = TypeVar("T")
Kind = Literal["method", "opening", "closing", "agenda"]

METHOD_KEYS = (
    "titel", "doel", "soort", "duur", "rollen", "min_deelnemers", "bij_tijd_om", "herhaal",
    "stappen",
)  # fmt: skip
STEP_KEYS = (
    "id", "titel", "duur", "instructie", "wie", "beurten", "voorbeeldvragen",
    "waarschuwingen", "bij_tijd_om",
)  # fmt: skip
REPEAT_KEYS = ("van", "tot", "keer", "label")
TURN_KEYS = ("per_beurt", "rondgaan", "inbrenger_ook")

KINDS: dict[str, Kind] = {
    "methode": "method",
    "opening": "opening",
    "afsluiting": "closing",
    "agenda": "agenda",
}
ON_TIME_UP: dict[str, OnTimeUp] = {"door": "advance", "wachten": "wait"}
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
}  # fmt: skip

MAX_STEP_S = 8 * 3600.0
MAX_REPEAT = 20
MAX_PARTICIPANTS = 50
DEFAULT_MIN_PARTICIPANTS = 3

_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_BARE_NUMBER = re.compile(r"\d+(?:[.,]\d+)?")
_DURATION_PART = re.compile(r"\s*(\d+(?:[.,]\d+)?\s*[^\W\d_]+\.?)\s*")


# -- public -----------------------------------------------------------------------------
def load_method(path: str | Path) -> Method:
    """The method in the YAML file at ``path``."""
    return load_method_text(read_method_file(path), str(path))


def load_method_text(text: str, filename: str) -> Method:
    """The method described by ``text``; ``filename`` is used in messages and for the name."""
    data = load_yaml(text, filename)
    if data is None or (isinstance(data, YamlText) and not data.strip()):
        raise MethodError(t("method.empty_file", where=Where(filename, 1)))
    if not isinstance(data, YamlMap):
        where = getattr(data, "where", Where(filename, 1))
        raise MethodError(t("method.not_a_method", where=where, got=_describe(data)))
    return _method(data, filename)


def read_method_file(path: str | Path) -> str:
    """The text of a method file; ``MethodError`` when it cannot be read."""
    shown = str(path)
    try:
        raw = Path(path).read_bytes()
    except FileNotFoundError:
        raise MethodError(t("method.file_missing", path=shown)) from None
    except IsADirectoryError:
        raise MethodError(t("method.file_is_dir", path=shown)) from None
    except (OSError, ValueError) as error:  # ValueError: a NUL byte in the path
        reason = getattr(error, "strerror", None) or type(error).__name__
        raise MethodError(t("method.file_unreadable", path=shown, reason=reason)) from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        raise MethodError(t("method.not_utf8", where=Where(shown, line))) from None
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


# -- the method -------------------------------------------------------------------------
def _method(data: YamlMap, filename: str) -> Method:
    top = _Block(data, "", METHOD_KEYS)
    title = top.text("titel", required=True)
    purpose = top.text("doel", required=True)
    kind = top.choice("soort", KINDS) or "method"
    declared = top.duration("duur")
    roles = top.texts("rollen")
    min_participants = top.integer("min_deelnemers", 1, MAX_PARTICIPANTS)
    on_time_up = top.choice("bij_tijd_om", ON_TIME_UP)
    steps = _steps(top)
    repeat = _repeat(top, steps)
    planned = sum(step.duration_s for step in steps)
    if declared is not None and abs(declared - planned) >= 0.5:
        raise MethodError(
            t(
                "method.total_mismatch",
                where=data.where_of("duur"),
                declared=format_duration(declared),
                actual=format_duration(planned),
            )
        )
    assert title is not None and purpose is not None  # required=True
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
    )


def _steps(top: _Block) -> tuple[Step, ...]:
    items = top.data.get("stappen")
    if items is None:
        top.missing("stappen")
    if not isinstance(items, YamlList):
        top.wrong_type("stappen", "list")
    if not items:
        raise MethodError(t("method.no_steps", where=top.data.where_of("stappen")))
    steps: list[Step] = []
    first_seen: dict[str, Where] = {}
    for number, item in enumerate(items, start=1):
        step = _step(item, number, items.where_of(number - 1))
        if step.id in first_seen:
            raise MethodError(
                t(
                    "method.duplicate_id",
                    where=item["id"].where,
                    context=t("method.in_step_number", n=number),
                    id=step.id,
                    first_line=first_seen[step.id].line,
                )
            )
        first_seen[step.id] = item["id"].where
        steps.append(step)
    return tuple(steps)


def _step(item: Any, number: int, where: Where) -> Step:
    if not isinstance(item, YamlMap):
        raise MethodError(t("method.step_not_mapping", where=where, n=number, got=_describe(item)))
    raw_id = item.get("id")
    context = (
        t("method.in_step", id=raw_id)
        if isinstance(raw_id, YamlText) and _SLUG.fullmatch(raw_id)
        else t("method.in_step_number", n=number)
    )
    block = _Block(item, context, STEP_KEYS)
    step_id = block.slug("id")
    title = block.text("titel", required=True)
    duration = block.duration("duur", required=True)
    instruction = block.text("instructie", required=True)
    assert title is not None and duration is not None and instruction is not None
    actor = block.choice("wie", ACTORS)
    turns, actor = _turns(block, actor, duration)
    questions = block.texts("voorbeeldvragen")
    warnings = block.durations("waarschuwingen")
    if warnings is not None:
        for value, seconds in zip(block.items("waarschuwingen"), warnings, strict=True):
            if seconds >= duration:
                raise block.error(
                    "waarschuwingen",
                    "method.warning_too_late",
                    at=value,
                    value=format_duration(seconds),
                    duration=format_duration(duration),
                )
    return Step(
        id=step_id,
        title=title,
        duration_s=duration,
        instruction=instruction,
        actor=actor or Actor.GROUP,
        turns=turns,
        questions=questions,
        warnings_s=None if warnings is None else tuple(sorted(set(warnings), reverse=True)),
        on_time_up=block.choice("bij_tijd_om", ON_TIME_UP),
        where=item.where,
    )


def _turns(
    block: _Block, actor: Actor | None, duration: float
) -> tuple[TurnRound | None, Actor | None]:
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
        sub = _Block(raw, f"{block.context}beurten: ", TURN_KEYS)
        per_turn = sub.duration("per_beurt")
        again = bool(sub.yes_no("rondgaan"))
        owner_too = sub.yes_no("inbrenger_ook")
        if per_turn is not None and per_turn > duration:
            raise sub.error(
                "per_beurt",
                "method.turn_too_long",
                value=format_duration(per_turn),
                duration=format_duration(duration),
            )
        if owner_too is not None and actor is not None and owner_too != (actor is Actor.ALL):
            raise sub.error(
                "inbrenger_ook",
                "method.turns_conflict",
                value=raw["inbrenger_ook"].strip(),
                actor=actor.value,
            )
    else:
        block.wrong_type("beurten", "turns")
    if actor is not None and actor not in (Actor.EACH, Actor.ALL):
        raise block.error("wie", "method.turns_need_each", actor=actor.value)
    if owner_too is None:
        owner_too = actor is Actor.ALL
    if actor is None:
        actor = Actor.ALL if owner_too else Actor.EACH
    return TurnRound(per_turn_s=per_turn, again=again, case_owner_too=owner_too), actor


def _repeat(top: _Block, steps: Sequence[Step]) -> RepeatBlock | None:
    raw = top.data.get("herhaal")
    if raw is None:
        return None
    if not isinstance(raw, YamlMap):
        top.wrong_type("herhaal", "mapping")
    block = _Block(raw, "herhaal: ", REPEAT_KEYS)
    ids = [step.id for step in steps]
    ends: list[str] = []
    for key in ("van", "tot"):
        step_id = block.text(key, required=True)
        assert step_id is not None
        if step_id not in ids:
            close = difflib.get_close_matches(step_id, ids, n=1)
            advice = (
                t("method.did_you_mean", suggestion=close[0])
                if close
                else t("method.step_ids", ids=", ".join(ids))
            )
            raise block.error(key, "method.repeat_unknown_step", value=step_id, advice=advice)
        ends.append(step_id)
    first, last = ends
    if ids.index(first) > ids.index(last):
        raise block.error("van", "method.repeat_order", first=first, last=last)
    times = block.integer("keer", 1, MAX_REPEAT)
    label = block.text("label") or ""
    return RepeatBlock(first, last, 1 if times is None else times, label)


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


class _Block:
    """One mapping of the file being checked: its keys, and typed reading of values.

    Each reader raises the one ``MethodError`` for the first problem it finds.
    """

    def __init__(self, data: YamlMap, context: str, known: tuple[str, ...]) -> None:
        self.data = data
        self.context = context
        for key in data:
            if key not in known:
                raise MethodError(
                    t(
                        "method.unknown_key",
                        where=data.key_where(key),
                        context=context,
                        key=_shorten(key),
                        advice=_advice_for_key(key, known),
                    )
                )

    # errors
    def error(self, key: str, message: str, at: object = None, **values: object) -> MethodError:
        where = getattr(at, "where", None) or self.data.where_of(key)
        if isinstance(values.get("value"), str):
            values["value"] = _shorten(str(values["value"]))
        return MethodError(t(message, where=where, context=self.context, field=key, **values))

    def missing(self, key: str) -> NoReturn:
        raise self.error(key, "method.missing_field", example=t(f"method.example.{key}"))

    def wrong_type(
        self, key: str, expected: str, item: object = _WHOLE, at: object = None
    ) -> NoReturn:
        """``item`` is the wrong value (default: the key's value), ``at`` where it is."""
        value = self.data.get(key) if item is _WHOLE else item
        raise self.error(
            key,
            "method.wrong_type",
            at=at if at is not None else value,
            expected=t(f"method.expect.{expected}"),
            got=_describe(value),
        )

    # readers
    def _scalar(self, key: str, required: bool, expected: str = "text") -> YamlText | None:
        value = self.data.get(key)
        if value is None or (isinstance(value, YamlText) and not value.strip()):
            if required:
                self.missing(key)
            return None
        if not isinstance(value, YamlText):
            self.wrong_type(key, expected)
        return value

    def text(self, key: str, required: bool = False) -> str | None:
        value = self._scalar(key, required)
        return None if value is None else " ".join(value.split())

    def slug(self, key: str) -> str:
        value = self._scalar(key, required=True)
        assert value is not None
        if not _SLUG.fullmatch(value):
            raise self.error(key, "method.bad_id", value=value.strip(), suggestion=slugify(value))
        return str(value)

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

    def duration(self, key: str, required: bool = False) -> float | None:
        value = self._scalar(key, required, expected="duration")
        return None if value is None else self._seconds(key, value)

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

    def items(self, key: str) -> list[YamlText]:
        """The non-empty texts of a list value (or of a single text), checked."""
        value = self.data.get(key)
        if value is None:
            return []
        if isinstance(value, YamlText):
            return [value] if value.strip() else []
        if not isinstance(value, YamlList):
            self.wrong_type(key, "list")
        for index, item in enumerate(value):
            if not isinstance(item, YamlText) or not item.strip():
                self.wrong_type(key, "texts", item=item, at=_At(value.where_of(index)))
        return list(value)

    def texts(self, key: str) -> tuple[str, ...]:
        return tuple(" ".join(item.split()) for item in self.items(key))

    def durations(self, key: str) -> tuple[float, ...] | None:
        """``None`` when the key is absent; an empty list means: none at all."""
        if key not in self.data:
            return None
        return tuple(self._seconds(key, item) for item in self.items(key))


def _advice_for_key(key: str, known: Sequence[str]) -> str:
    low = key.strip().lower()
    if low in known:
        suggestion: str | None = low
    elif _ENGLISH.get(low) in known:
        suggestion = _ENGLISH[low]
    else:
        close = difflib.get_close_matches(low, known, n=1, cutoff=0.6)
        suggestion = close[0] if close else None
    if suggestion is not None:
        return t("method.did_you_mean", suggestion=suggestion)
    return t("method.known_keys", keys=", ".join(known))

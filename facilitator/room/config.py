"""The room configuration: how this room's facilitator speaks, listens and keeps time.

A small TOML file, ``room.toml`` in the user's config directory (or wherever
``FACILITATOR_CONFIG`` points). Every key is optional; without a file the defaults
of ``RoomConfig`` apply. TOML has no "nothing", so a setting whose default is
"find it yourself" (a device, a voice) is simply left out.

Mistakes are reported all at once, each as ``file:line: what is wrong, what to do``.
"""

from __future__ import annotations

import difflib
import json
import os
import re
import textwrap
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

import platformdirs

from facilitator.errors import ConfigError
from facilitator.lang import AVAILABLE
from facilitator.lang import t as phrase
from facilitator.method.definition import OnTimeUp
from facilitator.method.durations import format_duration, parse_duration

ENV_VAR = "FACILITATOR_CONFIG"
FILE_NAME = "room.toml"

Device = str | int | None

RATE_RANGE = (50, 500)  # words per minute that espeak-ng still makes sense of


@dataclass(frozen=True)
class RoomConfig:
    language: str = "nl"
    output_device: Device = None  # a name (or part of one), an index, None = default
    input_device: Device = None
    voice: str | None = None  # None: a voice found by language
    rate: int | None = None  # words per minute; None: the engine's default
    volume: float = 1.0  # 0..1
    grace_s: float = 10.0  # after time-up, before moving on by itself
    on_time_up: OnTimeUp = "advance"
    warnings_s: tuple[float, ...] = (60.0,)  # seconds before the end of a step
    warn_min_step_s: float = 180.0  # only steps this long get the default warnings
    turn_warning_s: float = 15.0  # the soft cue before a turn ends; 0 = none
    turn_warning_min_s: float = 45.0  # only turns this long get it
    # Voice commands.
    wake_word: str | None = None
    min_confidence: float = 0.8
    cooldown_s: float = 2.0
    model_path: Path | None = None
    # Folders with the group's own methods, searched before the shipped ones.
    method_folders: tuple[Path, ...] = ()
    # The file the settings came from (None: the defaults).
    source: Path | None = field(default=None, compare=False)


def config_path() -> Path:
    """Where the room configuration is read from."""
    chosen = os.environ.get(ENV_VAR, "").strip()
    if chosen:
        return Path(chosen).expanduser()
    return Path(platformdirs.user_config_dir("facilitator")) / FILE_NAME


def load_config(path: str | os.PathLike[str] | None = None) -> RoomConfig:
    """The room configuration from ``path`` (default: ``config_path()``).

    A missing file at the default place gives the defaults; a file that was asked
    for explicitly (``path`` or ``FACILITATOR_CONFIG``) must exist.
    """
    explicit = path is not None or bool(os.environ.get(ENV_VAR, "").strip())
    file = Path(path).expanduser() if path is not None else config_path()
    if not file.exists():
        if explicit:
            raise ConfigError(phrase("records.config_missing", file=file))
        return RoomConfig()
    try:
        text = file.read_bytes().decode("utf-8")
    except UnicodeDecodeError as error:
        raise ConfigError(phrase("records.config_not_text", file=file)) from error
    except OSError as error:
        reason = error.strerror or str(error)
        raise ConfigError(phrase("records.config_unreadable", file=file, reason=reason)) from error
    return parse_config(text, file)


def parse_config(text: str, file: Path) -> RoomConfig:
    """The configuration in ``text``; ``file`` is where it came from (for messages)."""
    try:
        table = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(_syntax_message(str(error), text, file)) from error
    return _Checker(text, file).check(table)


_POSITION = re.compile(r"\s*\(at line (\d+), column (\d+)\)\s*$")
_AT_END = re.compile(r"\s*\(at end of document\)\s*$")


def _syntax_message(detail: str, text: str, file: Path) -> str:
    position = _POSITION.search(detail)
    if position:
        where = f"{file}:{position.group(1)}:{position.group(2)}"
        detail = detail[: position.start()]
    else:  # "at end of document": the last line
        where = f"{file}:{max(1, len(text.splitlines()))}"
        detail = _AT_END.sub("", detail)
    return phrase("records.config_syntax", where=where, detail=detail)


def _show(value: object) -> str:
    """A value as the user wrote it, more or less (TOML and JSON agree on the basics)."""
    return json.dumps(value, ensure_ascii=False, default=str)


class _Problem(Exception):
    """One wrong value; the checker collects them."""


class _Checker:
    def __init__(self, text: str, file: Path) -> None:
        self.text = text
        self.file = file

    def line_of(self, key: str) -> int:
        name = re.escape(key)
        # ``key = ...``, ``"key" = ...``, ``key.sub = ...`` or a table header ``[key]``.
        assignment = rf"^[ \t]*(?:{name}|\"{name}\"|'{name}')[ \t]*[=.]"
        header = rf"^[ \t]*\[+[ \t]*{name}[ \t]*[\].]"
        pattern = f"{assignment}|{header}"
        found = re.search(pattern, self.text, re.MULTILINE)
        return self.text.count("\n", 0, found.start()) + 1 if found else 1

    def where(self, key: str) -> str:
        return f"{self.file}:{self.line_of(key)}"

    def check(self, table: Mapping[str, Any]) -> RoomConfig:
        problems: list[str] = []
        values: dict[str, Any] = {}
        known = [f.name for f in fields(RoomConfig) if f.name != "source"]
        for key, value in table.items():
            if key not in _CHECKS:
                problems.append(self._unknown(key, known))
                continue
            try:
                values[key] = _CHECKS[key](self, key, value)
            except _Problem as problem:
                problems.append(str(problem))
        if problems:
            problems.sort(key=lambda message: self._line_in(message))
            raise ConfigError("\n".join(problems))
        return RoomConfig(**values, source=self.file)

    def _line_in(self, message: str) -> int:
        found = re.match(rf"{re.escape(str(self.file))}:(\d+)", message)
        return int(found.group(1)) if found else 0

    def _unknown(self, key: str, known: list[str]) -> str:
        close = difflib.get_close_matches(key, known, n=1, cutoff=0.6)
        if close:
            return phrase(
                "records.config_unknown_key_suggest",
                where=self.where(key),
                key=key,
                suggestion=close[0],
            )
        return phrase(
            "records.config_unknown_key", where=self.where(key), key=key, known=", ".join(known)
        )

    def wrong_type(self, key: str, value: object, expected: str) -> _Problem:
        return _Problem(
            phrase(
                "records.config_wrong_type",
                where=self.where(key),
                key=key,
                expected=phrase(f"records.config_expect_{expected}"),
                value=_show(value),
            )
        )

    def out_of_range(self, key: str, value: object, low: str, high: str) -> _Problem:
        return _Problem(
            phrase(
                "records.config_out_of_range",
                where=self.where(key),
                key=key,
                low=low,
                high=high,
                value=_show(value),
            )
        )

    # One method per kind of value.

    def choice(self, key: str, value: object, choices: tuple[str, ...]) -> str:
        if not isinstance(value, str) or value not in choices:
            raise _Problem(
                phrase(
                    "records.config_not_a_choice",
                    where=self.where(key),
                    key=key,
                    value=_show(value),
                    choices=", ".join(f'"{choice}"' for choice in choices),
                )
            )
        return value

    def device(self, key: str, value: object) -> Device:
        if isinstance(value, bool) or not isinstance(value, str | int):
            raise self.wrong_type(key, value, "device")
        if isinstance(value, int) and value < 0:
            raise self.wrong_type(key, value, "device")
        if isinstance(value, str):
            return value.strip() or None
        return value

    def text_or_none(self, key: str, value: object) -> str | None:
        if not isinstance(value, str):
            raise self.wrong_type(key, value, "text")
        return value.strip() or None

    def rate(self, key: str, value: object) -> int:
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        if isinstance(value, bool) or not isinstance(value, int):
            raise self.wrong_type(key, value, "whole_number")
        low, high = RATE_RANGE
        if not low <= value <= high:
            raise self.out_of_range(key, value, str(low), str(high))
        return value

    def fraction(self, key: str, value: object) -> float:
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise self.wrong_type(key, value, "number")
        if not 0 <= value <= 1:
            raise self.out_of_range(key, value, "0", "1")
        return float(value)

    def seconds(self, key: str, value: object, low: float, high: float) -> float:
        if isinstance(value, bool) or not isinstance(value, int | float | str):
            raise self.wrong_type(key, value, "duration")
        if isinstance(value, str):
            parsed = parse_duration(value)
            if parsed is None:
                raise _Problem(
                    phrase(
                        "records.config_not_a_duration",
                        where=self.where(key),
                        key=key,
                        value=_show(value),
                    )
                )
            seconds = parsed
        else:
            seconds = float(value)
        if not low <= seconds <= high:
            raise self.out_of_range(key, value, format_duration(low), format_duration(high))
        return seconds

    def seconds_list(self, key: str, value: object, low: float, high: float) -> tuple[float, ...]:
        items = value if isinstance(value, list) else [value]
        if isinstance(value, list) and any(isinstance(item, list | dict) for item in items):
            raise self.wrong_type(key, value, "durations")
        found = {self.seconds(key, item, low, high) for item in items}
        return tuple(sorted(found, reverse=True))

    def path(self, key: str, value: object) -> Path | None:
        if not isinstance(value, str):
            raise self.wrong_type(key, value, "path")
        if not value.strip():
            return None
        chosen = Path(value.strip()).expanduser()
        return chosen if chosen.is_absolute() else self.file.parent / chosen

    def path_list(self, key: str, value: object) -> tuple[Path, ...]:
        items = value if isinstance(value, list) else [value]
        if not all(isinstance(item, str) for item in items):
            raise _Problem(
                phrase(
                    "records.config_wrong_type",
                    where=self.where(key),
                    key=key,
                    expected=_wording("expect_paths"),
                    value=_show(value),
                )
            )
        found = (self.path(key, item) for item in items)
        return tuple(dict.fromkeys(path for path in found if path is not None))


_Check = Callable[[_Checker, str, Any], Any]


def _seconds(low: float, high: float) -> _Check:
    return lambda checker, key, value: checker.seconds(key, value, low, high)


_CHECKS: dict[str, _Check] = {
    "language": lambda c, k, v: c.choice(k, v, AVAILABLE),
    "output_device": _Checker.device,
    "input_device": _Checker.device,
    "voice": _Checker.text_or_none,
    "rate": _Checker.rate,
    "volume": _Checker.fraction,
    "grace_s": _seconds(0, 600),
    "on_time_up": lambda c, k, v: c.choice(k, v, ("advance", "wait")),
    "warnings_s": lambda c, k, v: c.seconds_list(k, v, 1, 3600),
    "warn_min_step_s": _seconds(0, 4 * 3600),
    "turn_warning_s": _seconds(0, 300),
    "turn_warning_min_s": _seconds(0, 3600),
    "wake_word": _Checker.text_or_none,
    "min_confidence": _Checker.fraction,
    "cooldown_s": _seconds(0, 60),
    "model_path": _Checker.path,
    "method_folders": _Checker.path_list,
}


def _wording(name: str) -> str:
    return phrase(f"records.config_{name}")


# The example file.

_WIDTH = 88

# Values shown for settings that have no default of their own.
_EXAMPLES: dict[str, object] = {
    "output_device": "USB",
    "input_device": "USB",
    "voice": "Dutch",
    "rate": 160,
    "wake_word": "computer",  # a word even a small model knows
    "model_path": "~/modellen/vosk-nl",
}

_GROUPS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("sound", ("language", "output_device", "input_device", "voice", "rate", "volume")),
    (
        "time",
        (
            "grace_s", "on_time_up", "warnings_s", "warn_min_step_s",
            "turn_warning_s", "turn_warning_min_s",
        ),
    ),
    ("voice_commands", ("wake_word", "min_confidence", "cooldown_s", "model_path")),
    ("methods", ("method_folders",)),
)


def _toml_value(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, tuple | list):
        return "[" + ", ".join(_toml_value(item) for item in value) + "]"
    if isinstance(value, Path):
        return json.dumps(str(value), ensure_ascii=False)
    return json.dumps(value, ensure_ascii=False)


def _comment(text: str) -> list[str]:
    return [
        f"# {part}"
        for line in text.splitlines()
        for part in textwrap.wrap(line, width=_WIDTH - 2, break_on_hyphens=False)
    ]


def example_config() -> str:
    """A commented ``room.toml`` with every setting at its default, in the current language.

    Every setting is commented out; removing the ``#`` before one makes it count.
    """
    defaults = RoomConfig()
    out = _comment(phrase("records.config_example_header"))
    for group, keys in _GROUPS:
        out += ["", f"# --- {_wording(f'group_{group}')} ---"]
        for key in keys:
            out.append("")
            out += _comment(_wording(f"help_{key}"))
            default = getattr(defaults, key)
            shown = _EXAMPLES[key] if default is None else default
            out.append(f"# {key} = {_toml_value(shown)}")
    return "\n".join(out) + "\n"

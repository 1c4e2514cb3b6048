"""What a group, a member's name and an action point's text may be.

Names and texts come from the command line and from hand-edited files: untrusted.
A name is what the facilitator says aloud and what a meeting's log holds, so it is
one short line without commas (commas separate names on the command line).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from facilitator.errors import GroupError
from facilitator.lang import t

MAX_NAME = 40
MAX_TEXT = 200
_GROUP_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,39}")


def is_group_name(name: str) -> bool:
    return _GROUP_NAME.fullmatch(name) is not None


def check_group_name(name: str) -> str:
    """``name`` when it can be a group's name (and its file's name); else ``GroupError``."""
    if not is_group_name(name):
        raise GroupError(t("group.bad_group_name", name=_shown(name)))
    return name


def clean_person(name: str) -> str:
    """A member's name with its spaces tidied; ``GroupError`` when it cannot be one."""
    cleaned = " ".join(name.split())
    if not cleaned:
        raise GroupError(t("group.empty_name"))
    if "," in cleaned or _has_control(cleaned) or len(cleaned) > MAX_NAME:
        raise GroupError(t("group.bad_name", name=_shown(cleaned), limit=MAX_NAME))
    return cleaned


def split_names(names: str) -> list[str]:
    """ "Anna, Bram,Carla" as names; empty parts are mistakes."""
    parts = names.split(",")
    if any(not p.strip() for p in parts):
        raise GroupError(t("group.empty_name_in", names=_shown(names)))
    return [clean_person(p) for p in parts]


def check_unique(names: Iterable[str]) -> None:
    seen: set[str] = set()
    for name in names:
        if name.casefold() in seen:
            raise GroupError(t("group.duplicate_name", name=name))
        seen.add(name.casefold())


def clean_text(text: str) -> str:
    """An action point's text as one line; ``GroupError`` when it is too long."""
    cleaned = " ".join("".join(" " if _is_control(c) else c for c in text).split())
    if len(cleaned) > MAX_TEXT:
        raise GroupError(t("group.text_too_long", limit=MAX_TEXT, length=len(cleaned)))
    return cleaned


def _is_control(char: str) -> bool:
    return unicodedata.category(char) in ("Cc", "Cf", "Zl", "Zp")


def _has_control(text: str) -> bool:
    return any(_is_control(c) for c in text)


def _shown(text: str) -> str:
    """``text`` safe to print in a message: no control characters, not too long."""
    visible = "".join("?" if _is_control(c) else c for c in text)
    return visible if len(visible) <= 60 else visible[:57] + "..."

"""Untrusted text made inert before it reaches a terminal.

Method files are shared between groups, names come from the command line, and logs
and configuration files can be edited by anyone: none of their text may steer the
terminal. ``inert`` is the one place that makes such text safe to print: every
control character (the escape character that starts a terminal sequence, the bell,
C1 controls, a carriage return that would overwrite a line) becomes a visible
stand-in, and characters that reorder text on screen (bidirectional overrides) or
cannot be encoded at all (a lone surrogate) become the replacement character.

``refused_in_name`` says what is wrong with a participant's name, for the names
that must stay one short visible line.
"""

from __future__ import annotations

import re
import unicodedata

REPLACEMENT = "\ufffd"
MAX_NAME = 40  # characters in one participant's name

# C0 controls (except tab and newline, kept where lines are allowed), DEL, C1.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f\x80-\x9f]")
_CONTROL_OR_LINE = re.compile("[\x00-\x1f\x7f\x80-\x9f\u2028\u2029\x85]")
# Surrogates cannot be written as UTF-8; the bidirectional controls reorder a line.
_UNSAFE = re.compile("[\ud800-\udfff\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]")


def _picture(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code < 0x20:
        return chr(0x2400 + code)  # the Unicode "control picture": ␛ for ESC
    if code == 0x7F:
        return "\u2421"  # ␡
    return REPLACEMENT


def inert(text: object, *, lines: bool = True) -> str:
    """``text`` with nothing in it that a terminal would act on.

    ``lines=False``: for text that must stay on one line (a name, a title), line
    ends become visible too.
    """
    shown = str(text)
    shown = _UNSAFE.sub(REPLACEMENT, shown)
    if lines:  # Unicode's own line and paragraph separators are line ends too
        shown = _CONTROL.sub(_picture, shown.replace("\u2028", "\n").replace("\u2029", "\n"))
    else:
        shown = _CONTROL_OR_LINE.sub(_picture, shown)
    return shown.replace("\t", " ")


def refused_in_name(name: str) -> str | None:
    """Why ``name`` cannot be a participant's name (a short reason), or ``None``."""
    if len(name) > MAX_NAME:
        return "too_long"
    for char in name:
        if unicodedata.category(char) in ("Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"):
            return "control"
    return None

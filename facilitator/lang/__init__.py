"""Language packs: every sentence facilitator speaks or shows comes from here.

A pack is a package ``facilitator.lang.<code>`` that exposes ``PHRASES`` (key to a
``str.format`` template with named placeholders, or a tuple of equivalent templates
with the same placeholders: see ``facilitator.lang.variants``), ``duration(seconds)`` (a spoken
duration such as "anderhalve minuut") and ``number(n)`` (a number in words). Keys
are grouped by the part of the program that uses them (``session.``, ``method.``,
``cli.``, ...), one module per group, so that a pack is easy to review.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from facilitator.lang.variants import Template, VariantChooser, options

AVAILABLE = ("nl", "en")
DEFAULT = "nl"


@dataclass(frozen=True)
class LanguagePack:
    code: str
    phrases: Mapping[str, Template]
    duration: Callable[[float], str]
    number: Callable[[int], str]
    chooser: VariantChooser = field(default_factory=VariantChooser, compare=False)

    def variants(self, key: str) -> tuple[str, ...]:
        """Every phrasing of ``key`` (one, for most keys)."""
        return options(self.phrases[key])

    def text(self, key: str, /, **values: object) -> str:
        """The sentence ``key`` with ``values`` filled in; of several phrasings, the one
        the pack's own chooser used least recently."""
        return self.chosen(self.chooser, key, **values)

    def chosen(self, chooser: VariantChooser, key: str, /, **values: object) -> str:
        """As ``text``, with the phrasing taken by ``chooser`` (a session's own)."""
        return chooser.choose(key, self.variants(key)).format(**values)


_cache: dict[str, LanguagePack] = {}
_current = DEFAULT


def get_pack(code: str | None = None) -> LanguagePack:
    """The pack for ``code`` (default: the current language)."""
    code = code or _current
    if code not in AVAILABLE:
        code = DEFAULT
    if code not in _cache:
        module = importlib.import_module(f"facilitator.lang.{code}")
        _cache[code] = LanguagePack(code, module.PHRASES, module.duration, module.number)
    return _cache[code]


def set_language(code: str) -> LanguagePack:
    global _current
    _current = code if code in AVAILABLE else DEFAULT
    return get_pack()


def t(key: str, /, **values: object) -> str:
    """A sentence from the current pack."""
    return get_pack().text(key, **values)

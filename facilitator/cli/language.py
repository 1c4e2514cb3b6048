"""The command line in the room's language: help from the language packs, and click's
own words ("Usage:", "Error: Missing argument", ...) translated.

Help texts live in the packs (``facilitator/lang/<code>/cli_help.py``), one entry per
command and per option:

- ``help.<command path>`` for a command: ``help.facilitator`` for the group itself,
  ``help.run``, ``help.methods.show``;
- ``help.<command path>:<name>`` for an option, ``<name>`` as the function receives
  it (``help.run:total``, ``help.methods.show:as_json``);
- ``help.option:<name>`` for an option that several commands share.

An option or command without an entry keeps the help its decorator gives, so a new
option works before it is translated (a test lists the ones without an entry).

click asks ``gettext`` for its own words. Rather than installing a gettext catalogue,
the ``_`` and ``ngettext`` that click's modules imported are replaced by a look-up in
the pack's ``CLICK`` table, keyed by click's English text; a text that is not in the
table (or a future click that words it differently) stays in English.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

import click

from facilitator.errors import FacilitatorError
from facilitator.lang import DEFAULT, get_pack, set_language
from facilitator.room.config import load_config

_CLICK_MODULES = (
    "click.core",
    "click.decorators",
    "click.exceptions",
    "click.formatting",
    "click.parser",
    "click.termui",
    "click.types",
)
_original_help: dict[int, str | None] = {}
_original_metavar: dict[int, str | None] = {}


def speak_the_rooms_language(root: click.Command, args: Sequence[str]) -> None:
    """Before click reads ``args``: the room's language, and ``root``'s help in it.

    The room configuration is read here only for its language (``--config`` if it is
    among ``args``); a broken file is reported later, by the command that needs it.
    """
    try:
        set_language(load_config(_config_option(args)).language)
    except FacilitatorError:
        set_language(DEFAULT)
    translate_click()
    for path, command in walk(root):
        localise(command, path)


def _config_option(args: Sequence[str]) -> str | None:
    for number, arg in enumerate(args):
        if arg == "--config" and number + 1 < len(args):
            return args[number + 1]
        if arg.startswith("--config="):
            return arg.partition("=")[2]
        if not arg.startswith("-"):
            break  # the subcommand: --config belongs to the group, before it
    return None


def walk(command: click.Command, path: str = "facilitator") -> Iterator[tuple[str, click.Command]]:
    """Every command under ``command`` (itself included), with its pack path."""
    yield path, command
    if isinstance(command, click.Group):
        prefix = "" if path == "facilitator" else path + "."
        for name, sub in command.commands.items():
            yield from walk(sub, prefix + name)


def help_key(path: str, option: str | None = None) -> str:
    return f"help.{path}" if option is None else f"help.{path}:{option}"


def localise(command: click.Command, path: str) -> None:
    """Gives ``command`` and its options the help of the current pack."""
    # help texts are single sentences, never a tuple of variants
    phrases = {key: text for key, text in get_pack().phrases.items() if isinstance(text, str)}
    command.help = _text(command, phrases, help_key(path))
    command.short_help = None
    command.options_metavar = phrases["help.options_metavar"]
    if isinstance(command, click.Group):
        command.subcommand_metavar = phrases["help.subcommand_metavar"]
    if hasattr(command, "_help_option"):
        command._help_option = None  # click keeps --help's own text once made
    for param in command.params:
        _localise_metavar(param, phrases)
        if isinstance(param, click.Option) and param.name is not None:
            shared = f"help.option:{param.name}"
            key = help_key(path, param.name)
            param.help = _text(param, phrases, key if key in phrases else shared)


def _localise_metavar(param: click.Parameter, phrases: Mapping[str, str]) -> None:
    """``METHOD`` as ``METHODE``: the placeholders in usage lines (``help.metavar:*``)."""
    if isinstance(param, click.Option) and (param.is_flag or param.count):
        return
    original = _original_metavar.setdefault(id(param), param.metavar)
    if isinstance(param, click.Argument):
        shown = original or (param.name or "").upper()
    else:
        shown = original or param.type.name.upper()
    translated = phrases.get(f"help.metavar:{shown}")
    if translated is None:
        return
    if isinstance(param, click.Argument) and original is None:
        # click adds these itself only to a metavar of its own making
        translated += "..." if param.nargs != 1 else ""
        translated = translated if param.required else f"[{translated}]"
    param.metavar = translated


def _text(item: click.Command | click.Option, phrases: Mapping[str, str], key: str) -> str | None:
    original = _original_help.setdefault(id(item), item.help)
    if key in phrases:
        from facilitator.speech.model_store import DEFAULT_MODEL

        return phrases[key].format(url=DEFAULT_MODEL.url)
    return None if original is None else _click_words().get(original, original)


def _click_words() -> Mapping[str, str]:
    module = importlib.import_module(f"facilitator.lang.{get_pack().code}.cli_help")
    words: Mapping[str, str] = module.CLICK
    return words


def _gettext(message: str) -> str:
    return _click_words().get(message, message)


def _ngettext(singular: str, plural: str, n: int) -> str:
    return _gettext(singular if n == 1 else plural)


def translate_click() -> None:
    """click's own words, from now on, in the current language."""
    for name in _CLICK_MODULES:
        try:
            module: Any = importlib.import_module(name)
        except ImportError:
            continue
        if hasattr(module, "_"):
            module._ = _gettext
        if hasattr(module, "ngettext"):
            module.ngettext = _ngettext

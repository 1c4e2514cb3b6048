"""Reading YAML while remembering where every value came from.

Method files are written by hand, so a mistake must be reported at its line. The
loader here builds plain Python values that carry a ``where`` (file and line):
``YamlText`` for scalars, ``YamlMap`` for mappings and ``YamlList`` for sequences.
Empty values (``titel:`` or ``~``) become ``None``.

Every scalar stays text: YAML 1.1 would read ``nee`` as text but ``no`` as ``False``,
``1:30`` as the number 90 and ``012`` as octal. The method loader decides what a
value means, so it can say exactly what is wrong with it.

Anything the YAML library rejects becomes a ``MethodError`` with ``file:line``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from facilitator.errors import MethodError
from facilitator.lang import t
from facilitator.method.definition import Where

# Deeper than any method file needs, far below Python's recursion limit.
MAX_DEPTH = 64


class YamlText(str):
    """A scalar from the file, with the place it was written."""

    where: Where

    def __new__(cls, value: str, where: Where) -> YamlText:
        text = super().__new__(cls, value)
        text.where = where
        return text


class YamlMap(dict[str, Any]):
    """A mapping from the file; its keys are ``YamlText``."""

    def __init__(self, where: Where) -> None:
        super().__init__()
        self.where = where
        self._key_where: dict[str, Where] = {}

    def put(self, key: YamlText, value: Any) -> None:
        self._key_where[str(key)] = key.where
        self[str(key)] = value

    def key_where(self, key: str) -> Where:
        return self._key_where.get(key, self.where)

    def where_of(self, key: str) -> Where:
        """Where the value of ``key`` is, else where the key is (empty values)."""
        value = self.get(key)
        if isinstance(value, YamlText | YamlMap | YamlList):
            return value.where
        return self.key_where(key)


class YamlList(list[Any]):
    """A sequence from the file."""

    def __init__(self, where: Where) -> None:
        super().__init__()
        self.where = where
        self.item_wheres: list[Where] = []

    def where_of(self, index: int) -> Where:
        """Where item ``index`` is (also for empty items, which are ``None``)."""
        if 0 <= index < len(self.item_wheres):
            return self.item_wheres[index]
        return self.where


class _TooDeep(yaml.MarkedYAMLError):
    pass


class LocatingLoader(yaml.SafeLoader):
    """A SafeLoader that stamps file and line on every value and keeps scalars as text."""

    # Only the empty value and ``~`` are resolved implicitly (to None); see the module doc.
    yaml_implicit_resolvers = {}  # noqa: RUF012 (pyyaml's own class-level registry)

    def __init__(self, text: str, filename: str) -> None:
        super().__init__(text)
        self.filename = filename
        self._depth = 0

    def where(self, node: Node) -> Where:
        return Where(self.filename, node.start_mark.line + 1)

    def compose_node(self, parent: Node | None, index: Any) -> Node | None:
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH:
                mark = self.peek_event().start_mark  # type: ignore[no-untyped-call]
                raise _TooDeep(problem="too deep", problem_mark=mark)
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


LocatingLoader.add_implicit_resolver("tag:yaml.org,2002:null", re.compile(r"^~?$"), ["~", ""])


def _wrong_node(node: Node, expected: str) -> yaml.MarkedYAMLError:
    return yaml.constructor.ConstructorError(
        None, None, f"expected {expected}, found {getattr(node, 'id', '?')}", node.start_mark
    )


def _construct_text(loader: LocatingLoader, node: Node) -> YamlText:
    if not isinstance(node, ScalarNode):
        raise _wrong_node(node, "a scalar")
    return YamlText(str(node.value), loader.where(node))


def _construct_list(loader: LocatingLoader, node: Node) -> Iterator[YamlList]:
    if not isinstance(node, SequenceNode):
        raise _wrong_node(node, "a sequence")
    items = YamlList(loader.where(node))
    yield items  # first, so that an alias inside the list can refer to it
    items.item_wheres.extend(loader.where(child) for child in node.value)
    items.extend(loader.construct_object(child, deep=False) for child in node.value)


def _construct_map(loader: LocatingLoader, node: Node) -> Iterator[YamlMap]:
    if not isinstance(node, MappingNode):
        raise _wrong_node(node, "a mapping")
    mapping = YamlMap(loader.where(node))
    yield mapping
    for key_node, value_node in node.value:
        key = (
            loader.construct_object(key_node, deep=False)
            if isinstance(key_node, ScalarNode)
            else None
        )
        if not isinstance(key, YamlText) or not key.strip():
            where = loader.where(key_node)
            raise MethodError(t("method.key_not_text", where=where), where)
        key_text = str(key)
        if key_text in mapping:
            raise MethodError(
                t(
                    "method.duplicate_key",
                    where=key.where,
                    key=key_text,
                    first_line=mapping.key_where(key_text).line,
                ),
                key.where,
            )
        mapping.put(key, loader.construct_object(value_node, deep=False))


# Explicit tags (``!!int 5``) are read as the text they carry; the method loader
# checks the meaning. Sets and ordered maps are read as what they look like.
for _tag in ("str", "int", "float", "bool", "timestamp", "binary"):
    LocatingLoader.add_constructor(f"tag:yaml.org,2002:{_tag}", _construct_text)
for _tag in ("map", "set"):
    LocatingLoader.add_constructor(f"tag:yaml.org,2002:{_tag}", _construct_map)
for _tag in ("seq", "omap", "pairs"):
    LocatingLoader.add_constructor(f"tag:yaml.org,2002:{_tag}", _construct_list)


# Substrings of the YAML library's problem descriptions, and the advice we give.
_HINTS: tuple[tuple[str, str], ...] = (
    ("'\\t'", "method.yaml_hint.tab"),
    ("mapping values are not allowed", "method.yaml_hint.colon"),
    ("could not find expected ':'", "method.yaml_hint.no_colon"),
    ("expected <block end>", "method.yaml_hint.indent"),
    ("expected <block mapping start>", "method.yaml_hint.indent"),
    ("while scanning a quoted scalar", "method.yaml_hint.quote"),
    ("expected a single document", "method.yaml_hint.documents"),
    ("could not determine a constructor", "method.yaml_hint.tag"),
    ("found undefined alias", "method.yaml_hint.alias"),
    ("too deep", "method.yaml_hint.too_deep"),
)


def _hint(error: yaml.MarkedYAMLError) -> str:
    said = f"{error.context or ''} {error.problem or ''}"
    for fragment, key in _HINTS:
        if fragment in said:
            return t(key)
    return t("method.yaml_hint.other", problem=(error.problem or error.context or "?").strip())


def _line_at(text: str, position: int) -> int:
    return text.count("\n", 0, max(position, 0)) + 1


def load_yaml(text: str, filename: str) -> Any:
    """The single YAML document in ``text``, located; ``MethodError`` on bad YAML."""
    loader: LocatingLoader | None = None
    try:
        loader = LocatingLoader(text, filename)  # checks for control characters already
        return loader.get_single_data()
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark is not None else 1
        where = Where(filename, line)
        raise MethodError(t("method.yaml_syntax", where=where, hint=_hint(error)), where) from None
    except yaml.reader.ReaderError as error:
        where = Where(filename, _line_at(text, error.position))
        raise MethodError(
            t("method.bad_character", where=where, code=f"U+{error.character:04X}")
            if isinstance(error.character, int)
            else t(
                "method.yaml_syntax",
                where=where,
                hint=t("method.yaml_hint.other", problem=error.reason),
            ),
            where,
        ) from None
    except (yaml.YAMLError, RecursionError) as error:
        problem = getattr(error, "problem", None) or type(error).__name__
        where = Where(filename, 1)
        raise MethodError(
            t("method.yaml_syntax", where=where, hint=t("method.yaml_hint.other", problem=problem)),
            where,
        ) from None
    finally:
        if loader is not None:
            loader.dispose()

"""A group's file: one YAML file per group, readable and editable by hand.

``dump_group`` writes the text, ``parse_group`` reads it back. Reading goes through
the project's locating YAML loader, so a mistake made by hand is reported as
``file:line: what is wrong`` (a ``GroupError``), like a mistake in a method file.
The keys are Dutch, like those of method files:

.. code-block:: yaml

    naam: wijkteam
    aangemaakt: 2026-12-02
    rollen: [voorzitter, notulist]   # the roles that rotate
    reeks: 6                         # propose evaluating the group after 6 meetings
    leden:
      - {naam: Anna, sinds: 2026-12-02}
      - {naam: Eva, sinds: 2026-12-02, tot: 2027-02-01}
    bijeenkomsten:
      - {nummer: 1, datum: 2026-12-02, methode: vijf-stappen, aanwezig: [Anna, Bram],
         afwezig: [Eva], voorzitter: Anna, notulist: Bram, inbrenger: Bram}
    actiepunten:
      - {nummer: 1, wie: Bram, datum: 2026-12-02, tekst: Gesprek plannen, klaar: ~,
         teruggeblikt: ~}
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import Any, TypeVar, cast

import yaml

from facilitator.errors import GroupError, MethodError
from facilitator.group.model import ROLES, ActionPoint, Group, Meeting, Member, Role
from facilitator.group.names import MAX_TEXT, clean_person, clean_text
from facilitator.lang import t
from facilitator.method.definition import Where
from facilitator.method.yamlsource import YamlList, YamlMap, YamlText, load_yaml

T = TypeVar("T")

TOP_KEYS = ("naam", "aangemaakt", "rollen", "reeks", "leden", "bijeenkomsten", "actiepunten")
MEMBER_KEYS = ("naam", "sinds", "tot")
MEETING_KEYS = (
    "nummer",
    "datum",
    "methode",
    "aanwezig",
    "afwezig",
    "voorzitter",
    "notulist",
    "inbrenger",
)
ACTION_KEYS = ("nummer", "wie", "datum", "tekst", "klaar", "teruggeblikt")
SERIES_RANGE = (2, 100)


# -- writing -------------------------------------------------------------------------
class _Dumper(yaml.SafeDumper):
    """Writes nothing as an empty value (``reeks:``), as a person would, and as the
    locating loader reads it back (it reads ``null`` as text); a list of names on one
    line."""


_Dumper.add_representer(
    list,
    lambda dumper, items: dumper.represent_sequence(
        "tag:yaml.org,2002:seq", items, flow_style=all(isinstance(i, str) for i in items)
    ),
)
_Dumper.add_representer(
    type(None), lambda dumper, _value: dumper.represent_scalar("tag:yaml.org,2002:null", "")
)


def dump_group(group: Group) -> str:
    """The file's text for ``group``: a comment that says what it is, then the data."""
    header = "".join(f"# {line}\n" for line in t("group.file_header", name=group.name).split("\n"))
    body = yaml.dump(
        group_data(group), Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100
    )
    return header + body


def group_data(group: Group) -> dict[str, Any]:
    """Everything kept about ``group``, as plain data with the file's keys."""
    return {
        "naam": group.name,
        "aangemaakt": group.created.isoformat(),
        "rollen": list(group.roles),
        "reeks": group.series,
        "leden": [
            {"naam": m.name, "sinds": m.joined.isoformat(), **_day("tot", m.left)}
            for m in group.members
        ],
        "bijeenkomsten": [_meeting_data(m) for m in group.meetings],
        "actiepunten": [_action_data(a) for a in group.actions],
    }


def _day(key: str, value: date | None) -> dict[str, str]:
    return {} if value is None else {key: value.isoformat()}


def _meeting_data(meeting: Meeting) -> dict[str, Any]:
    data: dict[str, Any] = {
        "nummer": meeting.number,
        "datum": meeting.day.isoformat(),
        "methode": meeting.method,
        "aanwezig": list(meeting.present),
        "afwezig": list(meeting.absent),
    }
    for role, name in meeting.roles:
        data[role] = name
    data["inbrenger"] = meeting.case_owner
    return data


def _action_data(action: ActionPoint) -> dict[str, Any]:
    return {
        "nummer": action.number,
        "wie": action.person,
        "datum": action.day.isoformat(),
        "tekst": action.text,
        "klaar": None if action.done is None else action.done.isoformat(),
        "teruggeblikt": None if action.looked_back is None else action.looked_back.isoformat(),
    }


# -- reading -------------------------------------------------------------------------
def parse_group(text: str, filename: str, expected_name: str | None = None) -> Group:
    """The group in ``text``; ``GroupError`` with ``file:line`` for any mistake."""
    try:
        data = load_yaml(text, filename)
    except MethodError as error:
        raise GroupError(str(error)) from None
    if not isinstance(data, YamlMap):
        raise _problem(Where(filename, 1), "group.file_not_mapping")
    _known_keys(data, TOP_KEYS)
    name = _text(data, "naam", required=True)
    assert name is not None
    if expected_name is not None and name.casefold() != expected_name.casefold():
        raise _problem(data.where_of("naam"), "group.file_wrong_name", name=expected_name)
    members = tuple(_items(data, "leden", MEMBER_KEYS, _member))
    places = data.get("leden")
    assert places is None or isinstance(places, YamlList)
    _unique(
        [m.name for m in members if m.current],
        [places.where_of(i) for i, m in enumerate(members) if m.current] if places else [],
    )
    group = Group(
        name=name,
        created=_date(data, "aangemaakt", required=True) or date.min,
        members=members,
        roles=_roles(data),
        series=_series(data),
        meetings=tuple(_items(data, "bijeenkomsten", MEETING_KEYS, _meeting)),
        actions=tuple(_items(data, "actiepunten", ACTION_KEYS, _action)),
    )
    _numbers_unique(data, "bijeenkomsten", [m.number for m in group.meetings])
    _numbers_unique(data, "actiepunten", [a.number for a in group.actions])
    return group


def _problem(where: Where, phrase: str, /, **values: object) -> GroupError:
    return GroupError(t(phrase, where=where, **values))


def _known_keys(block: YamlMap, known: Sequence[str]) -> None:
    for key in block:
        if key not in known:
            raise _problem(
                block.key_where(key), "group.file_unknown_key", key=key, known=", ".join(known)
            )


def _text(block: YamlMap, key: str, required: bool = False) -> str | None:
    value = block.get(key)
    if value is None:
        if required:
            raise _problem(block.where_of(key), "group.file_missing", key=key)
        return None
    if not isinstance(value, YamlText):
        raise _problem(block.where_of(key), "group.file_not_text", key=key)
    return str(value)


def _name(block: YamlMap, key: str, required: bool = False) -> str | None:
    value = _text(block, key, required)
    if value is None:
        return None
    return _as_name(value, block.where_of(key))


def _as_name(value: str, where: Where) -> str:
    try:
        return clean_person(value)
    except GroupError as error:
        raise GroupError(f"{where}: {error}") from None


def _date(block: YamlMap, key: str, required: bool = False) -> date | None:
    value = _text(block, key, required)
    if value is None:
        return None
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise _problem(block.where_of(key), "group.file_bad_date", key=key, value=value) from None


def _number(block: YamlMap, key: str) -> int:
    value = _text(block, key, required=True)
    assert value is not None
    if not value.strip().isdigit() or not 1 <= int(value) <= 1_000_000:
        raise _problem(block.where_of(key), "group.file_bad_number", key=key, value=value)
    return int(value)


def _names(block: YamlMap, key: str) -> tuple[str, ...]:
    value = block.get(key)
    if value is None:
        return ()
    if not isinstance(value, YamlList):
        raise _problem(block.where_of(key), "group.file_not_list", key=key)
    names = []
    for index, item in enumerate(value):
        if not isinstance(item, YamlText):
            raise _problem(value.where_of(index), "group.file_not_text", key=key)
        names.append(_as_name(str(item), value.where_of(index)))
    _unique(names, [value.where_of(i) for i in range(len(names))])
    return tuple(names)


def _unique(names: Sequence[str], places: Sequence[Where]) -> None:
    """A name twice is reported where it is written the second time."""
    seen: set[str] = set()
    for name, where in zip(names, places, strict=True):
        if name.casefold() in seen:
            raise GroupError(f"{where}: {t('group.duplicate_name', name=name)}")
        seen.add(name.casefold())


def _numbers_unique(block: YamlMap, key: str, numbers: Sequence[int]) -> None:
    if len(set(numbers)) != len(numbers):
        duplicate = next(n for n in numbers if numbers.count(n) > 1)
        raise _problem(
            block.where_of(key), "group.file_duplicate_number", key=key, number=duplicate
        )


def _items(block: YamlMap, key: str, keys: Sequence[str], read: Callable[[YamlMap], T]) -> list[T]:
    value = block.get(key)
    if value is None:
        return []
    if not isinstance(value, YamlList):
        raise _problem(block.where_of(key), "group.file_not_list", key=key)
    items = []
    for index, item in enumerate(value):
        if not isinstance(item, YamlMap):
            raise _problem(value.where_of(index), "group.file_item_not_mapping", key=key)
        _known_keys(item, keys)
        items.append(read(item))
    return items


def _member(item: YamlMap) -> Member:
    name = _name(item, "naam", required=True)
    assert name is not None
    joined = _date(item, "sinds", required=True)
    assert joined is not None
    left = _date(item, "tot")
    if left is not None and left < joined:
        raise _problem(item.where_of("tot"), "group.file_left_before_joined", name=name)
    return Member(name, joined, left)


def _meeting(item: YamlMap) -> Meeting:
    day = _date(item, "datum", required=True)
    method = _text(item, "methode", required=True)
    assert day is not None and method is not None
    roles: list[tuple[Role, str]] = []
    for role in ROLES:
        holder = _name(item, role)
        if holder is not None:
            roles.append((role, holder))
    return Meeting(
        number=_number(item, "nummer"),
        day=day,
        method=" ".join(method.split()),
        present=_names(item, "aanwezig"),
        absent=_names(item, "afwezig"),
        roles=tuple(roles),
        case_owner=_name(item, "inbrenger"),
    )


def _action(item: YamlMap) -> ActionPoint:
    person = _name(item, "wie", required=True)
    day = _date(item, "datum", required=True)
    assert person is not None and day is not None
    text = _text(item, "tekst")
    if text is not None:
        try:
            text = clean_text(text) or None
        except GroupError:
            raise _problem(
                item.where_of("tekst"), "group.file_text_too_long", limit=MAX_TEXT
            ) from None
    return ActionPoint(
        number=_number(item, "nummer"),
        person=person,
        day=day,
        text=text,
        done=_date(item, "klaar"),
        looked_back=_date(item, "teruggeblikt"),
    )


def _roles(block: YamlMap) -> tuple[Role, ...]:
    if "rollen" not in block:
        return ("voorzitter",)
    value = block.get("rollen")
    if value is None:
        return ()
    if not isinstance(value, YamlList):
        raise _problem(block.where_of("rollen"), "group.file_not_list", key="rollen")
    roles: list[Role] = []
    for index, item in enumerate(value):
        if item not in ROLES or item in roles:
            raise _problem(
                value.where_of(index), "group.file_bad_role", value=item, known=", ".join(ROLES)
            )
        roles.append(cast(Role, str(item)))
    return tuple(r for r in ROLES if r in roles)


def _series(block: YamlMap) -> int | None:
    value = _text(block, "reeks")
    if value is None:
        return None
    low, high = SERIES_RANGE
    if not value.strip().isdigit() or not low <= int(value) <= high:
        raise _problem(
            block.where_of("reeks"), "group.file_bad_series", value=value, low=low, high=high
        )
    return int(value)

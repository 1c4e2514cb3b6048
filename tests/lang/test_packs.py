"""Every language pack says the same things: same keys, same placeholders."""

from __future__ import annotations

import string

import pytest

from facilitator.lang import AVAILABLE, get_pack

REFERENCE = "nl"


def placeholders(template: str) -> set[str]:
    return {
        field for _, field, _, _ in string.Formatter().parse(template) if field is not None
    }


@pytest.mark.parametrize("code", AVAILABLE)
def test_same_keys_as_reference(code: str) -> None:
    reference = set(get_pack(REFERENCE).phrases)
    keys = set(get_pack(code).phrases)
    assert sorted(reference - keys) == [], f"missing in {code}"
    assert sorted(keys - reference) == [], f"only in {code}"


@pytest.mark.parametrize("code", AVAILABLE)
def test_same_placeholders_as_reference(code: str) -> None:
    reference = get_pack(REFERENCE).phrases
    phrases = get_pack(code).phrases
    different = {
        key: (sorted(placeholders(reference[key])), sorted(placeholders(text)))
        for key, text in phrases.items()
        if key in reference and placeholders(reference[key]) != placeholders(text)
    }
    assert different == {}


@pytest.mark.parametrize("code", AVAILABLE)
def test_templates_are_well_formed(code: str) -> None:
    for key, text in get_pack(code).phrases.items():
        assert text.strip(), f"{code}: {key} is empty"
        fields = placeholders(text)  # raises on a broken template such as "{name"
        positional = {f for f in fields if f == "" or f.split(".")[0].split("[")[0].isdigit()}
        assert not positional, f"{code}: {key} has positional placeholders {positional}"


@pytest.mark.parametrize("code", AVAILABLE)
def test_keys_are_prefixed_with_a_section(code: str) -> None:
    for key in get_pack(code).phrases:
        section, dot, rest = key.partition(".")
        assert section and dot and rest, f"{code}: {key!r} has no section prefix"


@pytest.mark.parametrize("code", AVAILABLE)
def test_pack_speaks_numbers_and_durations(code: str) -> None:
    pack = get_pack(code)
    assert pack.number(2) and not any(c.isdigit() for c in pack.number(2))
    assert pack.duration(90) and not any(c.isdigit() for c in pack.duration(90))

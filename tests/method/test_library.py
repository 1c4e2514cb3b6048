"""Finding methods: the shipped folder, by name, by path, and the meeting frame."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from facilitator.errors import MethodError
from facilitator.lang import get_pack, set_language
from facilitator.method import library

REPO_METHODS = Path(__file__).resolve().parents[2] / "methods"
SHIPPED = {
    "afsluiting", "alleen-maar-advies", "basismodel", "creatieve-brein", "eerste-bijeenkomst",
    "modelling", "opening", "reflecterend-team", "roddelmethode", "vijf-stappen", "zeven-fasen",
}  # fmt: skip


@pytest.fixture(autouse=True)
def _dutch() -> Iterator[None]:
    before = get_pack().code
    set_language("nl")
    yield
    set_language(before)


def test_methods_dir_in_a_checkout_is_the_top_level_folder() -> None:
    assert library.methods_dir() == REPO_METHODS


def test_an_installed_package_prefers_its_data_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    package = tmp_path / "facilitator"
    data = package / "_data" / "methods"
    data.mkdir(parents=True)
    shutil.copy(REPO_METHODS / "roddelmethode.yaml", data / "roddelmethode.yaml")
    monkeypatch.setattr(library, "_PACKAGE", package)
    assert library.methods_dir() == data
    assert [m.name for m in library.list_methods()] == ["roddelmethode"]


def test_list_methods_gives_every_shipped_file_sorted() -> None:
    names = [m.name for m in library.list_methods()]
    assert names == sorted(SHIPPED)


def test_list_methods_by_kind() -> None:
    assert [m.name for m in library.list_methods("opening")] == ["opening"]
    assert [m.name for m in library.list_methods("closing")] == ["afsluiting"]
    assert [m.name for m in library.list_methods("agenda")] == ["eerste-bijeenkomst"]
    methods = {m.name for m in library.list_methods("method")}
    assert methods == SHIPPED - {"opening", "afsluiting", "eerste-bijeenkomst"}


@pytest.mark.parametrize(
    "name", ["roddelmethode", "Roddelmethode", "alleen maar advies", "ALLEEN_MAAR_ADVIES"]
)
def test_resolve_a_shipped_name_loosely(name: str) -> None:
    method = library.resolve(name)
    assert method.name == name.lower().replace(" ", "-").replace("_", "-")
    assert Path(method.source).parent == REPO_METHODS


def test_resolve_a_path(tmp_path: Path) -> None:
    own = tmp_path / "onze-variant.yml"
    own.write_text((REPO_METHODS / "vijf-stappen.yaml").read_text(encoding="utf-8"))
    for given in (own, str(own)):
        method = library.resolve(given)
        assert method.name == "onze-variant"
        assert method.source == str(own)


def test_resolve_a_file_without_suffix_in_the_current_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "mijnmethode").write_text(
        (REPO_METHODS / "modelling.yaml").read_text(encoding="utf-8")
    )
    monkeypatch.chdir(tmp_path)
    assert library.resolve("mijnmethode").title == "Modelling"


def test_resolve_a_missing_path() -> None:
    with pytest.raises(MethodError, match=r"^weg/nergens\.yaml: dit bestand bestaat niet"):
        library.resolve("weg/nergens.yaml")


@pytest.mark.parametrize(
    ("name", "advice"),
    [
        ("roddel", "bedoel je roddelmethode?"),
        ("reflecterend", "bedoel je reflecterend-team?"),
        ("refelcterend-team", "bedoel je reflecterend-team?"),
        ("vijfstappen", "bedoel je vijf-stappen?"),
        ("ing", "bedoel je een van deze: afsluiting, modelling, opening?"),
    ],
)
def test_unknown_names_suggest_the_closest(name: str, advice: str) -> None:
    with pytest.raises(MethodError) as caught:
        library.resolve(name)
    message = str(caught.value)
    assert message.startswith(f"'{name}' is geen bekende methode; ")
    assert advice in message


def test_an_unknown_name_without_anything_close_lists_all() -> None:
    with pytest.raises(MethodError) as caught:
        library.resolve("xyzzy")
    assert "beschikbaar zijn: afsluiting, alleen-maar-advies, basismodel" in str(caught.value)


def test_without_shipped_methods(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(library, "_PACKAGE", tmp_path / "facilitator")
    assert library.list_methods() == []
    assert library.find_frame("opening") is None
    with pytest.raises(MethodError, match="er zijn geen methodes gevonden"):
        library.resolve("roddelmethode")


def test_find_frame() -> None:
    opening = library.find_frame("opening")
    closing = library.find_frame("closing")
    assert opening is not None and opening.name == "opening" and opening.kind == "opening"
    assert closing is not None and closing.name == "afsluiting" and closing.kind == "closing"

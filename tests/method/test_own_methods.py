"""A group's own methods: found by name, listed, started from a template, checked.

Every test has its own data directory, room configuration and (empty) method search
path, so no test ever reads or writes the real user's folders.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from facilitator.cli.app import main
from facilitator.errors import ConfigError, MethodError
from facilitator.lang import get_pack, set_language, t
from facilitator.method import library
from facilitator.method.loader import load_method
from facilitator.paths import data_dir
from facilitator.room.config import load_config

SHIPPED = library.methods_dir()


@pytest.fixture(autouse=True)
def own_place(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A data directory, an empty room configuration and no FACILITATOR_METHODS."""
    data = tmp_path / "data"
    monkeypatch.setenv("FACILITATOR_DATA_DIR", str(data))
    monkeypatch.delenv(library.ENV_METHODS, raising=False)
    config = tmp_path / "room.toml"
    config.write_text("", encoding="utf-8")
    monkeypatch.setenv("FACILITATOR_CONFIG", str(config))
    before = get_pack().code
    set_language("nl")
    yield data / "methods"
    set_language(before)
    library.set_config_folders(())


@pytest.fixture
def own(own_place: Path) -> Path:
    """The own methods folder in the data directory (created)."""
    own_place.mkdir(parents=True)
    return own_place


def write_method(folder: Path, name: str, title: str, minutes: int = 10) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.yaml"
    path.write_text(
        f"titel: {title}\n"
        "doel: Een korte ronde om te testen.\n"
        "stappen:\n"
        "  - id: ronde\n"
        "    titel: Ronde\n"
        f"    duur: {minutes} min\n"
        "    instructie: Iedereen zegt kort hoe het gaat.\n",
        encoding="utf-8",
    )
    return path


def write_broken(folder: Path, name: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.yaml"
    path.write_text(
        "titel: Half af\ndoel: testen\nstappen:\n  - id: een\n    titel: Een\n"
        "    instructie: Doe iets.\n",
        encoding="utf-8",
    )
    return path


def invoke(*args: str, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), env=env)
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr


def rows(out: str) -> dict[str, str]:
    """The list's rows by name (continuation lines, which start with a space, left out)."""
    return {line.split()[0]: line for line in out.splitlines() if line and line[0] != " "}


def continuation(out: str, name: str) -> list[str]:
    """The indented lines under the row of ``name``."""
    lines = out.splitlines()
    start = next(i for i, line in enumerate(lines) if line.split()[:1] == [name])
    following = []
    for line in lines[start + 1 :]:
        if not line.startswith(" "):
            break
        following.append(line.strip())
    return following


# -- where own methods are found ------------------------------------------------------


def test_the_own_folder_is_in_the_data_directory(own_place: Path) -> None:
    assert library.own_methods_dir() == own_place == data_dir() / "methods"
    assert [f.origin for f in library.search_folders()] == ["data", "shipped"]


def test_an_own_method_is_found_by_its_name_loosely(own: Path) -> None:
    path = write_method(own, "onze-check-in", "Onze check-in")
    for name in ("onze-check-in", "Onze Check_In", "onze check in"):
        method = library.resolve(name)
        assert method.source == str(path)
        assert method.title == "Onze check-in"


def test_an_own_method_wins_over_a_shipped_one_of_the_same_name(own: Path) -> None:
    path = write_method(own, "roddelmethode", "Onze roddelmethode")
    assert library.resolve("roddelmethode").source == str(path)
    assert library.resolve("vijf-stappen").source == str(SHIPPED / "vijf-stappen.yaml")


def test_an_own_opening_frames_every_meeting(own: Path) -> None:
    path = own / "opening.yaml"
    path.write_text(
        "titel: Onze opening\ndoel: Beginnen.\nsoort: opening\nstappen:\n"
        "  - id: welkom\n    titel: Welkom\n    duur: 5 min\n    instructie: Welkom allemaal.\n",
        encoding="utf-8",
    )
    frame = library.find_frame("opening")
    assert frame is not None and frame.source == str(path)
    closing = library.find_frame("closing")
    assert closing is not None and closing.source == str(SHIPPED / "afsluiting.yaml")


def test_a_path_is_still_a_path(own: Path, tmp_path: Path) -> None:
    write_method(own, "los", "Uit de eigen map")
    elsewhere = write_method(tmp_path / "ergens", "los", "Van het pad")
    assert library.resolve(str(elsewhere)).title == "Van het pad"
    assert library.resolve("los").title == "Uit de eigen map"


def test_folders_in_the_environment_come_first_and_the_first_wins(
    own: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first, second = tmp_path / "eerste", tmp_path / "tweede"
    write_method(first, "gedeeld", "Uit de eerste map")
    write_method(second, "gedeeld", "Uit de tweede map")
    write_method(second, "alleen-tweede", "Alleen in de tweede")
    write_method(own, "gedeeld", "Uit de gegevensmap")
    monkeypatch.setenv(library.ENV_METHODS, os.pathsep.join([str(first), "", str(second)]))
    assert library.resolve("gedeeld").title == "Uit de eerste map"
    assert library.resolve("alleen-tweede").title == "Alleen in de tweede"
    assert [f.origin for f in library.search_folders()] == [
        "environment", "environment", "data", "shipped",
    ]  # fmt: skip


def test_the_order_is_environment_then_configuration_then_data_directory(
    own: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from_env, from_config = tmp_path / "omgeving", tmp_path / "kamer"
    for folder, where in ((from_env, "omgeving"), (from_config, "kamer"), (own, "gegevens")):
        write_method(folder, "overal", f"Uit {where}")
    write_method(from_config, "kamer-en-data", "Uit kamer")
    write_method(own, "kamer-en-data", "Uit gegevens")
    library.set_config_folders([from_config], tmp_path / "room.toml")
    assert library.resolve("kamer-en-data").title == "Uit kamer"
    monkeypatch.setenv(library.ENV_METHODS, str(from_env))
    assert library.resolve("overal").title == "Uit omgeving"


def test_the_same_folder_twice_is_searched_once(
    own: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(library.ENV_METHODS, str(own))
    library.set_config_folders([own, SHIPPED])
    assert [f.origin for f in library.search_folders()] == ["environment", "shipped"]


# -- the room configuration -------------------------------------------------------------


def test_configured_folders_are_relative_to_the_configuration(tmp_path: Path) -> None:
    config = tmp_path / "kamer" / "room.toml"
    config.parent.mkdir()
    config.write_text('method_folders = ["methodes", "/ergens/anders", "methodes"]\n')
    assert load_config(config).method_folders == (
        tmp_path / "kamer" / "methodes",
        Path("/ergens/anders"),
    )
    config.write_text('method_folders = "~/intervisie"\n')
    assert load_config(config).method_folders == (Path("~/intervisie").expanduser(),)


def test_a_configured_folder_that_is_no_path_is_a_clear_error(tmp_path: Path) -> None:
    config = tmp_path / "room.toml"
    config.write_text('language = "nl"\nmethod_folders = [3]\n')
    with pytest.raises(ConfigError) as caught:
        load_config(config)
    assert str(caught.value).startswith(f"{config}:2: 'method_folders'")
    assert t("records.config_expect_paths") in str(caught.value)


def test_the_cli_finds_methods_in_the_configured_folders(tmp_path: Path) -> None:
    config = tmp_path / "kamer.toml"
    config.write_text('method_folders = ["groep"]\n', encoding="utf-8")
    write_method(tmp_path / "groep", "groepsronde", "De ronde van de groep", minutes=7)
    code, out, err = invoke("--config", str(config), "methods", "show", "groepsronde")
    assert code == 0, err
    assert out.splitlines()[0] == "De ronde van de groep (7 min)"
    assert t("cli.methods.own", path=tmp_path / "groep" / "groepsronde.yaml") in out


# -- run and rehearse -------------------------------------------------------------------


def test_run_and_rehearse_find_an_own_method_by_name(own: Path) -> None:
    write_method(own, "korte-ronde", "Korte ronde", minutes=5)
    quick = ("--speed", "3600", "--text", "--advance", "--no-voice")
    code, out, err = invoke("run", "korte-ronde", "-n", "5", *quick)
    assert code == 0, err
    assert "Korte ronde" in out
    code, out, err = invoke("rehearse", "korte-ronde", "--step", "ronde", *quick)
    assert code == 0, err
    assert "5:00" in out


def test_unknown_name_advice_includes_own_names(own: Path) -> None:
    write_method(own, "onze-check-in", "Onze check-in")
    code, _, err = invoke("run", "onze-chek", "--text")
    assert code == 1
    assert err.strip() == t(
        "method.unknown_name",
        name="onze-chek",
        advice=t("method.did_you_mean", suggestion="onze-check-in"),
    )
    with pytest.raises(MethodError) as caught:
        library.resolve("xyzzy")
    assert "onze-check-in" in str(caught.value)
    assert "roddelmethode" in str(caught.value)


# -- methods list -----------------------------------------------------------------------


def test_list_marks_own_methods_with_their_file(own: Path) -> None:
    path = write_method(own, "onze-check-in", "Onze check-in", minutes=20)
    code, out, err = invoke("methods", "list")
    assert code == 0, err
    listed = rows(out)
    own_row = listed["onze-check-in"]
    assert "20 min" in own_row and "Onze check-in" in own_row
    assert own_row.endswith(f"[{t('cli.methods.own', path=path)}]")
    assert "[" not in listed["vijf-stappen"]  # shipped: no mark
    assert set(listed) == {p.stem for p in library.shipped_paths()} | {"onze-check-in"}
    assert t("cli.methods.none_own", folder=own) not in err


def test_list_says_which_shipped_and_own_files_are_replaced(
    own: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = tmp_path / "eerste"
    winner = write_method(first, "roddelmethode", "Onze roddelmethode")
    hidden = write_method(own, "roddelmethode", "Een oudere versie")
    monkeypatch.setenv(library.ENV_METHODS, str(first))
    code, out, err = invoke("methods", "list")
    assert code == 0, err
    assert [line.split()[0] for line in out.splitlines()].count("roddelmethode") == 1
    assert rows(out)["roddelmethode"].endswith(f"[{t('cli.methods.own', path=winner)}]")
    assert continuation(out, "roddelmethode") == [
        t("cli.methods.hides", path=hidden),
        t("cli.methods.replaces_shipped", path=SHIPPED / "roddelmethode.yaml"),
    ]


def test_a_broken_own_method_does_not_break_the_list(own: Path) -> None:
    write_method(own, "goede", "Een goede")
    broken = write_broken(own, "half-af")
    code, out, err = invoke("methods", "list")
    assert code == 0, err
    listed = rows(out)
    assert "Een goede" in listed["goede"]
    assert t("cli.methods.broken") in listed["half-af"]
    (message,) = continuation(out, "half-af")
    assert message.startswith(f"{broken}:4: ")
    with pytest.raises(MethodError) as caught:
        load_method(broken)
    assert message == str(caught.value)
    assert len(listed) == len(library.shipped_paths()) + 2


def test_list_warns_about_folders_that_are_not_there(
    own: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    missing = tmp_path / "weg"
    monkeypatch.setenv(library.ENV_METHODS, str(missing))
    code, _, err = invoke("methods", "list")
    assert code == 0
    origin = t("cli.methods.origin_environment")
    assert t("cli.methods.folder_missing", path=missing, origin=origin) in err


def test_list_without_own_methods_says_how_to_make_one(own_place: Path) -> None:
    code, out, err = invoke("methods", "list")
    assert code == 0
    assert sorted(rows(out)) == sorted(p.stem for p in library.shipped_paths())
    assert err.strip() == t("cli.methods.none_own", folder=own_place)


# -- methods new ------------------------------------------------------------------------


def test_new_writes_a_template_that_passes_check(own_place: Path) -> None:
    code, out, err = invoke("methods", "new", "Onze Check_in")
    assert code == 0, err
    path = own_place / "onze-check-in.yaml"
    assert out.splitlines()[0] == t("cli.methods.written", path=path)
    assert "facilitator methods check onze-check-in" in out
    method = library.resolve("onze-check-in")
    assert method.source == str(path)
    assert method.title == "Onze check in"
    assert method.planned_s == 30 * 60
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# ") and "instructie:" in text
    code, out, err = invoke("methods", "check", "onze-check-in")
    assert code == 0, err
    assert out.strip() == t("cli.check_ok", path=path, title="Onze check in", total="30 min")


def test_the_template_of_every_language_loads(own_place: Path, tmp_path: Path) -> None:
    for code in ("nl", "en"):
        set_language(code)
        made = library.create_method(f"sjabloon-{code}")
        assert made.method.planned_s == 30 * 60
        assert load_method(made.path).steps == made.method.steps


def test_new_from_a_shipped_method_copies_it_and_replaces_it(own_place: Path) -> None:
    code, out, err = invoke("methods", "new", "roddelmethode", "--from", "roddelmethode")
    assert code == 0, err
    path = own_place / "roddelmethode.yaml"
    original = SHIPPED / "roddelmethode.yaml"
    assert path.read_text(encoding="utf-8") == original.read_text(encoding="utf-8")
    assert t("cli.methods.copied_from", source=original) in out
    assert t("cli.methods.replaces_note", path=original) in out
    assert library.resolve("roddelmethode").source == str(path)
    assert invoke("methods", "check", "roddelmethode")[0] == 0


def test_new_from_an_own_method(own: Path) -> None:
    source = write_method(own, "basis", "Onze basis", minutes=12)
    code, _, err = invoke("methods", "new", "variant", "--from", "basis")
    assert code == 0, err
    assert (own / "variant.yaml").read_bytes() == source.read_bytes()
    assert library.resolve("variant").planned_s == 12 * 60


def test_new_never_overwrites(own: Path) -> None:
    existing = write_method(own, "bestaat", "Al lang hier")
    before = existing.read_bytes()
    code, _, err = invoke("methods", "new", "bestaat")
    assert code == 1
    assert err.strip() == t("cli.methods.exists", name="bestaat", path=existing)
    assert existing.read_bytes() == before
    other_suffix = own / "ook-al.yml"
    other_suffix.write_bytes(before)
    code, _, err = invoke("methods", "new", "ook-al", "--from", "vijf-stappen")
    assert code == 1
    assert err.strip() == t("cli.methods.exists", name="ook-al", path=other_suffix)
    assert not (own / "ook-al.yaml").exists()


def test_new_does_not_copy_a_broken_method(own: Path) -> None:
    broken = write_broken(own, "half-af")
    code, _, err = invoke("methods", "new", "heel", "--from", "half-af")
    assert code == 1
    assert err.startswith(f"{broken}:4: ")
    assert not (own / "heel.yaml").exists()


@pytest.mark.parametrize("name", ["../weg", "a/b", "-", "...", "naam!"])
def test_new_refuses_names_that_are_no_file_name(own_place: Path, name: str) -> None:
    code, _, err = invoke("methods", "new", name)
    assert code == 1
    assert err.strip() == t("cli.methods.bad_name", name=name)
    assert not own_place.exists() or not any(own_place.iterdir())


def test_new_in_another_folder(own: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    elsewhere = tmp_path / "los" / "nieuw"
    code, out, err = invoke("methods", "new", "apart", "--folder", str(elsewhere))
    assert code == 0, err
    path = elsewhere / "apart.yaml"
    assert path.is_file()
    assert err.strip() == t("cli.methods.not_searched", folder=elsewhere)
    assert f"facilitator methods check {path}" in out
    assert invoke("methods", "check", str(path))[0] == 0
    # Once the folder is searched, the name finds it.
    monkeypatch.setenv(library.ENV_METHODS, str(elsewhere))
    assert library.resolve("apart").source == str(path)


def test_new_warns_when_an_earlier_folder_has_the_name(
    own: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = write_method(tmp_path / "eerste", "dubbel", "Eerst gevonden")
    monkeypatch.setenv(library.ENV_METHODS, str(first.parent))
    code, out, err = invoke("methods", "new", "dubbel")
    assert code == 0, err
    assert err.strip() == t("cli.methods.hidden_note", path=first)
    assert f"facilitator methods check {own / 'dubbel.yaml'}" in out


def test_new_in_an_earlier_folder_says_what_it_hides(
    own: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    later = write_method(own, "dubbel", "Eerst hier")
    first = tmp_path / "eerste"
    monkeypatch.setenv(library.ENV_METHODS, str(first))
    code, _, err = invoke("methods", "new", "dubbel", "--folder", str(first))
    assert code == 0, err
    assert err.strip() == t("cli.methods.hides_note", path=later)
    assert library.resolve("dubbel").source == str(first / "dubbel.yaml")


def test_new_into_a_file_is_a_clear_error(tmp_path: Path) -> None:
    file = tmp_path / "een-bestand"
    file.write_text("niets\n")
    code, _, err = invoke("methods", "new", "x", "--folder", str(file))
    assert code == 1
    assert err.strip() == t("cli.methods.folder_is_file", path=file)


def test_check_by_name_of_a_shipped_method_and_an_unknown_name() -> None:
    code, out, _ = invoke("methods", "check", "vijf-stappen")
    assert code == 0 and str(SHIPPED / "vijf-stappen.yaml") in out
    code, _, err = invoke("methods", "check", "bestaat-niet")
    assert code == 1 and "bestaat-niet" in err


@pytest.mark.slow
def test_a_real_process_makes_an_own_method_and_runs_it_by_name(tmp_path: Path) -> None:
    """A group folder named in the room configuration, filled by `methods new`."""
    exe = str(Path(sys.executable).with_name("facilitator"))
    config = tmp_path / "kamer" / "room.toml"
    config.parent.mkdir()
    config.write_text('method_folders = ["onze-methodes"]\n', encoding="utf-8")
    folder = config.parent / "onze-methodes"
    env = {
        **os.environ,
        "FACILITATOR_CONFIG": str(config),
        "FACILITATOR_DATA_DIR": str(tmp_path / "data"),
        "FACILITATOR_STATE_DIR": str(tmp_path / "state"),
    }
    env.pop(library.ENV_METHODS, None)

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [exe, *args], capture_output=True, text=True, timeout=60, env=env,
            stdin=subprocess.DEVNULL, cwd=tmp_path,
        )  # fmt: skip

    made = run("methods", "new", "groepsronde", "--folder", str(folder))
    assert made.returncode == 0, made.stderr
    assert made.stderr == ""  # the folder is searched: nothing to warn about
    assert "facilitator methods check groepsronde" in made.stdout
    listed = run("methods", "list")
    assert listed.returncode == 0, listed.stderr
    path = folder / "groepsronde.yaml"
    assert t("cli.methods.own", path=path) in rows(listed.stdout)["groepsronde"]
    session = run("run", "groepsronde", "-n", "5", "--speed", "3600", "--text", "--no-voice")
    assert session.returncode == 0, session.stderr
    assert "Traceback" not in session.stderr
    assert "Adviesronde" in session.stdout

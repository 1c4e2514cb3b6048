"""The saved session's state, checked as a whole before anything uses it.

A state file can be stale (saved by another version), damaged, or edited by hand.
``state_problem`` checks every field the resume path reads: its type, that numbers
are finite and within what a meeting can be (no step of 10^300 seconds, no turn for
the 99th of five people), and that indexes point inside their lists. It answers with
a few words that say what is wrong, or ``None`` when the state can be used.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from typing import Any

DAY_S = 24 * 3600.0
MAX_STEPS = 1000
MAX_SEATS = 100
MAX_COUNT = 1_000_000
MAX_TEXT = 4096
MAX_PENDING_LINE = 64_000


class _Wrong(Exception):
    pass


def _int(value: object, where: str, low: int, high: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise _Wrong(f"{where}: {low}..{high}")
    return value


def _number(value: object, where: str, low: float, high: float) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise _Wrong(f"{where}: number")
    if not math.isfinite(value) or not low <= value <= high:
        raise _Wrong(f"{where}: {low:g}..{high:g}")
    return float(value)


def _text(value: object, where: str, limit: int = MAX_TEXT) -> str:
    if not isinstance(value, str) or len(value) > limit:
        raise _Wrong(f"{where}: text")
    return value


def _bool(value: object, where: str) -> bool:
    if not isinstance(value, bool):
        raise _Wrong(f"{where}: true/false")
    return value


def _optional(check: Callable[[object, str], object]) -> Callable[[object, str], object]:
    def checked(value: object, where: str) -> object:
        return None if value is None else check(value, where)

    return checked


def _mapping(value: object, where: str) -> Mapping[str, Any]:
    if not isinstance(value, dict):
        raise _Wrong(f"{where}: object")
    return value


def _list(value: object, where: str, limit: int) -> list[Any]:
    if not isinstance(value, list) or len(value) > limit:
        raise _Wrong(f"{where}: list")
    return value


_REQUEST: Mapping[str, Callable[[object, str], object]] = {
    "method": lambda v, w: _text(v, w) or _fail(w),
    "participants": _optional(_text),
    "group_size": _optional(lambda v, w: _int(v, w, 1, MAX_SEATS)),
    "case_owner": _optional(_text),
    "opening": _bool,
    "closing": _bool,
    "repeat_times": _optional(lambda v, w: _int(v, w, 1, 20)),
    "speed": lambda v, w: _number(v, w, 0.01, 3600.0),
    "text": _bool,
    "log_path": _optional(_text),
    "grace": _optional(lambda v, w: _number(v, w, 0.0, 3600.0)),
    "wait": _optional(_bool),
    "rehearse": _bool,
    "step_id": _optional(_text),
    "voice": _bool,
    "fit_s": _optional(lambda v, w: _number(v, w, 1.0, DAY_S)),
    "chair": _optional(_text),
    "group": _optional(_text),
    "absent": _optional(_text),
    "display": _bool,
    "remote": _bool,
    "port": _optional(lambda v, w: _int(v, w, 1024, 65535)),
}


def _fail(where: str) -> str:
    raise _Wrong(f"{where}: empty")


def _request(value: object) -> None:
    request = _mapping(value, "request")
    if "method" not in request:
        raise _Wrong("request.method: missing")
    for key, check in _REQUEST.items():
        if key in request:
            check(request[key], f"request.{key}")


_SNAPSHOT_KEYS = (
    "version",
    "step_ids",
    "elapsed_s",
    "index",
    "step_elapsed_s",
    "length_s",
    "extension_s",
    "warned",
    "time_up_s",
    "question",
    "paused",
    "turn_rounds",
    "turns",
)
_TURN_KEYS = (
    "order",
    "position",
    "round",
    "elapsed_s",
    "length_s",
    "cued_ending",
    "passes",
    "finished",
)


def _snapshot(value: object) -> None:
    snap = _mapping(value, "snapshot")
    for key in _SNAPSHOT_KEYS:
        if key not in snap:
            raise _Wrong(f"snapshot.{key}: missing")
    _int(snap.get("version"), "snapshot.version", 0, MAX_COUNT)
    ids = _list(snap.get("step_ids"), "snapshot.step_ids", MAX_STEPS)
    if not ids:
        raise _Wrong("snapshot.step_ids: empty")
    for number, step_id in enumerate(ids):
        _text(step_id, f"snapshot.step_ids[{number}]")
    _number(snap.get("elapsed_s"), "snapshot.elapsed_s", 0.0, 7 * DAY_S)
    _int(snap.get("index"), "snapshot.index", 0, len(ids) - 1)
    _number(snap.get("step_elapsed_s"), "snapshot.step_elapsed_s", 0.0, 7 * DAY_S)
    _number(snap.get("length_s"), "snapshot.length_s", 0.0, DAY_S)
    _number(snap.get("extension_s"), "snapshot.extension_s", 0.0, DAY_S)
    for number, at in enumerate(_list(snap.get("warned"), "snapshot.warned", MAX_STEPS)):
        _number(at, f"snapshot.warned[{number}]", 0.0, DAY_S)
    _optional(lambda v, w: _number(v, w, 0.0, 7 * DAY_S))(snap.get("time_up_s"), "time_up_s")
    _int(snap.get("question"), "snapshot.question", 0, MAX_COUNT)
    _bool(snap.get("paused"), "snapshot.paused")
    _int(snap.get("turn_rounds"), "snapshot.turn_rounds", 0, MAX_COUNT)
    if snap.get("turns") is not None:
        _turns(snap["turns"])
    _later_keys(snap)


def _later_keys(snap: Mapping[str, Any]) -> None:
    """Keys newer engines save, each optional: what was said in a step, and the
    inbrengers chosen so far."""
    if "reminded" in snap:
        for number, at in enumerate(_list(snap["reminded"], "snapshot.reminded", MAX_COUNT)):
            _int(at, f"snapshot.reminded[{number}]", 0, MAX_COUNT)
    if "invited" in snap:
        _bool(snap["invited"], "snapshot.invited")
    _optional(lambda v, w: _number(v, w, 0.0, DAY_S))(
        snap.get("deferred_warning"), "snapshot.deferred_warning"
    )
    if "deferred_notes" in snap:
        notes = _list(snap["deferred_notes"], "snapshot.deferred_notes", MAX_COUNT)
        for number, note in enumerate(notes):
            _text(note, f"snapshot.deferred_notes[{number}]")
    owners = snap.get("case_owners")
    if owners is not None:
        for topic, seat in _mapping(owners, "snapshot.case_owners").items():
            if not str(topic).isdigit() or int(topic) > MAX_COUNT:
                raise _Wrong("snapshot.case_owners: topic")
            _int(seat, f"snapshot.case_owners[{topic}]", 0, MAX_SEATS - 1)
    for key in ("choosing", "choice_topic"):
        _optional(lambda v, w: _int(v, w, 0, MAX_COUNT))(snap.get(key), f"snapshot.{key}")


def _turns(value: object) -> None:
    turns = _mapping(value, "snapshot.turns")
    for key in _TURN_KEYS:
        if key not in turns:
            raise _Wrong(f"snapshot.turns.{key}: missing")
    order = _list(turns.get("order"), "snapshot.turns.order", MAX_SEATS)
    for number, seat in enumerate(order):
        _int(seat, f"snapshot.turns.order[{number}]", 0, MAX_SEATS - 1)
    if not order:
        raise _Wrong("snapshot.turns.order: empty")
    finished = _bool(turns.get("finished"), "snapshot.turns.finished")
    # A finished round stands just past its last turn; a running one on a turn.
    last = len(order) if finished else len(order) - 1
    _int(turns.get("position"), "snapshot.turns.position", 0, last)
    _int(turns.get("round"), "snapshot.turns.round", 0, MAX_COUNT)
    _number(turns.get("elapsed_s"), "snapshot.turns.elapsed_s", 0.0, 7 * DAY_S)
    _number(turns.get("length_s"), "snapshot.turns.length_s", 0.0, DAY_S)
    _bool(turns.get("cued_ending"), "snapshot.turns.cued_ending")
    _int(turns.get("passes"), "snapshot.turns.passes", 0, MAX_COUNT)
    _bool(turns.get("finished"), "snapshot.turns.finished")


def state_problem(data: object) -> str | None:
    """What is wrong with the state ``data`` (parsed JSON), in a few words; or ``None``."""
    try:
        top = _mapping(data, "state")
        _request(top.get("request"))
        _snapshot(top.get("snapshot"))
        _text(top.get("saved_at"), "saved_at", 64)
        _optional(lambda v, w: _int(v, w, 0, 2**62))(top.get("log_size"), "log_size")
        _optional(lambda v, w: _number(v, w, 0.0, 7 * DAY_S))(top.get("t"), "t")
        pending = top.get("log_pending")
        if pending is not None:
            for number, line in enumerate(_list(pending, "log_pending", 1_000_000)):
                _text(line, f"log_pending[{number}]", MAX_PENDING_LINE)
    except _Wrong as wrong:
        return str(wrong)
    return None


def seats_fit(snapshot: Mapping[str, Any], seats: int) -> bool:
    """Whether every seat in the saved turn order belongs to one of ``seats`` people."""
    turns = snapshot.get("turns")
    if not isinstance(turns, dict):
        return True
    return all(isinstance(seat, int) and 0 <= seat < seats for seat in turns.get("order", ()))

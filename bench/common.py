"""What every benchmark shares: paths, method files, statistics, tables and result files.

Each benchmark writes ``bench/results/<name>.json`` in one shape, so that
``bench/summary.py`` can gather them into ``summary.md``::

    {"benchmark": name, "date": ..., "command": ..., "machine": {...},
     "targets": [{"name", "value", "unit", "limit", "ok", "note"}, ...],
     "details": {...}}

``ok`` is true or false when the value was measured, null when it could not be.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import platform
import shlex
import statistics
import sys
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import yaml

REPO = Path(__file__).resolve().parent.parent
BENCH = REPO / "bench"
RESULTS = BENCH / "results"
CACHE = BENCH / ".cache"
VENV_BIN = REPO / ".venv" / "bin"
STARTED = dt.datetime.now(dt.UTC)  # when this benchmark's process started
FACILITATOR = VENV_BIN / "facilitator"


@dataclass
class Target:
    """One number a benchmark promises, with its limit (``value < limit`` passes)."""

    name: str
    value: float | None
    unit: str
    limit: float | None = None
    note: str = ""
    ok: bool | None = field(default=None)

    def __post_init__(self) -> None:
        if self.ok is None and self.value is not None and self.limit is not None:
            self.ok = self.value < self.limit

    @property
    def shown(self) -> str:
        return "n/a" if self.value is None else number(self.value)

    @property
    def verdict(self) -> str:
        if self.limit is None:
            return ""
        return {True: "ok", False: "MISSED", None: "not measured"}[self.ok]


def number(value: float) -> str:
    if abs(value) >= 100:
        return f"{value:.0f}"
    if abs(value) >= 10:
        return f"{value:.1f}"
    return f"{value:.2f}"


def stats(values: Iterable[float]) -> dict[str, float | int | None]:
    """Count, median, mean, 95th percentile, min and max (None when empty)."""
    data = sorted(values)
    if not data:
        return {"count": 0, "median": None, "mean": None, "p95": None, "min": None, "max": None}
    p95 = data[min(len(data) - 1, round(0.95 * (len(data) - 1)))]
    return {
        "count": len(data),
        "median": statistics.median(data),
        "mean": statistics.fmean(data),
        "p95": p95,
        "min": data[0],
        "max": data[-1],
    }


def machine() -> dict[str, Any]:
    """What the numbers were measured on."""
    model = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        load = os.getloadavg()
    except OSError:
        load = (0.0, 0.0, 0.0)
    return {
        "cores": os.cpu_count(),
        "cpu": model,
        "kernel": platform.release(),
        "python": platform.python_version(),
        "load_at_start": [round(x, 2) for x in load],
    }


def command_line() -> str:
    """How this benchmark was started, relative to the repository."""
    script = Path(sys.argv[0]).resolve()
    try:
        shown = str(script.relative_to(REPO))
    except ValueError:
        shown = str(script)
    return shlex.join([".venv/bin/python", shown, *sys.argv[1:]])


def write_results(
    name: str, targets: Sequence[Target], details: dict[str, Any], results: Path = RESULTS
) -> Path:
    results.mkdir(parents=True, exist_ok=True)
    path = results / f"{name}.json"
    now = dt.datetime.now(dt.UTC)
    record = {
        "benchmark": name,
        "date": now.astimezone().isoformat(timespec="seconds"),
        "started": STARTED.astimezone().isoformat(timespec="seconds"),
        "duration_s": round((now - STARTED).total_seconds(), 1),
        "command": command_line(),
        "machine": machine(),
        "targets": [asdict(target) for target in targets],
        "details": details,
    }
    path.write_text(json.dumps(record, indent=2, ensure_ascii=False) + "\n")
    return path


def table(headers: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    """A plain text table with columns lined up."""
    cells = [[str(h) for h in headers]] + [[str(c) for c in row] for row in rows]
    widths = [max(len(row[i]) for row in cells) for i in range(len(headers))]
    lines = ["  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)) for row in cells]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(line.rstrip() for line in lines)


def print_targets(title: str, targets: Sequence[Target]) -> None:
    print(f"\n{title}")
    rows = [
        (
            t.name,
            f"{t.shown} {t.unit}",
            "" if t.limit is None else f"< {number(t.limit)}",
            t.verdict,
        )
        for t in targets
    ]
    print(table(("measure", "value", "target", ""), rows))
    for t in targets:
        if t.note:
            print(f"  {t.name}: {t.note}")


@dataclass(frozen=True)
class StepSpec:
    """One step of a benchmark's method file (durations as the loader reads them)."""

    id: str
    duration: str
    title: str = ""
    instruction: str = "Ga verder."
    warnings: tuple[str, ...] | None = None
    per_turn: str | None = None  # makes it a turn round
    again: bool = False
    who: str | None = None


def method_yaml(title: str, steps: Sequence[StepSpec]) -> str:
    """The text of a method file with these steps."""
    items: list[dict[str, Any]] = []
    for step in steps:
        item: dict[str, Any] = {
            "id": step.id,
            "titel": step.title or step.id.replace("-", " ").capitalize(),
            "duur": step.duration,
            "instructie": step.instruction,
        }
        if step.per_turn is not None:
            item["wie"] = step.who or "ieder"
            item["beurten"] = {
                "per_beurt": step.per_turn,
                "rondgaan": "ja" if step.again else "nee",
            }
        elif step.who is not None:
            item["wie"] = step.who
        if step.warnings is not None:
            item["waarschuwingen"] = list(step.warnings)
        items.append(item)
    document = {
        "titel": title,
        "doel": "Meten hoe precies de facilitator de tijd houdt.",
        "stappen": items,
    }
    return yaml.safe_dump(document, allow_unicode=True, sort_keys=False)


def write_method(folder: Path, name: str, title: str, steps: Sequence[StepSpec]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.yaml"
    path.write_text(method_yaml(title, steps))
    return path


def checkpoints(request: Any, session: Any, folder: Path) -> Any:
    """What ``run_session`` gives the runner: the session's state saved (atomically,
    synced) for recovery after every change, here into ``folder``."""
    from facilitator.meeting.recovery import FILE_NAME, StateStore

    store = StateStore(folder / FILE_NAME)
    saved = request.to_json()

    def save(now: float) -> None:
        store.save(saved, session.snapshot(now))

    return save


def isolated_env(folder: Path, **settings: object) -> dict[str, str]:
    """This process's environment for a ``facilitator`` subprocess that touches none of
    the user's files: its own room configuration (with ``settings``), data folder (no
    speech model) and state folder (no session to resume)."""
    env = dict(os.environ)
    env.pop("FACILITATOR_MODEL", None)
    for name, variable in (("data", "FACILITATOR_DATA_DIR"), ("state", "FACILITATOR_STATE_DIR")):
        path = folder / name
        path.mkdir(parents=True, exist_ok=True)
        env[variable] = str(path)
    env["FACILITATOR_CONFIG"] = str(room_config(folder / "config", **settings))
    return env


def fresh_state(env: dict[str, str], folder: Path) -> dict[str, str]:
    """``env`` with a state folder of its own: an earlier run that was ended with SIGTERM
    leaves its state behind, and ``facilitator run`` would offer to resume it."""
    import tempfile

    folder.mkdir(parents=True, exist_ok=True)
    return {**env, "FACILITATOR_STATE_DIR": tempfile.mkdtemp(prefix="state-", dir=folder)}


def room_config(folder: Path, **settings: object) -> Path:
    """A room configuration file (TOML) with these settings, for subprocess runs."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "room.toml"
    lines = []
    for key, value in settings.items():
        if isinstance(value, str):
            lines.append(f"{key} = {json.dumps(value)}")
        elif isinstance(value, list | tuple):
            lines.append(f"{key} = [{', '.join(str(v) for v in value)}]")
        else:
            lines.append(f"{key} = {value}")
    path.write_text("\n".join(lines) + "\n")
    return path

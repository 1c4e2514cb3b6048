"""Gathers bench/results/*.json into bench/results/summary.md (one table per benchmark).

Run: ``.venv/bin/python bench/summary.py`` (``bash bench/run`` does it at the end).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from common import RESULTS, number

ORDER = ("timing", "drift", "startup", "cost", "compare", "voice")


def load(results: Path) -> list[dict[str, Any]]:
    found = []
    for path in sorted(results.glob("*.json")):
        try:
            record = json.loads(path.read_text())
        except (OSError, json.JSONDecodeError):
            continue
        if isinstance(record, dict):
            record.setdefault("benchmark", path.stem)
            found.append(record)

    def rank(record: dict[str, Any]) -> tuple[int, str]:
        name = str(record["benchmark"])
        return (ORDER.index(name) if name in ORDER else len(ORDER), name)

    return sorted(found, key=rank)


def _cell(text: object) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def _plain_fields(record: dict[str, Any]) -> list[str]:
    """A result file in another shape: its top-level numbers and words, as a table."""
    rows = [
        (key, value)
        for key, value in record.items()
        if key not in ("benchmark", "command", "date", "machine")
        and isinstance(value, str | int | float)
        and not isinstance(value, bool)
    ]
    if not rows:
        return ["(no numbers at the top of this result file)", ""]
    lines = ["| field | value |", "| --- | --- |"]
    for key, value in rows[:20]:
        shown = number(float(value)) if isinstance(value, int | float) else value
        lines.append(f"| {_cell(key)} | {_cell(shown)} |")
    return [*lines, ""]


def render(records: Sequence[dict[str, Any]]) -> str:
    lines = ["# Benchmark results", ""]
    if records:
        machine = records[0].get("machine", {})
        lines += [
            f"Machine: {machine.get('cores', '?')} cores ({machine.get('cpu', '?')}), Linux "
            f"{machine.get('kernel', '?')}, Python {machine.get('python', '?')}; no sound card: "
            "the sound goes into a virtual PulseAudio room (a null sink, recorded from its "
            "monitor).",
            "",
            "Produced by `bash bench/run`; each section names its own command and date.",
            "",
        ]
    for record in records:
        lines += [f"## {record['benchmark']}", ""]
        lines.append(f"`{record.get('command', '?')}` — {record.get('date', '?')}")
        if record.get("duration_s") is not None:
            lines[-1] += f" — took {record['duration_s']:.0f} s"
        load_avg = record.get("machine", {}).get("load_at_start")
        if load_avg:
            lines[-1] += f" — load average at start {load_avg[0]}"
        lines.append("")
        targets = record.get("targets")
        if not isinstance(targets, list) or not targets:
            lines += _plain_fields(record)
            continue
        lines += ["| measure | value | target | | note |", "| --- | --- | --- | --- | --- |"]
        for target in targets:
            value = target.get("value")
            shown = "n/a" if value is None else f"{number(float(value))} {target.get('unit', '')}"
            limit = target.get("limit")
            verdict = {True: "ok", False: "**missed**", None: ""}[target.get("ok")]
            if limit is not None and target.get("ok") is None:
                verdict = "not measured"
            lines.append(
                "| "
                + " | ".join(
                    _cell(x)
                    for x in (
                        target.get("name", ""),
                        shown.strip(),
                        "" if limit is None else f"< {number(float(limit))}",
                        verdict,
                        target.get("note", ""),
                    )
                )
                + " |"
            )
        lines.append("")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    results = Path(argv[0]) if argv else RESULTS
    text = render(load(results))
    target = results / "summary.md"
    target.write_text(text)
    print(f"summary: {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

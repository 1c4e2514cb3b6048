"""facilitator next to termdown, for one time box of 60 s.

termdown is a countdown timer for the terminal that can speak (it starts
``espeak-ng -v VOICE TEXT`` for each announcement: "30 seconds", "20 seconds",
"10 seconds", "5 seconds", then "3", "2", "1", and rings the terminal bell at 0). It
is installed at benchmark time into a throwaway virtual environment in
``bench/.cache`` (never a dependency of facilitator).

Both run in a pseudo-terminal (as a person would start them), speak into the
virtual room, and are sampled from /proc:

- CPU: seconds over the run and % of one core; for termdown its espeak-ng children
  are counted too (they are separate processes);
- memory: peak RSS of the program itself, and the largest total of the program and
  its children alive at one moment;
- end of the box, from the command: termdown's bell in the terminal, facilitator's
  time-up chime in the room, against the moment the command was given + 60 s;
- cues against the program's own end: each spoken (termdown) or chimed (facilitator,
  warnings at 30 s and 10 s) cue's start in the room, against the end cue minus the
  time it announces. For termdown that includes starting an espeak-ng process per cue.

Run: ``.venv/bin/python bench/compare.py [--seconds 60]``.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from common import (
    CACHE,
    FACILITATOR,
    StepSpec,
    Target,
    isolated_env,
    print_targets,
    stats,
    table,
    write_method,
    write_results,
)
from procstat import TreeSampler
from terminal import PtyProcess

NAME = "compare"
TERMDOWN_VENV = CACHE / "termdown-venv"
TERMDOWN_VOICE = "nl"
# What termdown says, as seconds before the end (60 s box, default --critical 3).
TERMDOWN_CUES = (60, 30, 20, 10, 5, 3, 2, 1)
FACILITATOR_WARNINGS = (30, 10)


def install_termdown(venv: Path = TERMDOWN_VENV) -> tuple[Path | None, str]:
    """termdown in its own virtual environment; (its script, its version) or (None, why)."""
    script = venv / "bin" / "termdown"
    if not script.exists():
        venv.parent.mkdir(parents=True, exist_ok=True)
        try:
            subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=120)
            subprocess.run(
                [str(venv / "bin" / "python"), "-m", "pip", "install", "-q", "termdown"],
                check=True,
                timeout=300,
                capture_output=True,
            )
        except (OSError, subprocess.SubprocessError) as error:
            return None, f"could not install termdown: {error}"
    try:
        version = subprocess.run(
            [str(script), "--version"], capture_output=True, text=True, timeout=30
        ).stdout.strip()
    except (OSError, subprocess.SubprocessError) as error:
        return None, f"termdown does not run: {error}"
    return script, version


@dataclass
class Tool:
    name: str
    version: str = ""
    spawned: float = 0.0
    first_output: float | None = None
    end_cue: float | None = None  # monotonic
    end_cue_kind: str = ""
    cue_onsets: list[float] = field(default_factory=list)  # monotonic, in the room
    cue_errors_ms: list[float] = field(default_factory=list)
    cpu_s: float | None = None
    tree_cpu_s: float | None = None
    wall_s: float | None = None
    peak_rss_mb: float | None = None
    peak_tree_rss_mb: float | None = None
    children: int = 0
    returncode: int | None = None
    notes: list[str] = field(default_factory=list)

    @property
    def end_error_ms(self) -> float | None:
        return None if self.end_cue is None else (self.end_cue - self.spawned - BOX_S[0]) * 1000

    def as_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "version": self.version,
            "end_cue": self.end_cue_kind,
            "end_error_ms": self.end_error_ms,
            "first_output_s": None
            if self.first_output is None
            else round(self.first_output - self.spawned, 3),
            "cue_errors_ms": [round(x, 1) for x in self.cue_errors_ms],
            "cpu_s": self.cpu_s,
            "tree_cpu_s": self.tree_cpu_s,
            "wall_s": self.wall_s,
            "cpu_pct": None
            if not self.wall_s or self.tree_cpu_s is None
            else self.tree_cpu_s / self.wall_s * 100,
            "peak_rss_mb": self.peak_rss_mb,
            "peak_tree_rss_mb": self.peak_tree_rss_mb,
            "child_processes": self.children,
            "returncode": self.returncode,
            "notes": self.notes,
        }


BOX_S = [60.0]  # the box's length; a list so that --seconds can set it


def run_in_room(tool: Tool, argv: Sequence[str], env: dict[str, str], limit_s: float) -> Any:
    """Runs ``argv`` in a terminal while recording the room; returns the recording."""
    from audiolab import timed_recording

    with timed_recording() as recording:
        pty = PtyProcess.spawn(argv, env)
        tool.spawned = pty.spawned
        sampler = TreeSampler(pty.process.pid, interval_s=0.02).start()
        tool.returncode = pty.finish(timeout=limit_s)
        ended = time.monotonic()
        sampler.stop()
        recording.wait_for(0.3)
    tool.first_output = pty.first_output()
    tool.wall_s = ended - tool.spawned
    if sampler.samples:
        tool.cpu_s = sampler.samples[-1].cpu_s
    tool.tree_cpu_s = sampler.tree_cpu_s
    tool.peak_rss_mb = sampler.peak_rss_mb
    tool.peak_tree_rss_mb = sampler.peak_tree_rss_mb
    tool.children = len(sampler.child_pids)
    tool._pty = pty  # type: ignore[attr-defined]
    return recording


def bursts(recording: Any, after: float) -> list[float]:
    """Monotonic starts of the bursts of sound in the recording after ``after``."""
    from audiolab import onsets

    start = recording.index_at(after)
    return [recording.time_of(start + i) for i in onsets(recording.samples[start:], recording.rate)]


def assign(
    heard: Sequence[float], end: float, before: Sequence[float], slack_s: float = 0.6
) -> list[float]:
    """For each cue ``before`` seconds before ``end``, the error (ms) of the first sound
    that starts within ``slack_s`` after (or 0.1 s before) its moment; missing cues are left out."""
    errors = []
    for seconds in before:
        due = end - seconds
        near = [t for t in heard if due - 0.1 <= t <= due + slack_s]
        if near:
            errors.append((near[0] - due) * 1000)
    return errors


def run_termdown(script: Path, version: str, env: dict[str, str]) -> Tool:
    tool = Tool("termdown", version)
    box = BOX_S[0]
    argv = [str(script), f"{box:g}", "-W", "-v", TERMDOWN_VOICE]
    recording = run_in_room(tool, argv, env, limit_s=box + 20)
    pty: PtyProcess = tool._pty  # type: ignore[attr-defined]
    bell = pty.first_byte(b"\a")
    tool.end_cue, tool.end_cue_kind = bell, "terminal bell (no sound in the room)"
    if bell is None:
        tool.notes.append("no bell seen")
        return tool
    heard = bursts(recording, tool.spawned)
    tool.cue_onsets = heard
    tool.cue_errors_ms = assign(heard, bell, [c for c in TERMDOWN_CUES if c <= box])
    if not heard:
        tool.notes.append("nothing heard in the room: is espeak-ng reaching PulseAudio?")
    return tool


def run_facilitator(workdir: Path) -> Tool:
    box = BOX_S[0]
    warnings = tuple(f"{w} s" for w in FACILITATOR_WARNINGS if w < box)
    method = write_method(
        workdir,
        "box",
        "Tijdvak",
        [StepSpec("vak", f"{box:g} s", "Tijdvak", "Werk door.", warnings=warnings)],
    )
    tool = Tool("facilitator", _facilitator_version())
    env = isolated_env(workdir, grace_s=0)
    argv = [str(FACILITATOR), "run", str(method), "--no-voice"]
    recording = run_in_room(tool, argv, env, limit_s=box + 30)
    heard = bursts(recording, tool.spawned + box - 0.5)
    # The time-up chime: the first sound from half a second before the planned end on.
    if not heard:
        tool.notes.append("no time-up chime heard")
        return tool
    tool.end_cue, tool.end_cue_kind = heard[0], "time-up chime in the room"
    every = bursts(recording, tool.spawned)
    tool.cue_onsets = every
    tool.cue_errors_ms = assign(every, heard[0], [w for w in FACILITATOR_WARNINGS if w < box])
    return tool


def _facilitator_version() -> str:
    try:
        out = subprocess.run(
            [str(FACILITATOR), "--version"], capture_output=True, text=True, timeout=30
        )
        return out.stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return ""


def summarise(tools: Sequence[Tool], missing: str | None) -> tuple[list[Target], dict[str, Any]]:
    targets: list[Target] = []
    for tool in tools:
        d = tool.as_dict()
        cues = stats(abs(x) for x in tool.cue_errors_ms)
        targets += [
            Target(
                f"{tool.name}: CPU over the box (with children)",
                d["cpu_pct"],
                "% of a core",
                note=f"{tool.tree_cpu_s:.2f} s in {tool.wall_s:.1f} s; {tool.children} children"
                if tool.tree_cpu_s is not None and tool.wall_s
                else "",
            ),
            Target(
                f"{tool.name}: peak RSS",
                tool.peak_rss_mb,
                "MB",
                note=f"with children alive at once: {tool.peak_tree_rss_mb:.1f} MB"
                if tool.peak_tree_rss_mb
                else "",
            ),
            Target(
                f"{tool.name}: end of the box vs command + {BOX_S[0]:g} s",
                tool.end_error_ms,
                "ms",
                note=tool.end_cue_kind,
            ),
            Target(
                f"{tool.name}: cues vs its own end (median |error|)",
                cues["median"],
                "ms",
                note=f"max {cues['max']:.0f} ms over {cues['count']} cues"
                if cues["count"]
                else "no cues",
            ),
        ]
    if missing:
        targets.append(Target("termdown", None, "", note=missing))
    return targets, {"box_s": BOX_S[0], "tools": [tool.as_dict() for tool in tools]}


def print_tools(tools: Sequence[Tool]) -> None:
    def show(value: float | None, fmt: str) -> str:
        return "-" if value is None else format(value, fmt)

    rows = []
    for tool in tools:
        d = tool.as_dict()
        cues = stats(abs(x) for x in tool.cue_errors_ms)
        rows.append(
            (
                tool.name,
                show(d["tree_cpu_s"], ".2f"),
                show(d["cpu_pct"], ".2f"),
                show(tool.peak_rss_mb, ".1f"),
                show(tool.peak_tree_rss_mb, ".1f"),
                show(tool.end_error_ms, ".0f"),
                show(cues["median"], ".0f"),
                show(cues["max"], ".0f"),
            )
        )
    headers = (
        "program",
        "CPU s",
        "CPU %",
        "peak RSS MB",
        "with children MB",
        "end error ms",
        "cue error ms (median)",
        "(max)",
    )
    print(table(headers, rows))


def main(argv: Sequence[str] | None = None) -> int:
    from audiolab import start_room

    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--seconds", type=float, default=60.0, help="length of the time box")
    args = parser.parse_args(argv)
    BOX_S[0] = args.seconds
    script, version = install_termdown()
    missing = None if script is not None else version
    tools: list[Tool] = []
    room = start_room()
    try:
        env = dict(os.environ)
        env.pop("FACILITATOR_MODEL", None)
        with tempfile.TemporaryDirectory(prefix="bench-compare-") as tmp:
            if script is not None:
                print(f"compare: termdown, {args.seconds:g} s ...", file=sys.stderr, flush=True)
                tools.append(run_termdown(script, version, env))
            print(f"compare: facilitator, {args.seconds:g} s ...", file=sys.stderr, flush=True)
            tools.append(run_facilitator(Path(tmp)))
    finally:
        room.stop()
    targets, details = summarise(tools, missing)
    print()
    print_tools(tools)
    print_targets(f"facilitator next to termdown ({args.seconds:g} s box, both speaking)", targets)
    write_results(NAME, targets, details)
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Cost: CPU and memory of a real ``facilitator run`` during a meeting.

Each way runs a one-step meeting of ``--step`` seconds (default 45) at real speed
in the virtual room, as a subprocess sampled from /proc every 0.1 s (no psutil):

- CPU between announcements: % of one core over the quiet stretch from 15 s after
  the start (the opening sentences are over) to 2 s before the time is up;
- CPU over the whole run and the peak resident memory (VmHWM);
- threads at the end of the quiet stretch.

Ways, each with ``--no-voice`` unless said otherwise:

- ``--text`` with its output in a pipe;
- speech, in a terminal (a pseudo-terminal: the live screen redraws and the
  keyboard is read, as in a meeting room);
- voice on with ``FACILITATOR_MODEL`` at a folder that looks like a model but is
  not one (the model is loaded in the background, fails, and the session goes on
  with the keyboard: what it costs to try);
- voice on with a real model, only when ``--model PATH`` names one (no Dutch vosk
  model can be had on this machine).

Targets with voice off: under 2% of one core between announcements, under 80 MB.

Run: ``.venv/bin/python bench/cost.py [--step 45] [--model PATH]``.
"""

from __future__ import annotations

import argparse
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from common import (
    FACILITATOR,
    StepSpec,
    Target,
    fresh_state,
    isolated_env,
    print_targets,
    table,
    write_method,
    write_results,
)
from procstat import TreeSampler, mapped_libraries, read_stat
from startup import fake_model
from terminal import PtyProcess

NAME = "cost"
TARGET_IDLE_CPU = 2.0  # % of one core
TARGET_RSS_MB = 80.0
QUIET_FROM_S = 15.0
QUIET_UNTIL_BEFORE_END_S = 2.0
GRACE_S = 2.0


@dataclass
class Measurement:
    way: str
    step_s: float
    idle_cpu_pct: float | None = None
    idle_window_s: float | None = None
    total_cpu_s: float | None = None
    wall_s: float | None = None
    peak_rss_mb: float | None = None
    threads: int | None = None
    vosk_loaded: bool = False
    returncode: int | None = None
    notes: list[str] = field(default_factory=list)

    @property
    def total_cpu_pct(self) -> float | None:
        if self.total_cpu_s is None or not self.wall_s:
            return None
        return self.total_cpu_s / self.wall_s * 100


def run_way(
    way: str, argv: Sequence[str], env: dict[str, str], step_s: float, in_terminal: bool
) -> Measurement:
    result = Measurement(way, step_s)
    pty: PtyProcess | None = None
    if in_terminal:
        pty = PtyProcess.spawn(argv, env)
        process: subprocess.Popen[bytes] = pty.process
        spawned = pty.spawned
    else:
        spawned = time.monotonic()
        process = subprocess.Popen(
            list(argv),
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
    sampler = TreeSampler(process.pid, interval_s=0.1).start()
    quiet_from = spawned + QUIET_FROM_S
    quiet_until = spawned + step_s - QUIET_UNTIL_BEFORE_END_S
    libraries: set[str] = set()
    while process.poll() is None and time.monotonic() < quiet_until:
        time.sleep(0.2)
        if not libraries:
            libraries = mapped_libraries(process.pid)
    stat = read_stat(process.pid)
    result.threads = stat.threads if stat else None
    libraries |= mapped_libraries(process.pid)
    result.vosk_loaded = any("vosk" in name for name in libraries)
    deadline = spawned + step_s + GRACE_S + 30.0
    while process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.1)
    if process.poll() is None:
        result.notes.append("did not end by itself; sent SIGTERM")
        process.send_signal(signal.SIGTERM)
    result.returncode = pty.finish() if pty is not None else process.wait(timeout=10)
    ended = time.monotonic()
    sampler.stop()
    window = sampler.window(quiet_from, quiet_until)
    if window is not None and window[1] > 0:
        result.idle_cpu_pct = window[0] / window[1] * 100
        result.idle_window_s = window[1]
    if sampler.samples:
        result.total_cpu_s = sampler.samples[-1].cpu_s
        result.wall_s = ended - spawned
    result.peak_rss_mb = sampler.peak_rss_mb or None
    return result


def measure(step_s: float, model: Path | None, workdir: Path) -> list[Measurement]:
    from audiolab import start_room

    method = write_method(
        workdir,
        "cost",
        "Kostentest",
        [StepSpec("stil", f"{step_s:g} s", "Stil werken", "Ieder werkt stil.", warnings=())],
    )
    model_stand_in = fake_model(workdir / "fake-model")
    command = [str(FACILITATOR), "run", str(method)]
    room = start_room()
    try:
        env = isolated_env(workdir, grace_s=GRACE_S)
        stand_in = {**env, "FACILITATOR_MODEL": str(model_stand_in)}
        ways: list[tuple[str, list[str], dict[str, str], bool]] = [
            ("voice off, --text", [*command, "--no-voice", "--text"], env, False),
            ("voice off, speech", [*command, "--no-voice"], env, True),
            ("voice on, model fails to load", command, stand_in, True),
        ]
        if model is not None:
            ways.append(("voice on", command, {**env, "FACILITATOR_MODEL": str(model)}, True))
        results = []
        for way, argv, way_env, in_terminal in ways:
            print(f"cost: {way} ({step_s:g} s) ...", file=sys.stderr, flush=True)
            way_env = fresh_state(way_env, workdir / "states")
            results.append(run_way(way, argv, way_env, step_s, in_terminal))
        return results
    finally:
        room.stop()


def summarise(
    results: Sequence[Measurement], model: Path | None
) -> tuple[list[Target], dict[str, Any]]:
    targets: list[Target] = []
    for r in results:
        voice_off = r.way.startswith("voice off")
        targets.append(
            Target(
                f"{r.way}: CPU between announcements",
                r.idle_cpu_pct,
                "% of a core",
                TARGET_IDLE_CPU if voice_off else None,
            )
        )
        targets.append(
            Target(f"{r.way}: peak RSS", r.peak_rss_mb, "MB", TARGET_RSS_MB if voice_off else None)
        )
    if model is None:
        targets.append(
            Target(
                "voice on, listening",
                None,
                "",
                note="not measured: no vosk model on this machine (pass --model PATH)",
            )
        )
    details = {
        "step_s": results[0].step_s if results else None,
        "quiet_window_s": [QUIET_FROM_S, f"time-up - {QUIET_UNTIL_BEFORE_END_S:g}"],
        "ways": [
            {
                "way": r.way,
                "idle_cpu_pct": r.idle_cpu_pct,
                "idle_window_s": r.idle_window_s,
                "total_cpu_s": r.total_cpu_s,
                "total_cpu_pct": r.total_cpu_pct,
                "wall_s": r.wall_s,
                "peak_rss_mb": r.peak_rss_mb,
                "threads": r.threads,
                "vosk_loaded": r.vosk_loaded,
                "returncode": r.returncode,
                "notes": r.notes,
            }
            for r in results
        ],
    }
    return targets, details


def print_results(results: Sequence[Measurement]) -> None:
    def show(value: float | None, fmt: str) -> str:
        return "-" if value is None else format(value, fmt)

    rows = [
        (
            r.way,
            show(r.idle_cpu_pct, ".2f"),
            show(r.total_cpu_s, ".2f"),
            show(r.total_cpu_pct, ".2f"),
            show(r.peak_rss_mb, ".1f"),
            r.threads,
            "yes" if r.vosk_loaded else "no",
            r.returncode,
        )
        for r in results
    ]
    headers = (
        "way",
        "idle CPU %",
        "CPU s",
        "CPU % (run)",
        "peak RSS MB",
        "threads",
        "vosk",
        "exit",
    )
    print(table(headers, rows))


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--step", type=float, default=45.0, help="length of the meeting's step (s)")
    parser.add_argument("--model", type=Path, help="a real vosk model, for the voice-on run")
    args = parser.parse_args(argv)
    if args.step < QUIET_FROM_S + QUIET_UNTIL_BEFORE_END_S + 5:
        parser.error(f"--step must be at least {QUIET_FROM_S + QUIET_UNTIL_BEFORE_END_S + 5:g} s")
    with tempfile.TemporaryDirectory(prefix="bench-cost-") as tmp:
        results = measure(args.step, args.model, Path(tmp))
    targets, details = summarise(results, args.model)
    print()
    print_results(results)
    print_targets("Cost of a running meeting", targets)
    write_results(NAME, targets, details)
    return 0


if __name__ == "__main__":
    sys.exit(main())

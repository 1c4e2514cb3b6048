"""Start-up: from the command to the first printed line and to the first sound.

``facilitator run <method> --speed 10`` is started as a subprocess inside the
virtual room, which is being recorded. Measured from just before the process is
spawned:

- *first line*: the first line on its standard output (the welcome, printed when
  the session starts);
- *first sound*: the start of the welcome sentence in the room's recording.

Three ways, each ``--repeat`` times: ``--text`` (no sound), with speech, and with
speech while ``FACILITATOR_MODEL`` points at a folder that looks like a vosk model
(the files a model needs, filled with junk), so that whatever loads a model at start
has to deal with one (it loads in the background, fails, and the session goes on
with the keyboard after one notice on stderr). The report says whether the process
mapped libvosk, and when the first notice came. Target: both under 1 s.

Run: ``.venv/bin/python bench/startup.py [--repeat 5]``.
"""

from __future__ import annotations

import argparse
import signal
import subprocess
import sys
import tempfile
import threading
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
    stats,
    table,
    write_method,
    write_results,
)
from procstat import mapped_libraries

NAME = "startup"
TARGET_S = 1.0
SPEED = 10.0
LISTEN_AFTER_LINE_S = 2.5  # keep recording this long after the first line
MODEL_FILES = (
    "am/final.mdl",
    "conf/mfcc.conf",
    "conf/model.conf",
    "graph/HCLr.fst",
    "graph/Gr.fst",
    "graph/disambig_tid.int",
)


def fake_model(folder: Path) -> Path:
    """A folder with a vosk model's layout; its files hold no model."""
    for name in MODEL_FILES:
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"not a model\n")
    (folder / "README").write_text("fake model for bench/startup.py\n")
    return folder


@dataclass
class Launch:
    """One start of ``facilitator run`` and what came out of it."""

    mode: str
    spawned: float  # monotonic, just before Popen
    first_line: float | None = None
    first_stderr: float | None = None
    first_sound: float | None = None
    stderr: list[str] = field(default_factory=list)
    libraries: set[str] = field(default_factory=set)
    returncode: int | None = None

    def after(self, t: float | None) -> float | None:
        return None if t is None else t - self.spawned

    @property
    def vosk_loaded(self) -> bool:
        return any("vosk" in name for name in self.libraries)


def _read_lines(stream: Any, on_first: Any, keep: list[str] | None) -> None:
    first = True
    for line in stream:
        if first:
            on_first(time.monotonic())
            first = False
        if keep is not None:
            keep.append(line.rstrip("\n"))


def launch(
    command: Sequence[str],
    env: dict[str, str],
    mode: str,
    listen_s: float = LISTEN_AFTER_LINE_S,
    timeout_s: float = 20.0,
) -> Launch:
    """Starts ``command``, notes its first lines, lets it run ``listen_s`` more, ends it."""
    result = Launch(mode, time.monotonic())
    process = subprocess.Popen(
        command,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )

    def set_line(t: float) -> None:
        result.first_line = t

    def set_stderr(t: float) -> None:
        result.first_stderr = t

    readers = [
        threading.Thread(target=_read_lines, args=(process.stdout, set_line, None), daemon=True),
        threading.Thread(
            target=_read_lines, args=(process.stderr, set_stderr, result.stderr), daemon=True
        ),
    ]
    for reader in readers:
        reader.start()
    deadline = time.monotonic() + timeout_s
    while result.first_line is None and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.005)
    end = time.monotonic() + listen_s
    while process.poll() is None and time.monotonic() < end:
        result.libraries |= mapped_libraries(process.pid)
        time.sleep(0.1)
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
    try:
        result.returncode = process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        result.returncode = process.wait()
    for reader in readers:
        reader.join(timeout=2)
    for stream in (process.stdout, process.stderr):
        if stream is not None:
            stream.close()
    return result


def baseline(env: dict[str, str]) -> float:
    """Seconds for the bare interpreter to start and exit (what no program can beat)."""
    python = str(Path(FACILITATOR).parent / "python")
    began = time.monotonic()
    subprocess.run([python, "-c", "pass"], env=env, check=True)
    return time.monotonic() - began


def measure(
    repeat: int, workdir: Path, with_room: bool = True
) -> tuple[list[Launch], dict[str, Any]]:
    from audiolab import first_onset, start_room, timed_recording

    method = write_method(
        workdir, "start", "Starttest", [StepSpec("begin", "1 min", "Begin", "Vertel kort iets.")]
    )
    model = fake_model(workdir / "fake-model")
    command = [str(FACILITATOR), "run", str(method), "--speed", f"{SPEED:g}"]
    launches: list[Launch] = []
    room = start_room() if with_room else None  # points os.environ at the room
    try:
        env = isolated_env(workdir)
        modes: list[tuple[str, list[str], dict[str, str]]] = [
            ("text", [*command, "--text"], env),
            ("speech", command, env),
            ("speech + model", command, {**env, "FACILITATOR_MODEL": str(model)}),
        ]
        extra = {"interpreter_s": round(baseline(env), 3)}
        for _ in range(repeat):
            for mode, argv, mode_env in modes:
                mode_env = fresh_state(mode_env, workdir / "states")
                if room is None or mode == "text":
                    launches.append(launch(argv, mode_env, mode, listen_s=0.2))
                    continue
                with timed_recording() as recording:
                    result = launch(argv, mode_env, mode)
                    recording.wait_for(0.2)
                onset = first_onset(
                    recording.samples, recording.rate, recording.index_at(result.spawned)
                )
                if onset is not None:
                    result.first_sound = recording.time_of(onset)
                launches.append(result)
    finally:
        if room is not None:
            room.stop()
    return launches, extra


def summarise(
    launches: Sequence[Launch], extra: dict[str, Any]
) -> tuple[list[Target], dict[str, Any]]:
    targets: list[Target] = []
    by_mode: dict[str, dict[str, Any]] = {}
    for mode in dict.fromkeys(launch.mode for launch in launches):
        runs = [launch for launch in launches if launch.mode == mode]
        lines = [t for t in (r.after(r.first_line) for r in runs) if t is not None]
        sounds = [t for t in (r.after(r.first_sound) for r in runs) if t is not None]
        line_stats = stats(lines)
        sound_stats = stats(sounds)
        targets.append(
            Target(f"{mode}: command -> first line (median)", line_stats["median"], "s", TARGET_S)
        )
        if mode != "text":
            targets.append(
                Target(
                    f"{mode}: command -> first sound (median)",
                    sound_stats["median"],
                    "s",
                    TARGET_S,
                    note=f"max {sound_stats['max']:.3f} s over {sound_stats['count']} runs"
                    if sounds
                    else "no sound heard",
                )
            )
        stderr = sorted({line for r in runs for line in r.stderr if line.strip()})
        notices = [t for t in (r.after(r.first_stderr) for r in runs) if t is not None]
        by_mode[mode] = {
            "runs": len(runs),
            "first_notice_s": stats(notices),
            "first_line_s": line_stats,
            "first_sound_s": sound_stats,
            "stderr_lines": stderr[:10],
            "vosk_loaded": any(r.vosk_loaded for r in runs),
            "returncodes": sorted({r.returncode for r in runs if r.returncode is not None}),
        }
    model_mode = by_mode.get("speech + model")
    if model_mode is not None:
        loaded = model_mode["vosk_loaded"]
        notice = model_mode["first_notice_s"]["median"]
        targets.append(
            Target(
                "speech + model: command -> voice notice (median)",
                notice,
                "s",
                note=(
                    "libvosk was loaded: the background model loading ran, failed on the"
                    " stand-in and said so once"
                    if loaded
                    else "libvosk never loaded: `facilitator run` did not try the model"
                ),
            )
        )
    return targets, {"modes": by_mode, **extra, "speed": SPEED}


def print_launches(launches: Sequence[Launch]) -> None:
    rows = []
    for r in launches:
        line = r.after(r.first_line)
        sound = r.after(r.first_sound)
        notice = r.after(r.first_stderr)
        rows.append(
            (
                r.mode,
                "-" if line is None else f"{line:.3f}",
                "-" if sound is None else f"{sound:.3f}",
                "-" if notice is None else f"{notice:.3f}",
                "yes" if r.vosk_loaded else "no",
                r.returncode,
            )
        )
    headers = ("mode", "first line s", "first sound s", "first notice s", "vosk", "exit")
    print(table(headers, rows))


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--repeat", type=int, default=5, help="starts per way")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="bench-startup-") as tmp:
        launches, extra = measure(args.repeat, Path(tmp))
    targets, details = summarise(launches, extra)
    print()
    print_launches(launches)
    print_targets("Start-up (from the command)", targets)
    print(f"  the bare interpreter starts and exits in {extra['interpreter_s']:.3f} s")
    write_results(NAME, targets, details)
    return 0


if __name__ == "__main__":
    sys.exit(main())

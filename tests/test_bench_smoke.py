"""The benchmarks' cores on tiny inputs, so that they do not rot (bench/README.md).

The benchmarks themselves take minutes and are not run here: only the parts that
measure and analyse, on made-up sound, short processes and a few-second meeting.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np
import pytest

BENCH = Path(__file__).resolve().parent.parent / "bench"
sys.path.insert(0, str(BENCH))

import audiolab  # noqa: E402
import common  # noqa: E402
import compare  # noqa: E402
import cost  # noqa: E402
import drift  # noqa: E402
import procstat  # noqa: E402
import startup  # noqa: E402
import summary  # noqa: E402
import timing  # noqa: E402
from terminal import PtyProcess  # noqa: E402

RATE = 22050


def tone(seconds: float, freq: float = 440.0) -> np.ndarray:
    n = round(seconds * RATE)
    return (0.4 * np.sin(2 * np.pi * freq * np.arange(n) / RATE)).astype(np.float32)


def test_onsets_are_found_to_the_millisecond() -> None:
    recording = np.zeros(RATE * 3, dtype=np.float32)
    burst = tone(0.3)
    for at in (0.5, 1.25, 2.0):
        i = round(at * RATE)
        recording[i : i + len(burst)] = burst
    found = audiolab.onsets(recording, RATE)
    assert [round(i / RATE, 3) for i in found] == [0.5, 1.25, 2.0]
    onset = audiolab.first_onset(recording, RATE, round(0.9 * RATE))
    assert onset is not None and abs(onset - round(1.25 * RATE)) <= 1  # a sine starts at 0
    at, score = audiolab.best_match(recording, burst, round(1.0 * RATE), round(1.8 * RATE))
    assert at == round(1.25 * RATE) and score > 0.99


def test_recording_clock_follows_a_drifting_sample_clock() -> None:
    recording = audiolab.TimedRecording(RATE)
    rng = np.random.default_rng(1)
    true_step = 1 / (RATE * 1.0003)  # the monitor runs 300 ppm fast
    count = 0
    for _ in range(1000):  # 10 s of 10 ms blocks, delivered 0-15 ms late
        count += 220
        recording.stamps.append((100.0 + count * true_step + rng.uniform(0, 0.015), count))
    origin, step = recording.clock()
    assert abs(step - true_step) / true_step < 2e-5
    assert abs(origin - 100.0) < 0.002


def synthetic_run() -> timing.Run:
    """A meeting as the timing benchmark records it: a sentence at t=0 and a warning
    chime then a sentence at t=2, with known delays."""
    origin, started = 50.0, 50.5
    speech, chime = tone(0.4, 300), tone(0.2, 900)
    recording = np.zeros(RATE * 4, dtype=np.float32)
    plays = []
    for start, sound in ((started + 0.030, speech), (started + 2.004, chime)):
        i = round((start - origin) * RATE)
        recording[i : i + len(sound)] = sound
        plays.append(timing.PlayStamp(start, start + len(sound) / RATE - 0.04, sound, RATE))
    # the sentence after the chime follows it back to back
    follow = plays[1].start + len(chime) / RATE
    i = round((follow - origin) * RATE)
    recording[i : i + len(speech)] = speech
    plays.append(timing.PlayStamp(follow, follow + 0.36, speech, RATE))
    log = [
        {"t": 0.0, "event": "session_started"},
        {"t": 0.0, "event": "step_started"},
        {"t": 2.0, "event": "warning"},
    ]
    calls = [
        timing.Call(started + 0.001, "say", "Welkom."),
        timing.Call(started + 2.001, "play", "warning"),
        timing.Call(started + 2.001, "say", "Nog even."),
    ]
    return timing.Run(recording, RATE, origin, 1 / RATE, started, log, calls, plays, [])


def test_timing_analysis_splits_on_time_and_queued_sounds() -> None:
    run = synthetic_run()
    items = timing.analyse(run)
    assert [(i.kind, i.on_time) for i in items] == [("say", True), ("play", True), ("say", False)]
    assert items[0].error_ms == pytest.approx(30, abs=1)
    assert items[1].error_ms == pytest.approx(4, abs=1)
    assert items[1].wake_ms == pytest.approx(1, abs=0.1)
    assert abs(items[2].error_ms) < 1  # back to back
    targets, details = timing.summarise(run, items)
    assert targets[0].value == pytest.approx(17, abs=1) and targets[0].ok
    json.dumps(details)


def test_drift_runs_a_short_meeting_on_both_clocks(tmp_path: Path) -> None:
    steps = [common.StepSpec("a", "40 s", warnings=("20 s",)), common.StepSpec("b", "20 s")]
    scaled = drift.run("scaled", steps, 600.0, 1.0, tmp_path)
    real = drift.real_time(0.02, tmp_path)
    for result in (scaled, real):
        assert result.logged_end_s == result.planned_end_s
        assert 0 <= result.end_ms < 200
    targets, details = drift.summarise([scaled, real])
    assert targets[0].limit == drift.TARGET_END_MS
    json.dumps(details)


def test_startup_times_a_command_and_its_fake_model_looks_real(tmp_path: Path) -> None:
    from facilitator.speech import model_store

    assert model_store.is_model(startup.fake_model(tmp_path / "model"))
    code = "import time; time.sleep(0.05); print('hallo', flush=True); time.sleep(5)"
    launched = startup.launch([sys.executable, "-c", code], {}, "text", listen_s=0.1)
    line = launched.after(launched.first_line)
    assert line is not None and 0.05 <= line < 2
    assert launched.returncode is not None and launched.returncode != 0  # ended by SIGTERM
    targets, _ = startup.summarise([launched], {"interpreter_s": 0.01})
    assert targets[0].ok


def test_process_sampling_sees_cpu_memory_and_children() -> None:
    import subprocess

    code = (
        "import subprocess, sys, time\n"
        "child = subprocess.Popen([sys.executable, '-c', 'import time; time.sleep(0.4)'])\n"
        "end = time.monotonic() + 0.4\n"
        "while time.monotonic() < end: pass\n"
        "child.wait()\n"
    )
    process = subprocess.Popen([sys.executable, "-c", code])
    sampler = procstat.TreeSampler(process.pid, interval_s=0.02).start()
    process.wait()
    sampler.stop()
    assert sampler.samples and sampler.samples[-1].cpu_s >= 0.2
    assert sampler.peak_rss_mb > 1
    assert len(sampler.child_pids) == 1
    window = sampler.window(sampler.samples[0].t, sampler.samples[-1].t)
    assert window is not None and window[0] > 0
    stat = procstat.read_stat(procstat.os.getpid())
    assert stat is not None and stat.threads >= 1


def test_cost_summary_marks_voice_on_as_not_measured() -> None:
    measured = cost.Measurement("voice off, --text", 50, idle_cpu_pct=0.1, peak_rss_mb=40)
    targets, _ = cost.summarise([measured], None)
    assert [t.ok for t in targets] == [True, True, None]


def test_terminal_runs_a_program_and_sees_its_bell() -> None:
    pty = PtyProcess.spawn(["sh", "-c", "sleep 0.1; printf 'klaar\\a'"], {"PATH": "/usr/bin:/bin"})
    assert pty.finish(timeout=5) == 0
    bell = pty.first_byte(b"\a")
    assert bell is not None and bell - pty.spawned >= 0.1
    assert b"klaar" in pty.output


def test_compare_assigns_cues_to_their_moments() -> None:
    end = 100.0
    heard = [40.05, 70.04, 80.2, 99.3]
    errors = compare.assign(heard, end, (60, 30, 20, 1))
    assert errors == pytest.approx([50, 40, 200, 300])
    tool = compare.Tool("x", spawned=39.9, end_cue=end)
    tool.cue_errors_ms = errors
    targets, details = compare.summarise([tool], "termdown not installed")
    assert targets[-1].value is None
    json.dumps(details)


def test_summary_gathers_result_files(tmp_path: Path) -> None:
    targets = [common.Target("median error", 3.2, "ms", 20.0), common.Target("voice", None, "")]
    common.write_results("timing", targets, {}, results=tmp_path)
    (tmp_path / "other.json").write_text(json.dumps({"recognised_pct": 97.5, "model": "x"}))
    assert summary.main([str(tmp_path)]) == 0
    text = (tmp_path / "summary.md").read_text()
    assert "## timing" in text and "| median error | 3.20 ms | < 20.0 | ok |" in text
    assert "## other" in text and "| recognised_pct | 97.5 |" in text and "n/a" in text


def test_method_files_load(tmp_path: Path) -> None:
    from facilitator.method.loader import load_method

    for steps in (timing.STEPS, drift.two_hour_steps(), drift.timed_steps(600, 5)):
        method = load_method(common.write_method(tmp_path, "m", "Meting", steps))
        assert len(method.steps) == len(steps)

"""Timing precision: from the planned moment to the start of its sound in the room.

A short method (steps of 25-55 s, a turn round, warnings) runs at real time through
the real pieces: ``open_output`` (espeak-ng voice and chimes, played with
sounddevice), ``Session`` and ``Runner`` with the monotonic clock, a session log and
the recovery checkpoints that ``run_session`` saves. Everything goes into the
virtual PulseAudio room, whose monitor is recorded with a clock (``audiolab``).
Afterwards every sound is found in the recording and set against its planned
moment from the session log.

Two kinds of sound are told apart:

- *on time*: the first sound of a planned moment, when the loudspeaker was free;
  its error is ``sound start - planned moment``. The targets are about these.
- *queued*: a sound that waits for the one before it (the sentence after a chime,
  the first turn after a step's announcement); its delay is measured from the end
  of the sound before it.

To find out where lateness comes from, the output's player and synthesizer are
wrapped (observed only) and each on-time sound's delay is split into: the runner
waking late, waiting for synthesis, and the device (stream open to sound).

Run: ``.venv/bin/python bench/timing.py`` (about 2.5 minutes).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
from common import (
    StepSpec,
    Target,
    checkpoints,
    print_targets,
    stats,
    table,
    write_method,
    write_results,
)

NAME = "timing"
PARTICIPANTS = "Anna,Bram,Carla,Daan"
CASE_OWNER = "Anna"
GRACE_S = 4.0

STEPS = (
    StepSpec("begin", "30 s", "Begin", "Iedereen vertelt kort hoe het gaat.", warnings=("10 s",)),
    StepSpec(
        "rondje",
        "55 s",
        "Rondje",
        "Zeg om de beurt één zin.",
        warnings=("3 s",),
        per_turn="15 s",
    ),
    StepSpec("afronding", "25 s", "Afronding", "Sluit kort af.", warnings=("8 s",)),
)

TARGET_MEDIAN_MS = 20.0
TARGET_MAX_MS = 100.0
MATCH_TOLERANCE_MS = 10.0  # energy onset and template match may differ this much


# --- observing the output -------------------------------------------------------------
@dataclass
class Call:
    """One call the runner made on the output."""

    t: float  # monotonic
    kind: str  # say | play | supersede
    value: str | None


@dataclass
class PlayStamp:
    start: float  # monotonic, when the player was asked to play
    end: float  # when it returned
    samples: Any  # float32 samples of the sound
    rate: int


@dataclass
class SynthStamp:
    text: str
    start: float
    end: float
    duration_s: float  # length of the speech


class StampedOutput:
    """Passes every call on to the real output and notes when it came."""

    def __init__(self, inner: Any) -> None:
        self.inner = inner
        self.calls: list[Call] = []

    def say(self, text: str, generation: int, at: float = 0.0) -> None:
        self.calls.append(Call(time.monotonic(), "say", text))
        self.inner.say(text, generation, at)

    def play(self, sound_name: str, generation: int, at: float = 0.0) -> None:
        self.calls.append(Call(time.monotonic(), "play", sound_name))
        self.inner.play(sound_name, generation, at)

    def supersede(self, generation: int) -> None:
        self.calls.append(Call(time.monotonic(), "supersede", None))
        self.inner.supersede(generation)

    def outdate(self, before: float) -> None:
        self.inner.outdate(before)

    def busy(self) -> bool:
        return bool(self.inner.busy())

    def wait_idle(self, timeout: float) -> bool:
        return bool(self.inner.wait_idle(timeout))

    def close(self, timeout: float = 5.0) -> None:
        self.inner.close(timeout)


class StampedPlayer:
    def __init__(self, inner: Any) -> None:
        self.inner = inner
        self.plays: list[PlayStamp] = []
        self._lock = threading.Lock()

    def play(self, sound: Any, cancel: threading.Event | None = None) -> None:
        start = time.monotonic()
        try:
            self.inner.play(sound, cancel)
        finally:
            with self._lock:
                self.plays.append(PlayStamp(start, time.monotonic(), sound.samples, sound.rate))

    def stop(self) -> None:
        self.inner.stop()


class StampedSynthesizer:
    def __init__(self, inner: Any) -> None:
        self.inner = inner
        self.stamps: list[SynthStamp] = []

    def synthesize(self, text: str) -> Any:
        start = time.monotonic()
        sound = self.inner.synthesize(text)
        self.stamps.append(SynthStamp(text, start, time.monotonic(), sound.duration_s))
        return sound


def observe(output: Any) -> tuple[StampedPlayer, StampedSynthesizer | None]:
    """Wraps the player and synthesizer that ``open_output`` put into its AudioOutput."""
    from facilitator.speech.output import AudioOutput

    if not isinstance(output, AudioOutput):
        raise SystemExit(f"timing: open_output gave {type(output).__name__}, not a voice")
    player = StampedPlayer(output._player)
    output._player = player
    synthesizer = None
    if output._synthesizer is not None:
        synthesizer = StampedSynthesizer(output._synthesizer)
        output._synthesizer = synthesizer
    return player, synthesizer


# --- the run --------------------------------------------------------------------------
@dataclass
class Run:
    recording: Any  # samples (float32)
    rate: int
    origin: float  # monotonic time of sample 0
    step: float  # seconds per sample of the recording, on the monotonic clock
    started: float  # monotonic time of session time 0
    log: list[dict[str, Any]]
    calls: list[Call]
    plays: list[PlayStamp]
    synth: list[SynthStamp]
    problems: list[str] = field(default_factory=list)
    measurement: dict[str, Any] = field(default_factory=dict)
    chime_tails: dict[str, dict[str, float]] = field(default_factory=dict)

    def time_of(self, index: float) -> float:
        return self.origin + index * self.step

    def index_of(self, t: float) -> int:
        return max(0, round((t - self.origin) / self.step))


def run_meeting(workdir: Path, steps: Sequence[StepSpec] = STEPS) -> Run:
    from audiolab import sink_latency_ms, start_room, timed_recording

    from facilitator.lang import get_pack, set_language
    from facilitator.meeting.clock import MonotonicClock
    from facilitator.meeting.engine import Session
    from facilitator.meeting.runner import Runner
    from facilitator.meeting.session import (
        SessionRequest,
        parse_participants,
        plan_for,
        settings_for,
    )
    from facilitator.meeting.sessionlog import SessionLog, read_log
    from facilitator.room.config import RoomConfig
    from facilitator.room.view import PlainDisplay
    from facilitator.speech.output import open_output

    set_language("nl")
    method = write_method(workdir, "timing", "Tijdmeting", steps)
    log_path = workdir / "timing.jsonl"
    request = SessionRequest(
        method=str(method), participants=PARTICIPANTS, case_owner=CASE_OWNER, log_path=log_path
    )
    people = parse_participants(request.participants, None, request.case_owner)
    _, plan = plan_for(request, people)
    settings = settings_for(request, RoomConfig(grace_s=GRACE_S))
    problems: list[str] = []

    room = start_room()
    try:
        output = open_output(None, None, None, "nl", problems.append)
        player, synthesizer = observe(output)
        stamped = StampedOutput(output)
        with timed_recording() as recording:
            recording.wait_for(0.5)
            session = Session(plan, settings, get_pack())
            with SessionLog(log_path) as log:
                save = checkpoints(request, session, workdir)
                display = PlainDisplay(sys.stderr)
                runner = Runner(session, MonotonicClock(), stamped, log, display, save)
                runner.run()
            output.close(timeout=20.0)
            latency = sink_latency_ms(room)
            recording.wait_for(0.5)
        tails = chime_tails()
        assert session.started_at is not None
        origin, step = recording.clock()
        problems.extend(recording.problems)
        return Run(
            recording=recording.samples,
            rate=recording.rate,
            origin=origin,
            step=step,
            started=session.started_at,
            log=read_log(log_path),
            calls=stamped.calls,
            plays=list(player.plays),
            synth=list(synthesizer.stamps) if synthesizer else [],
            problems=problems,
            measurement={"sink_latency_ms": latency, "delivery_ms": recording.delivery_ms()},
            chime_tails=tails,
        )
    finally:
        room.stop()


def chime_tails() -> dict[str, dict[str, float]]:
    """Plays each chime alone (in the room, which must be open) and measures how much
    of its end is missing from the recording, and how loud it was where it stopped."""
    from audiolab import first_onset, last_sound, timed_recording

    from facilitator.speech.audio import SOUND_NAMES, SoundDevicePlayer, load_sound

    player = SoundDevicePlayer()
    found: dict[str, dict[str, float]] = {}
    for name in SOUND_NAMES:
        sound = load_sound(name)
        with timed_recording(sound.rate) as recording:
            player.play(sound)
            recording.wait_for(0.3)
        heard = recording.samples
        start = first_onset(heard, sound.rate)
        lead = first_onset(sound.samples, sound.rate) or 0
        end = last_sound(heard, sound.rate)
        tail = last_sound(sound.samples, sound.rate) or len(sound.samples)
        if start is None or end is None:
            continue
        lost = (tail - lead) - (end - start)
        cut = max(0, min(len(sound.samples) - 1, tail - lost))
        window = np.abs(sound.samples[max(0, cut - 110) : cut + 1])
        peak = float(np.max(np.abs(sound.samples))) or 1.0
        level = float(np.max(window)) if len(window) else 0.0
        found[name] = {
            "lost_ms": round(lost / sound.rate * 1000, 1),
            "level_at_cut_db": round(20 * np.log10(max(level, 1e-6) / peak), 1),
        }
    return found


# --- the analysis ---------------------------------------------------------------------
@dataclass
class Item:
    """One sound, from the runner's call to its start in the room."""

    kind: str  # say | play
    value: str
    moment: float  # planned session time (from the log)
    events: list[str]  # log events at that moment
    call_t: float  # monotonic
    play_start: float
    onset: float  # monotonic: audible start in the room
    lead_s: float  # silence at the start of the sound itself
    length_s: float
    on_time: bool  # first sound of its moment, loudspeaker free
    error_ms: float  # on time: onset - planned moment; queued: onset - end of the previous
    wake_ms: float  # runner called the output this late after the planned moment
    wait_ms: float  # from the call until the player started it
    device_ms: float  # from the player starting it to its first sample in the room
    matched: bool  # energy onset agrees with the template match
    at: int = 0  # recording index where the sound's first sample landed
    tail: int = 0  # samples until the sound itself falls silent
    tail_lost_ms: float | None = None  # how much of its end never reached the room
    gap_ms: float | None = None  # queued: silence heard between the previous sound and this

    def label(self) -> str:
        if self.kind == "play":
            return f"chime {self.value}"
        words = self.value.split()
        return "speech: " + " ".join(words[:4]) + (" ..." if len(words) > 4 else "")


def planned_moment(log: Sequence[dict[str, Any]], session_t: float) -> tuple[float, list[str]]:
    """The latest logged moment at or before ``session_t``, and its events.

    The runner calls the output in the same batch as the log entry of the deadline
    that fell due; log times are rounded to 1 ms, hence the tolerance.
    """
    times = sorted({float(r["t"]) for r in log if float(r["t"]) <= session_t + 0.0015})
    moment = times[-1] if times else 0.0
    return moment, [str(r["event"]) for r in log if float(r["t"]) == moment]


def analyse(run: Run) -> list[Item]:
    from audiolab import best_match, first_onset, last_sound, resample_to

    sounding = [
        c for c in run.calls if c.kind == "play" or (c.kind == "say" and (c.value or "").strip())
    ]
    if len(sounding) != len(run.plays):
        run.problems.append(f"{len(sounding)} sounds asked for, {len(run.plays)} played")
    rec = run.recording
    rate = run.rate
    items: list[Item] = []
    previous_end: float | None = None  # monotonic: where the previous sound stopped sounding
    previous_nominal_end: float | None = None
    for call, play in zip(sounding, run.plays, strict=False):
        template = resample_to(np.asarray(play.samples, dtype=np.float32), play.rate, rate)
        lead = first_onset(template, rate)
        lead_i = 0 if lead is None else lead
        tail = last_sound(template, rate) or len(template)
        moment, events = planned_moment(run.log, call.t - run.started)
        planned = run.started + moment
        # Where the template fits best, around the moment the player started it.
        lo = run.index_of(play.start - 0.15)
        hi = run.index_of(play.end + 0.5)
        at, _score = best_match(rec, template, lo, hi)
        matched_onset = at + lead_i
        # The energy onset, searched from where the previous sound died away.
        start = run.index_of(play.start - 0.05)
        if previous_end is not None:
            start = max(start, run.index_of(previous_end))
        found = first_onset(rec, rate, start, hi)
        matched = (
            found is not None and abs(found - matched_onset) / rate * 1000 <= MATCH_TOLERANCE_MS
        )
        onset_i = found if matched and found is not None else matched_onset
        onset = run.time_of(onset_i)
        on_time = previous_end is None or previous_end <= planned
        gap_ms = None
        if on_time or previous_nominal_end is None:
            error = (onset - planned) * 1000
        else:
            if previous_end is not None:
                gap_ms = (onset - previous_end) * 1000
            # Back to back would start the sound's first sample right as the previous ends.
            error = (onset - (previous_nominal_end + lead_i / rate)) * 1000
        items.append(
            Item(
                kind=call.kind,
                value=call.value or "",
                moment=moment,
                events=events,
                call_t=call.t,
                play_start=play.start,
                onset=onset,
                lead_s=lead_i / rate,
                length_s=len(template) / rate,
                on_time=on_time,
                error_ms=error,
                wake_ms=(call.t - planned) * 1000,
                wait_ms=(play.start - call.t) * 1000,
                device_ms=(onset - lead_i / rate - play.start) * 1000,
                matched=matched,
                at=at,
                tail=tail,
                gap_ms=gap_ms,
            )
        )
        previous_end = run.time_of(at + tail)
        previous_nominal_end = run.time_of(at + len(template))
    measure_tails(run, items)
    return items


def measure_tails(run: Run, items: Sequence[Item]) -> None:
    """For sounds that silence follows: how much of their end is missing in the room."""
    from audiolab import last_sound

    rate = run.rate
    for k, item in enumerate(items):
        expected_end = item.at + item.tail
        limit = expected_end + round(0.15 * rate)
        if k + 1 < len(items):
            next_at = run.index_of(items[k + 1].onset)
            if next_at < limit:
                continue  # the next sound follows too closely to tell
        heard = last_sound(run.recording[item.at : limit], rate)
        if heard is not None:
            item.tail_lost_ms = (expected_end - (item.at + heard)) / rate * 1000


def summarise(run: Run, items: Sequence[Item]) -> tuple[list[Target], dict[str, Any]]:
    on_time = [i for i in items if i.on_time]
    queued = [i for i in items if not i.on_time]
    errors = stats(i.error_ms for i in on_time)
    chimes = stats(i.error_ms for i in on_time if i.kind == "play")
    speech_first = stats(i.error_ms for i in on_time if i.kind == "say")
    synth = stats((s.end - s.start) * 1000 for s in run.synth)
    tails = stats(i.tail_lost_ms for i in items if i.tail_lost_ms is not None)
    chime_cut = stats(v["lost_ms"] for v in run.chime_tails.values())
    levels = [-v["level_at_cut_db"] for v in run.chime_tails.values()]
    chime_level = f"{min(levels):.0f}-{max(levels):.0f}" if levels else "?"
    targets = [
        Target("on-time sounds: median error", errors["median"], "ms", TARGET_MEDIAN_MS),
        Target("on-time sounds: max error", errors["max"], "ms", TARGET_MAX_MS),
        Target("chimes at their moment: max error", chimes["max"], "ms"),
        Target(
            "sentences at their moment: max error",
            speech_first["max"],
            "ms",
            note="no chime before them, so synthesis is in the delay",
        ),
        Target(
            "queued sounds: median delay after the previous",
            stats(i.error_ms for i in queued)["median"],
            "ms",
        ),
        Target(
            "queued sounds: max delay after the previous",
            stats(i.error_ms for i in queued)["max"],
            "ms",
            note="negative: it starts before the previous sound's last sample",
        ),
        Target(
            "queued sounds: median silence after the previous",
            stats(i.gap_ms for i in queued if i.gap_ms is not None)["median"],
            "ms",
            note="from where the previous sound falls silent to this one's onset",
        ),
        Target(
            "end of a sentence that never sounds (median)",
            tails["median"],
            "ms",
            note=f"over {tails['count']} sounds followed by silence",
        ),
        Target(
            "end of a chime that never sounds (median)",
            chime_cut["median"],
            "ms",
            note=f"each chime played alone; level where it stops: {chime_level} dB below its peak",
        ),
    ]
    details = {
        "method_steps": [vars(s) for s in STEPS],
        "grace_s": GRACE_S,
        "participants": PARTICIPANTS,
        "on_time": {
            "all": errors,
            "chimes": chimes,
            "sentences": speech_first,
            "wake_ms": stats(i.wake_ms for i in on_time),
            "wait_ms": stats(i.wait_ms for i in on_time),
            "device_ms": stats(i.device_ms for i in on_time),
        },
        "queued": {
            "delay_ms": stats(i.error_ms for i in queued),
            "device_ms": stats(i.device_ms for i in queued),
            "gap_ms": stats(i.gap_ms for i in queued if i.gap_ms is not None),
        },
        "synthesis_ms": synth,
        "synthesis_per_speech_s_ms": stats(
            (s.end - s.start) * 1000 / max(s.duration_s, 0.01) for s in run.synth
        ),
        "onsets_not_matching_template": sum(1 for i in items if not i.matched),
        "tail_lost_ms": stats(i.tail_lost_ms for i in items if i.tail_lost_ms is not None),
        "chime_played_alone": run.chime_tails,
        "measurement": run.measurement,
        "problems": run.problems,
        "items": [
            {
                "label": i.label(),
                "planned_t": round(i.moment, 3),
                "events": i.events,
                "on_time": i.on_time,
                "error_ms": round(i.error_ms, 1),
                "wake_ms": round(i.wake_ms, 1),
                "wait_ms": round(i.wait_ms, 1),
                "device_ms": round(i.device_ms, 1),
                "lead_ms": round(i.lead_s * 1000, 1),
                "length_s": round(i.length_s, 2),
                "matched": i.matched,
                "tail_lost_ms": None if i.tail_lost_ms is None else round(i.tail_lost_ms, 1),
                "gap_ms": None if i.gap_ms is None else round(i.gap_ms, 1),
            }
            for i in items
        ],
    }
    return targets, details


def print_items(items: Sequence[Item]) -> None:
    rows = [
        (
            f"{i.moment:7.3f}",
            i.label()[:38],
            "on time" if i.on_time else "queued",
            f"{i.error_ms:7.1f}",
            f"{i.wake_ms:6.1f}",
            f"{i.wait_ms:7.1f}",
            f"{i.device_ms:6.1f}",
            "" if i.tail_lost_ms is None else f"{i.tail_lost_ms:5.1f}",
            "" if i.matched else "template",
        )
        for i in items
    ]
    headers = (
        "planned",
        "sound",
        "kind",
        "error ms",
        "wake",
        "wait",
        "device",
        "tail lost",
        "onset from",
    )
    print(table(headers, rows))


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="bench-timing-") as tmp:
        run = run_meeting(Path(tmp))
    items = analyse(run)
    targets, details = summarise(run, items)
    print()
    print_items(items)
    print_targets("Timing precision (planned moment -> start of its sound in the room)", targets)
    m = run.measurement
    print(
        f"  measurement: sink latency {m.get('sink_latency_ms')} ms (a real device adds about"
        f" this), block delivery jitter {m['delivery_ms']['median']:.1f} ms median"
    )
    if run.problems:
        print("  problems: " + "; ".join(run.problems))
    write_results(NAME, targets, details)
    return 0


if __name__ == "__main__":
    sys.exit(main())

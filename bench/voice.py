"""Benchmark for voice commands: recognition, false alarms, latency, speed, memory.

    .venv/bin/python bench/voice.py [MODEL_DIR] [--seeds DIR] [--json FILE] ...

Needs a Dutch vosk model (MODEL_DIR, or the one ``facilitator model download``
installed) and espeak-ng. It makes two kinds of audio, all in memory:

- Commands: every phrase of the language pack (a sample of them, see
  ``--utterances``), said by espeak-ng in several voices, speeds and pitches, each on
  its own between pauses, clean and with room noise mixed in at 20, 10 and 5 dB SNR.
- Conversation: long stretches of Dutch speech, the text files in ``--seeds`` (by
  default ``../shared/seeds`` next to the repository) read aloud sentence by
  sentence. The texts are read at run time and never stored.

Both go through the same pipeline as a session: ``WavSource`` -> ``Listener`` ->
``CommandRecognizer`` (grammar mode) -> ``match``, with the room's settings. It reports:

- commands recognised: the share of command utterances that gave exactly their
  command (wrong commands are counted apart);
- false commands per hour of conversation;
- latency: from the end of the spoken command to the decision, in audio time (how
  long the recogniser waits for the pause), plus the computing time per 100 ms block;
- real-time factor: computing time / audio time;
- peak memory of the process (``resource.getrusage``).
"""

from __future__ import annotations

import io
import json
import random
import re
import resource
import shutil
import statistics
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

import click
import numpy as np
import numpy.typing as npt

from facilitator.errors import FacilitatorError
from facilitator.lang import set_language
from facilitator.meeting.commands import Command, CommandKind
from facilitator.room.voice_control import command_settings, missing_model_message
from facilitator.speech.audio import Sound
from facilitator.speech.listener import Listener, WavSource
from facilitator.speech.matcher import MatchSettings, Phrase, RecognitionResult, Rejection
from facilitator.speech.model_store import check_model, find_model
from facilitator.speech.recognizer import (
    SAMPLE_RATE,
    CommandRecognizer,
    StreamRecognizer,
    VoskModel,
    load_model,
)

Samples = npt.NDArray[np.float32]

REPO = Path(__file__).resolve().parent.parent
DEFAULT_SEEDS = REPO.parent / "shared" / "seeds"

VOICES = ("nl", "nl+m3", "nl+f2", "nl+f4", "nl+m7", "nl+klatt4")
SPEEDS = (130, 160, 190)  # words per minute
PITCHES = (35, 50, 70)  # espeak-ng's 0..99
SNRS_DB = (None, 20.0, 10.0, 5.0)  # None: clean
PAUSE_S = (1.6, 2.6)  # silence around a command: longer than the matcher's 0.8 s
TALK_PAUSE_S = (0.25, 0.9)  # between sentences of the conversation
MATCH_WINDOW_S = 3.0  # a decision this long after a command's end still belongs to it


# --- making speech -------------------------------------------------------------------


def espeak(text: str, voice: str, speed: int, pitch: int) -> Sound:
    """``text`` spoken by espeak-ng, as a ``Sound`` (nothing is written to disk)."""
    done = subprocess.run(
        ["espeak-ng", "-v", voice, "-s", str(speed), "-p", str(pitch), "--stdout", text],
        capture_output=True,
        check=True,
        timeout=60,
    )
    return _parse_wav(done.stdout)


def _parse_wav(data: bytes) -> Sound:
    """A 16-bit mono WAV from espeak-ng's stdout (its header gives no real length)."""
    stream = io.BytesIO(data)
    if stream.read(4) != b"RIFF":
        raise ValueError("espeak-ng gave no WAV")
    stream.read(8)
    rate = 22050
    while True:
        header = stream.read(8)
        if len(header) < 8:
            raise ValueError("espeak-ng's WAV has no data")
        name, size = header[:4], int.from_bytes(header[4:], "little")
        if name == b"fmt ":
            fmt = stream.read(size)
            rate = int.from_bytes(fmt[4:8], "little")
        elif name == b"data":
            pcm = stream.read()
            pcm = pcm[: len(pcm) - len(pcm) % 2]
            samples = np.frombuffer(pcm, dtype="<i2").astype(np.float32) / 32768.0
            return Sound(samples, rate)
        else:
            stream.read(size)


def at_16k(sound: Sound) -> Samples:
    samples: Samples = sound.resampled(SAMPLE_RATE).samples.astype(np.float32)
    return samples


def trim(samples: Samples, threshold_db: float = -45.0) -> Samples:
    """Without the silence espeak-ng puts before and after the speech."""
    frame = SAMPLE_RATE // 100
    limit = 10 ** (threshold_db / 20)
    loud = [
        i
        for i in range(0, len(samples), frame)
        if np.sqrt(np.mean(samples[i : i + frame] ** 2)) > limit
    ]
    if not loud:
        return samples[:0]
    return samples[loud[0] : loud[-1] + frame]


def room_noise(seconds: float, rng: np.random.Generator) -> Samples:
    """The sound of a meeting room: ventilation (pink noise), mains hum, a far murmur."""
    count = round(seconds * SAMPLE_RATE)
    white = rng.standard_normal(count)
    spectrum = np.fft.rfft(white)
    frequencies = np.fft.rfftfreq(count, 1 / SAMPLE_RATE)
    spectrum[1:] /= np.sqrt(frequencies[1:])  # 1/f: pink
    spectrum[0] = 0
    pink = np.fft.irfft(spectrum, count)
    t = np.arange(count) / SAMPLE_RATE
    hum = 0.2 * np.sin(2 * np.pi * 50 * t) + 0.1 * np.sin(2 * np.pi * 100 * t)
    murmur = np.convolve(rng.standard_normal(count), np.hanning(400), mode="same")
    murmur *= 0.5 + 0.5 * np.sin(2 * np.pi * 0.3 * t + rng.uniform(0, 6.28))
    noise = pink / np.std(pink) + hum + 0.5 * murmur / np.std(murmur)
    out: Samples = (noise / np.std(noise)).astype(np.float32)
    return out


def rms(samples: Samples) -> float:
    return float(np.sqrt(np.mean(samples.astype(np.float64) ** 2))) if len(samples) else 0.0


# --- the test material -----------------------------------------------------------------


@dataclass(frozen=True)
class Utterance:
    kind: CommandKind
    minutes: int | None
    start: float  # speech, in seconds from the start of the stream
    end: float
    voice: str


@dataclass
class Stream:
    """One long stretch of audio and what was said where."""

    name: str
    samples: Samples
    utterances: list[Utterance] = field(default_factory=list)

    @property
    def seconds(self) -> float:
        return len(self.samples) / SAMPLE_RATE


def command_stream(
    phrases: Sequence[Phrase], count: int, rng: random.Random, log: Callable[[str], None]
) -> tuple[Samples, list[Utterance], float]:
    """``count`` command utterances between pauses; returns the audio, where each
    utterance is, and the RMS of the speech (to set the noise level by)."""
    pieces: list[Samples] = []
    utterances: list[Utterance] = []
    speech_levels: list[float] = []
    at = 0
    for n in range(count):
        phrase = rng.choice(phrases)
        voice = rng.choice(VOICES)
        speech = trim(at_16k(espeak(phrase.text, voice, rng.choice(SPEEDS), rng.choice(PITCHES))))
        pause = np.zeros(round(rng.uniform(*PAUSE_S) * SAMPLE_RATE), dtype=np.float32)
        pieces += [pause, speech]
        start = (at + len(pause)) / SAMPLE_RATE
        at += len(pause) + len(speech)
        utterances.append(Utterance(phrase.kind, phrase.minutes, start, at / SAMPLE_RATE, voice))
        speech_levels.append(rms(speech))
        if (n + 1) % 20 == 0:
            log(f"  {n + 1}/{count} commands made")
    pieces.append(np.zeros(round(PAUSE_S[1] * SAMPLE_RATE), dtype=np.float32))
    return np.concatenate(pieces), utterances, float(np.mean(speech_levels))


def with_noise(
    samples: Samples, speech_rms: float, snr_db: float, rng: np.random.Generator
) -> Samples:
    noise = room_noise(len(samples) / SAMPLE_RATE, rng) * (speech_rms / 10 ** (snr_db / 20))
    mixed: Samples = np.clip(samples + noise, -1.0, 1.0).astype(np.float32)
    return mixed


_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


def sentences(seeds: Path) -> list[str]:
    """The sentences of the text files in ``seeds``, read now and kept only in memory."""
    found: list[str] = []
    for path in sorted(seeds.glob("*.txt")):
        text = path.read_text(encoding="utf-8", errors="replace")
        for paragraph in text.split("\n"):
            for sentence in _SENTENCE_END.split(paragraph.strip()):
                if len(sentence.split()) >= 3:
                    found.append(sentence)
    return found


def talk_stream(
    lines: Sequence[str], minutes: float, rng: random.Random, log: Callable[[str], None]
) -> Samples:
    """Conversation-like speech: sentences in turns of changing voices, with pauses."""
    pieces: list[Samples] = []
    total = 0
    wanted = round(minutes * 60 * SAMPLE_RATE)
    index = rng.randrange(len(lines))
    voice = rng.choice(VOICES)
    while total < wanted:
        if rng.random() < 0.3:  # another speaker takes over
            voice = rng.choice(VOICES)
        speech = at_16k(espeak(lines[index % len(lines)], voice, rng.choice(SPEEDS), 50))
        index += 1
        pause = np.zeros(round(rng.uniform(*TALK_PAUSE_S) * SAMPLE_RATE), dtype=np.float32)
        pieces += [trim(speech), pause]
        total += len(pieces[-2]) + len(pause)
        if len(pieces) % 40 == 0:
            log(f"  {total / SAMPLE_RATE / 60:.1f}/{minutes:.0f} min of talk made")
    return np.concatenate(pieces)


# --- running the pipeline -------------------------------------------------------------


@dataclass
class Decision:
    at: float  # stream time of the decision
    command: Command | None
    rejection: Rejection | None
    confidence: float


class TimedRecognizer:
    """Measures the computing time of every block fed to the real recogniser."""

    def __init__(self, inner: StreamRecognizer, times: list[float]) -> None:
        self.inner = inner
        self.times = times

    def feed(self, pcm: bytes) -> RecognitionResult | None:
        started = time.perf_counter()
        result = self.inner.feed(pcm)
        self.times.append(time.perf_counter() - started)
        return result

    def flush(self) -> RecognitionResult | None:
        return self.inner.flush()


@dataclass
class Run:
    decisions: list[Decision]
    audio_s: float
    compute_s: float
    block_times: list[float]


def listen_to(
    samples: Samples,
    settings: MatchSettings,
    make_recognizer: Callable[[float], StreamRecognizer],
) -> Run:
    """Everything the session's listener decides about ``samples``."""
    source = WavSource(Sound(samples, SAMPLE_RATE))
    decisions: list[Decision] = []
    block_times: list[float] = []

    def on_command(command: Command, confidence: float) -> None:
        decisions.append(Decision(source.clock.now(), command, None, confidence))

    def on_rejection(rejection: Rejection, confidence: float) -> None:
        decisions.append(Decision(source.clock.now(), None, rejection, confidence))

    problems: list[str] = []
    listener = Listener(
        source,
        lambda offset: TimedRecognizer(make_recognizer(offset), block_times),
        settings,
        on_command=on_command,
        on_rejection=on_rejection,
        on_problem=problems.append,
        clock=source.clock,
    )
    started = time.perf_counter()
    listener.run()
    compute = time.perf_counter() - started
    if problems:
        raise RuntimeError("; ".join(problems))
    return Run(decisions, len(samples) / SAMPLE_RATE, compute, block_times)


@dataclass
class CommandScore:
    condition: str
    utterances: int
    recognised: int
    wrong: int
    missed_reasons: dict[str, int]
    latencies_s: list[float]

    @property
    def recognised_pct(self) -> float:
        return 100.0 * self.recognised / self.utterances if self.utterances else 0.0


def score_commands(condition: str, utterances: Sequence[Utterance], run: Run) -> CommandScore:
    """Pairs each decision with the utterance it followed.

    An utterance counts as recognised when the first command after it is its own;
    any other command is wrong. One that was not recognised is put down to the
    first reason the listener gave, or to "nothing heard".
    """
    wrong = 0
    latencies: list[float] = []
    recognised: set[int] = set()
    first_reason: dict[int, str] = {}
    for decision in run.decisions:
        index = _utterance_before(utterances, decision.at)
        if decision.command is None:
            if index is not None and decision.rejection is not None:
                first_reason.setdefault(index, decision.rejection.reason.value)
            continue
        if index is None or index in recognised:
            wrong += 1
            continue
        utterance = utterances[index]
        if (decision.command.kind, decision.command.minutes) == (utterance.kind, utterance.minutes):
            recognised.add(index)
            latencies.append(decision.at - utterance.end)
        else:
            wrong += 1
    reasons = Counter(
        first_reason.get(index, "nothing heard")
        for index in range(len(utterances))
        if index not in recognised
    )
    return CommandScore(
        condition, len(utterances), len(recognised), wrong, dict(reasons), latencies
    )


def _utterance_before(utterances: Sequence[Utterance], at: float) -> int | None:
    for index in range(len(utterances) - 1, -1, -1):
        utterance = utterances[index]
        if utterance.start <= at:
            return index if at - utterance.end <= MATCH_WINDOW_S else None
    return None


# --- the report ------------------------------------------------------------------------


def percentile(values: Sequence[float], share: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def peak_memory_mb() -> float:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 1024 / 1024 if sys.platform == "darwin" else peak / 1024


@dataclass
class Report:
    model: str
    settings: dict[str, object]
    commands: list[CommandScore]
    talk_minutes: float
    false_commands: int
    false_by_kind: dict[str, int]
    real_time_factor: float
    block_ms_p50: float
    block_ms_p95: float
    peak_memory_mb: float

    @property
    def false_per_hour(self) -> float:
        return self.false_commands / (self.talk_minutes / 60) if self.talk_minutes else 0.0

    def text(self) -> str:
        lines = [f"Voice command benchmark, model {self.model}", ""]
        lines.append(
            f"{'condition':<10} {'said':>5} {'recognised':>11} {'wrong':>6}  "
            f"{'latency p50/p95 (s)':>20}  not taken because"
        )
        for score in self.commands:
            latency = (
                f"{percentile(score.latencies_s, 0.5):.2f} / "
                f"{percentile(score.latencies_s, 0.95):.2f}"
            )
            reasons = ", ".join(f"{k} {v}" for k, v in sorted(score.missed_reasons.items()))
            lines.append(
                f"{score.condition:<10} {score.utterances:>5} "
                f"{score.recognised_pct:>10.1f}% {score.wrong:>6}  {latency:>20}  {reasons}"
            )
        kinds = ", ".join(f"{k} {v}" for k, v in self.false_by_kind.items())
        lines += [
            "",
            f"conversation: {self.talk_minutes:.1f} min, {self.false_commands} false commands "
            f"= {self.false_per_hour:.1f} per hour" + (f" ({kinds})" if kinds else ""),
            f"computing per 100 ms block: p50 {self.block_ms_p50:.1f} ms, "
            f"p95 {self.block_ms_p95:.1f} ms (add to the latencies above)",
            f"real-time factor: {self.real_time_factor:.3f}",
            f"peak memory: {self.peak_memory_mb:.0f} MB",
        ]
        return "\n".join(lines)

    def as_json(self) -> dict[str, object]:
        data = asdict(self)
        data["false_per_hour"] = self.false_per_hour
        for score, raw in zip(self.commands, data["commands"], strict=True):
            raw["recognised_pct"] = score.recognised_pct
            raw["latency_p50_s"] = percentile(score.latencies_s, 0.5)
            raw["latency_p95_s"] = percentile(score.latencies_s, 0.95)
            del raw["latencies_s"]
        return data


def benchmark(
    settings: MatchSettings,
    make_recognizer: Callable[[float], StreamRecognizer],
    *,
    model_name: str,
    lines: Sequence[str],
    utterances: int,
    talk_minutes: float,
    seed: int,
    log: Callable[[str], None],
) -> Report:
    rng = random.Random(seed)
    noise_rng = np.random.default_rng(seed)
    log(f"making {utterances} command utterances with espeak-ng")
    clean, said, speech_rms = command_stream(settings.phrases.phrases, utterances, rng, log)
    scores: list[CommandScore] = []
    runs: list[Run] = []
    for snr in SNRS_DB:
        condition = "clean" if snr is None else f"{snr:g} dB"
        samples = clean if snr is None else with_noise(clean, speech_rms, snr, noise_rng)
        log(f"listening: commands, {condition} ({len(samples) / SAMPLE_RATE / 60:.1f} min)")
        run = listen_to(samples, settings, make_recognizer)
        runs.append(run)
        scores.append(score_commands(condition, said, run))
    false_commands = 0
    false_kinds: Counter[str] = Counter()
    talk_seconds = 0.0
    if talk_minutes > 0 and lines:
        log(f"making {talk_minutes:g} min of conversation with espeak-ng")
        talk = talk_stream(lines, talk_minutes, rng, log)
        log(f"listening: conversation ({len(talk) / SAMPLE_RATE / 60:.1f} min)")
        run = listen_to(talk, settings, make_recognizer)
        runs.append(run)
        talk_seconds = run.audio_s
        for decision in run.decisions:
            if decision.command is not None:
                false_commands += 1
                false_kinds[decision.command.kind.value] += 1
    audio = sum(run.audio_s for run in runs)
    compute = sum(run.compute_s for run in runs)
    blocks = [t for run in runs for t in run.block_times]
    return Report(
        model=model_name,
        settings={
            "min_confidence": settings.min_confidence,
            "cooldown_s": settings.cooldown_s,
            "wake_word": settings.phrases.wake_word,
            "utterances": utterances,
            "seed": seed,
        },
        commands=scores,
        talk_minutes=talk_seconds / 60,
        false_commands=false_commands,
        false_by_kind=dict(false_kinds),
        real_time_factor=compute / audio if audio else float("nan"),
        block_ms_p50=1000 * statistics.median(blocks) if blocks else float("nan"),
        block_ms_p95=1000 * percentile(blocks, 0.95),
        peak_memory_mb=peak_memory_mb(),
    )


# --- the command line -------------------------------------------------------------------


@click.command()
@click.argument("model_dir", required=False, type=click.Path(path_type=Path))
@click.option(
    "--seeds",
    type=click.Path(path_type=Path, file_okay=False),
    default=DEFAULT_SEEDS,
    show_default=True,
    help="Folder of Dutch .txt files to read aloud as conversation (read, never copied).",
)
@click.option("--utterances", default=120, show_default=True, help="Command utterances.")
@click.option("--talk-minutes", default=15.0, show_default=True, help="Minutes of conversation.")
@click.option("--threshold", type=float, default=0.8, show_default=True, help="min_confidence")
@click.option("--cooldown", type=float, default=2.0, show_default=True, help="cooldown_s")
@click.option("--wake-word", default=None, help="Require this wake word before commands.")
@click.option("--seed", default=1, show_default=True, help="Random seed (same audio each run).")
@click.option("--json", "json_path", type=click.Path(path_type=Path), help="Also write JSON.")
def main(
    model_dir: Path | None,
    seeds: Path,
    utterances: int,
    talk_minutes: float,
    threshold: float,
    cooldown: float,
    wake_word: str | None,
    seed: int,
    json_path: Path | None,
) -> None:
    """Measure the voice commands with the Dutch model in MODEL_DIR (default: the
    installed one)."""
    set_language("nl")
    try:
        path = model_dir if model_dir is not None else find_model()
        if path is None:
            raise click.ClickException(missing_model_message())
        check_model(path)
    except FacilitatorError as error:
        raise click.ClickException(str(error)) from error
    if shutil.which("espeak-ng") is None:
        raise click.ClickException("espeak-ng is not installed (apt install espeak-ng).")
    lines = sentences(seeds) if seeds.is_dir() else []
    if talk_minutes > 0 and not lines:
        raise click.ClickException(
            f"No sentences in {seeds}/*.txt to read aloud; give --seeds DIR or --talk-minutes 0."
        )

    def log(message: str) -> None:
        click.echo(message, err=True)

    log(f"loading {path}")
    try:
        model: VoskModel = load_model(path)
        settings, missing = command_settings(
            model, wake_word=wake_word, min_confidence=threshold, cooldown_s=cooldown
        )
    except FacilitatorError as error:
        raise click.ClickException(str(error)) from error
    if missing:
        log(f"the model does not know: {', '.join(missing)} (those phrases are left out)")
    grammar = settings.phrases.grammar()
    report = benchmark(
        settings,
        lambda offset: CommandRecognizer(model, grammar, time_offset=offset),
        model_name=path.name,
        lines=lines,
        utterances=utterances,
        talk_minutes=talk_minutes,
        seed=seed,
        log=log,
    )
    click.echo(report.text())
    if json_path is not None:
        json_path.write_text(json.dumps(report.as_json(), indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()

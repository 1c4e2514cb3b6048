"""Makes the facilitator's cue sounds from scratch, with numpy only.

Run ``python sounds/make_sounds.py [DIR]`` to (re)write the WAVs into DIR (default:
the folder of this script). The output is byte-for-byte reproducible: there is no
randomness, and each sound is built from plain sine partials with smooth envelopes.
sounds/README.md describes each sound.

Every file is 16-bit mono PCM at 22050 Hz, shorter than 1.5 s, and starts and ends
on silence (a short fade-in and a longer fade-out) so that it never clicks.
"""

from __future__ import annotations

import sys
import wave
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np
import numpy.typing as npt

RATE = 22050
FADE_IN_S = 0.006
FADE_OUT_S = 0.06

Samples = npt.NDArray[np.float64]


def _time(duration_s: float) -> Samples:
    return np.arange(round(duration_s * RATE)) / RATE


def bell(
    freq: float,
    duration_s: float,
    decay_s: float,
    partials: Sequence[tuple[float, float, float]] = ((1.0, 1.0, 1.0), (2.0, 0.35, 0.6)),
    attack_s: float = 0.004,
) -> Samples:
    """A struck tone: partials (frequency ratio, amplitude, decay factor) that die away.

    A higher partial decays faster when its decay factor is below 1, as in a real bell.
    """
    t = _time(duration_s)
    tone = np.zeros_like(t)
    for ratio, amplitude, decay_factor in partials:
        envelope = np.exp(-t / (decay_s * decay_factor))
        tone += amplitude * envelope * np.sin(2 * np.pi * freq * ratio * t)
    attack = np.clip(t / attack_s, 0.0, 1.0)
    return tone * attack


def swell(freq: float, duration_s: float, rise_s: float) -> Samples:
    """A soft tone that fades in and out (raised-cosine envelope), no strike."""
    t = _time(duration_s)
    rise = np.clip(t / rise_s, 0.0, 1.0)
    fall = np.clip((duration_s - t) / (duration_s - rise_s), 0.0, 1.0)
    envelope = np.sin(0.5 * np.pi * rise) ** 2 * np.sin(0.5 * np.pi * fall) ** 2
    tone = np.sin(2 * np.pi * freq * t) + 0.15 * np.sin(2 * np.pi * 2 * freq * t)
    return envelope * tone


def sequence(total_s: float, notes: Sequence[tuple[float, Samples]]) -> Samples:
    """Mixes notes into one track of ``total_s``; each note is (start in s, samples)."""
    track = np.zeros(round(total_s * RATE))
    for start_s, note in notes:
        start = round(start_s * RATE)
        end = min(len(track), start + len(note))
        track[start:end] += note[: end - start]
    return track


def finish(track: Samples, peak: float) -> Samples:
    """Fades the ends to silence and scales the loudest sample to ``peak``."""
    n_in = round(FADE_IN_S * RATE)
    n_out = round(FADE_OUT_S * RATE)
    track = track.copy()
    track[:n_in] *= np.sin(0.5 * np.pi * np.arange(n_in) / n_in) ** 2
    track[-n_out:] *= np.cos(0.5 * np.pi * np.arange(1, n_out + 1) / n_out) ** 2
    return track * (peak / np.max(np.abs(track)))


# Pitches (Hz), equal temperament.
G4, A4, B4, C5 = 392.00, 440.00, 493.88, 523.25
D5, E5, F5, A5 = 587.33, 659.26, 698.46, 880.00
C6, E6 = 1046.50, 1318.51


def turn() -> Samples:
    """Next person: two bright rising bell notes, E5 then A5."""
    return finish(
        sequence(0.95, [(0.0, bell(E5, 0.95, 0.28)), (0.16, bell(A5, 0.79, 0.32))]),
        peak=0.55,
    )


def turn_ending() -> Samples:
    """A turn is almost over: one soft, low swell on G4; no strike, so not a new turn."""
    return finish(swell(G4, 0.8, rise_s=0.25), peak=0.24)


def time_up() -> Samples:
    """Time is up: three falling bell notes, A5 F5 D5, clearly unlike the turn chime."""
    notes = [(0.0, bell(A5, 1.25, 0.25)), (0.22, bell(F5, 1.03, 0.27)), (0.44, bell(D5, 0.81, 0.3))]
    return finish(sequence(1.25, notes), peak=0.6)


def step() -> Samples:
    """A new step: a gentle gong, a low note with inharmonic partials and a slow decay."""
    partials = ((1.0, 1.0, 1.0), (1.48, 0.45, 0.7), (2.0, 0.3, 0.55), (2.76, 0.18, 0.4))
    gong = bell(A4 / 2, 1.45, 0.6, partials=partials, attack_s=0.03)
    return finish(gong, peak=0.6)


def warning() -> Samples:
    """A time warning: two soft swells on B4, like a polite cough."""
    notes = [(0.0, swell(B4, 0.3, rise_s=0.08)), (0.34, swell(B4, 0.36, rise_s=0.1))]
    return finish(sequence(0.72, notes), peak=0.28)


def command() -> Samples:
    """An accepted command: a very short, quiet two-step blip, C6 then E6."""
    notes = [(0.0, bell(C6, 0.07, 0.05)), (0.055, bell(E6, 0.095, 0.05))]
    return finish(sequence(0.15, notes), peak=0.4)


def notice() -> Samples:
    """Please look at the screen (used when a sentence could not be spoken): C5 then E5, soft."""
    notes = [(0.0, swell(C5, 0.35, rise_s=0.06)), (0.3, swell(E5, 0.45, rise_s=0.08))]
    return finish(sequence(0.75, notes), peak=0.3)


SOUNDS: dict[str, Callable[[], Samples]] = {
    "turn": turn,
    "turn_ending": turn_ending,
    "time_up": time_up,
    "step": step,
    "warning": warning,
    "command": command,
    "notice": notice,
}


def write_wav(path: Path, track: Samples) -> None:
    pcm = np.round(np.clip(track, -1.0, 1.0) * 32767).astype("<i2")
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(RATE)
        out.writeframes(pcm.tobytes())


def make_all(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, make in SOUNDS.items():
        path = folder / f"{name}.wav"
        write_wav(path, make())
        paths.append(path)
    return paths


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).parent
    for written in make_all(target):
        print(written)

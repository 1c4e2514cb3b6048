"""Is the room ready? One look at everything a meeting uses, before it starts.

Each check tries the real thing (plays through the loudspeaker, listens to the
microphone, loads the speech model) and returns a ``Finding``: fine, a warning (the
meeting works, with less), or a problem. Nothing here stops at the first failure:
a chair wants the whole list, with what to do for each line.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass
from enum import StrEnum

from facilitator.errors import FacilitatorError
from facilitator.lang import t
from facilitator.meeting.clock import Clock, MonotonicClock
from facilitator.method import library
from facilitator.room.config import RoomConfig

LISTEN_S = 1.5
"""How long the microphone is listened to for its level."""

QUIET_DB = -70.0
"""Below this, a microphone hears (next to) nothing: muted, or not the right one."""


class Status(StrEnum):
    OK = "ok"
    WARNING = "warning"  # the meeting works, with less (chimes, text, the keyboard)
    PROBLEM = "problem"  # something the chair should fix


@dataclass(frozen=True)
class Finding:
    status: Status
    text: str


def check_room(
    config: RoomConfig, *, sound: bool = True, clock: Clock | None = None
) -> Iterator[Finding]:
    """Every check, in the order a meeting needs them; one finding each.

    ``sound=False`` skips what would be heard in the room (the chime and the voice
    are then only prepared, not played).
    """
    yield check_speaker(config, sound)
    yield check_voice(config, sound)
    yield check_microphone(config, clock or MonotonicClock())
    yield check_model(config)
    yield from check_methods()
    yield check_saved_session()


def check_speaker(config: RoomConfig, sound: bool = True) -> Finding:
    from facilitator.speech.audio import SoundDevicePlayer, load_sound

    try:
        player = SoundDevicePlayer(config.output_device, gain=config.volume)
        if sound:
            player.play(load_sound("step"))
            return Finding(Status.OK, t("check.speaker_played", device=player.device_name))
        player.probe()
    except FacilitatorError as error:
        return Finding(Status.PROBLEM, t("check.speaker_problem", reason=error))
    return Finding(Status.OK, t("check.speaker_found", device=player.device_name))


def check_voice(config: RoomConfig, sound: bool = True) -> Finding:
    from facilitator.speech.audio import SoundDevicePlayer
    from facilitator.speech.tts import EspeakSynthesizer

    try:
        speech = EspeakSynthesizer(
            config.language, rate=config.rate, voice=config.voice
        ).synthesize(t("check.voice_sample"))
    except FacilitatorError as error:
        return Finding(Status.WARNING, t("check.voice_problem", reason=error))
    if sound:
        try:
            SoundDevicePlayer(config.output_device, gain=config.volume).play(speech)
        except FacilitatorError:
            pass  # the speaker's own finding says what is wrong with it
        else:
            return Finding(Status.OK, t("check.voice_played"))
    return Finding(Status.OK, t("check.voice_ready"))


def check_microphone(config: RoomConfig, clock: Clock) -> Finding:
    from facilitator.speech.listener import MicrophoneSource

    source = MicrophoneSource(config.input_device, clock)
    try:
        stream = source.open()
    except FacilitatorError as error:
        return Finding(Status.WARNING, t("check.microphone_problem", reason=error))
    levels: list[float] = []
    try:
        heard_s = 0.0
        while heard_s < LISTEN_S:
            block = stream.read(timeout=1.0)
            if block is None:
                break
            levels.append(block.level_db)
            heard_s += block.duration_s
    except FacilitatorError as error:
        return Finding(Status.WARNING, t("check.microphone_problem", reason=error))
    finally:
        stream.close()
    if not levels:
        return Finding(Status.WARNING, t("check.microphone_silent", device=source.name))
    loudest = max(levels)
    level = f"{loudest:.0f}"
    if loudest < QUIET_DB or not math.isfinite(loudest):
        return Finding(Status.WARNING, t("check.microphone_quiet", device=source.name, db=level))
    return Finding(Status.OK, t("check.microphone_heard", device=source.name, db=level))


def check_model(config: RoomConfig) -> Finding:
    from facilitator.room.voice_control import check_model_readiness, missing_model_message
    from facilitator.speech.model_store import find_model

    try:
        path = find_model(config.model_path)
        if path is None:
            return Finding(Status.WARNING, t("check.model_missing", advice=missing_model_message()))
        ready = check_model_readiness(path, wake_word=config.wake_word)
    except FacilitatorError as error:
        return Finding(Status.WARNING, t("check.model_problem", reason=error))
    if ready.unusable:
        usable, count = len(ready.usable), len(ready.phrases)
        return Finding(
            Status.WARNING,
            t("check.model_partly", path=path, usable=usable, count=count, words=ready.missing),
        )
    return Finding(Status.OK, t("check.model_ready", path=path, count=len(ready.phrases)))


def check_methods() -> Iterator[Finding]:
    listed = library.catalogue()
    own = [item for item in listed if item.entry.folder.own]
    broken = [item for item in own if item.error is not None]
    shipped = len(listed) - len(own)
    yield Finding(Status.OK, t("check.methods", shipped=shipped, own=len(own) - len(broken)))
    for item in broken:
        yield Finding(Status.PROBLEM, t("check.method_broken", error=item.error))


def check_saved_session() -> Finding:
    from facilitator.meeting.recovery import StateStore

    try:
        saved = StateStore().load()
    except FacilitatorError as error:
        return Finding(Status.PROBLEM, str(error))
    if saved is None:
        return Finding(Status.OK, t("check.no_saved_session"))
    method = saved.request.get("method")
    return Finding(Status.WARNING, t("check.saved_session", method=method, saved_at=saved.saved_at))

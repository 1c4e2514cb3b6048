"""Speech synthesis: text in, a ``Sound`` out (playing it is ``audio``'s job).

``EspeakSynthesizer`` drives espeak-ng through pyttsx3. pyttsx3 blocks in
``runAndWait`` and refuses to be entered twice, and espeak-ng keeps one global
state per process, so every pyttsx3 call runs on one worker thread that this
module owns, shared by all synthesizers. The speech goes through a private
temporary file (pyttsx3 cannot hand back samples), preferably in /dev/shm so that
it never reaches a disk; the file is deleted the moment it has been read.
"""

from __future__ import annotations

import contextlib
import os
import queue
import re
import stat
import sys
import tempfile
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import Future
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol, TypeVar

from facilitator.errors import SpeechError
from facilitator.lang import t
from facilitator.speech.audio import Sound, load_wav, native_audio_in_use

DEFAULT_RATE = 160
"""Words per minute: a little slower than espeak-ng's 175, calmer for a meeting room."""

SPEECH_TAIL_S = 0.2
"""Silence kept after the last sound of a sentence. espeak-ng starts every text with
13-53 ms of silence and ends it with about 350 ms. The start is cut, so a sentence
sounds the moment it is played; the end is cut down to this, a little longer than
espeak-ng's pause at a comma, so that two sentences in a row are still heard as two
(the player adds 50 ms after every sound) while the loudspeaker is free for the next
moment's chime sooner."""

_CALL_TIMEOUT_S = 15.0

T = TypeVar("T")


class Synthesizer(Protocol):
    def synthesize(self, text: str) -> Sound:
        """The spoken ``text``; ``SpeechError`` when it cannot be spoken."""
        ...


@dataclass(frozen=True)
class VoiceInfo:
    id: str
    name: str
    languages: tuple[str, ...]


def find_voice(voices: Sequence[VoiceInfo], language: str) -> VoiceInfo | None:
    """The best voice for ``language`` (such as ``"nl"`` or ``"en-gb"``), or None.

    Prefers a voice for exactly that language, then the voice whose id ends in the
    language (espeak-ng's ``gmw/en`` for ``en``), then any regional variant
    (``en-us`` for ``en``); a regional request falls back to its base language.
    Voices that report no usable language (older pyttsx3 on Windows gives SAPI5
    voices none, and an unknown Windows locale becomes "Unknown Locale: 1043") are
    then found by the code in their id or name (``TTS_MS_NL-NL_FRANK_11.0``,
    ``MSTTS_V110_nlNL_FrankM``, ``com.apple.voice.compact.nl-NL.Xander``), and last
    by the language's name in theirs ("Microsoft Frank - Dutch (Netherlands)").
    """
    wanted = language.strip().lower().replace("_", "-")
    if not wanted:
        return None

    def languages(voice: VoiceInfo) -> list[str]:
        return [code.lower().replace("_", "-") for code in voice.languages]

    checks: list[Callable[[VoiceInfo], bool]] = [
        lambda voice: wanted in languages(voice),
        lambda voice: voice.id.lower().rsplit("/", 1)[-1] == wanted,
        lambda voice: any(code.startswith(wanted + "-") for code in languages(voice)),
        lambda voice: wanted in _codes_in(voice),
        lambda voice: any(code.startswith(wanted + "-") for code in _codes_in(voice)),
        lambda voice: _named_language(voice.name) == wanted,
    ]
    for check in checks:
        for voice in voices:
            if check(voice):
                return voice
    if "-" in wanted:
        return find_voice(voices, wanted.rsplit("-", 1)[0])
    return None


_CODE = re.compile(r"^(?:[A-Za-z]{2,3}-[A-Za-z]{2}|[a-z]{2}[A-Z]{2})$")
_LANGUAGE_NAMES = {"dutch": "nl", "nederlands": "nl", "english": "en"}


def _codes_in(voice: VoiceInfo) -> list[str]:
    """Language codes written in a voice's id or name: "nl-nl" from "TTS_MS_NL-NL_FRANK"."""
    words = re.split(r"[\\/._,;()\s]+", f"{voice.id} {voice.name}")
    found = []
    for word in words:
        if _CODE.match(word):
            code = word.lower() if "-" in word else f"{word[:2]}-{word[2:]}".lower()
            found.append(code)
    return found


def _named_language(name: str) -> str | None:
    """The language whose English or own name a voice's name holds ("- Dutch (")."""
    for word in re.split(r"[^A-Za-z]+", name.lower()):
        if word in _LANGUAGE_NAMES:
            return _LANGUAGE_NAMES[word]
    return None


def voice_by_name(voices: Sequence[VoiceInfo], wanted: str) -> VoiceInfo | None:
    """The voice whose id or name is ``wanted`` (case does not matter), else the one
    voice whose name contains it, else None."""
    low = wanted.strip().lower()
    if not low:
        return None
    for voice in voices:
        if low in (voice.id.lower(), voice.name.lower()):
            return voice
    containing = [voice for voice in voices if low in voice.name.lower()]
    return containing[0] if len(containing) == 1 else None


def trim_speech(sound: Sound) -> Sound:
    """``sound`` from its first sound on, with at most ``SPEECH_TAIL_S`` of silence after."""
    return sound.trimmed(tail_s=SPEECH_TAIL_S)


class _EngineThread:
    """The one thread on which pyttsx3 is created and used.

    A call that gets no answer within ``timeout_s`` fails with ``SpeechError``, and
    until the engine answers again every further call fails at once: pyttsx3 can
    hang in ``runAndWait``, and a session should then wait for it once, not once
    for every sentence.
    """

    def __init__(self, timeout_s: float = _CALL_TIMEOUT_S) -> None:
        self._timeout_s = timeout_s
        self._jobs: queue.Queue[tuple[Callable[[], Any], Future[Any]]] = queue.Queue()
        self._cond = threading.Condition()
        self._stuck = False
        self._thread = threading.Thread(target=self._run, name="facilitator-tts", daemon=True)
        self._thread.start()
        self.engine: Any = None

    def call(self, job: Callable[[], T]) -> T:
        with self._cond:
            if self._stuck:
                raise SpeechError(t("audio.engine_failed", reason=t("audio.engine_stuck")))
        future: Future[T] = Future()
        self._jobs.put((job, future))
        try:
            return future.result(timeout=self._timeout_s)
        except FutureTimeout as error:
            with self._cond:
                self._stuck = not future.done()
            raise SpeechError(t("audio.engine_failed", reason=t("audio.engine_stuck"))) from error

    def wait_responsive(self, timeout: float) -> bool:
        """Waits (real time) until a hanging call has returned; False on timeout."""
        with self._cond:
            return self._cond.wait_for(lambda: not self._stuck, timeout)

    def _run(self) -> None:
        while True:
            job, future = self._jobs.get()
            if not future.set_running_or_notify_cancel():
                continue
            try:
                result = job()
            except BaseException as error:
                with self._cond:
                    future.set_exception(error)
                    self._stuck = False
                    self._cond.notify_all()
            else:
                with self._cond:
                    future.set_result(result)
                    self._stuck = False
                    self._cond.notify_all()


_engine_thread: _EngineThread | None = None
_engine_thread_lock = threading.Lock()


def _worker() -> _EngineThread:
    global _engine_thread
    with _engine_thread_lock:
        if _engine_thread is None:
            _engine_thread = _EngineThread()
        return _engine_thread


def _discard_print(*_args: object, **_kwargs: object) -> None:
    """Stands in for ``print`` inside pyttsx3's espeak driver (see ``_engine``)."""


def driver_name(platform: str | None = None) -> str:
    """pyttsx3's speech driver for this system: SAPI5 on Windows, NSSpeechSynthesizer
    on macOS, espeak-ng elsewhere."""
    platform = sys.platform if platform is None else platform
    return {"win32": "sapi5", "darwin": "nsss"}.get(platform, "espeak")


def _engine(worker: _EngineThread) -> Any:
    """The pyttsx3 engine; call on the worker thread only."""
    if worker.engine is None:
        driver = driver_name()
        try:
            import pyttsx3

            if driver == "espeak":
                import pyttsx3.drivers.espeak as espeak_driver

                # The driver prints "Audio saved to <file>" for every file it writes.
                # Silencing it in that module only keeps the user's terminal clean
                # without touching sys.stdout, which other threads are using.
                espeak_driver.print = _discard_print
        except Exception as error:  # the driver raises when libespeak-ng is missing
            raise SpeechError(t("audio.no_espeak")) from error
        try:
            worker.engine = pyttsx3.init(driver)
        except Exception as error:
            raise SpeechError(t("audio.engine_failed", reason=error)) from error
    return worker.engine


class _NothingToSynchronize:
    """Stands in for libespeak-ng where another driver speaks (Windows, macOS)."""

    @staticmethod
    def Synchronize() -> None:
        return None


def _espeak_library() -> Any:
    """pyttsx3's ctypes binding of libespeak-ng (loaded once ``_engine`` has run)."""
    if driver_name() != "espeak":
        return _NothingToSynchronize
    from pyttsx3.drivers import _espeak

    return _espeak


def _list_voices() -> list[VoiceInfo]:
    engine = _engine(_worker())
    return [
        VoiceInfo(str(voice.id), str(voice.name), tuple(str(c) for c in voice.languages or ()))
        for voice in engine.getProperty("voices")
    ]


def available_voices() -> list[VoiceInfo]:
    """All voices espeak-ng offers (``SpeechError`` if it is not installed)."""
    return _worker().call(_list_voices)


_SPEECH_PREFIX = "speech-"
_swept: set[Path] = set()


def _private_temp_dir() -> Path:
    """Where the short-lived speech file goes: a folder of this user's own, in RAM
    (/dev/shm) when we may write there.

    The speech names participants, so a file a killed process left behind must not
    stay: the first synthesis of every process removes the files of processes that
    no longer run (see ``sweep_speech_files``).
    """
    for base in (Path("/dev/shm"), Path(tempfile.gettempdir())):
        folder = base / f"facilitator-{os.getuid()}" if hasattr(os, "getuid") else base
        try:
            folder.mkdir(mode=0o700, exist_ok=True)
            info = os.lstat(folder)
        except OSError:
            continue
        own = not hasattr(os, "getuid") or info.st_uid == os.getuid()
        if stat.S_ISDIR(info.st_mode) and own and stat.S_IMODE(info.st_mode) & 0o077 == 0:
            if folder not in _swept:
                _swept.add(folder)
                sweep_speech_files(folder)
            return folder
    return Path(tempfile.gettempdir())


def sweep_speech_files(folder: Path) -> list[Path]:
    """Removes the speech files in ``folder`` whose process no longer runs."""
    removed = []
    for path in folder.glob(f"{_SPEECH_PREFIX}*.wav"):
        pid = path.name[len(_SPEECH_PREFIX) :].split("-", 1)[0]
        if pid.isdigit() and int(pid) != os.getpid() and not _running(int(pid)):
            with contextlib.suppress(OSError):
                path.unlink()
                removed.append(path)
    return removed


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # it runs, as someone else
        return True
    return True


class EspeakSynthesizer:
    """Speech from espeak-ng via pyttsx3, in the voice found for ``language`` (or the
    one named ``voice``: an id or a name, from the room configuration).

    ``rate`` is in words per minute (default ``DEFAULT_RATE``), ``volume`` from 0 to 1.
    The speech comes without espeak-ng's silence before it and with at most
    ``SPEECH_TAIL_S`` after it; ``trim=False`` gives it as espeak-ng wrote it.
    Making one checks that espeak-ng and a voice for the language are there.
    """

    def __init__(
        self,
        language: str = "nl",
        rate: int | None = None,
        volume: float | None = None,
        temp_dir: Path | None = None,
        trim: bool = True,
        voice: str | None = None,
    ) -> None:
        self.language = language
        self.rate = DEFAULT_RATE if rate is None else int(rate)
        self.volume = 1.0 if volume is None else min(1.0, max(0.0, float(volume)))
        self.trim = trim
        self._temp_dir = temp_dir
        voices = available_voices()
        if voice is not None:
            named = voice_by_name(voices, voice)
            if named is None:
                nearby = [v.name for v in voices if find_voice([v], language) is not None]
                raise SpeechError(
                    t("audio.voice_unknown", voice=voice, voices=", ".join(nearby[:8]) or "-")
                )
            self.voice = named
            return
        found = find_voice(voices, language)
        if found is None:
            raise SpeechError(t("audio.no_voice", language=language))
        self.voice = found

    def synthesize(self, text: str) -> Sound:
        if not text.strip():
            raise SpeechError(t("audio.empty_text"))
        sound = _worker().call(lambda: self._synthesize(text))
        return trim_speech(sound) if self.trim else sound

    def _synthesize(self, text: str) -> Sound:
        with native_audio_in_use():
            return self._synthesize_now(text)

    def _synthesize_now(self, text: str) -> Sound:
        engine = _engine(_worker())
        # The engine is shared, so every call sets all of its own properties again.
        engine.setProperty("voice", self.voice.id)
        engine.setProperty("rate", self.rate)
        engine.setProperty("volume", self.volume)
        # espeak-ng applies rate and volume later, on a thread of its own, and pyttsx3
        # cancels whatever espeak-ng has not done yet when it starts to synthesize: wait
        # for the settings to be applied, or the speech may come at the previous rate.
        _espeak_library().Synchronize()
        folder = self._temp_dir or _private_temp_dir()
        path: Path | None = None
        try:
            prefix = f"{_SPEECH_PREFIX}{os.getpid()}-"
            handle, name = tempfile.mkstemp(prefix=prefix, suffix=".wav", dir=folder)
            os.close(handle)
            path = Path(name)
            engine.save_to_file(text, str(path))
            engine.runAndWait()
            # runAndWait may return before the speech is written: pyttsx3 ends its loop
            # after one 10 ms pause, while espeak-ng synthesizes on a thread of its own
            # and writes the file when done. Reading it earlier gets nothing, and the
            # late write would leave a file behind once this one has been deleted.
            _espeak_library().Synchronize()
            return load_wav(path)
        except Exception as error:
            raise SpeechError(t("audio.synthesis_failed", reason=error)) from error
        finally:
            if path is not None:
                with contextlib.suppress(FileNotFoundError):
                    path.unlink()

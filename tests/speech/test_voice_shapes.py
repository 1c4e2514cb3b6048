"""The voice is found by language on Windows (SAPI5) and macOS (NSSpeechSynthesizer) too.

The lists below are shaped as pyttsx3's drivers build them: ``sapi5.py`` makes
``Voice(id=token.Id, name=token.GetDescription(), languages=[lcid_to_locale(...)])``,
where the Language attribute is a hexadecimal LCID (``413`` is Dutch) looked up in
``locale.windows_locale`` with ``_`` replaced by ``-``, or "Unknown Locale: N" when it
is not there; pyttsx3 before 2.99 gave SAPI5 voices no languages at all. ``nsss.py``
makes ``Voice(VoiceIdentifier, VoiceName, [VoiceLocaleIdentifier or VoiceLanguage])``:
``nl_NL`` on current macOS, ``nl-NL`` from older drivers. Ids and names are those
reported in pyttsx3's issues (#104, #106, #397; pyttsx #65).
"""

from __future__ import annotations

import locale

import pytest

from facilitator.speech.tts import VoiceInfo, driver_name, find_voice

TOKENS = "HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Speech\\Voices\\Tokens\\"
ONECORE = "HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Speech_OneCore\\Voices\\Tokens\\"


def sapi5_language(lcid_hex: str) -> str:
    """What pyttsx3 2.99's sapi5 driver reports for a token's Language attribute."""
    code = int(lcid_hex, 16)
    primary, sub = code & 0x3FF, (code >> 10) & 0x3FF
    locale_id = (sub << 10) | primary
    try:
        return locale.windows_locale[locale_id].replace("_", "-")
    except KeyError:
        return f"Unknown Locale: {locale_id}"


def sapi5_voices(with_languages: bool) -> list[VoiceInfo]:
    tokens = [
        (TOKENS + "TTS_MS_EN-US_DAVID_11.0", "Microsoft David Desktop - English (United States)",
         "409"),
        (TOKENS + "TTS_MS_DE-DE_HEDDA_11.0", "Microsoft Hedda Desktop - German", "407"),
        (TOKENS + "TTS_MS_NL-NL_FRANK_11.0", "Microsoft Frank - Dutch (Netherlands)", "413"),
        (TOKENS + "TTS_MS_EN-GB_HAZEL_11.0", "Microsoft Hazel Desktop - English (Great Britain)",
         "809"),
    ]
    return [
        VoiceInfo(token, name, (sapi5_language(lcid),) if with_languages else ())
        for token, name, lcid in tokens
    ]


def nsss_voices(key: str) -> list[VoiceInfo]:
    attributes = [
        {"VoiceIdentifier": "com.apple.speech.synthesis.voice.Alex", "VoiceName": "Alex",
         "VoiceLocaleIdentifier": "en_US", "VoiceLanguage": "en-US"},
        {"VoiceIdentifier": "com.apple.speech.synthesis.voice.ellen", "VoiceName": "Ellen",
         "VoiceLocaleIdentifier": "nl_BE", "VoiceLanguage": "nl-BE"},
        {"VoiceIdentifier": "com.apple.speech.synthesis.voice.xander", "VoiceName": "Xander",
         "VoiceLocaleIdentifier": "nl_NL", "VoiceLanguage": "nl-NL"},
        {"VoiceIdentifier": "com.apple.speech.synthesis.voice.daniel", "VoiceName": "Daniel",
         "VoiceLocaleIdentifier": "en_GB", "VoiceLanguage": "en-GB"},
    ]
    return [
        VoiceInfo(a["VoiceIdentifier"], a["VoiceName"], (a[key],)) for a in attributes
    ]


def test_the_windows_locale_table_knows_dutch() -> None:
    assert sapi5_language("413") == "nl-NL"


@pytest.mark.parametrize("with_languages", [True, False])
def test_sapi5_finds_frank_for_dutch(with_languages: bool) -> None:
    voices = sapi5_voices(with_languages)
    assert find_voice(voices, "nl") == voices[2]
    assert find_voice(voices, "nl-NL") == voices[2]
    assert find_voice(voices, "en") == voices[0]
    assert find_voice(voices, "en-gb") == voices[3]


def test_sapi5_unknown_locale_falls_back_to_the_token() -> None:
    frank = VoiceInfo(
        TOKENS + "TTS_MS_NL-NL_FRANK_11.0", "Microsoft Frank", ("Unknown Locale: 1043",)
    )
    david = sapi5_voices(True)[0]
    assert find_voice([david, frank], "nl") == frank


def test_onecore_and_server_voices_are_found_by_their_ids_and_names() -> None:
    onecore = VoiceInfo(ONECORE + "MSTTS_V110_nlNL_FrankM", "Microsoft Frank", ())
    server = VoiceInfo(
        TOKENS + "MS-nl-NL-Hanna", "Microsoft Server Speech Text to Speech Voice (nl-NL, Hanna)", ()
    )
    english = VoiceInfo(ONECORE + "MSTTS_V110_enUS_ZiraM", "Microsoft Zira", ())
    assert find_voice([english, onecore], "nl") == onecore
    assert find_voice([english, server], "nl") == server
    assert find_voice([onecore, english], "en") == english


def test_a_dutch_voice_named_only_by_its_language() -> None:
    frank = VoiceInfo("voice-7", "Microsoft Frank - Dutch (Netherlands)", ())
    zira = VoiceInfo("voice-3", "Microsoft Zira - English (United States)", ())
    assert find_voice([zira, frank], "nl") == frank
    assert find_voice([frank, zira], "en") == zira


@pytest.mark.parametrize("key", ["VoiceLocaleIdentifier", "VoiceLanguage"])
def test_nsss_prefers_the_netherlands_and_takes_flemish_when_asked(key: str) -> None:
    voices = nsss_voices(key)
    xander, ellen = voices[2], voices[1]
    assert find_voice(voices, "nl-NL") == xander
    assert find_voice(voices, "nl-be") == ellen
    assert find_voice(voices, "nl") in (xander, ellen)
    assert find_voice(voices, "en-gb") == voices[3]


def test_newer_macos_voice_ids_carry_the_locale() -> None:
    xander = VoiceInfo("com.apple.voice.compact.nl-NL.Xander", "Xander", ())
    alex = VoiceInfo("com.apple.voice.compact.en-US.Alex", "Alex", ())
    assert find_voice([alex, xander], "nl") == xander


def test_no_dutch_voice_is_none_not_another_language() -> None:
    assert find_voice(sapi5_voices(False)[:2], "nl") is None
    assert find_voice([nsss_voices("VoiceLanguage")[0]], "nl") is None


def test_each_system_gets_its_own_driver() -> None:
    assert driver_name("win32") == "sapi5"
    assert driver_name("darwin") == "nsss"
    assert driver_name("linux") == "espeak"

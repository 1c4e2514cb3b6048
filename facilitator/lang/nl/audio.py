"""Geluid en spraak: meldingen over luidsprekers en de stem (nl)."""

PHRASES: dict[str, str] = {
    "audio.default_device": "het standaardapparaat",
    "audio.device_line": "{mark} {index:>2}  {name}  ({inputs} in, {outputs} uit){notes}",
    "audio.note_chosen_output": "gekozen luidspreker",
    "audio.note_chosen_input": "gekozen microfoon",
    "audio.note_default_output": "standaard voor afspelen",
    "audio.note_default_input": "standaard voor opnemen",
    "audio.no_portaudio": (
        "Geluid werkt niet: de PortAudio-bibliotheek ontbreekt. "
        "Installeer die met: sudo apt install libportaudio2"
    ),
    "audio.no_devices": (
        "Er is geen enkel geluidsapparaat gevonden. Sluit een luidspreker aan "
        "of controleer of PulseAudio of PipeWire draait."
    ),
    "audio.no_output_device": (
        "Er is geen luidspreker gevonden. Sluit er een aan of kies er een met --device "
        "(facilitator devices laat zien welke er zijn)."
    ),
    "audio.device_not_found": (
        "Het geluidsapparaat '{device}' bestaat niet. Beschikbaar: {available}. "
        "Kies een nummer of (een deel van) een naam uit facilitator devices."
    ),
    "audio.device_ambiguous": (
        "De naam '{device}' past op meer dan één apparaat: {matches}. "
        "Kies het nummer van het goede."
    ),
    "audio.not_an_output": (
        "Het apparaat '{device}' kan geen geluid afspelen. Kies een luidspreker uit "
        "facilitator devices."
    ),
    "audio.no_input_device": (
        "Er is geen microfoon gevonden. Sluit er een aan of kies er een met --input-device "
        "(facilitator devices laat zien welke er zijn)."
    ),
    "audio.not_an_input": (
        "Het apparaat '{device}' kan geen geluid opnemen. Kies een microfoon uit "
        "facilitator devices."
    ),
    "audio.device_failed": (
        "Het geluidsapparaat {device} werkt niet ({reason}). Kijk of het aan staat en "
        "aangesloten is; facilitator devices laat zien welke apparaten er zijn."
    ),
    "audio.playback_stuck": "het afspelen liep vast",
    "audio.pause_off": "De microfoon hoort de tafel niet ({problem}); de facilitator wacht nu niet op een stilte voor hij spreekt.",
    "audio.device_lost": (
        "{problem}\nDe sessie gaat door; wat ik zeg, staat op het scherm. "
        "Ik probeer de luidspreker om de paar seconden opnieuw."
    ),
    "audio.device_back": "De luidspreker doet het weer: vanaf nu hoor je me weer.",
    "audio.silent": (
        "{problem}\nDe sessie gaat door zonder geluid; alles wat ik zou zeggen, "
        "staat op het scherm."
    ),
    "audio.no_espeak": (
        "Spreken lukt niet: espeak-ng is niet geïnstalleerd. "
        "Installeer het met: sudo apt install espeak-ng"
    ),
    "audio.no_voice": (
        "espeak-ng heeft geen stem voor de taal '{language}'. Installeer de stemmen met: "
        "sudo apt install espeak-ng espeak-ng-data (staan ze er al, zet dan --reinstall "
        "achter install)"
    ),
    "audio.voice_unknown": "Er is geen stem '{voice}' (voice in de configuratie). Stemmen voor deze taal: {voices}. Zonder die regel kiest facilitator zelf een stem.",
    "audio.voice_fallback": "{problem} Nu spreekt de stem {voice}.",
    "audio.engine_failed": "De spraakmachine (espeak-ng via pyttsx3) werkt niet: {reason}",
    "audio.engine_stuck": "espeak-ng geeft geen antwoord meer",
    "audio.synthesis_failed": "Het uitspreken van een zin mislukte: {reason}",
    "audio.chimes_only": (
        "{problem}\nDe sessie gaat door met belletjes in plaats van gesproken "
        "zinnen; de tekst staat op het scherm."
    ),
    "audio.spoken_failed": (
        "{problem}\nJe hoort een belletje in de plaats; de tekst staat op het scherm."
    ),
    "audio.empty_text": "Er is niets om uit te spreken: geef een zin.",
    "audio.sound_missing": (
        "Het geluid '{name}' ontbreekt (gezocht in {where}). "
        "Maak de geluiden opnieuw met: python sounds/make_sounds.py"
    ),
    "audio.bad_wav": "{path} is geen bruikbaar WAV-bestand (16-bit PCM nodig): {reason}",
}

"""Sound and speech: messages about speakers and the voice (en)."""

PHRASES: dict[str, str] = {
    "audio.default_device": "the default device",
    "audio.device_line": "{mark} {index:>2}  {name}  ({inputs} in, {outputs} out){notes}",
    "audio.note_chosen_output": "chosen speaker",
    "audio.note_chosen_input": "chosen microphone",
    "audio.note_default_output": "default for playback",
    "audio.note_default_input": "default for recording",
    "audio.no_portaudio": (
        "Sound does not work: the PortAudio library is missing. "
        "Install it with: sudo apt install libportaudio2"
    ),
    "audio.no_devices": (
        "No sound device was found at all. Connect a speaker or check that "
        "PulseAudio or PipeWire is running."
    ),
    "audio.no_output_device": (
        "No speaker was found. Connect one or choose one with --device "
        "(facilitator devices shows which there are)."
    ),
    "audio.device_not_found": (
        "There is no sound device '{device}'. Available: {available}. "
        "Choose a number or (part of) a name from facilitator devices."
    ),
    "audio.device_ambiguous": (
        "The name '{device}' fits more than one device: {matches}. "
        "Choose the number of the right one."
    ),
    "audio.not_an_output": (
        "The device '{device}' cannot play sound. Choose a speaker from facilitator devices."
    ),
    "audio.no_input_device": (
        "No microphone was found. Connect one or choose one with --input-device "
        "(facilitator devices shows which there are)."
    ),
    "audio.not_an_input": (
        "The device '{device}' cannot record sound. Choose a microphone from "
        "facilitator devices."
    ),
    "audio.device_failed": (
        "The sound device {device} does not work ({reason}). Check that it is switched "
        "on and connected; facilitator devices shows which devices there are."
    ),
    "audio.playback_stuck": "playback got stuck",
    "audio.pause_off": "The microphone cannot hear the table ({problem}); the facilitator now speaks without waiting for a pause.",
    "audio.device_lost": (
        "{problem}\nThe session goes on; what I say is shown on screen. "
        "I will try the speaker again every few seconds."
    ),
    "audio.device_back": "The speaker works again: you will hear me from now on.",
    "audio.silent": (
        "{problem}\nThe session goes on without sound; everything I would say "
        "is shown on screen."
    ),
    "audio.no_espeak": (
        "Speaking does not work: espeak-ng is not installed. "
        "Install it with: sudo apt install espeak-ng"
    ),
    "audio.no_voice": (
        "espeak-ng has no voice for the language '{language}'. Install the voices with: "
        "sudo apt install espeak-ng espeak-ng-data (if they are there already, add "
        "--reinstall after install)"
    ),
    "audio.voice_unknown": "There is no voice '{voice}' (voice in the configuration). Voices for this language: {voices}. Without that line facilitator chooses a voice itself.",
    "audio.voice_fallback": "{problem} The voice {voice} speaks instead.",
    "audio.engine_failed": "The speech engine (espeak-ng through pyttsx3) does not work: {reason}",
    "audio.engine_stuck": "espeak-ng no longer answers",
    "audio.synthesis_failed": "Speaking a sentence failed: {reason}",
    "audio.chimes_only": (
        "{problem}\nThe session goes on with chimes instead of spoken "
        "sentences; the text is shown on screen."
    ),
    "audio.spoken_failed": (
        "{problem}\nYou hear a chime instead; the text is on screen."
    ),
    "audio.empty_text": "There is nothing to say: give a sentence.",
    "audio.sound_missing": (
        "The sound '{name}' is missing (looked in {where}). "
        "Make the sounds again with: python sounds/make_sounds.py"
    ),
    "audio.bad_wav": "{path} is not a usable WAV file (16-bit PCM needed): {reason}",
}

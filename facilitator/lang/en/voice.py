"""Spoken commands and the speech model (en).

The ``voice.phrases.*`` keys are what the chair can say. A ``|`` separates words that
mean the same. Write them in lower case, as the recogniser returns them, and only with
words the speech model knows. ``{number}`` becomes a number in words (``two``, ...).
"""

PHRASES: dict[str, str] = {
    # What the chair can say.
    "voice.phrases.next_step": "next step",
    "voice.phrases.previous_step": "previous step|back",
    "voice.phrases.pause": "pause",
    "voice.phrases.resume": "continue|resume",
    "voice.phrases.time_left": "how much time|how much time left",
    "voice.phrases.repeat": "repeat",
    "voice.phrases.extend_one": "{number} more minute|another minute",
    "voice.phrases.extend_many": "{number} more minutes",
    "voice.phrases.extend_default": "extra time",
    "voice.phrases.next_speaker": "next|next speaker",
    "voice.phrases.pass": "i pass",
    "voice.phrases.example_question": "example question",
    "voice.phrases.explain": "explain",
    "voice.phrases.stop": "stop|stop session",
    "voice.phrases.confirm_stop": "yes stop",
    "voice.phrases.choose_case_owner": "{name} brings the case|case owner {name}",
    "voice.phrases.cancel": "do not stop",
    "voice.phrases.action_point": "action point for {name}",
    "voice.wake_word": "computer",
    # Common words that come up in any conversation. They are in the grammar so that
    # other speech lands on them instead of on a command; only the words the speech
    # model knows are used.
    "voice.decoys": (
        "the a an and of to in is that it on for with be are was as at but or "
        "this have has had does did will would can could should we you he she "
        "they my your our their what when where why who which so if then "
        "there here now just also very really think know say said go going get "
        "good fine well okay no maybe actually about answer idea "
        "problem work team people someone something nothing day week year "
        "stopped stopping stock top steps nexus text pack"
    ),
    # Finding and loading the speech model.
    "voice.model_missing": (
        "No speech model is installed yet (looked in {where}). "
        "Install the Dutch model with: facilitator model download\n"
        "No internet on this computer? Download {url} on another computer, put the "
        "file on a USB stick and install it with: facilitator model download --from FILE"
    ),
    "voice.model_not_found_at": (
        "There is no speech model in {path} (given in {origin}). Correct the path, "
        "or leave it out and install the model with: facilitator model download"
    ),
    "voice.origin_config": "the configuration",
    "voice.origin_env": "the environment variable FACILITATOR_MODEL",
    "voice.model_incomplete": (
        "The folder {path} is not a complete speech model: {missing} is missing. "
        "Install the model again with: facilitator model download"
    ),
    "voice.no_model_at": (
        "{path} does not exist or is not a folder. Give the folder of a speech model, "
        "or install the model with: facilitator model download"
    ),
    "voice.model_without_grammar": (
        "The model in {path} has a fixed search graph (graph/HCLG.fst), so it cannot "
        "listen for the commands alone: it would write out everything that is said. "
        "Use a small model, such as vosk-model-small-nl-0.22, or an lgraph model."
    ),
    "voice.model_load_failed": (
        "The speech model in {path} cannot be loaded; its files are probably damaged. "
        "Install it again with: facilitator model download"
    ),
    "voice.recognizer_failed": "Speech recognition cannot start: {reason}",
    "voice.vosk_missing": (
        "Speech recognition does not work: the vosk library cannot be loaded "
        "({reason}). Install it again with: pip install vosk"
    ),
    # Voice control during a session.
    "voice.off": "Voice control is off; the session carries on with the keyboard. {reason}",
    "voice.loading_failed": "The speech model could not be loaded: {reason}",
    "voice.words_unknown": "The speech model does not know every word.",
    "voice.say_split": "Say '{split}' instead of '{word}'.",
    "voice.say_instead": "'{phrase}' does not work; say {instead}.",
    "voice.say_keyboard": "'{phrase}' does not work by voice; use the keyboard.",
    "voice.wake_word_missing": (
        "The model does not know the wake word '{word}', so commands of one word do not "
        "work by voice. Say the longer form, such as 'next step'."
    ),
    "voice.no_unk": (
        "The model has no [unk] for unknown words: other speech lands on the decoys or "
        "on a command. Turn on a wake word (wake_word)."
    ),
    "voice.names_unknown": (
        "The model does not know these names: {names}. Choose those people with the keyboard."
    ),
    "voice.wake_word_unknown": (
        "The speech model does not know the wake word '{word}'. Choose another wake word "
        "(wake_word in the configuration), or leave it out."
    ),
    "voice.mic_off": (
        "{problem}\nVoice control is off; the session carries on with the keyboard. "
        "The microphone is tried again every few seconds."
    ),
    "voice.mic_back": "The microphone ({device}) works again: voice control is on.",
    "voice.mic_stopped": "recording stopped",
    "voice.mic_silent": "no sound has come in for {seconds} seconds",
    "voice.failed": (
        "Voice control stopped because of an error: {reason}\n"
        "The session carries on with the keyboard."
    ),
    # facilitator listen: tuning the microphone and the threshold.
    "voice.listen_loading": "Loading the speech model from {path} ...",
    "voice.listen_ready": (
        "Listening through {device}. Say a command, for instance '{example}'. Stop: Ctrl+C."
    ),
    "voice.listen_settings": "Threshold {threshold}, wake word: {wake_word}.",
    "voice.listen_no_wake_word": "none",
    "voice.listen_level": "Level",
    "voice.listen_level_hint": (
        "Speak in a normal voice from the chair's seat: the bar should reach about "
        "halfway. If it stays low, move the microphone closer or turn it up."
    ),
    "voice.listen_level_only": (
        "Without a speech model, listen shows only the microphone's level: you can set "
        "it up already."
    ),
    "voice.listen_ready_level": "Listening through {device}. Stop: Ctrl+C.",
    "voice.listen_policy": "Without the wake word: {without}. Only after the wake word: {after}.",
    "voice.listen_no_phrases": "none",
    "voice.listen_how": "({route}; confidence {confidence})",
    "voice.route.phrase": "without the wake word",
    "voice.route.wake_word": "with the wake word",
    "voice.route.wake_word_before": "wake word, pause, command",
    "voice.route.joined": "in two parts, joined",
    "voice.layer.own_speech": "own voice",
    "voice.layer.words": "words",
    "voice.layer.wake_word": "wake word",
    "voice.layer.silence": "silence",
    "voice.layer.confidence": "confidence",
    "voice.layer.cooldown": "repetition",
    "voice.mic_no_devices": (
        "No sound device was found at all, so no microphone either. Plug one in or "
        "check that PulseAudio or PipeWire is running."
    ),
    "voice.listen_accepted": "recognised: '{phrase}'",
    "voice.listen_rejected": "[{layer}] ignored: {heard}, because {reason}",
    "voice.listen_confidence": "(confidence {confidence})",
    "voice.listen_extend": "... more minutes",
    "voice.listen_sounded_like": "sounded like '{phrase}'",
    "voice.listen_something": "something other than a command",
    "voice.listen_overflows": (
        "Sound was lost {count} times because the computer could not keep up."
    ),
    "voice.reason.during_own_speech": "the facilitator itself was speaking",
    "voice.reason.no_command": "it is not exactly a command",
    "voice.reason.missing_wake_word": "this command works only after the wake word '{wake_word}'",
    "voice.reason.unk_around": "more was said than just the command",
    "voice.reason.too_long": "it took too long for a command",
    "voice.reason.not_isolated": (
        "someone spoke just before or after it (say a command on its own, with a short pause)"
    ),
    "voice.reason.low_confidence": "the recognition was not sure enough: the threshold is {threshold}",
    "voice.reason.cooldown": "it came right after the previous command",
    # Downloading and installing the speech model.
    "voice.no_network": (
        "The speech model cannot be fetched from {url}: {reason}. "
        "Is this computer connected to the internet?\n"
        "Without internet: download the file on another computer, put it on a USB "
        "stick and install it with: facilitator model download --from FILE"
    ),
    "voice.http_error": (
        "The server answered with an error while fetching {url} (HTTP {status}). "
        "Try again later, or install a zip downloaded on another computer with: "
        "facilitator model download --from FILE"
    ),
    "voice.interrupted": "Fetching {url} broke off ({reason}). Nothing was installed; try again.",
    "voice.reason_cut_off": "the connection dropped after {received} of {expected} bytes",
    "voice.reason_timeout": "the server stopped answering",
    "voice.size_mismatch": (
        "{source} is {actual} bytes, but the model should be {expected} bytes. The file "
        "is incomplete or a different file; nothing was installed."
    ),
    "voice.checksum_mismatch": (
        "{source} does not have the expected SHA-256 checksum (expected {expected}, "
        "found {actual}). The file is damaged or a different file; nothing was installed."
    ),
    "voice.archive_broken": (
        "{source} is not a usable zip file ({reason}). Fetch it again; nothing was installed."
    ),
    "voice.archive_without_model": (
        "The zip file {source} holds no complete speech model ({missing} is missing). "
        "Use the zip of a vosk model, such as vosk-model-small-nl-0.22.zip, as it comes "
        "from the vosk website; nothing was installed."
    ),
    "voice.download_without_model": (
        "What came from {source} is not a complete speech model ({missing} is missing). "
        "Check the address; nothing was installed."
    ),
    "voice.archive_unsafe": (
        "The zip file {source} wants to write outside its own folder ({name}). It is not unpacked."
    ),
    "voice.source_not_found": (
        "{source} does not exist. Give a zip file, an unpacked model folder or an "
        "address starting with http:// or https://."
    ),
    "voice.source_unsupported": (
        "{source} is not a zip file, a model folder or an http(s) address. Give one of those three."
    ),
    "voice.bad_model_name": (
        "{source} gives no usable name for the model folder ({name}). Give the zip file "
        "or the folder a plain name, such as vosk-model-small-nl-0.22."
    ),
    "voice.no_space": (
        "There is not enough disk space in {where}: about {needed} MB is needed, "
        "{free} MB is free. Free some space and try again."
    ),
    "voice.write_failed": (
        "The model cannot be written to {where}: {reason}. Nothing was installed."
    ),
    "voice.bad_sha256": "A SHA-256 checksum is 64 characters 0-9 and a-f; '{value}' is not.",
    "voice.busy": (
        "A speech model is already being installed in {where}, by another window or "
        "program. Wait until it is done, then try again."
    ),
    "voice.fetching": "Fetching the speech model",
    "voice.installed": "The speech model is ready in {path}",
    "voice.check_nothing_usable": (
        "The speech model in {path} knows none of the Dutch commands. Is it a Dutch "
        "model? Install one with: facilitator model download"
    ),
    "voice.check_loaded": "Speech model: {path} (loaded in {seconds} s).",
    "voice.check_ready": (
        "The model knows all {count} command phrases: every command can be given by voice."
    ),
    "voice.check_partly": (
        "{usable} of the {count} command phrases can be given by voice; the model does "
        "not know {words}."
    ),
    "voice.check_wake_word": "Only after the wake word '{word}': {phrases}.",
    "voice.check_without_wake_word": "Also without the wake word: {phrases}.",
    "voice.check_next": "Try the microphone and the commands with: facilitator listen",
}

"""records phrases (en): the session log, the time report and the room configuration."""

PHRASES: dict[str, str] = {
    # The session log.
    "records.log_not_a_log": (
        "{file} already exists and is not a session log; I will not write in it. "
        "Choose a new file or an existing log with --log."
    ),
    "records.log_cannot_write": (
        "The session log {file} cannot be written ({reason}). "
        "Choose another folder or check the permissions."
    ),
    "records.log_unreadable": (
        "The session log {file} cannot be read ({reason}). "
        "Check the path and whether you may read the file."
    ),
    "records.log_not_text": (
        "{where}: this line is not readable text (UTF-8). Is this really a session log?"
    ),
    "records.log_not_json": (
        "{where}: this line is not valid JSON. Repair or remove the line and try again."
    ),
    "records.log_not_object": (
        "{where}: every line of a session log is one JSON object with fields, "
        "this one is not. Repair or remove the line."
    ),
    "records.log_missing_field": (
        "{where}: the field '{field}' is missing. Every line needs a time ('t') and an "
        "event name ('event')."
    ),
    "records.log_bad_time": (
        "{where}: 't' should be a number of seconds, but it is {value}."
    ),
    "records.log_bad_event": (
        "{where}: 'event' should be the name of an event, but it is {value}."
    ),
    "records.log_empty": (
        "{file} holds no events, so there is nothing to report. "
        "Give the log of a session that actually ran."
    ),
    # The time report.
    "records.report_title": "Time report: {title}",
    "records.untitled": "untitled session",
    "records.column_step": "Step",
    "records.column_title": "Title",
    "records.column_part": "Part",
    "records.column_planned": "Planned",
    "records.column_actual": "Actual",
    "records.column_difference": "Difference",
    "records.column_extended": "Extended",
    "records.column_turns": "Turns",
    "records.total": "Total",
    "records.part_opening": "opening",
    "records.part_method": "method",
    "records.part_closing": "closing",
    "records.extended_minutes": "+{minutes} min",
    "records.summary_heading": "Summary",
    "records.summary_times": "Planned {planned}, actual {actual} ({difference}).",
    "records.summary_pauses": "Pauses: {count}, {duration} in all.",
    "records.summary_no_pauses": "There were no pauses.",
    "records.summary_elapsed": "From start to end, pauses included: {duration}.",
    "records.ended_completed": "The session ran to the end.",
    "records.ended_stopped": "The session was stopped before the end.",
    "records.ended_interrupted": "The session was interrupted and not finished afterwards.",
    "records.ended_unknown": (
        "The log stops without the session being closed; "
        "the program was probably cut off halfway."
    ),
    "records.summary_resumed": "Resumed after an interruption: {count} times.",
    "records.summary_not_run": "Steps that did not come up: {count}.",
    "records.summary_participants": "Participants: {count}.",
    "records.summary_fitted": "The steps were scaled in proportion to the time available; the method itself takes {own}.",
    "records.summary_rehearsal": "This was a rehearsal at {speed}× the normal speed.",
    "records.summary_earlier_sessions": (
        "Earlier sessions in this log: {count}. This report is about the last one."
    ),
    "records.speakers_heading": "Who spoke",
    "records.speakers": "{step}: {names}",
    "records.speakers_with_passes": "{step}: {names} (passed: {passes} times)",
    "records.speakers_nobody": "nobody",
    "records.report_cannot_write": (
        "The time report cannot be written to {file} ({reason}). "
        "Choose another path or check the permissions."
    ),
    # The room configuration.
    "records.config_missing": (
        "{file}: this settings file does not exist. Check the path; "
        "'facilitator config --example' prints an example with every setting."
    ),
    "records.config_not_text": (
        "{file}: this is not a text file (UTF-8). Save the room settings as plain text."
    ),
    "records.config_unreadable": (
        "{file}: the room settings cannot be read ({reason}). "
        "Check the path and the permissions."
    ),
    "records.config_syntax": (
        "{where}: this is not valid TOML ({detail}). Each setting goes on a line of its "
        "own as name = value, and text goes between quotes."
    ),
    "records.config_unknown_key_suggest": (
        "{where}: unknown setting '{key}'. Did you mean '{suggestion}'?"
    ),
    "records.config_unknown_key": (
        "{where}: unknown setting '{key}'. Remove it or choose one of these: {known}."
    ),
    "records.config_wrong_type": (
        "{where}: '{key}' should be {expected}, but it is {value}. Change the value."
    ),
    "records.config_expect_device": "the name (text) or number of a sound device",
    "records.config_expect_text": "text between quotes",
    "records.config_expect_paths": "a path or a list of paths, as text in quotes",
    "records.config_group_methods": "Own methods",
    "records.config_help_method_folders": (
        "Folders with your group's own methods (YAML files), for example "
        "[\"methods\", \"~/intervisie/methods\"]; a relative path counts from this file. "
        "Start an own method by its name, like a shipped one; with the same name, the own "
        "method wins. The search goes through FACILITATOR_METHODS first, then these "
        "folders (in this order), then the folder facilitator methods new writes to. "
        "When two folders have the same name, the first one counts."
    ),
    "records.config_expect_whole_number": "a whole number",
    "records.config_expect_number": "a number",
    "records.config_expect_duration": 'a duration, in seconds (90) or as text ("1 min")',
    "records.config_expect_durations": 'a list of durations, such as [60, "30 s"]',
    "records.config_expect_path": "a path, as text between quotes",
    "records.config_out_of_range": (
        "{where}: '{key}' must be between {low} and {high}, but it is {value}. "
        "Choose a value in between."
    ),
    "records.config_not_a_choice": (
        "{where}: '{key}' must be one of these values: {choices}. It is {value} now."
    ),
    "records.config_not_a_duration": (
        "{where}: '{key}': {value} is not a duration facilitator knows. Write a number "
        'of seconds (90) or a time such as "1 min", "90 s" or "1:30".'
    ),
    "records.config_example_header": (
        "Room settings for facilitator (room.toml).\n"
        "Every setting is listed below with its default, switched off with #.\n"
        "Remove the # and change the value to change a setting.\n"
        'Write times in seconds (90) or as text: "1 min", "90 s", "1:30".'
    ),
    "records.config_group_sound": "Language, voice and sound",
    "records.config_group_time": "Time",
    "records.config_group_voice_commands": "Voice commands",
    "records.config_help_language": (
        'The language facilitator speaks and writes: "nl" (Dutch) or "en" (English).'
    ),
    "records.config_help_output_device": (
        "The loudspeaker: a name (or part of one) or a number from 'facilitator devices'. "
        "Without this line: the computer's default device."
    ),
    "records.config_help_input_device": (
        "The microphone for voice commands, chosen like the loudspeaker. "
        "Without this line: the default device."
    ),
    "records.config_help_voice": (
        "The voice (name or id). Without this line facilitator looks for a voice that "
        "fits the language."
    ),
    "records.config_help_rate": (
        "Speaking rate in words per minute (50 to 500). Without this line: the speech "
        "synthesiser's own rate."
    ),
    "records.config_help_volume": "Volume of the voice, from 0 (silent) to 1 (full).",
    "records.config_help_grace_s": (
        "How long facilitator waits after time is up before it moves on to the next step "
        "by itself. 0 means: at once."
    ),
    "records.config_help_on_time_up": (
        'What happens when a step\'s time is up: "advance" (on to the next step after the '
        'wait) or "wait" (until the chair moves on). A method can choose otherwise per step.'
    ),
    "records.config_help_warnings_s": (
        "Warnings before the end of a step, this long beforehand. [] means: no warnings."
    ),
    "records.config_help_warn_min_step_s": (
        "Only steps at least this long get those warnings, unless the method says otherwise."
    ),
    "records.config_help_turn_warning_s": (
        "A soft cue this long before a turn ends. 0 means: no cue."
    ),
    "records.config_help_turn_warning_min_s": (
        "Only turns at least this long get that cue."
    ),
    "records.config_help_pause_wait_s": (
        "With a working microphone, the facilitator waits for a moment of silence at the "
        "table before a time-up, warning, turn change or new step, at most this many "
        "seconds; then it speaks anyway. The schedule does not move. 0 = never wait."
    ),
    "records.config_help_wake_word": (
        "A word (or two) that must come before every spoken command. Without this line "
        "the wake word is 'computer', needed only before commands of one word."
    ),
    "records.config_help_min_confidence": (
        "How sure speech recognition must be (0 to 1) before a command is carried out."
    ),
    "records.config_help_cooldown_s": (
        "How long new voice commands are ignored after a recognised one."
    ),
    "records.config_help_model_path": (
        "The folder with the speech recognition model (a relative path counts from this "
        "file). Without this line: the standard folder for speech models."
    ),
}

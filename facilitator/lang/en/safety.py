"""safety phrases (en): input that is not what it claims, and files that cannot be written."""

PHRASES: dict[str, str] = {
    # Input files.
    "safety.kind_folder": "a folder",
    "safety.kind_pipe": "a pipe (FIFO)",
    "safety.kind_device": "a device",
    "safety.kind_other": "something special",
    "safety.not_a_file": "{path} is not a plain file but {kind}. Give a plain file.",
    "safety.too_large": "{path} is too large ({size}; at most {limit}). Is this the right file?",
    "safety.too_deep": (
        "{where}: this is nested too deeply or holds too long a number. "
        "Is this the right file?"
    ),
    "safety.not_text": "{where}: this text is not valid UTF-8. Save the file as UTF-8.",
    # Names.
    "safety.name_control": (
        "The name '{name}' holds a control character or a line break. Write each name "
        "as plain text."
    ),
    "safety.name_too_long": "The name '{name}' is too long: at most {limit} characters.",
    "safety.too_many_names": (
        "That is {count} names. Facilitator guides groups of at most {limit} people."
    ),
    # The log and the saved state during a meeting.
    "safety.log_waiting": (
        "The log {file} cannot be written now ({reason}). The session goes on. "
        "I keep the lines and write them as soon as I can."
    ),
    "safety.log_written_again": "The log {file} is written again; nothing is missing.",
    "safety.log_fallback": (
        "{count} lines could not be written to {file}. They are now in {fallback}."
    ),
    "safety.log_lost": "{count} lines of the log could not be written anywhere ({reason}).",
    "safety.state_waiting": (
        "The session cannot be saved in {path} now ({reason}). The session goes on and "
        "I keep trying. If the computer stops now, resuming goes back to {since}."
    ),
    "safety.state_fallback": (
        "The session cannot be saved in {path} ({reason}). I keep it in {fallback} "
        "for now; resuming works as usual."
    ),
    "safety.state_saved_again": "The session is saved again.",
    "safety.resume_from": "The session continues at {elapsed}, as it was saved at {saved_at}.",
    "safety.resume_log_ahead": (
        "The log runs {seconds} seconds beyond the last saved state, because saving "
        "failed after it. Those lines stay in the log."
    ),
    "safety.resume_new_log": (
        "The resumed session goes on in {file}. The earlier log stays as it is."
    ),
    # A saved state that cannot be used.
    "safety.state_broken": "The saved session in {path} cannot be used: {reason}.",
    "safety.state_discard": "Set it aside and start a new session?",
    "safety.state_set_aside": "I kept it as {aside}; a new session can start.",
    "safety.state_kept": (
        "The saved session stays. It cannot be resumed; move the file away to start "
        "a new session."
    ),
    # The report.
    "safety.report_own_input": (
        "{file} is the log itself; I will not write the report over it. "
        "Choose another file with --markdown."
    ),
    "safety.report_not_ours": (
        "{file} exists and is not a facilitator report; I will not write over it. "
        "Choose another file with --markdown."
    ),
    # Output.
    "safety.output_failed": "The output cannot be written ({reason}).",
    # Speech models.
    "safety.archive_encrypted": (
        "{source}: this zip file is encrypted with a password. Use the model's plain "
        "zip file."
    ),
}

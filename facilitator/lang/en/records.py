"""records phrases (en): the session log, the time report and the room configuration."""

PHRASES: dict[str, str] = {
    # The session log.
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
}

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
}

"""What the chair reads and answers at the terminal (en): the questions of
``facilitator run`` and the closing screen after a session."""

PHRASES: dict[str, str] = {
    "cli.methods.step_id": "[id: {id}]",
    # The closing screen.
    "cli.closing.title_completed": "Done: the whole session has run",
    "cli.closing.title_stopped": "The session was stopped",
    "cli.closing.title_interrupted": "The session was interrupted",
    "cli.closing.title_other": "The session has ended",
    "cli.closing.log": "Log: {path}",
    "cli.closing.report": "Report: {path}",
    "cli.closing.report_failed": "The report could not be written ({reason}).",
    "cli.closing.no_log": "No log was kept; with --log FILE the times are kept for a report.",
    "cli.closing.resume": "Continue where you were: {command}",
    # The session screen.
    "cli.view.next_speaker": "Then",
    "cli.view.say": "Say: {phrases}",
    "cli.view.say_with_wake_word": "Say '{wake_word}' first, then: {phrases}",
    "cli.view.more_notices": " (and {count} more)",
    "cli.nobody_else": "With only {name} there is nobody to think along. Give the names of the whole group, the case owner included.",
    "cli.ask.yes_no_default_yes": "[Y/n]",
    "cli.ask.yes_no_default_no": "[y/N]",
    "cli.ask.yes_or_no": "Type y (yes) or n (no).",
    "cli.ask.when_today": "today at {time}",
    "cli.ask.when_yesterday": "yesterday at {time}",
    "cli.ask.when_date": "on {day} {month} at {time}",
    "cli.ask.months": "January,February,March,April,May,June,July,August,September,October,November,December",
    "cli.ask.did_you_mean": "Did you mean {name}?",
    "cli.ask.owner_unknown": "{name} is not one of the names you gave ({names}). Type one of those names.",
    "cli.ask.opening": "Begin with the opening (a short round: how is everyone)?",
    "cli.ask.closing": "End with an evaluation?",
    "cli.ask.time": "How much time do you have? A length such as 45min or 1:15, or an end time such as until 21:00 (Enter: the method's own time, {own})",
    "cli.ask.time_again": "That does not work. Type a length, such as 45min or 1:15, or an end time still to come, such as until 21:00.",
}

"""keys phrases (en): what each key does, shown on screen during a session."""

PHRASES: dict[str, str] = {
    "keys.next_step": "next step",
    "keys.previous_step": "previous step",
    "keys.pause": "pause / resume",
    "keys.time_left": "how much time is left?",
    "keys.repeat": "repeat the instruction",
    "keys.extend": "add {duration}",
    "keys.next_speaker": "next speaker",
    "keys.pass": "pass",
    "keys.resume": "resume",
    "keys.example_question": "example question",
    "keys.explain": "more about this step",
    "keys.stop": "stop the session (asks to confirm)",
    "keys.confirm_stop": "yes, stop",
    "keys.cancel": "don't stop",
    "keys.action_point": "action point for the speaker",
    # names of keys that have no letter of their own
    "keys.choose_case_owner": "who brings the case",
    "keys.name.space": "space",
    "keys.name.enter": "Enter",
    "keys.name.escape": "Esc",
    "keys.name.right": "→",
    "keys.name.left": "←",
    "keys.or": "{first} or {second}",
}

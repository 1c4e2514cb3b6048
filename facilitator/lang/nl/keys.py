"""keys phrases (nl): what each key does, shown on screen during a session."""

PHRASES: dict[str, str] = {
    "keys.next_step": "volgende stap",
    "keys.previous_step": "vorige stap",
    "keys.pause": "pauze / verder",
    "keys.time_left": "hoeveel tijd nog?",
    "keys.repeat": "instructie herhalen",
    "keys.extend": "{duration} erbij",
    "keys.next_speaker": "volgende spreker",
    "keys.pass": "ik pas",
    "keys.resume": "verder",
    "keys.example_question": "voorbeeldvraag",
    "keys.explain": "uitleg bij deze stap",
    "keys.stop": "sessie stoppen (vraagt om bevestiging)",
    "keys.confirm_stop": "ja, stoppen",
    "keys.cancel": "toch niet stoppen",
    "keys.action_point": "actiepunt voor de spreker",
    # names of keys that have no letter of their own
    "keys.choose_case_owner": "wie brengt de casus in",
    "keys.name.space": "spatie",
    "keys.name.enter": "Enter",
    "keys.name.escape": "Esc",
    "keys.name.right": "→",
    "keys.name.left": "←",
    "keys.or": "{first} of {second}",
}

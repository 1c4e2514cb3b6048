"""export phrases (en): the rehearsal page for home and the command that writes it."""

PHRASES: dict[str, str] = {
    # The page, as a member sees it.
    "export.page_title": "Rehearse: {title}",
    "export.intro": (
        "Practise the timing of this method here. You see each step with a large clock, "
        "and you hear what the facilitator says in the room. Turn the sound on."
    ),
    "export.start": "Start",
    "export.next": "Next step",
    "export.pause": "Pause",
    "export.resume": "Resume",
    "export.no_voice": (
        "This device has no English voice. Read along; soft tones mark the moments."
    ),
    "export.step_of": "Step {number} of {count}",
    "export.voice_language": "en-GB",
    # The command.
    "export.written": (
        "Rehearsal page written: {path} ({size} kB). Send this one file to the group; "
        "it works offline, on a phone or a laptop."
    ),
    "export.html_needed": (
        "Add --html: an HTML rehearsal page is the only kind of export there is for now."
    ),
    "export.not_ours": (
        "{path} already exists and is not a facilitator rehearsal page; I leave it alone. "
        "Choose another name with -o."
    ),
    "export.cannot_write": (
        "The rehearsal page {path} cannot be written ({reason}). "
        "Choose another folder with -o, or check the permissions."
    ),
}

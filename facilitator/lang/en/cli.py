"""What the command line and the screen show (en)."""

PHRASES: dict[str, str] = {
    "cli.chair_unknown": "The chair {name} is not among the participants ({names}). Choose one of them, or add the name to --participants.",
    "cli.case_owner_unknown": "The case owner '{name}' is not in the participants ({names}). Give one of those names with --case-owner.",
    "cli.case_owner_needs_names": "--case-owner names someone from --participants \"Anna,Bram,...\", or with --group-size a participant's number.",
    "cli.names_and_size": "Give --participants or --group-size, not both.",
    "cli.empty_name": "The participants '{names}' contain an empty name. Separate the names with commas, with no comma at the end.",
    "cli.duplicate_name": "The name '{name}' appears twice in the participants. Make the names unique, for example with an initial.",
    "cli.group_size_range": "A group of {size} is not possible: choose --group-size between 1 and 50.",
    "cli.speed_range": "Speed {speed} is not possible: choose --speed between {low} and {high}.",
    "cli.grace_range": "A grace period of {grace} seconds is not possible: choose --grace between 0 and 3600.",
    "cli.unknown_step": "This method has no step '{step}'. Choose one of: {ids}.",
    "cli.no_repeat_block": "The method '{method}' has no block to repeat; leave out --repeat.",
    "cli.repeat_range": "Repeating {times} times is not possible: choose --repeat between 1 and 20.",
    "cli.fit_range": "{title} does not fit into {total} minutes: its steps can be made shorter or longer in proportion, but then the session takes between {low} and {high} minutes. Choose another time or another method.",
    "cli.fit_both": "Choose --total or --until, not both.",
    "cli.total_bad": "'{value}' is not a length for --total; write for example 50min, \"1 hour\" or 1:15 (hours:minutes).",
    "cli.until_bad": "'{value}' is not a time of day for --until; write for example 21:00.",
    "cli.until_past": "It is {now} now, so {value} has passed; choose a time still to come.",
    "cli.fitted": "Every step has been {direction} in proportion so that the session fits {total} (the method itself takes {own}).",
    "cli.fitted_shorter": "shortened",
    "cli.fitted_longer": "lengthened",
    "cli.fitted_show": "Fitted in proportion, with the grace period after each step; the method itself takes {own}.",
    "cli.start_bad": "'{value}' is not a time of day for --start; write for example 19:30.",
    "cli.show_materials": "Needed: {materials}.",
    "cli.show_ends": "Done at {time} (with the grace period after each step).",
    "cli.small_group": "Note: {size} participants is few for this method (at least {needed}); an intervisie group works best with 5 to 8 people.",
    "cli.group_advice": "Tip: an intervisie group works best with 5 to 8 people; you are {size}.",
    "cli.no_participants": "Without --participants or --group-size the facilitator gives no turns; turn rounds run as plain steps.",
    "cli.kind.opening": "opening",
    "cli.kind.closing": "closing",
    "cli.kind.agenda": "agenda",
    "cli.kind.method": "method",
    "cli.turn_round": "turn round",
    "cli.repeat_block": "Steps {first} to {last} can be repeated (--repeat N).",
    "cli.check_ok": "{path}: fine ({title}, {total})",
    "cli.report_written": "Report saved to {path}",
    "cli.view.title": "Step {number}/{count} · {title}",
    "cli.view.remaining": "Left",
    "cli.view.paused": "(paused)",
    "cli.view.waiting": "(time is up: waiting for the chair)",
    "cli.view.waiting_for_pause": "(waiting for a pause at the table)",
    "cli.view.speaker": "Speaking",
    "cli.view.choose_case_owner": "Who brings the case? Key: {choices}",
    "cli.view.round": "round {round}",
    "cli.view.next": "Next",
    "cli.view.last_step": "(last step)",
    "cli.view.total": "Total left",
    "cli.view.last_command": "Last command",
    "cli.view.voice": "Voice control",
    "cli.view.voice_off": "off: give commands with the keys",
    "cli.view.voice_loading": "loading the speech model",
    "cli.view.voice_listening": "on: listening for spoken commands",
    "cli.view.voice_stopped": "stopped: give commands with the keys",
    "cli.view.by_voice": "(spoken)",
    "cli.view.stop_pending": "Stop? Press y to confirm, Esc to carry on.",
    "cli.resume_offer": "There is an interrupted session ({method}, saved {saved_at}). Do you want to resume it?",
    "cli.resume_skipped": "An interrupted session was waiting ({method}); this new session takes its place. To resume instead: facilitator run --resume",
    "cli.nothing_to_resume": "There is no interrupted session to resume. Start a new one with: facilitator run METHOD",
    "cli.method_needed": "Which method? For example: facilitator run vijf-stappen (facilitator methods list shows them all).",
    "cli.choose_heading": "Which method do you use today?",
    "cli.choose_prompt": "Number",
    "cli.choose_again": "Type a number from 1 to {count}, or the name of a method.",
    "cli.ask_names": "Who takes part? Names with commas between them (Enter: no names)",
    "cli.ask_owner": "Who brings the case? (Enter: you choose later)",
    "cli.state_unreadable": "The saved session in {path} cannot be read ({reason}). Remove that file to carry on without resuming.",
    "cli.state_mismatch": "The saved session no longer fits the method '{method}' (did the file change?). Start the session again.",
    "cli.session_running": "A session is already running on this computer (process {pid}). Close it first; two sessions at once would overwrite each other's resume point.",
    # Own methods: methods list, new and check, and their room setting.
    "cli.methods.own": "own method: {path}",
    "cli.methods.broken": "(cannot be loaded:)",
    "cli.methods.hides": "hidden: {path} has the same name, but is in a later folder and is not used",
    "cli.methods.replaces_shipped": "replaces the shipped method {path}",
    "cli.methods.folder_missing": "Note: the folder {path} ({origin}) does not exist; no methods are looked for there.",
    "cli.methods.folder_not_a_folder": "Note: {path} ({origin}) is not a folder; no methods are looked for there.",
    "cli.methods.folder_unreadable": "Note: the folder {path} ({origin}) cannot be read; no methods are looked for there.",
    "cli.methods.origin_environment": "from FACILITATOR_METHODS",
    "cli.methods.origin_config": "from {file}",
    "cli.methods.none_own": "No own methods yet. Start one with: facilitator methods new NAME (the file goes into {folder}).",
    "cli.methods.bad_name": "'{name}' cannot be the name of a method: use letters, digits and hyphens, for example our-method.",
    "cli.methods.exists": "There already is a method '{name}' in this folder: {path}. An existing file is never overwritten; choose another name, or edit that file yourself.",
    "cli.methods.folder_is_file": "{path} is a file, not a folder: give a folder with --folder.",
    "cli.methods.cannot_write": "{path} cannot be written ({reason}).",
    "cli.methods.written": "New method written: {path}",
    "cli.methods.copied_from": "It is a copy of {source}.",
    "cli.methods.replaces_note": "This method has the same name as the shipped {path} and takes its place from now on.",
    "cli.methods.hidden_note": "Note: {path} has the same name and is found first, so that one is used. Choose another name, or start this method by its path.",
    "cli.methods.hides_note": "Note: the own method {path} has the same name and is no longer used; this new one takes its place.",
    "cli.methods.not_searched": "Note: facilitator does not look for methods in {folder}. Add that folder to method_folders in the room settings (facilitator config) or to FACILITATOR_METHODS, or start the method by its path.",
    "cli.methods.next_steps": (
        "What to do next:\n"
        "  1. Edit the file in a text editor. Every key is explained in {guide}\n"
        "  2. Check it: facilitator methods check {method}\n"
        "  3. Try it out: facilitator rehearse {method} --text"
    ),
    "cli.methods.template": """\
# {title}: a method of your own group.
#
# Lines starting with # are explanations; facilitator skips them.
# The keys are Dutch (titel = title, doel = purpose, duur = duration, stappen = steps).
# Change the title, the purpose, the steps and the times. Then check the file:
#     facilitator methods check {name}
# and try it out quietly, without sound:
#     facilitator rehearse {name} --text
# Every key is explained in {guide}

titel: {title}
doel: Say here in one sentence when your group chooses this method.
duur: 30 min             # the steps together; leave this line out if you would rather not add up
soort: methode           # methode, opening, afsluiting or agenda

stappen:
  - id: inbreng          # lowercase letters, digits and hyphens; each id only once
    titel: Case          # spoken aloud
    duur: 5 min
    wie: inbrenger       # inbrenger (case owner), groep, voorzitter, ieder or iedereen
    instructie: >
      The case owner tells what is going on and ends with a question for the group.
      The others listen and write down what strikes them.

  - id: vragen
    titel: Questions
    duur: 10 min
    wie: groep
    instructie: >
      Ask open questions, so that everyone understands the situation. No advice yet.
    voorbeeldvragen:     # read out when someone asks for an example question
      - What exactly happened?
      - What makes this hard for you?
    waarschuwingen: [2 min]   # a warning two minutes before the end
    herinneringen:       # a rule said again after so much time
      - na: 5 min
        tekst: "Remember: only questions, no advice yet."
    uitnodiging: ja      # halfway: an invitation to whoever has not spoken yet

  - id: adviezen
    titel: Advice round
    duur: 15 min
    wie: ieder           # everyone except the case owner
    beurten: ja          # one at a time; the time is shared fairly
    instructie: >
      Take turns to give the case owner one piece of advice. The case owner listens
      and only responds when everyone has had a turn.
""",
}

"""What the facilitator says during a session (en).

A key with a tuple holds several equivalent sentences: the facilitator takes the one
it has not said for the longest time (see ``facilitator.lang.variants``). Every
variant has the same placeholders. A step title never sits inside a fixed phrase.
"""

from facilitator.lang.variants import Template

PHRASES: dict[str, Template] = {
    "session.welcome": (
        "Welcome, everyone. Today's method is called {title}. It takes {duration}.",
        "Good to see you all. On the programme today: {title}. It takes {duration}.",
        "Welcome. We work with a method called {title} today. We have {duration}.",
        "Glad you are here. Today: {title}. All in all that takes {duration}.",
    ),
    "session.case_owner": (
        "{name} brings the case.",
        "The case comes from {name}.",
        "{name} brings in the case today.",
    ),
    "session.seat": "participant {n}",
    "session.step_start": (
        "Step {number}: {title}, {duration}.",
        "Then step {number}: {title}, {duration}.",
        "On to step {number}: {title}, {duration}.",
        "Now step {number}: {title}, {duration}.",
    ),
    "session.warning": (
        "Only {remaining} left.",
        "Still {remaining} for this step.",
        "We have {remaining} left.",
        "Note, {remaining} to go.",
        "Just {remaining} to go.",
    ),
    "session.time_up": (
        "Time is up. Finish your sentence.",
        "That was the time. Round off calmly.",
        "Time is up. Finish your thought.",
        "We have reached the time. Round off your sentence.",
    ),
    "session.time_up_wait": (
        "Time is up. Move on when you are ready.",
        "That was the time. Say next step when you are done.",
        "Time is up. Round off, then go to the next step.",
    ),
    "session.completed": (
        "That was the last step. Thank you all for this meeting.",
        "We are done. Thank you all, and see you next time.",
        "This was the last step. Thanks everyone, safe journey home.",
    ),
    "session.stopped": "The session has been stopped.",
    "session.turn_each": (
        "Each of you has {duration}.",
        "Everyone gets {duration}.",
        "Each turn takes {duration}.",
    ),
    "session.turn_first": (
        "{name}, you go first.",
        "{name}, would you like to start?",
        "We start with {name}.",
        "{name} may begin.",
    ),
    "session.turn_first_anonymous": (
        "Who would like to start?",
        "Who starts?",
    ),
    "session.turn_next": (
        "{name}, your turn.",
        "{name}, go ahead.",
        "{name}, you.",
        "Then {name}.",
        "Now {name}.",
    ),
    "session.turn_thanks": (
        "Thank you.",
        "Thanks.",
        "Thank you very much.",
        "Good, thank you.",
    ),
    "session.turn_after_pass": (
        "Fine.",
        "All right.",
        "Okay.",
    ),
    "session.turn_next_anonymous": (
        "Next turn.",
        "Who is next?",
        "The next person, go ahead.",
    ),
    "session.turn_warning": (
        "Still {remaining} for this step.",
        "We have {remaining} left.",
        "Just {remaining} to go.",
    ),
    "session.round_again": (
        "We go round once more.",
        "One more round.",
        "Another round.",
    ),
    "session.round_done": (
        "Everyone has had a turn. Still {remaining} to go.",
        "That was the whole round. We have {remaining} left.",
    ),
    "session.everyone_passed": (
        "Everyone passed. We have {remaining} left.",
        "Nobody has anything more. We have {remaining} left.",
    ),
    "session.paused": (
        "We pause. Say continue when you are ready.",
        "A short break. Say continue to go on.",
        "The session is on hold. Say continue when you are ready.",
    ),
    "session.resumed": (
        "We continue. We have {remaining} left.",
        "Here we go again. Still {remaining} for this step.",
        "We pick up the thread. Just {remaining} to go.",
    ),
    "session.resumed_after_break": (
        "We carry on at step {number}: {title}. We have {remaining} left.",
        "We pick up again at step {number}: {title}. Still {remaining} to go.",
    ),
    "session.resumed_turn": "It was {name}'s turn.",
    "session.not_paused": "The session is already running.",
    "session.time_left": (
        "Still {remaining} for this step.",
        "This step has {remaining} left.",
    ),
    "session.overtime": (
        "This step has run over by {over}.",
        "We are {over} over time.",
    ),
    "session.time_left_total": "In all, {remaining} left.",
    "session.extended": (
        "We add {extra}. Now {remaining} left.",
        "Fine, {extra} extra. We have {remaining} left now.",
    ),
    "session.no_turns": "There is no round of turns right now.",
    "session.no_questions": "This step has no example questions.",
    "session.no_explanation": "This step has no further explanation.",
    "session.invite": (
        "Who has not said anything yet? Your voice is welcome too.",
        "If we have not heard from you yet, there is room for you.",
        "Is there anyone who would still like to add something?",
    ),
    "session.stop_confirm": "Do you really want to stop the session? Then say: yes, stop.",
    "session.paused_keys": "We pause. Press the space bar when you start again.",
    "session.stop_confirm_keys": "Do you really want to stop the session? Then press y.",
    "session.stop_cancelled": (
        "All right, we carry on.",
        "Fine, we go on.",
    ),
    "session.action_point": "Action point for {name}.",
    "session.action_point_who": "Whose action point is it? Say: action point for, and then the name.",
    "session.frame_step_start": (
        "{title}, {duration}.",
        "Then: {title}, {duration}.",
        "Now: {title}, {duration}.",
    ),
    "session.block_label": "{label}.",
    "session.chair": (
        "{name} chairs today's meeting.",
        "Today {name} is in the chair.",
    ),
    "session.confidential": (
        "What we discuss here stays in this room.",
        "What is said here stays between us.",
    ),
    "session.materials": "Please lay these out now: {materials}.",
    "session.list_and": "{first} and {last}",
    "session.choose_case_owner": "Who brings the case? Say the name, or key the number.",
    "session.choose_case_owner_anonymous": "Who brings the case? Say or key that participant's number.",
    "session.offer_topic": "There is time for another topic. Who brings it? Or say: next step, and we round off.",
    "session.no_case_owner": "We carry on without a case owner.",
    "session.no_such_participant": "I do not know that participant.",
}

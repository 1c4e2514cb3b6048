"""Wat de facilitator tijdens een sessie zegt (nl)."""

PHRASES: dict[str, str] = {
    "session.welcome": "Welkom. Vandaag werken we met de methode {title}; die duurt in totaal {duration}.",
    "session.case_owner": "{name} brengt de casus in.",
    "session.seat": "deelnemer {n}",
    "session.step_start": "Stap {number} van {count}: {title}. Jullie hebben {duration}. {instruction}",
    "session.warning": "Nog {remaining} voor {title}.",
    "session.time_up": "De tijd voor {title} is om.",
    "session.time_up_wait": (
        "De tijd voor {title} is om. Ga naar de volgende stap zodra jullie zover zijn."
    ),
    "session.completed": "Dat was de laatste stap. Dank jullie wel, de sessie is afgelopen.",
    "session.stopped": "De sessie is gestopt.",
    "session.turn_each": "Ieder heeft {duration}.",
    "session.turn_first": "{name}, jij begint.",
    "session.turn_first_anonymous": "De eerste mag beginnen.",
    "session.turn_next": "{name}, jouw beurt.",
    "session.turn_next_anonymous": "Volgende beurt.",
    "session.round_again": "We gaan nog een rondje: ronde {round}.",
    "session.round_done": "Iedereen is aan de beurt geweest. Er is nog {remaining} voor deze stap.",
    "session.everyone_passed": "Iedereen heeft gepast; deze ronde is klaar. Nog {remaining} over.",
    "session.paused": "De sessie staat op pauze. Zeg verder als jullie weer beginnen.",
    "session.resumed": "We gaan verder. Er is nog {remaining} voor deze stap.",
    "session.not_paused": "De sessie loopt al.",
    "session.time_left": "Nog {remaining} voor {title}.",
    "session.overtime": "De tijd voor {title} is {over} overschreden.",
    "session.time_left_total": "In totaal nog {remaining}.",
    "session.extended": "{extra} erbij. Nu nog {remaining} voor deze stap.",
    "session.no_turns": "Er is nu geen beurtronde.",
    "session.no_questions": "Bij deze stap horen geen voorbeeldvragen.",
    "session.stop_confirm": "Wil je de sessie echt stoppen? Bevestig met: ja, stoppen.",
    "session.stop_cancelled": "Goed, we gaan door.",
}

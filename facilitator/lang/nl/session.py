"""Wat de facilitator tijdens een sessie zegt (nl).

Een sleutel met een tuple heeft meerdere gelijkwaardige zinnen: de facilitator kiest
steeds de zin die het langst niet gezegd is (zie ``facilitator.lang.variants``). Elke
variant heeft dezelfde placeholders. Een staptitel staat nooit midden in een vaste
zin: hij kan een vraag zijn of geen lidwoord hebben.
"""

from facilitator.lang.variants import Template

PHRASES: dict[str, Template] = {
    "session.welcome": (
        "Welkom allemaal. De methode van vandaag heet {title}. Dat duurt {duration}.",
        "Fijn dat jullie er zijn. Vandaag op het programma: {title}. Dat duurt {duration}.",
        "Welkom. We werken vandaag met de methode die {title} heet. We nemen er {duration} voor.",
        "Goed dat jullie er zijn. Vandaag: {title}. Samen duurt dat {duration}.",
    ),
    "session.case_owner": (
        "{name} brengt de casus in.",
        "De casus komt van {name}.",
        "{name} is vandaag de inbrenger.",
    ),
    "session.seat": "deelnemer {n}",
    "session.step_start": (
        "Stap {number}: {title}, {duration}.",
        "Dan stap {number}: {title}, {duration}.",
        "Op naar stap {number}: {title}, {duration}.",
        "Nu stap {number}: {title}, {duration}.",
    ),
    "session.warning": (
        "Nog {remaining}.",
        "Nog {remaining} voor deze stap.",
        "We hebben nog {remaining}.",
        "Let op, nog {remaining}.",
        "Nog {remaining} te gaan.",
    ),
    "session.time_up": (
        "De tijd is om. Maak je zin maar af.",
        "Dat was de tijd. Rond maar rustig af.",
        "De tijd zit erop. Maak je gedachte af.",
        "We zijn door de tijd heen. Rond je zin af.",
    ),
    "session.time_up_wait": (
        "De tijd is om. Ga verder zodra jullie zover zijn.",
        "Dat was de tijd. Zeg volgende stap als jullie klaar zijn.",
        "De tijd zit erop. Rond af, en ga dan naar de volgende stap.",
    ),
    "session.completed": (
        "Dat was de laatste stap. Dank jullie wel voor deze bijeenkomst.",
        "We zijn klaar. Dank jullie wel, en tot de volgende keer.",
        "Dit was de laatste stap. Bedankt allemaal, wel thuis.",
    ),
    "session.stopped": "De sessie is gestopt.",
    "session.turn_each": (
        "Ieder heeft {duration}.",
        "Iedereen krijgt {duration}.",
        "Elke beurt duurt {duration}.",
    ),
    "session.turn_first": (
        "{name}, jij begint.",
        "{name}, wil jij beginnen?",
        "We beginnen bij {name}.",
        "{name} mag beginnen.",
    ),
    "session.turn_first_anonymous": (
        "Wie wil beginnen?",
        "Wie begint?",
    ),
    "session.turn_next": (
        "{name}, jouw beurt.",
        "{name}, ga je gang.",
        "{name}, jij.",
        "Dan {name}.",
        "Nu {name}.",
    ),
    "session.turn_thanks": (
        "Dank je.",
        "Dank je wel.",
        "Dankjewel.",
        "Mooi, dank je.",
    ),
    "session.turn_after_pass": (
        "Prima.",
        "Goed.",
        "Oké.",
    ),
    "session.turn_next_anonymous": (
        "Volgende beurt.",
        "Wie is de volgende?",
        "De volgende, ga je gang.",
    ),
    "session.turn_warning": (
        "Nog {remaining} voor deze stap.",
        "We hebben nog {remaining}.",
        "Nog {remaining} te gaan.",
    ),
    "session.round_again": (
        "We gaan nog een rondje.",
        "Nog een ronde.",
        "We doen nog een rondje.",
    ),
    "session.round_done": (
        "Iedereen is aan de beurt geweest. Nog {remaining} te gaan.",
        "Dat was de hele ronde. We hebben nog {remaining}.",
    ),
    "session.everyone_passed": (
        "Iedereen heeft gepast. We hebben nog {remaining}.",
        "Niemand heeft nog iets. We hebben nog {remaining}.",
    ),
    "session.paused": (
        "We pauzeren. Zeg verder als jullie weer beginnen.",
        "Even pauze. Zeg verder om door te gaan.",
        "De sessie staat stil. Zeg verder als jullie zover zijn.",
    ),
    "session.resumed": (
        "We gaan verder. Nog {remaining} te gaan.",
        "Daar gaan we weer. Nog {remaining} voor deze stap.",
        "We pakken de draad op. Nog {remaining}.",
    ),
    "session.resumed_after_break": (
        "We gaan verder bij stap {number}: {title}. We hebben nog {remaining}.",
        "We pakken de draad weer op bij stap {number}: {title}. Nog {remaining}.",
    ),
    "session.resumed_turn": "{name} was aan de beurt.",
    "session.not_paused": "De sessie loopt al.",
    "session.time_left": (
        "Nog {remaining} voor deze stap.",
        "Deze stap heeft nog {remaining}.",
    ),
    "session.overtime": (
        "Deze stap loopt {over} uit.",
        "We zitten {over} over de tijd.",
    ),
    "session.time_left_total": "In totaal nog {remaining}.",
    "session.extended": (
        "Er komt {extra} bij. Nu nog {remaining}.",
        "Goed, {extra} extra. Er is nu nog {remaining}.",
    ),
    "session.no_turns": "Er is nu geen beurtronde.",
    "session.no_questions": "Bij deze stap horen geen voorbeeldvragen.",
    "session.no_explanation": "Bij deze stap hoort geen extra uitleg.",
    "session.invite": (
        "Wie heeft nog niets gezegd? Jouw stem is ook welkom.",
        "Wie we nog niet gehoord hebben: er is ruimte voor jou.",
        "Is er iemand die nog iets wil zeggen?",
    ),
    "session.stop_confirm": "Wil je de sessie echt stoppen? Zeg dan: ja, stoppen.",
    "session.paused_keys": "We pauzeren. Druk op de spatiebalk als jullie weer beginnen.",
    "session.stop_confirm_keys": "Wil je de sessie echt stoppen? Druk dan op j.",
    "session.stop_cancelled": (
        "Goed, we gaan door.",
        "Prima, we gaan verder.",
    ),
    "session.action_point": "Actiepunt voor {name}.",
    "session.action_point_who": "Voor wie is het actiepunt? Zeg: actiepunt voor, en dan de naam.",
    "session.frame_step_start": (
        "{title}, {duration}.",
        "Dan: {title}, {duration}.",
        "Nu: {title}, {duration}.",
    ),
    "session.block_label": "{label}.",
    "session.chair": (
        "{name} is vandaag de voorzitter.",
        "Vandaag is {name} voorzitter.",
    ),
    "session.confidential": (
        "Wat we hier bespreken, blijft in deze kamer.",
        "Wat hier gezegd wordt, blijft tussen ons.",
    ),
    "session.materials": "Leg dit alvast klaar: {materials}.",
    "session.list_and": "{first} en {last}",
    "session.choose_case_owner": "Wie brengt de casus in? Noem de naam, of toets het nummer.",
    "session.choose_case_owner_anonymous": "Wie brengt de casus in? Noem of toets het nummer van die deelnemer.",
    "session.offer_topic": "Er is tijd voor nog een onderwerp. Wie brengt het in? Of zeg: volgende stap, dan ronden we af.",
    "session.no_case_owner": "We gaan verder zonder inbrenger.",
    "session.no_such_participant": "Die deelnemer ken ik niet.",
}

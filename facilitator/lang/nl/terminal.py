"""Wat de voorzitter aan de terminal leest en beantwoordt (nl): de vragen van
``facilitator run`` en het slotscherm na de sessie."""

PHRASES: dict[str, str] = {
    "cli.methods.step_id": "[id: {id}]",
    # The closing screen.
    "cli.closing.title_completed": "Klaar: de sessie is helemaal doorlopen",
    "cli.closing.title_stopped": "De sessie is gestopt",
    "cli.closing.title_interrupted": "De sessie is onderbroken",
    "cli.closing.title_other": "De sessie is afgelopen",
    "cli.closing.log": "Logboek: {path}",
    "cli.closing.report": "Verslag: {path}",
    "cli.closing.report_failed": "Het verslag kon niet worden geschreven ({reason}).",
    "cli.closing.no_log": "Er is geen logboek bijgehouden; met --log BESTAND bewaar je de tijden voor een verslag.",
    "cli.closing.resume": "Verder waar jullie waren: {command}",
    # The session screen.
    "cli.view.next_speaker": "Daarna",
    "cli.view.say": "Zeg: {phrases}",
    "cli.view.say_with_wake_word": "Zeg eerst '{wake_word}', dan: {phrases}",
    "cli.view.more_notices": " (en nog {count})",
    "cli.nobody_else": "Met alleen {name} is er niemand om mee te denken. Geef de namen van de hele groep, de inbrenger erbij.",
    "cli.ask.yes_no_default_yes": "[J/n]",
    "cli.ask.yes_no_default_no": "[j/N]",
    "cli.ask.yes_or_no": "Typ j (ja) of n (nee).",
    "cli.ask.when_today": "vandaag om {time}",
    "cli.ask.when_yesterday": "gisteren om {time}",
    "cli.ask.when_date": "op {day} {month} om {time}",
    "cli.ask.months": "januari,februari,maart,april,mei,juni,juli,augustus,september,oktober,november,december",
    "cli.ask.did_you_mean": "Bedoel je {name}?",
    "cli.ask.owner_unknown": "{name} staat niet bij de namen die je gaf ({names}). Typ een van die namen.",
    "cli.ask.opening": "Beginnen met de opening (een korte ronde: hoe zit iedereen erbij)?",
    "cli.ask.closing": "Afsluiten met een evaluatie?",
    "cli.ask.time": "Hoeveel tijd hebben jullie? Een duur zoals 45min of 1:15, of een eindtijd zoals tot 21:00 (Enter: de tijd van de methode, {own})",
    "cli.ask.time_again": "Dat lukt niet. Typ een duur, zoals 45min of 1:15, of een eindtijd die nog moet komen, zoals tot 21:00.",
}

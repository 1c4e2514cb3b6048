"""records phrases (nl): the session log, the time report and the room configuration."""

PHRASES: dict[str, str] = {
    # The session log.
    "records.log_cannot_write": (
        "Het sessielogboek {file} kan niet worden geschreven ({reason}). "
        "Kies een andere map of controleer de schrijfrechten."
    ),
    "records.log_unreadable": (
        "Het sessielogboek {file} kan niet worden gelezen ({reason}). "
        "Controleer of het pad klopt en of je het bestand mag lezen."
    ),
    "records.log_not_text": (
        "{where}: deze regel is geen leesbare tekst (UTF-8). Is dit wel een sessielogboek?"
    ),
    "records.log_not_json": (
        "{where}: deze regel is geen geldige JSON. Herstel of verwijder de regel en "
        "probeer het opnieuw."
    ),
    "records.log_not_object": (
        "{where}: elke regel van een sessielogboek is één JSON-object met velden, "
        "deze niet. Herstel of verwijder de regel."
    ),
    "records.log_missing_field": (
        "{where}: het veld '{field}' ontbreekt. Elke regel heeft een tijd ('t') en een "
        "gebeurtenis ('event') nodig."
    ),
    "records.log_bad_time": (
        "{where}: 't' hoort een aantal seconden te zijn, maar is {value}."
    ),
    "records.log_bad_event": (
        "{where}: 'event' hoort de naam van een gebeurtenis te zijn, maar is {value}."
    ),
    "records.log_empty": (
        "In {file} staan geen gebeurtenissen, dus er valt niets te rapporteren. "
        "Geef het logboek van een sessie die echt gelopen heeft."
    ),
    # The time report.
    "records.report_title": "Tijdoverzicht: {title}",
    "records.untitled": "sessie zonder titel",
    "records.column_step": "Stap",
    "records.column_title": "Titel",
    "records.column_part": "Deel",
    "records.column_planned": "Gepland",
    "records.column_actual": "Werkelijk",
    "records.column_difference": "Verschil",
    "records.column_extended": "Verlengd",
    "records.column_turns": "Beurten",
    "records.total": "Totaal",
    "records.part_opening": "opening",
    "records.part_method": "methode",
    "records.part_closing": "afsluiting",
    "records.extended_minutes": "+{minutes} min",
    "records.summary_heading": "Samenvatting",
    "records.summary_times": "Gepland {planned}, werkelijk {actual} ({difference}).",
    "records.summary_pauses": "Pauzes: {count}, samen {duration}.",
    "records.summary_no_pauses": "Er is niet gepauzeerd.",
    "records.summary_elapsed": "Van begin tot eind, pauzes meegerekend: {duration}.",
    "records.ended_completed": "De sessie is helemaal doorlopen.",
    "records.ended_stopped": "De sessie is voor het einde gestopt.",
    "records.ended_interrupted": "De sessie is onderbroken en daarna niet afgemaakt.",
    "records.ended_unknown": (
        "Het logboek houdt op zonder dat de sessie is afgesloten; "
        "waarschijnlijk is het programma halverwege afgebroken."
    ),
    "records.summary_resumed": "Na een onderbreking hervat: {count} keer.",
    "records.summary_not_run": "Stappen die niet aan bod kwamen: {count}.",
    "records.summary_participants": "Deelnemers: {count}.",
    "records.summary_rehearsal": "Dit was een oefenrun op {speed}× de gewone snelheid.",
    "records.summary_earlier_sessions": (
        "Eerdere sessies in dit logboek: {count}. Dit overzicht gaat over de laatste."
    ),
    "records.speakers_heading": "Wie sprak",
    "records.speakers": "{step}: {names}",
    "records.speakers_with_passes": "{step}: {names} (gepast: {passes} keer)",
    "records.speakers_nobody": "niemand",
    "records.report_cannot_write": (
        "Het tijdoverzicht kan niet naar {file} worden geschreven ({reason}). "
        "Kies een ander pad of controleer de schrijfrechten."
    ),
}

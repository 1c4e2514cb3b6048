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
}

"""safety phrases (nl): input that is not what it claims, and files that cannot be written."""

PHRASES: dict[str, str] = {
    # Input files.
    "safety.kind_folder": "een map",
    "safety.kind_pipe": "een pijp (FIFO)",
    "safety.kind_device": "een apparaat",
    "safety.kind_other": "iets bijzonders",
    "safety.not_a_file": "{path} is geen gewoon bestand maar {kind}. Geef een gewoon bestand.",
    "safety.too_large": (
        "{path} is te groot ({size}; hoogstens {limit}). Is dit wel het goede bestand?"
    ),
    "safety.too_deep": (
        "{where}: dit is te diep genest of bevat een te lang getal. "
        "Is dit wel het goede bestand?"
    ),
    "safety.not_text": (
        "{where}: hier staat tekst die geen geldige UTF-8 is. Sla het bestand op als UTF-8."
    ),
    # Names.
    "safety.name_control": (
        "De naam '{name}' bevat een stuurteken of een regeleinde. Schrijf elke naam als "
        "gewone tekst."
    ),
    "safety.name_too_long": "De naam '{name}' is te lang: hoogstens {limit} tekens.",
    "safety.too_many_names": (
        "Dat zijn {count} namen. Facilitator begeleidt groepen van hoogstens {limit} mensen."
    ),
    # The log and the saved state during a meeting.
    "safety.log_waiting": (
        "Het logboek {file} kan nu niet worden geschreven ({reason}). De sessie gaat door. "
        "Ik bewaar de regels en schrijf ze zodra het weer kan."
    ),
    "safety.log_written_again": "Het logboek {file} wordt weer geschreven; er ontbreekt niets.",
    "safety.log_fallback": (
        "{count} regels konden niet in {file} worden geschreven. Ze staan nu in {fallback}."
    ),
    "safety.log_lost": (
        "{count} regels van het logboek konden nergens worden geschreven ({reason})."
    ),
    "safety.state_waiting": (
        "De sessie kan nu niet worden opgeslagen in {path} ({reason}). De sessie gaat door "
        "en ik probeer het steeds opnieuw. Valt de computer nu uit, dan gaat hervatten "
        "terug naar {since}."
    ),
    "safety.state_fallback": (
        "De sessie kan niet worden opgeslagen in {path} ({reason}). Ik bewaar haar "
        "voorlopig in {fallback}; hervatten kan gewoon."
    ),
    "safety.state_saved_again": "De sessie wordt weer opgeslagen.",
    "safety.resume_from": (
        "De sessie gaat verder bij {elapsed}, zoals die om {saved_at} is opgeslagen."
    ),
    "safety.resume_log_ahead": (
        "Het logboek loopt {seconds} seconden verder dan de laatst opgeslagen stand, "
        "want het opslaan mislukte daarna. Die regels blijven in het logboek staan."
    ),
    "safety.resume_new_log": (
        "De hervatte sessie schrijft verder in {file}. Het eerdere logboek blijft zoals het is."
    ),
    # A saved state that cannot be used.
    "safety.state_broken": "De opgeslagen sessie in {path} is onbruikbaar: {reason}.",
    "safety.state_discard": "Opzijzetten en een nieuwe sessie beginnen?",
    "safety.state_set_aside": (
        "Ik heb haar bewaard als {aside}; een nieuwe sessie kan gewoon beginnen."
    ),
    "safety.state_kept": (
        "De opgeslagen sessie blijft staan. Hervatten kan niet; zet het bestand weg om "
        "een nieuwe sessie te beginnen."
    ),
    # The report.
    "safety.report_own_input": (
        "{file} is het logboek zelf; daar schrijf ik het tijdoverzicht niet overheen. "
        "Kies met --markdown een ander bestand."
    ),
    "safety.report_not_ours": (
        "{file} bestaat al en is geen tijdoverzicht van facilitator; daar schrijf ik niet "
        "overheen. Kies met --markdown een ander bestand."
    ),
    # Output.
    "safety.output_failed": "De uitvoer kan niet worden geschreven ({reason}).",
    # Speech models.
    "safety.archive_encrypted": (
        "{source}: dit zip-bestand is met een wachtwoord versleuteld. Gebruik het "
        "gewone zip-bestand van het model."
    ),
}

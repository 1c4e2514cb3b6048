"""records phrases (nl): the session log, the time report and the room configuration."""

PHRASES: dict[str, str] = {
    # The session log.
    "records.log_not_a_log": (
        "{file} bestaat al en is geen sessielogboek; daar schrijf ik niet in. "
        "Kies met --log een nieuw bestand of een bestaand logboek."
    ),
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
    "records.summary_fitted": "De stappen waren naar verhouding aangepast aan de beschikbare tijd; de methode zelf duurt {own}.",
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
    # The room configuration.
    "records.config_missing": (
        "{file}: dit instellingenbestand bestaat niet. Controleer het pad; een voorbeeld "
        "met alle instellingen krijg je met 'facilitator config --example'."
    ),
    "records.config_not_text": (
        "{file}: dit is geen tekstbestand (UTF-8). Sla de kamerinstellingen op als "
        "gewone tekst."
    ),
    "records.config_unreadable": (
        "{file}: de kamerinstellingen kunnen niet worden gelezen ({reason}). "
        "Controleer het pad en de leesrechten."
    ),
    "records.config_syntax": (
        "{where}: dit is geen geldige TOML ({detail}). Elke instelling staat op een eigen "
        "regel als naam = waarde, en tekst staat tussen aanhalingstekens."
    ),
    "records.config_unknown_key_suggest": (
        "{where}: onbekende instelling '{key}'. Bedoel je '{suggestion}'?"
    ),
    "records.config_unknown_key": (
        "{where}: onbekende instelling '{key}'. Haal haar weg of kies een van deze: {known}."
    ),
    "records.config_wrong_type": (
        "{where}: '{key}' hoort {expected} te zijn, maar is {value}. Pas de waarde aan."
    ),
    "records.config_expect_device": "de naam (tekst) of het nummer van een geluidsapparaat",
    "records.config_expect_text": "tekst tussen aanhalingstekens",
    "records.config_expect_paths": "een pad of een lijst van paden, als tekst tussen aanhalingstekens",
    "records.config_group_methods": "Eigen methodes",
    "records.config_help_method_folders": (
        "Mappen met jullie eigen methodes (YAML-bestanden), bijvoorbeeld "
        "[\"methodes\", \"~/intervisie/methodes\"]; een relatief pad telt vanaf dit bestand. "
        "Een eigen methode start je met haar naam, net als een meegeleverde; bij dezelfde "
        "naam gaat de eigen methode voor. Eerst wordt gezocht in FACILITATOR_METHODS, dan "
        "in deze mappen (in deze volgorde), dan in de map waarin facilitator methods new "
        "schrijft. Staat dezelfde naam in twee mappen, dan telt de eerste."
    ),
    "records.config_expect_whole_number": "een geheel getal",
    "records.config_expect_number": "een getal",
    "records.config_expect_duration": 'een tijdsduur, in seconden (90) of als tekst ("1 min")',
    "records.config_expect_durations": 'een lijst met tijdsduren, zoals [60, "30 s"]',
    "records.config_expect_path": "een pad, als tekst tussen aanhalingstekens",
    "records.config_out_of_range": (
        "{where}: '{key}' moet tussen {low} en {high} liggen, maar is {value}. "
        "Kies een waarde daartussen."
    ),
    "records.config_not_a_choice": (
        "{where}: '{key}' moet een van deze waarden zijn: {choices}. Nu staat er {value}."
    ),
    "records.config_not_a_duration": (
        "{where}: '{key}': {value} is geen tijdsduur die facilitator kent. Schrijf een "
        'aantal seconden (90) of een tijd als "1 min", "90 s" of "1:30".'
    ),
    "records.config_example_header": (
        "Kamerinstellingen van facilitator (room.toml).\n"
        "Hieronder staat elke instelling met haar standaardwaarde, uitgeschakeld met #.\n"
        "Haal het # weg en pas de waarde aan om een instelling te veranderen.\n"
        'Tijden schrijf je in seconden (90) of als tekst: "1 min", "90 s", "1:30".'
    ),
    "records.config_group_sound": "Taal, stem en geluid",
    "records.config_group_time": "Tijd",
    "records.config_group_voice_commands": "Spraakopdrachten",
    "records.config_help_language": (
        'De taal waarin facilitator spreekt en schrijft: "nl" (Nederlands) of "en" (Engels).'
    ),
    "records.config_help_output_device": (
        "De luidspreker: een naam (of een deel ervan) of een nummer uit "
        "'facilitator devices'. Zonder deze regel: het standaardapparaat van de computer."
    ),
    "records.config_help_input_device": (
        "De microfoon voor spraakopdrachten, aan te wijzen zoals de luidspreker. "
        "Zonder deze regel: het standaardapparaat."
    ),
    "records.config_help_voice": (
        "De stem (naam of id). Zonder deze regel zoekt facilitator een stem die bij de "
        "taal past."
    ),
    "records.config_help_rate": (
        "Spreektempo in woorden per minuut (50 tot 500). Zonder deze regel: het tempo "
        "van de spraaksynthese."
    ),
    "records.config_help_volume": "Volume van de stem, van 0 (stil) tot 1 (vol).",
    "records.config_help_grace_s": (
        "Hoelang facilitator na het einde van de tijd nog wacht voordat hij zelf naar de "
        "volgende stap gaat. 0 betekent: meteen door."
    ),
    "records.config_help_on_time_up": (
        'Wat er gebeurt als de tijd van een stap om is: "advance" (na de wachttijd door '
        'naar de volgende stap) of "wait" (wachten tot de voorzitter verder gaat). '
        "Een methode kan dit per stap anders regelen."
    ),
    "records.config_help_warnings_s": (
        "Waarschuwingen vóór het einde van een stap, zoveel tijd van tevoren. [] betekent: "
        "geen waarschuwingen."
    ),
    "records.config_help_warn_min_step_s": (
        "Alleen stappen die minstens zo lang duren krijgen die waarschuwingen, tenzij de "
        "methode zelf iets anders zegt."
    ),
    "records.config_help_turn_warning_s": (
        "Een zacht signaal zoveel tijd voordat een beurt afloopt. 0 betekent: geen signaal."
    ),
    "records.config_help_turn_warning_min_s": (
        "Alleen beurten die minstens zo lang duren krijgen dat signaal."
    ),
    "records.config_help_pause_wait_s": (
        "Met een werkende microfoon wacht de facilitator op een stil moment aan tafel "
        "voor hij de tijd, een waarschuwing, een beurtwissel of een nieuwe stap noemt; "
        "hoogstens zoveel seconden, daarna spreekt hij toch. Het schema schuift niet op. "
        "0 = nooit wachten."
    ),
    "records.config_help_wake_word": (
        "Een woord (of twee) dat vóór elke gesproken opdracht moet klinken. Zonder deze "
        "regel is het wekwoord 'computer', en alleen nodig vóór opdrachten van één woord."
    ),
    "records.config_help_min_confidence": (
        "Hoe zeker de spraakherkenning moet zijn (0 tot 1) voordat een opdracht wordt "
        "uitgevoerd."
    ),
    "records.config_help_cooldown_s": (
        "Hoelang na een herkende opdracht nieuwe spraakopdrachten genegeerd worden."
    ),
    "records.config_help_model_path": (
        "De map met het spraakherkenningsmodel (een relatief pad telt vanaf dit bestand). "
        "Zonder deze regel: de standaardmap voor spraakmodellen."
    ),
}

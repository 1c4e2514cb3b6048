"""Wat de opdrachtregel en het scherm tonen (nl)."""

PHRASES: dict[str, str] = {
    "cli.chair_unknown": "De voorzitter {name} staat niet bij de deelnemers ({names}). Kies een van hen, of voeg de naam toe bij --participants.",
    "cli.case_owner_unknown": "De inbrenger '{name}' staat niet in de deelnemerslijst ({names}). Geef bij --case-owner een van die namen.",
    "cli.case_owner_needs_names": "--case-owner noemt een naam uit --participants \"Anna,Bram,...\", of bij --group-size het nummer van een deelnemer.",
    "cli.names_and_size": "Geef --participants of --group-size, niet allebei.",
    "cli.empty_name": "De deelnemerslijst '{names}' bevat een lege naam. Scheid de namen met komma's, zonder een komma aan het eind.",
    "cli.duplicate_name": "De naam '{name}' staat twee keer in de deelnemerslijst. Maak de namen uniek, bijvoorbeeld met een initiaal.",
    "cli.group_size_range": "Een groep van {size} kan niet: kies --group-size tussen 1 en 50.",
    "cli.speed_range": "Snelheid {speed} kan niet: kies --speed tussen {low} en {high}.",
    "cli.grace_range": "Een nalooptijd van {grace} seconden kan niet: kies --grace tussen 0 en 3600.",
    "cli.unknown_step": "Deze methode heeft geen stap '{step}'. Kies een van: {ids}.",
    "cli.no_repeat_block": "De methode '{method}' heeft geen blok om te herhalen; laat --repeat weg.",
    "cli.repeat_range": "{times} keer herhalen kan niet: kies --repeat tussen 1 en 20.",
    "cli.fit_range": "{title} past niet in {total} minuten: de stappen kunnen naar verhouding korter of langer, maar dan duurt de sessie tussen {low} en {high} minuten. Kies een andere tijd of een andere methode.",
    "cli.fit_both": "Kies --total of --until, niet allebei.",
    "cli.total_bad": "'{value}' is geen tijdsduur voor --total; schrijf bijvoorbeeld 50min, \"1 uur\" of 1:15 (uur:minuten).",
    "cli.until_bad": "'{value}' is geen tijdstip voor --until; schrijf bijvoorbeeld 21:00.",
    "cli.until_past": "Het is nu {now}, dus {value} is al voorbij; kies een tijdstip dat nog komt.",
    "cli.fitted": "Alle stappen zijn naar verhouding {direction} om de sessie in {total} te laten passen (de methode zelf duurt {own}).",
    "cli.fitted_shorter": "ingekort",
    "cli.fitted_longer": "verlengd",
    "cli.fitted_show": "Naar verhouding ingepast, met de nalooptijd na elke stap; de methode zelf duurt {own}.",
    "cli.start_bad": "'{value}' is geen tijdstip voor --start; schrijf bijvoorbeeld 19:30.",
    "cli.show_materials": "Nodig: {materials}.",
    "cli.show_ends": "Klaar om {time} (met de nalooptijd na elke stap).",
    "cli.small_group": "Let op: {size} deelnemers is weinig voor deze methode (minstens {needed}); een intervisiegroep werkt het best met 5 tot 8 mensen.",
    "cli.group_advice": "Tip: een intervisiegroep werkt het best met 5 tot 8 mensen; jullie zijn met {size}.",
    "cli.no_participants": "Zonder --participants of --group-size geeft de facilitator geen beurten; de beurtrondes lopen als gewone stappen.",
    "cli.kind.opening": "opening",
    "cli.kind.closing": "afsluiting",
    "cli.kind.agenda": "agenda",
    "cli.kind.method": "methode",
    "cli.turn_round": "beurtronde",
    "cli.repeat_block": "De stappen {first} tot en met {last} kunnen herhaald worden (--repeat N).",
    "cli.check_ok": "{path}: in orde ({title}, {total})",
    "cli.report_written": "Verslag opgeslagen in {path}",
    "cli.view.title": "Stap {number}/{count} · {title}",
    "cli.view.remaining": "Nog",
    "cli.view.paused": "(pauze)",
    "cli.view.waiting": "(tijd is om: wacht op de voorzitter)",
    "cli.view.waiting_for_pause": "(wacht op een stilte aan tafel)",
    "cli.view.speaker": "Aan de beurt",
    "cli.view.choose_case_owner": "Wie brengt in? Toets: {choices}",
    "cli.view.round": "ronde {round}",
    "cli.view.next": "Hierna",
    "cli.view.last_step": "(laatste stap)",
    "cli.view.total": "Totaal nog",
    "cli.view.last_command": "Laatste opdracht",
    "cli.view.voice": "Stembediening",
    "cli.view.voice_off": "uit: geef opdrachten met de toetsen",
    "cli.view.voice_loading": "het spraakmodel wordt geladen",
    "cli.view.voice_listening": "aan: luistert naar gesproken opdrachten",
    "cli.view.voice_stopped": "gestopt: geef opdrachten met de toetsen",
    "cli.view.by_voice": "(gezegd)",
    "cli.view.stop_pending": "Stoppen? Druk op j om te bevestigen, Esc om door te gaan.",
    "cli.resume_offer": "Er is een onderbroken sessie ({method}, opgeslagen {saved_at}). Wil je die hervatten?",
    "cli.resume_skipped": "Er stond nog een onderbroken sessie klaar ({method}); deze nieuwe sessie komt ervoor in de plaats. Hervatten kan met: facilitator run --resume",
    "cli.nothing_to_resume": "Er is geen onderbroken sessie om te hervatten. Start een nieuwe met: facilitator run METHODE",
    "cli.method_needed": "Welke methode? Bijvoorbeeld: facilitator run vijf-stappen (facilitator methods list toont ze allemaal).",
    "cli.choose_heading": "Welke methode gebruiken jullie vandaag?",
    "cli.choose_prompt": "Nummer",
    "cli.choose_again": "Typ een nummer van 1 tot {count}, of de naam van een methode.",
    "cli.ask_names": "Wie doen er mee? Namen met komma's ertussen (Enter: zonder namen)",
    "cli.ask_owner": "Wie brengt de casus in? (Enter: dat kiezen jullie straks)",
    "cli.state_unreadable": "De opgeslagen sessie in {path} is onleesbaar ({reason}). Verwijder dat bestand om zonder hervatten verder te gaan.",
    "cli.state_mismatch": "De opgeslagen sessie past niet meer bij de methode '{method}' (is het bestand veranderd?). Start de sessie opnieuw.",
    "cli.session_running": "Er loopt op deze computer al een sessie (proces {pid}). Sluit die eerst af; twee sessies tegelijk zouden elkaars hervatpunt overschrijven.",
    # Own methods: methods list, new and check, and their room setting.
    "cli.methods.own": "eigen methode: {path}",
    "cli.methods.broken": "(kan niet worden geladen:)",
    "cli.methods.hides": "verborgen: {path} heeft dezelfde naam, maar staat in een latere map en wordt niet gebruikt",
    "cli.methods.replaces_shipped": "vervangt de meegeleverde methode {path}",
    "cli.methods.folder_missing": "Let op: de map {path} ({origin}) bestaat niet; daar worden geen methodes gezocht.",
    "cli.methods.folder_not_a_folder": "Let op: {path} ({origin}) is geen map; daar worden geen methodes gezocht.",
    "cli.methods.folder_unreadable": "Let op: de map {path} ({origin}) kan niet worden gelezen; daar worden geen methodes gezocht.",
    "cli.methods.origin_environment": "uit FACILITATOR_METHODS",
    "cli.methods.origin_config": "uit {file}",
    "cli.methods.none_own": "Nog geen eigen methodes. Begin er een met: facilitator methods new NAAM (het bestand komt in {folder}).",
    "cli.methods.bad_name": "'{name}' kan niet de naam van een methode zijn: gebruik letters, cijfers en streepjes, bijvoorbeeld onze-methode.",
    "cli.methods.exists": "Er staat al een methode '{name}' in deze map: {path}. Een bestaand bestand wordt nooit overschreven; kies een andere naam, of pas dat bestand zelf aan.",
    "cli.methods.folder_is_file": "{path} is een bestand, geen map: geef bij --folder een map.",
    "cli.methods.cannot_write": "{path} kan niet worden geschreven ({reason}).",
    "cli.methods.written": "Nieuwe methode geschreven: {path}",
    "cli.methods.copied_from": "Het is een kopie van {source}.",
    "cli.methods.replaces_note": "Deze methode heeft dezelfde naam als de meegeleverde {path} en gaat daar voortaan voor.",
    "cli.methods.hidden_note": "Let op: {path} heeft dezelfde naam en wordt eerder gevonden, dus die gaat voor. Kies een andere naam, of start deze methode met het pad.",
    "cli.methods.hides_note": "Let op: de eigen methode {path} heeft dezelfde naam en wordt nu niet meer gebruikt; deze nieuwe gaat voor.",
    "cli.methods.not_searched": "Let op: in {folder} zoekt de facilitator niet naar methodes. Zet die map bij method_folders in de kamerinstellingen (facilitator config) of in FACILITATOR_METHODS, of start de methode met het pad.",
    "cli.methods.next_steps": (
        "Zo ga je verder:\n"
        "  1. Pas het bestand aan in een teksteditor. Elke sleutel wordt uitgelegd in {guide}\n"
        "  2. Controleer het: facilitator methods check {method}\n"
        "  3. Probeer het uit: facilitator rehearse {method} --text"
    ),
    "cli.methods.template": """\
# {title}: een methode van jullie eigen groep.
#
# Regels die met # beginnen zijn uitleg; de facilitator slaat ze over.
# Pas de titel, het doel, de stappen en de tijden aan. Controleer het bestand daarna:
#     facilitator methods check {name}
# en probeer het rustig uit, zonder geluid:
#     facilitator rehearse {name} --text
# Elke sleutel wordt uitgelegd in {guide}

titel: {title}
doel: Schrijf hier in één zin wanneer jullie voor deze methode kiezen.
duur: 30 min             # de stappen samen; laat deze regel weg als je niet wilt optellen
soort: methode           # methode, opening, afsluiting of agenda

stappen:
  - id: inbreng          # kleine letters, cijfers en streepjes; elke id maar één keer
    titel: Inbreng       # wordt hardop genoemd
    duur: 5 min
    wie: inbrenger       # inbrenger, groep, voorzitter, ieder of iedereen
    instructie: >
      De inbrenger vertelt wat er speelt en sluit af met een vraag aan de groep.
      De anderen luisteren en schrijven op wat hun opvalt.

  - id: vragen
    titel: Vragen stellen
    duur: 10 min
    wie: groep
    instructie: >
      Stel open vragen, zodat iedereen de situatie goed begrijpt. Nog geen adviezen.
    voorbeeldvragen:     # leest de facilitator voor als iemand erom vraagt
      - Wat gebeurde er precies?
      - Wat maakt dit voor jou moeilijk?
    waarschuwingen: [2 min]   # twee minuten voor het einde klinkt een waarschuwing
    herinneringen:       # een regel die na zoveel tijd nog eens klinkt
      - na: 5 min
        tekst: "Denk eraan: alleen vragen, nog geen adviezen."
    uitnodiging: ja      # halverwege: wie nog niets zei, wordt uitgenodigd

  - id: adviezen
    titel: Adviesronde
    duur: 15 min
    wie: ieder           # iedereen behalve de inbrenger
    beurten: ja          # om de beurt; de tijd wordt eerlijk verdeeld
    instructie: >
      Geef om de beurt één advies aan de inbrenger. De inbrenger luistert en
      reageert pas als iedereen aan de beurt is geweest.
""",
}

"""Gesproken opdrachten en het spraakmodel (nl).

De sleutels ``voice.phrases.*`` zijn wat de voorzitter kan zeggen. Een ``|`` scheidt
woorden die hetzelfde betekenen. Schrijf ze in kleine letters, zoals de herkenner ze
teruggeeft, en alleen met woorden die in het spraakmodel staan. ``{number}`` wordt een
getal in woorden (``twee``, ``drie``, ...).
"""

PHRASES: dict[str, str] = {
    # Wat de voorzitter kan zeggen.
    "voice.phrases.next_step": "volgende stap",
    "voice.phrases.previous_step": "vorige stap|terug",
    "voice.phrases.pause": "pauze",
    "voice.phrases.resume": "verder|hervat",
    "voice.phrases.time_left": "hoeveel tijd|hoeveel tijd nog",
    "voice.phrases.repeat": "herhaal",
    "voice.phrases.extend_one": "nog {number} minuut|nog een minuut",
    "voice.phrases.extend_many": "nog {number} minuten",
    "voice.phrases.extend_default": "extra tijd",
    "voice.phrases.next_speaker": "volgende|volgende spreker",
    "voice.phrases.pass": "ik pas",
    "voice.phrases.example_question": "voorbeeldvraag",
    "voice.phrases.explain": "uitleg",
    "voice.phrases.stop": "stop|sessie stoppen",
    "voice.phrases.confirm_stop": "ja stoppen",
    "voice.phrases.choose_case_owner": "{name} brengt in|inbrenger {name}",
    "voice.phrases.cancel": "niet stoppen",
    "voice.phrases.action_point": "actiepunt voor {name}",
    "voice.wake_word": "computer",
    # Gewone woorden die in elk gesprek vallen. Ze staan in de grammatica zodat
    # ander gepraat daarop terechtkomt en niet op een opdracht; alleen de woorden
    # die het spraakmodel kent, worden gebruikt.
    "voice.decoys": (
        "de het en van in is dat die op te met voor zijn er maar om ook als "
        "dan bij wat wel naar uit dit aan je we hij zij ze jij jullie wij mijn "
        "was had heeft hebben kan kunnen moet moeten wil willen zou gaat gaan doen "
        "doet komt komen zegt zeggen vind denk weet zien goed mooi leuk fijn lastig "
        "moeilijk beetje even gewoon eigenlijk echt heel veel meer minder altijd nooit "
        "soms vaak nu straks toen later vandaag morgen gisteren hier daar waar waarom "
        "hoe wie welke omdat want dus toch zo nee oké precies inderdaad misschien "
        "vraag vragen antwoord idee probleem situatie werk collega team gesprek "
        "mensen iemand iets niets alles keer dag week jaar uur "
        "stok stof stom top stad stem staan stapel spreken spreekt volgen volgend "
        "terugkomen pauzes herhalen sessies stopt"
    ),
    # Het spraakmodel vinden en laden.
    "voice.model_missing": (
        "Er is nog geen spraakmodel geïnstalleerd (gezocht in {where}). "
        "Installeer het Nederlandse model met: facilitator model download\n"
        "Geen internet op deze computer? Download {url} op een andere computer, "
        "zet het bestand op een USB-stick en installeer het met: "
        "facilitator model download --from BESTAND"
    ),
    "voice.model_not_found_at": (
        "Er staat geen spraakmodel in {path} (opgegeven in {origin}). Verbeter het pad, "
        "of laat het weg en installeer het model met: facilitator model download"
    ),
    "voice.origin_config": "de configuratie",
    "voice.origin_env": "de omgevingsvariabele FACILITATOR_MODEL",
    "voice.model_incomplete": (
        "De map {path} is geen compleet spraakmodel: {missing} ontbreekt. "
        "Installeer het model opnieuw met: facilitator model download"
    ),
    "voice.no_model_at": (
        "{path} bestaat niet of is geen map. Geef de map van een spraakmodel, of "
        "installeer het model met: facilitator model download"
    ),
    "voice.model_without_grammar": (
        "Het model in {path} heeft een vaste zoekgraaf (graph/HCLG.fst) en kan daardoor "
        "niet alleen naar de opdrachten luisteren: het zou alles uitschrijven wat er "
        "gezegd wordt. Gebruik een klein model, zoals vosk-model-small-nl-0.22, of een "
        "lgraph-model."
    ),
    "voice.model_load_failed": (
        "Het spraakmodel in {path} kan niet worden geladen; de bestanden zijn "
        "waarschijnlijk beschadigd. Installeer het opnieuw met: facilitator model download"
    ),
    "voice.recognizer_failed": "De spraakherkenning kan niet starten: {reason}",
    "voice.vosk_missing": (
        "Spraakherkenning werkt niet: de bibliotheek vosk kan niet worden geladen "
        "({reason}). Installeer haar opnieuw met: pip install vosk"
    ),
    # Spraakbediening tijdens een sessie.
    "voice.off": "Spraakbediening staat uit; de sessie gaat gewoon door met het toetsenbord. {reason}",
    "voice.loading_failed": "Het spraakmodel kon niet worden geladen: {reason}",
    "voice.words_unknown": "Het spraakmodel kent niet alle woorden.",
    "voice.say_split": "Zeg '{split}' in plaats van '{word}'.",
    "voice.say_instead": "'{phrase}' werkt niet; zeg {instead}.",
    "voice.say_keyboard": "'{phrase}' werkt niet met de stem; gebruik het toetsenbord.",
    "voice.wake_word_missing": (
        "Het model kent het wekwoord '{word}' niet, dus opdrachten van één woord werken "
        "niet met de stem. Zeg de langere vorm, zoals 'volgende stap'."
    ),
    "voice.no_unk": (
        "Het model heeft geen [unk] voor onbekende woorden: ander gepraat komt op de "
        "lokwoorden of op een opdracht terecht. Zet een wekwoord aan (wake_word)."
    ),
    "voice.names_unknown": (
        "Het model kent deze namen niet: {names}. Kies die mensen met het toetsenbord."
    ),
    "voice.wake_word_unknown": (
        "Het spraakmodel kent het wekwoord '{word}' niet. Kies een ander wekwoord "
        "(wake_word in de configuratie), of laat het weg."
    ),
    "voice.mic_off": (
        "{problem}\nSpraakbediening staat uit; de sessie gaat door met het toetsenbord. "
        "De microfoon wordt om de paar seconden opnieuw geprobeerd."
    ),
    "voice.mic_back": "De microfoon ({device}) doet het weer: spraakbediening staat aan.",
    "voice.mic_stopped": "de opname is gestopt",
    "voice.mic_silent": "er komt al {seconds} seconden geen geluid binnen",
    "voice.failed": (
        "Spraakbediening is gestopt door een fout: {reason}\n"
        "De sessie gaat door met het toetsenbord."
    ),
    # facilitator listen: microfoon en drempel afstellen.
    "voice.listen_loading": "Spraakmodel laden uit {path} ...",
    "voice.listen_ready": (
        "Luisteren via {device}. Zeg een opdracht, bijvoorbeeld '{example}'. Stoppen: Ctrl+C."
    ),
    "voice.listen_settings": "Drempel {threshold}, wekwoord: {wake_word}.",
    "voice.listen_no_wake_word": "geen",
    "voice.listen_level": "Niveau",
    "voice.listen_level_hint": (
        "Spreek op gewone toon vanaf de plek van de voorzitter: de balk hoort dan tot "
        "ongeveer de helft te komen. Blijft hij laag, zet de microfoon dichterbij of harder."
    ),
    "voice.listen_level_only": (
        "Zonder spraakmodel toont listen alleen het niveau van de microfoon: zo kun je "
        "hem alvast goed zetten."
    ),
    "voice.listen_ready_level": "Luisteren via {device}. Stoppen: Ctrl+C.",
    "voice.listen_policy": ("Zonder wekwoord: {without}. Alleen na het wekwoord: {after}."),
    "voice.listen_no_phrases": "geen",
    "voice.listen_how": "({route}; zekerheid {confidence})",
    "voice.route.phrase": "zonder wekwoord",
    "voice.route.wake_word": "met wekwoord",
    "voice.route.wake_word_before": "wekwoord, pauze, opdracht",
    "voice.route.joined": "in twee delen, samengevoegd",
    "voice.layer.own_speech": "eigen stem",
    "voice.layer.words": "woorden",
    "voice.layer.wake_word": "wekwoord",
    "voice.layer.silence": "stilte",
    "voice.layer.confidence": "zekerheid",
    "voice.layer.cooldown": "herhaling",
    "voice.mic_no_devices": (
        "Er is geen enkel geluidsapparaat gevonden, dus ook geen microfoon. Sluit er "
        "een aan of controleer of PulseAudio of PipeWire draait."
    ),
    "voice.listen_accepted": "herkend: '{phrase}'",
    "voice.listen_rejected": "[{layer}] genegeerd: {heard}, want {reason}",
    "voice.listen_confidence": "(zekerheid {confidence})",
    "voice.listen_extend": "nog ... minuten",
    "voice.listen_sounded_like": "klonk als '{phrase}'",
    "voice.listen_something": "iets anders dan een opdracht",
    "voice.listen_overflows": (
        "{count} keer ging er geluid verloren omdat de computer het niet bijhield."
    ),
    "voice.reason.during_own_speech": "de facilitator was zelf aan het woord",
    "voice.reason.no_command": "het is niet precies een opdracht",
    "voice.reason.missing_wake_word": "deze opdracht werkt alleen na het wekwoord '{wake_word}'",
    "voice.reason.unk_around": "er werd meer gezegd dan alleen de opdracht",
    "voice.reason.too_long": "het duurde te lang voor een opdracht",
    "voice.reason.not_isolated": (
        "er werd vlak ervoor of erna gesproken (zeg een opdracht los, met een korte stilte)"
    ),
    "voice.reason.low_confidence": "de herkenning was niet zeker genoeg: de drempel staat op {threshold}",
    "voice.reason.cooldown": "het kwam vlak na de vorige opdracht",
    # Het spraakmodel downloaden en installeren.
    "voice.no_network": (
        "Het spraakmodel kan niet worden opgehaald van {url}: {reason}. "
        "Is deze computer met internet verbonden?\n"
        "Zonder internet: download het bestand op een andere computer, zet het op een "
        "USB-stick en installeer het met: facilitator model download --from BESTAND"
    ),
    "voice.http_error": (
        "De server gaf een foutmelding bij het ophalen van {url} (HTTP {status}). "
        "Probeer het later opnieuw, of installeer een zip die je op een andere computer "
        "hebt gedownload met: facilitator model download --from BESTAND"
    ),
    "voice.interrupted": (
        "Het ophalen van {url} is afgebroken ({reason}). Er is niets geïnstalleerd; "
        "probeer het opnieuw."
    ),
    "voice.reason_cut_off": "de verbinding viel weg na {received} van de {expected} bytes",
    "voice.reason_timeout": "de server antwoordde niet meer",
    "voice.size_mismatch": (
        "{source} is {actual} bytes groot, maar het model hoort {expected} bytes te zijn. "
        "Het bestand is onvolledig of het is een ander bestand; er is niets geïnstalleerd."
    ),
    "voice.checksum_mismatch": (
        "{source} heeft niet de verwachte SHA-256-controlesom (verwacht {expected}, "
        "gevonden {actual}). Het bestand is beschadigd of het is een ander bestand; "
        "er is niets geïnstalleerd."
    ),
    "voice.archive_broken": (
        "{source} is geen bruikbaar zip-bestand ({reason}). Haal het opnieuw op; "
        "er is niets geïnstalleerd."
    ),
    "voice.archive_without_model": (
        "In het zip-bestand {source} staat geen compleet spraakmodel ({missing} ontbreekt). "
        "Gebruik de zip van een vosk-model, zoals vosk-model-small-nl-0.22.zip, zoals je "
        "die van de website van vosk haalt; er is niets geïnstalleerd."
    ),
    "voice.download_without_model": (
        "Wat er van {source} kwam, is geen compleet spraakmodel ({missing} ontbreekt). "
        "Controleer het adres; er is niets geïnstalleerd."
    ),
    "voice.archive_unsafe": (
        "Het zip-bestand {source} wil iets buiten zijn eigen map neerzetten ({name}). "
        "Het wordt niet uitgepakt."
    ),
    "voice.source_not_found": (
        "{source} bestaat niet. Geef een zip-bestand, een uitgepakte modelmap of een "
        "adres dat begint met http:// of https://."
    ),
    "voice.source_unsupported": (
        "{source} is geen zip-bestand, geen modelmap en geen http(s)-adres. Geef een van die drie."
    ),
    "voice.bad_model_name": (
        "Uit {source} volgt geen bruikbare naam voor de modelmap ({name}). Geef het "
        "zip-bestand of de map een gewone naam, zoals vosk-model-small-nl-0.22."
    ),
    "voice.no_space": (
        "Er is te weinig schijfruimte in {where}: nodig is ongeveer {needed} MB, "
        "vrij is {free} MB. Maak ruimte vrij en probeer het opnieuw."
    ),
    "voice.write_failed": (
        "Het model kan niet worden weggeschreven in {where}: {reason}. Er is niets geïnstalleerd."
    ),
    "voice.bad_sha256": (
        "Een SHA-256-controlesom bestaat uit 64 tekens 0-9 en a-f; '{value}' is dat niet."
    ),
    "voice.busy": (
        "Er wordt al een spraakmodel geïnstalleerd in {where}, door een ander venster of "
        "programma. Wacht tot dat klaar is en probeer het dan opnieuw."
    ),
    "voice.fetching": "Spraakmodel ophalen",
    "voice.installed": "Het spraakmodel staat klaar in {path}",
    "voice.check_nothing_usable": (
        "Het spraakmodel in {path} kent geen enkele opdracht in het Nederlands. Is het wel "
        "een Nederlands model? Installeer er een met: facilitator model download"
    ),
    "voice.check_loaded": "Spraakmodel: {path} (geladen in {seconds} s).",
    "voice.check_ready": (
        "Het model kent alle {count} opdrachtzinnen: elke opdracht is met de stem te geven."
    ),
    "voice.check_partly": (
        "{usable} van de {count} opdrachtzinnen zijn met de stem te geven; het model "
        "kent {words} niet."
    ),
    "voice.check_wake_word": "Alleen na het wekwoord '{word}': {phrases}.",
    "voice.check_without_wake_word": "Ook zonder wekwoord: {phrases}.",
    "voice.check_next": "Probeer de microfoon en de opdrachten uit met: facilitator listen",
}

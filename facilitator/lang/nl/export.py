"""export phrases (nl): the rehearsal page for home and the command that writes it."""

PHRASES: dict[str, str] = {
    # The page, as a member sees it.
    "export.page_title": "Oefenen: {title}",
    "export.intro": (
        "Oefen hier de tijden van deze methode. Je ziet elke stap met een grote klok, "
        "en je hoort wat de facilitator in de ruimte zegt. Zet het geluid aan."
    ),
    "export.start": "Begin",
    "export.next": "Volgende stap",
    "export.pause": "Pauze",
    "export.resume": "Verder",
    "export.no_voice": (
        "Dit apparaat heeft geen Nederlandse stem. Lees de tekst mee; "
        "zachte tonen geven de momenten aan."
    ),
    "export.step_of": "Stap {number} van {count}",
    "export.voice_language": "nl-NL",
    # The command.
    "export.written": (
        "Oefenpagina geschreven: {path} ({size} kB). Stuur dit ene bestand naar de groep; "
        "het werkt zonder internet, op een telefoon of laptop."
    ),
    "export.html_needed": (
        "Geef --html mee: een oefenpagina in HTML is de enige vorm die export nu kent."
    ),
    "export.not_ours": (
        "{path} bestaat al en is geen oefenpagina van facilitator; dat bestand laat ik staan. "
        "Kies met -o een andere naam."
    ),
    "export.cannot_write": (
        "De oefenpagina {path} kan niet worden geschreven ({reason}). "
        "Kies met -o een andere map of controleer de schrijfrechten."
    ),
}

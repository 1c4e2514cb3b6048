"""Wat de opdrachtregel toont (nl)."""

PHRASES: dict[str, str] = {
    "cli.case_owner_unknown": (
        "De inbrenger '{name}' staat niet in de deelnemerslijst ({names}). "
        "Geef bij --case-owner een van die namen."
    ),
}

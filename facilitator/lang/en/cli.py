"""What the command line shows (en)."""

PHRASES: dict[str, str] = {
    "cli.case_owner_unknown": (
        "The case owner '{name}' is not in the participants ({names}). "
        "Give one of those names with --case-owner."
    ),
}

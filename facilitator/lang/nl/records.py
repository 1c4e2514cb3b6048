"""records phrases (nl)."""

PHRASES: dict[str, str] = {}

"""records phrases (en)."""

PHRASES: dict[str, str] = {}

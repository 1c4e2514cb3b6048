"""audio phrases (nl)."""

PHRASES: dict[str, str] = {}

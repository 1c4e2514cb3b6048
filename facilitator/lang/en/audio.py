"""audio phrases (en)."""

PHRASES: dict[str, str] = {}

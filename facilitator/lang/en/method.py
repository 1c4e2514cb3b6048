"""method phrases (en)."""

PHRASES: dict[str, str] = {}

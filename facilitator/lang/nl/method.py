"""method phrases (nl)."""

PHRASES: dict[str, str] = {}

"""cli phrases (nl)."""

PHRASES: dict[str, str] = {}

"""cli phrases (en)."""

PHRASES: dict[str, str] = {}

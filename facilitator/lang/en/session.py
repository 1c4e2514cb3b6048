"""session phrases (en)."""

PHRASES: dict[str, str] = {}

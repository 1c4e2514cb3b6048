"""session phrases (nl)."""

PHRASES: dict[str, str] = {}

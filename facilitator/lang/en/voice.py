"""voice phrases (en)."""

PHRASES: dict[str, str] = {}

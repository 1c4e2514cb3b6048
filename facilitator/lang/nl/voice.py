"""voice phrases (nl)."""

PHRASES: dict[str, str] = {}

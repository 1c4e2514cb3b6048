"""Spoken durations and numbers (placeholder until the real module lands)."""


def number(n: int) -> str:
    return str(n)


def duration(seconds: float) -> str:
    return f"{round(seconds)} s"

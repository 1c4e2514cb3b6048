"""The closing screen: what the chair sees when a meeting ends at the terminal.

Planned against actual time per step, in a table that fits 80 columns; where the log
and its report are; and, after an interruption, how to continue.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from rich.console import Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from facilitator.lang import t
from facilitator.meeting.report import (
    Event,
    Report,
    build_report,
    format_clock,
    format_difference,
    summary_lines,
    write_markdown,
)

RESUME_COMMAND = "facilitator run --resume"


def closing_screen(
    reason: str, records: Sequence[Event], log_path: Path | None
) -> RenderableType:
    """The closing screen for a meeting that ended with ``reason``.

    With a log, its report is written next to it (as ``facilitator report`` would).
    """
    report = build_report(_whole_log(log_path) or records)
    parts: list[RenderableType] = [_table(report), Text("")]
    parts += [Text(line) for line in summary_lines(report)[:2]]
    parts.append(Text(""))
    if log_path is not None:
        parts.append(Text(t("cli.closing.log", path=log_path)))
        try:
            written = write_markdown(report, log_path.with_suffix(".md"))
        except OSError as error:
            parts.append(Text(t("cli.closing.report_failed", reason=error.strerror or error)))
        else:
            parts.append(Text(t("cli.closing.report", path=written)))
    else:
        parts.append(Text(t("cli.closing.no_log"), style="dim"))
    if reason == "interrupted":
        parts.append(Text(t("cli.closing.resume", command=RESUME_COMMAND), style="bold"))
    return Panel(
        Group(*parts),
        title=t(f"cli.closing.title_{reason if reason in _REASONS else 'other'}"),
        title_align="left",
    )


_REASONS = ("completed", "stopped", "interrupted")


def _whole_log(log_path: Path | None) -> Sequence[Event]:
    """The log's events, also those from before a resumption; () if it cannot be read."""
    from facilitator.errors import FacilitatorError
    from facilitator.meeting.sessionlog import read_log

    if log_path is None:
        return ()
    try:
        return read_log(log_path)
    except (FacilitatorError, OSError):
        return ()


def _table(report: Report) -> Table:
    table = Table(box=None, padding=(0, 1), show_edge=False, title_justify="left")
    table.add_column(t("records.column_title"), overflow="ellipsis", no_wrap=True, ratio=1)
    for key in ("planned", "actual", "difference"):
        table.add_column(t(f"records.column_{key}"), justify="right", no_wrap=True)
    for row in report.rows:
        actual = "–" if row.actual_s is None else format_clock(row.actual_s)
        difference = "–" if row.difference_s is None else format_difference(row.difference_s)
        table.add_row(row.title, format_clock(row.planned_s), actual, difference)
    table.add_section()
    table.add_row(
        Text(t("records.total"), style="bold"),
        format_clock(report.planned_s),
        format_clock(report.actual_s),
        format_difference(report.difference_s),
    )
    return table

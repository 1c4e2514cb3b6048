"""The rehearsal page as one HTML file: the page's script, style and plan data inline.

Nothing in the file points outside it, and its content security policy forbids the
browser to fetch anything at all (``default-src 'none'``): only the page's own
script and style run, allowed by their SHA-256 hashes. The plan data goes in as JSON
in a data block that cannot end early (``<``, ``>`` and ``&`` are escaped), and the
script puts every text on screen with ``textContent``: a method file cannot add
markup to the page.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import re
from importlib import resources
from typing import Any

from facilitator.export.timeline import Cue, Script
from facilitator.lang import LanguagePack
from facilitator.meeting.plan import Plan

GENERATOR = '<meta name="generator" content="facilitator rehearsal page">'
"""Marks a file as a page this module wrote (the command overwrites only those)."""

_JSON_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028",
                 "\u2029": "\\u2029"}


def _asset(name: str) -> str:
    return (resources.files("facilitator.export") / "assets" / name).read_text(encoding="utf-8")


def _sha256(text: str) -> str:
    return base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")


def content_policy(script: str, style: str) -> str:
    """No fetching of any kind; only this script and this style (by their hashes)."""
    return (
        "default-src 'none'; "
        f"script-src 'sha256-{_sha256(script)}'; "
        f"style-src 'sha256-{_sha256(style)}'; "
        "base-uri 'none'; form-action 'none'"
    )


def _json_block(data: dict[str, Any]) -> str:
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    for char, escaped in _JSON_ESCAPES.items():
        text = text.replace(char, escaped)
    return text


def _cues(cues: list[Cue]) -> list[dict[str, Any]]:
    return [cue.to_json() for cue in cues]


def page_data(plan: Plan, script: Script, pack: LanguagePack) -> dict[str, Any]:
    """Everything the page shows or says, in ``pack``'s words."""
    count = len(script.steps)
    title = pack.text("export.page_title", title=plan.title)
    return {
        "lang": pack.code,
        "voice_lang": pack.text("export.voice_language"),
        "page_title": title,
        "ui": {
            "intro": pack.text("export.intro"),
            "start": pack.text("export.start"),
            "next": pack.text("export.next"),
            "pause": pack.text("export.pause"),
            "resume": pack.text("export.resume"),
            "no_voice": pack.text("export.no_voice"),
            "summary_title": pack.text("records.report_title", title=plan.title),
            "columns": {
                column: pack.text(f"records.column_{column}")
                for column in ("step", "title", "planned", "actual", "difference")
            },
            "total": pack.text("records.total"),
            "summary_times": pack.phrases["records.summary_times"],
        },
        "steps": [
            {
                "id": step.id,
                "title": step.title,
                "instruction": step.instruction,
                "part": step.part,
                "heading": pack.text("export.step_of", number=number, count=count),
                "planned_s": step.planned_s,
                "ends_s": round(step.ends_s, 3),
                "cues": _cues(step.cues),
            }
            for number, step in enumerate(script.steps, 1)
        ],
        "closing": _cues(script.closing),
    }


def render_page(plan: Plan, script: Script, pack: LanguagePack) -> str:
    """The whole page, ready to be written to one ``.html`` file."""
    data = page_data(plan, script, pack)
    code, style = _asset("page.js"), _asset("page.css")
    if "</" in code or "</" in style:  # would end the inline element early
        raise ValueError("an inline asset contains '</'")
    page = _asset("page.html")
    assert GENERATOR in page
    replacements = {
        "@LANG@": html.escape(pack.code),
        "@CSP@": html.escape(content_policy(code, style)),
        "@TITLE@": html.escape(data["page_title"]),
        "@CSS@": style,
        "@DATA@": _json_block(data),
        "@JS@": code,
    }
    # One pass over the template: a marker inside a method's text stays text.
    return re.sub("|".join(replacements), lambda match: replacements[match[0]], page)

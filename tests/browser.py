"""Opening a page in Debian's headless Chromium, in virtual time, and reading its DOM.

``--virtual-time-budget`` runs the page's timers in virtual time: a sped-up rehearsal
of an hour is done in a moment. ``--log-net-log`` writes every network event of the
browser to a JSON file; ``page_requests`` picks out the requests a page made (the
browser's own background requests have no origin: "not an origin").
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = "/usr/bin/chromium"
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)


def need_chromium() -> str:
    if shutil.which(CHROMIUM) is None:
        reason = "headless chromium is not installed (scripts/setup --test installs it)"
        if os.environ.get("CI", "").strip().lower() == "true":
            pytest.fail(f"{reason} (CI=true: this must work in CI)", pytrace=False)
        pytest.skip(reason)
    return CHROMIUM


def dump_dom(
    page: Path, query: str = "", budget_ms: int = 60_000, net_log: Path | None = None
) -> str:
    """The page's DOM once its virtual time budget is spent."""
    url = page.resolve().as_uri() + (f"?{query}" if query else "")
    with tempfile.TemporaryDirectory(prefix="chromium-") as profile:
        command = [
            need_chromium(),
            *FLAGS,
            f"--user-data-dir={profile}",
            f"--virtual-time-budget={budget_ms}",
        ]
        if net_log is not None:
            command.append(f"--log-net-log={net_log}")
        done = subprocess.run(
            [*command, "--dump-dom", url],
            capture_output=True, text=True, timeout=180, stdin=subprocess.DEVNULL,
        )
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


def page_requests(net_log: Path) -> list[str]:
    """The URLs the page (not the browser itself) asked the network for."""
    log = json.loads(net_log.read_text(encoding="utf-8"))
    start_job = log["constants"]["logEventTypes"]["URL_REQUEST_START_JOB"]
    urls = []
    for event in log["events"]:
        params = event.get("params") or {}
        if event["type"] != start_job or "url" not in params:
            continue  # another event, or the end of a job
        if params.get("initiator") != "not an origin":
            urls.append(str(params.get("url")))
    return urls


class Element:
    def __init__(self, tag: str, attrs: dict[str, str]) -> None:
        self.tag = tag
        self.attrs = attrs
        self.text = ""
        self.children: list[Element] = []

    def find(self, id_: str) -> Element | None:
        if self.attrs.get("id") == id_:
            return self
        for child in self.children:
            found = child.find(id_)
            if found is not None:
                return found
        return None

    def all(self, tag: str) -> list[Element]:
        found = [c for c in self.children if c.tag == tag]
        for child in self.children:
            found += child.all(tag)
        return found

    @property
    def hidden(self) -> bool:
        return "hidden" in self.attrs

    def full_text(self) -> str:
        return self.text + "".join(child.full_text() for child in self.children)


_VOID = {"meta", "br", "img", "input", "link", "hr"}


class _Builder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Element("#root", {})
        self.stack = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = Element(tag, {k: v or "" for k, v in attrs})
        self.stack[-1].children.append(node)
        if tag not in _VOID:
            self.stack.append(node)

    def handle_endtag(self, tag: str) -> None:
        for i in range(len(self.stack) - 1, 0, -1):
            if self.stack[i].tag == tag:
                del self.stack[i:]
                return

    def handle_data(self, data: str) -> None:
        self.stack[-1].text += data  # the page's texts are in leaf elements


def parse(dom: str) -> Element:
    builder = _Builder()
    builder.feed(dom)
    builder.close()
    return builder.root


def items(root: Element, list_id: str) -> list[dict[str, Any]]:
    """The entries of one of the page's trace lists: text and data attributes."""
    found = root.find(list_id)
    assert found is not None, list_id
    return [
        {"text": li.full_text(), **{k[5:]: v for k, v in li.attrs.items() if k[:5] == "data-"}}
        for li in found.all("li")
    ]

"""The rehearsal page file: one self-contained file, no address, a strict policy."""

from __future__ import annotations

import base64
import hashlib
import json
import re
from dataclasses import replace

import pytest

from facilitator.export.build import build_page
from facilitator.export.page import content_policy, render_page
from facilitator.export.timeline import rehearsal_script
from facilitator.lang import get_pack
from facilitator.meeting.engine import SessionSettings
from facilitator.meeting.plan import Participants, build_plan
from facilitator.method import library
from facilitator.room.config import RoomConfig

SHIPPED = library.shipped_names()
MAX_BYTES = 300 * 1024


def inline(page: str, tag: str) -> str:
    found = re.findall(rf"<{tag}>(.*?)</{tag}>", page, flags=re.S)
    assert len(found) == 1, tag
    return str(found[0])


def data_of(page: str) -> dict[str, object]:
    block = re.search(r'<script type="application/json" id="plan-data">(.*?)</script>', page, re.S)
    assert block is not None
    loaded: dict[str, object] = json.loads(block.group(1))
    return loaded


def sha(text: str) -> str:
    return base64.b64encode(hashlib.sha256(text.encode()).digest()).decode()


@pytest.mark.parametrize("name", SHIPPED)
def test_every_shipped_method_exports_to_one_small_file_without_addresses(name: str) -> None:
    page = build_page(name, RoomConfig(), language="nl")
    assert len(page.encode("utf-8")) < MAX_BYTES
    assert "://" not in page
    assert not re.search(r"\s(src|href|action|srcset|poster)\s*=", page, re.I)
    assert "url(" not in page and "@import" not in page
    assert page.count("<script") == 2  # the data block and the page's own script


def test_the_policy_forbids_the_network_and_allows_only_the_pages_own_code() -> None:
    page = build_page("vijf-stappen", RoomConfig(), language="nl")
    script, style = inline(page, "script"), inline(page, "style")
    policy = content_policy(script, style)
    assert f'content="{policy}"'.replace("'", "&#x27;") in page
    assert policy.startswith("default-src 'none';")
    assert f"script-src 'sha256-{sha(script)}'" in policy
    assert f"style-src 'sha256-{sha(style)}'" in policy
    assert "unsafe" not in policy and "connect-src" not in policy


def test_method_text_stays_data() -> None:
    method = library.resolve("vijf-stappen")
    nasty = "</script><script>alert(1)</script> & @JS@ @DATA@ \u2028"
    first = replace(method.steps[0], instruction=nasty)
    plan = build_plan(replace(method, steps=(first, *method.steps[1:])), Participants())
    pack = get_pack("nl")
    page = render_page(plan, rehearsal_script(plan, SessionSettings(), pack), pack)
    assert "</script><script>alert" not in page
    steps = data_of(page)["steps"]
    assert isinstance(steps, list)
    assert steps[0]["instruction"] == nasty
    assert page.count("<script") == 2


def test_the_page_in_english_speaks_english() -> None:
    page = build_page("vijf-stappen", RoomConfig(), language="en")
    data = data_of(page)
    assert data["lang"] == "en" and data["voice_lang"] == "en-GB"
    assert '<html lang="en">' in page
    steps = data["steps"]
    assert isinstance(steps, list)
    assert steps[0]["heading"] == "Step 1 of 5"
    time_up = get_pack("en").variants("session.time_up")
    assert steps[0]["cues"][-1]["say"] in time_up  # type: ignore[index]


def test_one_step_fitted_into_a_shorter_meeting() -> None:
    page = build_page(
        "vijf-stappen", RoomConfig(), language="nl", step_id="probleemverkenning", total="45min"
    )
    steps = data_of(page)["steps"]
    assert isinstance(steps, list) and len(steps) == 1
    assert steps[0]["id"] == "probleemverkenning"
    assert steps[0]["planned_s"] < 900

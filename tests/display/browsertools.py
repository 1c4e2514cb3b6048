"""A real headless browser for the display's tests: Debian's chromium with chromedriver.

Selenium is given the driver's path, so it never looks for (or downloads) one of its
own; chromium gets a fresh profile and is told not to reach out. When chromium or its
driver is missing the test is skipped, except under ``CI=true``, where it fails.
"""

from __future__ import annotations

import os
import shutil
import socket
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
FLAGS = (
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-dev-shm-usage", "--window-size=1280,720",
)  # fmt: skip

T = TypeVar("T")


def need_chromium() -> None:
    if CHROMIUM.exists() and CHROMEDRIVER.exists():
        return
    reason = "chromium and chromium-driver are needed (apt install chromium chromium-driver)"
    if os.environ.get("CI", "").strip().lower() == "true":
        pytest.fail(reason, pytrace=False)
    pytest.skip(reason)


@contextmanager
def browser() -> Iterator[Any]:
    """A headless chromium under selenium, with a fresh profile."""
    need_chromium()
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    profile = tempfile.mkdtemp(prefix="facilitator-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={profile}")
    driver = webdriver.Chrome(service=Service(executable_path=str(CHROMEDRIVER)), options=options)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


def text_of(driver: Any, element_id: str) -> str:
    """What the page shows in an element (its textContent; '' when hidden or absent)."""
    value = driver.execute_script(
        "const e = document.getElementById(arguments[0]);"
        "if (!e) return ''; let p = e;"
        "while (p) { if (p.hidden) return ''; p = p.parentElement; }"
        "return e.textContent;",
        element_id,
    )
    return str(value or "")


def wait_until(check: Callable[[], T | None], timeout: float = 20.0, what: str = "") -> T:
    """Polls ``check`` until it gives something true: a browser shows changes in its own time."""
    deadline = time.monotonic() + timeout
    while True:
        found = check()
        if found:
            return found
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what or check}")
        time.sleep(0.05)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])

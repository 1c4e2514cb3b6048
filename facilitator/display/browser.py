"""Opening the room display on this computer's screen, and waiting for it to be served.

Chromium's kiosk mode fills the screen without any browser frame; it gets a profile of
its own and is asked not to reach out (no sync, no updates, no background requests).
Without Chromium the system's browser opens the page as it opens any link.
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import time
import webbrowser
from pathlib import Path

import platformdirs

CHROMIUMS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")


def wait_for_server(port: int, wait_s: float) -> bool:
    """Whether something answers on the loopback ``port`` within ``wait_s`` seconds."""
    deadline = time.monotonic() + wait_s
    while True:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1.0):
                return True
        except OSError:
            if time.monotonic() >= deadline:
                return False
            time.sleep(0.5)


def kiosk_command(browser: str, url: str, profile: Path) -> list[str]:
    return [
        browser,
        f"--app={url}",
        "--kiosk",
        f"--user-data-dir={profile}",
        "--no-first-run",
        "--noerrdialogs",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-translate",
        "--password-store=basic",
    ]


def open_full_screen(url: str) -> tuple[str, subprocess.Popen[bytes] | None] | None:
    """Opens ``url`` full screen: the browser's name and, for a kiosk, its process;
    ``None`` when there is no browser."""
    for name in CHROMIUMS:
        found = shutil.which(name)
        if found is None:
            continue
        profile = Path(platformdirs.user_cache_dir("facilitator")) / "kiosk"
        profile.mkdir(parents=True, exist_ok=True)
        kiosk = subprocess.Popen(
            kiosk_command(found, url, profile),
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            start_new_session=True,
        )  # fmt: skip
        return name, kiosk
    if webbrowser.open(url):
        return _default_name(), None
    return None


def _default_name() -> str:
    try:
        return webbrowser.get().name
    except webbrowser.Error:
        return "browser"

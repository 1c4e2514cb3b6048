"""Makes docs/display.png: the room display of a real meeting, in headless Chromium.

A real ``facilitator run vijf-stappen`` with named participants, ``--display --remote``
and ``--speed 30`` runs in a private state folder; a phone is paired over the page's
own endpoints and moves the meeting on to the advice round, and the display is
photographed while someone has the turn (the pairing box is then gone, as in a room).

Run: ``.venv/bin/python docs/screenshot.py`` (needs chromium and chromium-driver).
"""

from __future__ import annotations

import json
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from selenium import webdriver
from selenium.webdriver.chrome.service import Service

HERE = Path(__file__).resolve().parent
FACILITATOR = Path(sys.executable).with_name("facilitator")
FLAGS = (
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--hide-scrollbars", "--window-size=1280,720",
)  # fmt: skip


def post(port: int, path: str, body: dict[str, str], cookie: str = "") -> tuple[int, str]:
    host = f"127.0.0.1:{port}"
    request = urllib.request.Request(
        f"http://{host}{path}", data=json.dumps(body).encode(), method="POST",
        headers={"Content-Type": "application/json", "Origin": f"http://{host}",
                 "Cookie": cookie},
    )  # fmt: skip
    with urllib.request.urlopen(request, timeout=5) as answer:
        return answer.status, answer.headers.get("Set-Cookie", "").split(";")[0]


def main() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    folder = Path(tempfile.mkdtemp(prefix="screenshot-"))
    (folder / "room.toml").write_text("", encoding="utf-8")
    env = {
        "FACILITATOR_CONFIG": str(folder / "room.toml"),
        "FACILITATOR_STATE_DIR": str(folder / "state"),
        "PATH": "/usr/bin:/bin",
    }
    meeting = subprocess.Popen(
        [str(FACILITATOR), "run", "vijf-stappen", "-p", "Anna,Bram,Carla,Daan,Eva", "-i",
         "Anna", "--speed", "30", "--text", "--no-voice", "--display", "--remote", "--wait",
         "--port", str(port)],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL,
        text=True, env=env,
    )  # fmt: skip
    profile = tempfile.mkdtemp(prefix="screenshot-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for flag in (*FLAGS, f"--user-data-dir={profile}"):
        options.add_argument(flag)
    driver = webdriver.Chrome(
        service=Service(executable_path="/usr/bin/chromedriver"), options=options
    )
    try:
        assert meeting.stdout is not None
        code = None
        while code is None:
            found = re.search(r"koppelcode (\d{6})", meeting.stdout.readline())
            code = found.group(1) if found else None
        _, cookie = post(port, "/pair", {"code": code})
        driver.execute_cdp_cmd(
            "Emulation.setDeviceMetricsOverride",
            {"width": 1280, "height": 720, "deviceScaleFactor": 1, "mobile": False},
        )
        driver.get(f"http://127.0.0.1:{port}/")

        def shown(element: str) -> str:
            return str(driver.execute_script(
                f"return document.getElementById('{element}').textContent"
            ))  # fmt: skip

        for step in (2, 3, 4):  # on to the advice round
            post(port, "/command", {"command": "next_step"}, cookie)
            while shown("heading") != f"Stap {step} van 5":
                time.sleep(0.05)
        while shown("speaker") != "Carla":
            time.sleep(0.05)
        driver.save_screenshot(str(HERE / "display.png"))
    finally:
        driver.quit()
        meeting.kill()
        meeting.communicate()
        shutil.rmtree(profile, ignore_errors=True)
        shutil.rmtree(folder, ignore_errors=True)
    print(HERE / "display.png")
    return 0


if __name__ == "__main__":
    sys.exit(main())

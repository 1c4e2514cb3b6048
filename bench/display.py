"""The room display: how soon a change reaches the browser, and what ``--display`` costs.

Latency (effect to visible change): a meeting runs in this process through the real
``Session`` and ``Runner`` on a ``ScaledClock`` (``--speed``, default 30), with the
real ``RoomDisplay`` as its screen. Each time the runner hands it a view that changes
what the display shows, the moment is noted (``time.time()``, right after the engine's
effects were carried out in the same loop turn). A headless Chromium (Debian's, under
selenium) shows the page; a ``MutationObserver`` notes when the step, countdown or
speaker text changed, stamped at the next animation frame (the frame that shows it),
on the same wall clock. Each change the server published is matched with the first
frame that shows it: latency = frame - publish.

Cost: ``facilitator run`` of a one-step meeting of ``--step`` seconds (default 45) at
real time with ``--text --no-voice``, sampled from /proc like ``cost.py``: CPU between
announcements (from 15 s after the start to 2 s before the time is up) and peak RSS,
without the display, with ``--display`` and with ``--display --remote``, each with a
headless Chromium showing the page (the browser's own CPU is not counted: it is the
room screen's, not the facilitator's).

Targets: latency median and max < 200 ms; ``--display`` adds < 1 % of a core and
< 20 MB.

Run: ``.venv/bin/python bench/display.py [--speed 30] [--seconds 20] [--step 45]``.
"""

from __future__ import annotations

import argparse
import io
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from common import (
    FACILITATOR,
    StepSpec,
    Target,
    fresh_state,
    isolated_env,
    print_targets,
    stats,
    table,
    write_method,
    write_results,
)
from procstat import TreeSampler

NAME = "display"
TARGET_LATENCY_MS = 200.0
TARGET_EXTRA_CPU = 1.0  # % of one core
TARGET_EXTRA_RSS_MB = 20.0
QUIET_FROM_S = 15.0
QUIET_UNTIL_BEFORE_END_S = 2.0
CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
FLAGS = (
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-dev-shm-usage", "--window-size=1280,720",
)  # fmt: skip

# Notes every change of what a person watches, stamped at the frame that shows it.
WATCH = """
window.__changes = [];
const ids = ["heading", "remaining", "speaker"];
const seen = () => ids.map((id) => document.getElementById(id).textContent).join("|");
let last = seen();
new MutationObserver(() => {
  const now = seen();
  if (now === last) return;
  last = now;
  requestAnimationFrame(() =>
    window.__changes.push([performance.timeOrigin + performance.now(), now]));
}).observe(document.getElementById("session"), {subtree: true, childList: true,
  characterData: true});
"""


@contextmanager
def chromium(url: str) -> Iterator[Any]:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    profile = tempfile.mkdtemp(prefix="bench-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in (*FLAGS, f"--user-data-dir={profile}"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(executable_path=str(CHROMEDRIVER)), options=options)
    try:
        driver.get(url)
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


def shown_on_page(content: dict[str, Any]) -> str:
    turn = content.get("turn") or {}
    return "|".join((content["heading"], content["remaining"], turn.get("speaker", "")))


# -- latency ------------------------------------------------------------------------
def latency(speed: float, seconds: float, workdir: Path) -> dict[str, Any]:
    from facilitator.display.room import DisplayOptions, RoomDisplay, Screens
    from facilitator.meeting.clock import ScaledClock
    from facilitator.meeting.commands import Command, CommandKind
    from facilitator.meeting.engine import Session, SessionSettings
    from facilitator.meeting.plan import Participants, build_plan
    from facilitator.meeting.runner import Runner
    from facilitator.meeting.sessionlog import NullLog
    from facilitator.method.library import resolve
    from facilitator.room.view import PlainDisplay
    from facilitator.speech.output import SilentOutput

    method = write_method(
        workdir,
        "beeld",
        "Beeldtest",
        [
            StepSpec("opening", "1 min"),
            StepSpec("ronde", "4 min", per_turn="1 min"),
            StepSpec("slot", "2 min"),
        ],
    )
    people = Participants.named(["Anna", "Bram", "Carla", "Daan", "Eva"], "Anna")
    plan = build_plan(resolve(str(method)), people)
    room = RoomDisplay(DisplayOptions(port=0))
    published: list[tuple[float, str]] = []
    publish = room.board.publish

    def noting(content: dict[str, Any]) -> bool:
        changed = publish(content)
        text = shown_on_page(content)
        # Only changes of what the page's watcher looks at (not the bar or the total).
        if changed and (not published or published[-1][1] != text):
            published.append((time.time(), text))
        return changed

    room.board.publish = noting  # type: ignore[method-assign]
    room.start()
    session = Session(plan, SessionSettings(grace_s=0))
    quiet = PlainDisplay(stream=io.StringIO())
    runner = Runner(session, ScaledClock(speed), SilentOutput(), NullLog(), Screens(quiet, room))
    try:
        with chromium(room.url) as page:
            worker = threading.Thread(target=runner.run, daemon=True)
            worker.start()
            deadline = time.monotonic() + 20
            while not page.execute_script(
                "return document.getElementById('session').hidden === false"
            ):
                if time.monotonic() > deadline:
                    raise RuntimeError("the page did not connect")
                time.sleep(0.05)
            page.execute_script(WATCH)
            started = time.time()
            time.sleep(seconds)
            runner.submit(Command(CommandKind.STOP))
            runner.submit(Command(CommandKind.CONFIRM_STOP))
            worker.join(timeout=10)
            time.sleep(0.5)  # the last changes reach the page
            changes: list[tuple[float, str]] = [
                (t / 1000.0, text) for t, text in page.execute_script("return window.__changes")
            ]
    finally:
        room.close()
    delays: list[float] = []
    missed = 0
    for at, text in published:
        if at < started:
            continue
        shown = next((t for t, seen in changes if seen == text and t >= at - 0.002), None)
        if shown is None:
            missed += 1  # replaced by the next change before a frame showed it
            continue
        delays.append((shown - at) * 1000)
    return {
        "speed": speed,
        "seconds": seconds,
        "published": len(published),
        "matched": len(delays),
        "not_shown": missed,
        "latency_ms": stats(delays),
    }


# -- cost -----------------------------------------------------------------------------
@dataclass
class Cost:
    way: str
    idle_cpu_pct: float | None
    peak_rss_mb: float | None
    returncode: int | None


def free_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def cost_of(way: str, extra: Sequence[str], step_s: float, workdir: Path) -> Cost:
    method = write_method(
        workdir, "stil", "Kostentest", [StepSpec("stil", f"{step_s:g} s", warnings=())]
    )
    env = fresh_state(isolated_env(workdir, grace_s=2.0), workdir / "states")
    port = free_port()
    argv = [str(FACILITATOR), "run", str(method), "--text", "--no-voice", *extra]
    if extra:
        argv += ["--port", str(port)]
    spawned = time.monotonic()
    process = subprocess.Popen(
        argv, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL, text=True,
    )  # fmt: skip
    sampler = TreeSampler(process.pid, interval_s=0.1).start()
    assert process.stdout is not None
    first = process.stdout.readline()
    threading.Thread(target=process.stdout.read, daemon=True).start()
    with contextmanager_or_none(chromium(f"http://127.0.0.1:{port}/") if extra else None) as page:
        if page is not None and "http://" not in first:
            raise RuntimeError(f"no display address in {first!r}")
        while process.poll() is None and time.monotonic() < spawned + step_s + 40:
            time.sleep(0.2)
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
    returncode = process.wait(timeout=30)
    sampler.stop()
    window = sampler.window(spawned + QUIET_FROM_S, spawned + step_s - QUIET_UNTIL_BEFORE_END_S)
    idle = window[0] / window[1] * 100 if window and window[1] > 0 else None
    return Cost(way, idle, sampler.peak_rss_mb or None, returncode)


@contextmanager
def contextmanager_or_none(manager: Any) -> Iterator[Any]:
    if manager is None:
        yield None
    else:
        with manager as value:
            yield value


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--speed", type=float, default=30.0, help="session clock speed-up")
    parser.add_argument("--seconds", type=float, default=20.0, help="latency run, real seconds")
    parser.add_argument("--step", type=float, default=45.0, help="cost run: the step's length")
    parser.add_argument("--skip-cost", action="store_true", help="measure latency only")
    args = parser.parse_args(argv)
    if not (CHROMIUM.exists() and CHROMEDRIVER.exists()):
        print("bench/display: needs chromium and chromium-driver", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory(prefix="bench-display-") as tmp:
        print("display: latency ...", file=sys.stderr, flush=True)
        seen = latency(args.speed, args.seconds, Path(tmp) / "latency")
        costs: list[Cost] = []
        if not args.skip_cost:
            for way, extra in (
                ("without display", []),
                ("--display, page open", ["--display"]),
                ("--display --remote, page open", ["--display", "--remote"]),
            ):
                print(f"display: cost, {way} ({args.step:g} s) ...", file=sys.stderr, flush=True)
                costs.append(cost_of(way, extra, args.step, Path(tmp) / way.replace(" ", "_")))
    lat = seen["latency_ms"]
    targets = [
        Target("effect to visible change, median", lat["median"], "ms", TARGET_LATENCY_MS),
        Target("effect to visible change, max", lat["max"], "ms", TARGET_LATENCY_MS),
    ]
    if costs:
        base = costs[0]
        for cost in costs[1:]:
            cpu = rss = None
            if cost.idle_cpu_pct is not None and base.idle_cpu_pct is not None:
                cpu = cost.idle_cpu_pct - base.idle_cpu_pct
            if cost.peak_rss_mb is not None and base.peak_rss_mb is not None:
                rss = cost.peak_rss_mb - base.peak_rss_mb
            targets.append(Target(f"{cost.way}: extra CPU", cpu, "% of a core", TARGET_EXTRA_CPU))
            targets.append(Target(f"{cost.way}: extra peak RSS", rss, "MB", TARGET_EXTRA_RSS_MB))
        print()
        rows = [
            (c.way, f"{c.idle_cpu_pct:.2f}" if c.idle_cpu_pct is not None else "-",
             f"{c.peak_rss_mb:.1f}" if c.peak_rss_mb is not None else "-", c.returncode)
            for c in costs
        ]  # fmt: skip
        print(table(("way", "idle CPU %", "peak RSS MB", "exit"), rows))
    print_targets("The room display", targets)
    details = {"latency": seen, "cost": [vars(c) for c in costs], "step_s": args.step}
    write_results(NAME, targets, details)
    return 0


if __name__ == "__main__":
    sys.exit(main())

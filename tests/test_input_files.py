"""Every input path against what is not a plain file, or is far too large: a FIFO, a
folder, /dev/zero, a sparse file of 9 GB. Each must end with status 1 and a clear
message within seconds, in bounded memory, and without a traceback."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from facilitator.inputfile import ARCHIVE_LIMIT

EXE = str(Path(sys.executable).with_name("facilitator"))
TIMEOUT_S = 30.0  # generous on a loaded machine; a hang is what this catches
MAX_RSS_MB = 300  # /dev/zero read whole would be gigabytes

RUN = ["run", "alleen-maar-advies", "-n", "5", "-i", "2", "--text", "--no-voice", "--speed", "3600"]

# What each input path is, as a command line around the hostile PATH.
COMMANDS: dict[str, Callable[[str], list[str]]] = {
    "method (methods check)": lambda path: ["methods", "check", path],
    "method (run)": lambda path: ["run", path, "-n", "5", "--text", "--no-voice"],
    "method (methods new --from)": lambda path: ["methods", "new", "nieuw", "--from", path],
    "config (--config)": lambda path: ["--config", path, "methods", "list"],
    "log (run --log)": lambda path: [*RUN, "--log", path],
    "log (report)": lambda path: ["report", path],
    "zip (model download --from)": lambda path: ["model", "download", "--from", path],
}


def hostile(kind: str, folder: Path) -> str:
    if kind == "/dev/zero":
        return "/dev/zero"
    path = folder / "invoer.yaml"
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "folder":
        path.mkdir()
    else:  # a file larger than any limit, made in an instant (sparse: no disk used)
        with path.open("wb") as file:
            file.truncate(ARCHIVE_LIMIT + 1_000_000_000)
    return str(path)


# The peak memory is measured by a small Python process that starts facilitator and
# waits for it: a child forked straight from the test process would count the test
# process's own memory as its peak (Linux keeps the high-water mark across exec).
_MEASURE = """
import os, sys
report, command = int(sys.argv[1]), sys.argv[2:]
pid = os.fork()
if pid == 0:
    os.close(report)
    os.dup2(os.open(os.devnull, os.O_WRONLY), 1)
    os.execv(command[0], command)
_, status, usage = os.wait4(pid, 0)
os.write(report, str(usage.ru_maxrss).encode())
sys.exit(os.waitstatus_to_exitcode(status))
"""


def run_measured(args: list[str], cwd: Path) -> tuple[int, int, str]:
    """Exit status, peak memory (MB) and stderr of ``facilitator args``."""
    read_end, write_end = os.pipe()
    child = subprocess.Popen(
        [sys.executable, "-c", _MEASURE, str(write_end), EXE, *args],
        cwd=cwd,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        pass_fds=(write_end,),
        start_new_session=True,
    )
    os.close(write_end)
    try:
        _, err_bytes = child.communicate(timeout=TIMEOUT_S)
    except subprocess.TimeoutExpired:
        os.killpg(child.pid, signal.SIGKILL)
        child.communicate()
        pytest.fail(f"facilitator {' '.join(args)} still ran after {TIMEOUT_S} s")
    finally:
        with os.fdopen(read_end, "rb") as measured:
            peak_kb = measured.read().decode() or "0"
    return child.returncode, int(peak_kb) // 1024, err_bytes.decode("utf-8", "replace")


@pytest.mark.slow
@pytest.mark.parametrize("kind", ["fifo", "folder", "/dev/zero", "oversized"])
@pytest.mark.parametrize("what", sorted(COMMANDS))
def test_an_input_that_is_not_a_plain_file_is_refused_at_once(
    tmp_path: Path, what: str, kind: str
) -> None:
    path = hostile(kind, tmp_path)
    status, rss_mb, err = run_measured(COMMANDS[what](path), tmp_path)
    assert status == 1, err
    assert "Traceback" not in err and err.strip(), err
    assert rss_mb < MAX_RSS_MB, f"{rss_mb} MB"

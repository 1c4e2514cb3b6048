"""CPU time and memory of processes, read from /proc (no psutil).

``/proc/<pid>/stat`` gives the CPU time a process has used (utime + stime, in clock
ticks, all its threads together); ``/proc/<pid>/status`` gives its resident memory
now (VmRSS) and at its peak (VmHWM). ``TreeSampler`` follows a process and all its
descendants on a thread of its own, because a child that nobody waits for (termdown's
espeak-ng) never shows up in its parent's counters.
"""

from __future__ import annotations

import os
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

TICK_S = 1.0 / os.sysconf("SC_CLK_TCK")
PAGE = os.sysconf("SC_PAGE_SIZE")


@dataclass(frozen=True)
class Stat:
    pid: int
    ppid: int
    state: str
    cpu_s: float  # user + system time of the process itself (all threads)
    children_cpu_s: float  # of children it waited for
    threads: int


def read_stat(pid: int) -> Stat | None:
    """The process's CPU counters, or None when it is gone."""
    try:
        text = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    # The command name (field 2) may hold spaces and parentheses: split after the last ')'.
    rest = text.rsplit(")", 1)[1].split()
    utime, stime, cutime, cstime = (int(x) for x in rest[11:15])
    return Stat(
        pid=pid,
        ppid=int(rest[1]),
        state=rest[0],
        cpu_s=(utime + stime) * TICK_S,
        children_cpu_s=(cutime + cstime) * TICK_S,
        threads=int(rest[17]),
    )


@dataclass(frozen=True)
class Memory:
    rss_mb: float
    peak_rss_mb: float  # VmHWM: the most it ever had resident


def read_memory(pid: int) -> Memory | None:
    try:
        text = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return None
    values: dict[str, float] = {}
    for line in text.splitlines():
        key, _, rest = line.partition(":")
        if key in ("VmRSS", "VmHWM"):
            values[key] = int(rest.split()[0]) / 1024.0  # kB -> MB
    if "VmRSS" not in values:
        return None  # a zombie has no memory left
    return Memory(values["VmRSS"], values.get("VmHWM", values["VmRSS"]))


def children(pid: int) -> list[int]:
    """Direct children of ``pid`` (from every thread's children list)."""
    found: list[int] = []
    try:
        tasks = os.listdir(f"/proc/{pid}/task")
    except OSError:
        return found
    for task in tasks:
        try:
            text = Path(f"/proc/{pid}/task/{task}/children").read_text()
        except OSError:
            continue
        found.extend(int(x) for x in text.split())
    return found


def descendants(pid: int) -> list[int]:
    seen: list[int] = []
    todo = [pid]
    while todo:
        current = todo.pop()
        for child in children(current):
            if child not in seen:
                seen.append(child)
                todo.append(child)
    return seen


def mapped_libraries(pid: int) -> set[str]:
    """File names of the shared objects a process has mapped (e.g. ``libvosk.so``)."""
    names: set[str] = set()
    try:
        text = Path(f"/proc/{pid}/maps").read_text()
    except OSError:
        return names
    for line in text.splitlines():
        parts = line.split(maxsplit=5)
        if len(parts) == 6 and ".so" in parts[5]:
            names.add(Path(parts[5].strip()).name)
    return names


@dataclass
class Sample:
    t: float  # monotonic
    cpu_s: float  # the root process
    tree_cpu_s: float  # the root and every descendant seen so far (last known values)
    rss_mb: float  # the root
    tree_rss_mb: float  # the root and the descendants alive now


@dataclass
class TreeSampler:
    """Samples a process tree every ``interval_s`` until the root is gone or ``stop()``."""

    pid: int
    interval_s: float = 0.05
    samples: list[Sample] = field(default_factory=list)
    peak_rss_mb: float = 0.0  # the root's VmHWM
    peak_tree_rss_mb: float = 0.0  # the largest sum of RSS over the tree at one moment
    peak_child_rss_mb: float = 0.0  # the largest single descendant (its VmHWM)
    child_pids: set[int] = field(default_factory=set)
    _cpu: dict[int, float] = field(default_factory=dict)
    _stop: threading.Event = field(default_factory=threading.Event)
    _thread: threading.Thread | None = None

    def start(self) -> TreeSampler:
        self._thread = threading.Thread(target=self._run, name="bench-sampler", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join()

    def sample(self) -> Sample | None:
        now = time.monotonic()
        root = read_stat(self.pid)
        memory = read_memory(self.pid)
        if root is None or memory is None:
            return None
        self._cpu[self.pid] = root.cpu_s
        tree_rss = memory.rss_mb
        self.peak_rss_mb = max(self.peak_rss_mb, memory.peak_rss_mb)
        for child in descendants(self.pid):
            stat = read_stat(child)
            child_memory = read_memory(child)
            if stat is None:
                continue
            self.child_pids.add(child)
            self._cpu[child] = max(self._cpu.get(child, 0.0), stat.cpu_s)
            if child_memory is not None:
                tree_rss += child_memory.rss_mb
                self.peak_child_rss_mb = max(self.peak_child_rss_mb, child_memory.peak_rss_mb)
        self.peak_tree_rss_mb = max(self.peak_tree_rss_mb, tree_rss)
        sample = Sample(now, root.cpu_s, sum(self._cpu.values()), memory.rss_mb, tree_rss)
        self.samples.append(sample)
        return sample

    def _run(self) -> None:
        while not self._stop.is_set():
            if self.sample() is None and read_stat(self.pid) is None:
                return
            self._stop.wait(self.interval_s)

    def cpu_between(self, start: float, end: float) -> float | None:
        """CPU seconds the root used between two monotonic times (from the nearest samples)."""
        inside = [s for s in self.samples if start <= s.t <= end]
        if len(inside) < 2:
            return None
        return inside[-1].cpu_s - inside[0].cpu_s

    def window(self, start: float, end: float) -> tuple[float, float] | None:
        """(CPU seconds, real seconds) of the root between the samples nearest the bounds."""
        inside = [s for s in self.samples if start <= s.t <= end]
        if len(inside) < 2:
            return None
        return inside[-1].cpu_s - inside[0].cpu_s, inside[-1].t - inside[0].t

    @property
    def tree_cpu_s(self) -> float:
        return sum(self._cpu.values())

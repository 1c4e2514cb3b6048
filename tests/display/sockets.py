"""The TCP sockets a process listens on, read from its own /proc entries."""

from __future__ import annotations

import os
import socket
import struct
from pathlib import Path

_LISTEN = "0A"


def _inodes(pid: int) -> set[str]:
    found = set()
    for fd in Path(f"/proc/{pid}/fd").iterdir():
        try:
            target = os.readlink(fd)
        except OSError:
            continue
        if target.startswith("socket:["):
            found.add(target[len("socket:[") : -1])
    return found


def listening(pid: int) -> set[tuple[str, int]]:
    """(address, port) of every TCP socket that process ``pid`` holds in LISTEN state."""
    mine = _inodes(pid)
    found = set()
    for table, family in (("tcp", socket.AF_INET), ("tcp6", socket.AF_INET6)):
        path = Path(f"/proc/{pid}/net/{table}")
        if not path.exists():
            continue
        for line in path.read_text().splitlines()[1:]:
            fields = line.split()
            local, state, inode = fields[1], fields[3], fields[9]
            if state != _LISTEN or inode not in mine:
                continue
            host_hex, port_hex = local.split(":")
            raw = bytes.fromhex(host_hex)
            if family == socket.AF_INET:
                raw = struct.pack("<I", struct.unpack(">I", raw)[0])
            else:
                raw = b"".join(struct.pack("<I", w) for w in struct.unpack(">4I", raw))
            found.add((socket.inet_ntop(family, raw), int(port_hex, 16)))
    return found


def open_tcp(pid: int) -> int:
    """How many TCP sockets (in any state) process ``pid`` holds."""
    mine = _inodes(pid)
    count = 0
    for table in ("tcp", "tcp6"):
        path = Path(f"/proc/{pid}/net/{table}")
        if path.exists():
            count += sum(line.split()[9] in mine for line in path.read_text().splitlines()[1:])
    return count

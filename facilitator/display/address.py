"""This computer's address on the local network, found without any network traffic.

The usual trick (connect a UDP socket to some outside address and read the local end)
would name an outside host; instead the addresses of the network interfaces are read
from the kernel (``SIOCGIFADDR``). A private address (the room's own network) is
preferred over a public one.
"""

from __future__ import annotations

import fcntl
import ipaddress
import socket
import struct

_SIOCGIFADDR = 0x8915


def interface_addresses() -> list[str]:
    """The IPv4 addresses of the interfaces that have one, loopback left out."""
    found: list[str] = []
    try:
        interfaces = socket.if_nameindex()
    except OSError:
        return found
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        for _, name in interfaces:
            request = struct.pack("256s", name.encode()[:15])
            try:
                answer = fcntl.ioctl(probe.fileno(), _SIOCGIFADDR, request)
            except OSError:
                continue  # no IPv4 address, or the interface is down
            address = socket.inet_ntoa(answer[20:24])
            if not ipaddress.ip_address(address).is_loopback:
                found.append(address)
    return found


def lan_address() -> str | None:
    """The address a phone in the room can reach this computer on, or ``None``."""
    found = interface_addresses()
    private = [a for a in found if ipaddress.ip_address(a).is_private]
    chosen = private or found
    return chosen[0] if chosen else None

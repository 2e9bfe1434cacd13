"""How many people at once, and from where: a slot per connection, taken before sign-in.

A slot is taken when a client starts to sign in (so a full room says so before asking for
a password) and given back when its connection closes.
"""

from __future__ import annotations

import ipaddress
from collections import Counter
from dataclasses import dataclass, field


def where_from(address: str) -> str:
    """What "one address" means for the per-address limit: an IPv4 address, or an IPv6
    /64 network (one household or host is usually given a whole /64)."""
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return address
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.ipv4_mapped is not None:  # an IPv4 client on a dual-stack socket
            return str(ip.ipv4_mapped)
        return str(ipaddress.ip_network(f"{ip}/64", strict=False))
    return str(ip)


@dataclass
class Slots:
    max_sessions: int
    max_per_address: int
    _by_address: Counter[str] = field(default_factory=Counter)

    @property
    def in_use(self) -> int:
        return self._by_address.total()

    def take(self, address: str) -> str | None:
        """Take a slot for ``address``; if none is free, the reason to tell the client."""
        address = where_from(address)
        if self.in_use >= self.max_sessions:
            return (f"The room is full ({self.max_sessions} sessions at once). "
                    "Please try again in a few minutes.")
        if self._by_address[address] >= self.max_per_address:
            return (f"Too many sessions from your address ({self.max_per_address} at once). "
                    "Close one, then connect again.")
        self._by_address[address] += 1
        return None

    def give_back(self, address: str) -> None:
        address = where_from(address)
        self._by_address[address] -= 1
        if self._by_address[address] <= 0:
            del self._by_address[address]


def duration(seconds: float) -> str:
    """'15 minutes', '2 hours', '30 seconds': for messages to people."""
    for unit, size in (("hour", 3600), ("minute", 60)):
        if seconds >= size and seconds % size == 0:
            count = int(seconds // size)
            return f"{count} {unit}{'s' if count != 1 else ''}"
    return f"{seconds:g} second{'s' if seconds != 1 else ''}"

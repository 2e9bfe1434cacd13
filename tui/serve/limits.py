"""How many people at once, and from where; shared by both doors (SSH and the browser).

- ``Slots``: sessions. A slot is taken when a client starts to sign in (so a full room
  says so before asking for a password) and given back when its connection closes.
- ``Waiting``: connections not yet signed in, capped per address and in all, each for a
  short handshake time: silent sockets from one address cannot keep others out.
- ``Guesses``: wrong passwords are slow for one connection (a delay, a few tries); this
  caps the wrong guesses the whole room takes a minute, from however many addresses.
- ``Budget``: what one session may send its app a second (keys, resizes).
"""

from __future__ import annotations

import ipaddress
import time
from collections import Counter, deque
from dataclasses import dataclass, field
from typing import Literal

from tui.i18n import room_words_both

Full = Literal["room", "address"]


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
class PerAddress:
    """A count per address, capped per address and in all."""

    in_all: int
    per_address: int
    _by_address: Counter[str] = field(default_factory=Counter)

    @property
    def in_use(self) -> int:
        return self._by_address.total()

    def count(self, address: str) -> int:
        return self._by_address[where_from(address)]

    def take(self, address: str) -> Full | None:
        """Count one more for ``address``; or which cap it would pass (nothing counted)."""
        address = where_from(address)
        if self.in_use >= self.in_all:
            return "room"
        if self._by_address[address] >= self.per_address:
            return "address"
        self._by_address[address] += 1
        return None

    def give_back(self, address: str) -> None:
        address = where_from(address)
        self._by_address[address] -= 1
        if self._by_address[address] <= 0:
            del self._by_address[address]


class Slots:
    """Sessions at once: in all, and from one address."""

    def __init__(self, max_sessions: int, max_per_address: int) -> None:
        self.max_sessions = max_sessions
        self.max_per_address = max_per_address
        self._count = PerAddress(max_sessions, max_per_address)

    @property
    def in_use(self) -> int:
        return self._count.in_use

    def from_address(self, address: str) -> int:
        return self._count.count(address)

    def take(self, address: str) -> str | None:
        """Take a slot for ``address``; if none is free, the reason to tell the client."""
        full = self._count.take(address)
        if full == "room":
            return room_words_both("ssh_room_full", n=self.max_sessions)
        if full == "address":
            return room_words_both("ssh_too_many_here", n=self.max_per_address)
        return None

    def give_back(self, address: str) -> None:
        self._count.give_back(address)


def waiting_caps(max_sessions: int, max_per_address: int, per_visitor: int = 2
                 ) -> PerAddress:
    """Connections not yet signed in that a door keeps at once: enough for a whole room
    arriving together, and from one address (a classroom behind one NAT) what those it
    may sign in open (``per_visitor``: a browser loads a page over several); the rest is
    a flood."""
    return PerAddress(per_visitor * max_sessions + 16,
                      max(4 * per_visitor, per_visitor * max_per_address))


@dataclass
class Guesses:
    """Wrong passwords taken in any minute. A check under way may yet be wrong, so checks
    at once are capped too: up to ``at_once`` beyond the wrong ones, so that a whole
    room can sign in together while guesses stay under ``per_minute + at_once``."""

    per_minute: int
    at_once: int = 0
    window: float = 60.0
    _wrong: deque[float] = field(default_factory=deque)
    _checking: int = 0

    def begin(self, now: float | None = None) -> bool:
        """May a password be checked now? If so, say how it went with ``end``."""
        now = time.monotonic() if now is None else now
        while self._wrong and self._wrong[0] <= now - self.window:
            self._wrong.popleft()
        wrong = len(self._wrong)
        if wrong >= self.per_minute or wrong + self._checking >= self.per_minute + self.at_once:
            return False
        self._checking += 1
        return True

    def idle(self, now: float) -> bool:
        """Nothing under way and nothing wrong in the window: it may be forgotten."""
        return not self._checking and all(t <= now - self.window for t in self._wrong)

    def end(self, right: bool, now: float | None = None) -> None:
        self._checking -= 1
        if not right:
            self._wrong.append(time.monotonic() if now is None else now)


@dataclass
class Budget:
    """A token bucket: ``rate`` a second, ``burst`` at once. What a session may send its
    app (keys, resizes): a paste goes through, a flood is dropped at the door instead of
    filling the app's memory and a core."""

    rate: float
    burst: float
    _level: float = -1.0
    _at: float = 0.0

    def take(self, amount: float, now: float | None = None) -> bool:
        now = time.monotonic() if now is None else now
        if self._level < 0:
            self._level, self._at = self.burst, now
        self._level = min(self.burst, self._level + (now - self._at) * self.rate)
        self._at = now
        if amount > self._level:
            return False
        self._level -= amount
        return True


def key_budget() -> Budget:
    """Bytes of input a second: far beyond typing and the mouse's reports, and a paste
    of a page at once (a paste reaches the app as one event; keys each cost it work)."""
    return Budget(rate=4 * 1024, burst=64 * 1024)


def resize_budget() -> Budget:
    """Resizes a second: a window dragged by hand sends a few dozen."""
    return Budget(rate=20, burst=40)


def duration(seconds: float) -> str:
    """'15 minutes', '2 hours', '30 seconds': for messages to people."""
    for unit, size in (("hour", 3600), ("minute", 60)):
        if seconds >= size and seconds % size == 0:
            count = int(seconds // size)
            return f"{count} {unit}{'s' if count != 1 else ''}"
    return f"{seconds:g} second{'s' if seconds != 1 else ''}"


# Words are English for ``duration``; in Chinese the same lengths read as these.
ZH_UNITS = (("hours", "小时"), ("hour", "小时"), ("minutes", "分钟"), ("minute", "分钟"),
            ("seconds", "秒"), ("second", "秒"))


def span(seconds: float, lang: str) -> str:
    """``duration`` in the visitor's language."""
    said = duration(seconds)
    if lang == "zh":
        for en, zh in ZH_UNITS:
            said = said.replace(f" {en}", zh)
    return said

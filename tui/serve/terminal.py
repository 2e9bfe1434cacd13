"""The server's end of a session's pseudo-terminal."""

from __future__ import annotations

import fcntl
import os
import pty
import struct
import termios
import tty

# Put a client's terminal back as Textual leaves it on a normal exit, for the times the
# app is ended by a signal and cannot: CAN aborts a half-written escape sequence; then
# plain colours, synchronized output off, the main screen back, the cursor shown, mouse
# and focus reporting off, bracketed paste off, the kitty keyboard flags popped, line
# wrap on.
RESET = (
    b"\x18\x1b[0m\x1b[?2026l\x1b[?1049l\x1b[?25h"
    b"\x1b[?1000l\x1b[?1002l\x1b[?1003l\x1b[?1006l\x1b[?1015l\x1b[?1016l"
    b"\x1b[?1004l\x1b[?2004l\x1b[?2048l\x1b[<u\x1b[?7h\r\n"
)


def open_pty(cols: int, rows: int) -> tuple[int, int]:
    """A (master, slave) pair sized for the client; the master is non-blocking. Raw from
    the start: a ctrl+c typed before the app has set up its terminal is a key for it, not
    a SIGINT that would end it."""
    master, slave = pty.openpty()
    tty.setraw(slave)
    set_size(master, cols, rows)
    os.set_blocking(master, False)
    return master, slave


# The largest terminal a session gets: a screen of a million cells would cost one visitor
# the server's CPU on every frame; this is more than any real window.
MAX_COLS, MAX_ROWS = 500, 200


def capped(cols: int, rows: int) -> tuple[int, int]:
    return max(1, min(cols, MAX_COLS)), max(1, min(rows, MAX_ROWS))


def set_size(master: int, cols: int, rows: int) -> None:
    """The kernel sends SIGWINCH to the app's process group when the size changes."""
    cols, rows = capped(cols, rows)
    fcntl.ioctl(master, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))

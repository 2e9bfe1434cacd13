"""Reading a file a user names: a scenario, a policy.

Only a regular file is read, and only up to a size no scenario or policy comes near: a
named pipe or a device (``/dev/zero``) would otherwise block the reader or fill memory
without end. Opening never waits for a pipe's writer.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

MAX_FILE_BYTES = 16 * 1024 * 1024  # a scenario of a thousand events is well under 1 MB


class NotAFile(OSError):
    """A named pipe, a device or a socket: nothing a scenario or policy is kept in."""


class TooLarge(OSError):
    """Larger than any scenario or policy (``MAX_FILE_BYTES``)."""


def read_user_text(path: Path, limit: int = MAX_FILE_BYTES) -> str:
    """The file's text (UTF-8). Raises FileNotFoundError, IsADirectoryError, NotAFile,
    TooLarge, UnicodeDecodeError, or another OSError (no permission, say)."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    with os.fdopen(fd, "rb") as handle:
        mode = os.fstat(fd).st_mode
        if stat.S_ISDIR(mode):
            raise IsADirectoryError(path)
        if not stat.S_ISREG(mode):
            raise NotAFile(path)
        data = handle.read(limit + 1)
    if len(data) > limit:
        raise TooLarge(path)
    return data.decode("utf-8")

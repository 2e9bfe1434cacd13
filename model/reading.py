"""Reading a file a user names: a scenario, a policy.

Up to a size no scenario or policy comes near: a device such as ``/dev/zero`` would
otherwise fill memory without end. Opening never waits for a named pipe's writer, and a
pipe nobody writes to reads as empty at once; a pipe that is written to (``/dev/stdin``
from ``cat``, a shell's ``<(...)``) is read to its end.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

MAX_FILE_MB = 16  # a scenario of a thousand events is well under 1 MB
MAX_FILE_BYTES = MAX_FILE_MB * 2**20
TOO_LARGE = f"far too large to be a scenario or policy file (over {MAX_FILE_MB} MB)"


class TooLarge(OSError):
    """Larger than any scenario or policy (``MAX_FILE_BYTES``)."""


def read_user_text(path: Path, limit: int = MAX_FILE_BYTES) -> str:
    """The file's text (UTF-8). Raises FileNotFoundError, IsADirectoryError, TooLarge,
    UnicodeDecodeError, or another OSError (no permission, say)."""
    flags = os.O_RDONLY | getattr(os, "O_BINARY", 0) | getattr(os, "O_NONBLOCK", 0)
    fd = os.open(path, flags)
    with os.fdopen(fd, "rb") as handle:
        mode = os.fstat(fd).st_mode
        if stat.S_ISDIR(mode):
            raise IsADirectoryError(path)
        if not stat.S_ISREG(mode) and hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)  # opened: now wait for what a writer sends
        data = handle.read(limit + 1)
    if len(data) > limit:
        raise TooLarge(path)
    return data.decode("utf-8")

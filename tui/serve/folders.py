"""The room's folder: one private temporary folder per server, holding each session's
folder; and the sweep of folders left by servers that were killed before cleaning up."""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
from pathlib import Path

log = logging.getLogger("jiebei-sim.serve")

ROOT_PREFIX = "jiebei-sim-serve-"
OWNER_FILE = "server.pid"  # in the room's folder: which server made it


def sweep_stale_rooms(parent: Path) -> list[Path]:
    """Remove the folders of earlier servers that were killed (SIGKILL, a crash) before
    they could clean up: ours, with the pid of a server that is no longer running."""
    removed = []
    for folder in parent.glob(f"{ROOT_PREFIX}*"):
        try:
            if folder.stat().st_uid != os.getuid():
                continue
            pid = int((folder / OWNER_FILE).read_text(encoding="ascii"))
        except (OSError, ValueError):
            continue  # not one we can vouch for: leave it
        try:
            os.kill(pid, 0)
            continue  # that server is still running
        except ProcessLookupError:
            pass
        except PermissionError:
            continue
        shutil.rmtree(folder, ignore_errors=True)
        removed.append(folder)
    return removed


def make_room_folder() -> Path:
    root = Path(tempfile.mkdtemp(prefix=ROOT_PREFIX))
    (root / OWNER_FILE).write_text(str(os.getpid()), encoding="ascii")
    for stale in sweep_stale_rooms(root.parent):
        log.info("removed the folder of a server that ended without cleaning up: %s", stale)
    return root

"""Recent scenario files: the last few opened or saved, newest first, kept in one small
JSON file in the user data folder. A missing or unreadable list is simply empty."""

from __future__ import annotations

import json
from pathlib import Path

from model.io import atomic_write_text

RECENT_FORMAT = "jiebei-sim/recent@1"
KEEP = 8


def read_recent(path: Path) -> list[Path]:
    """The remembered files that still exist, newest first."""
    try:
        data = json.loads(path.read_text("utf-8"))
    except (OSError, ValueError):
        return []
    if not isinstance(data, dict) or data.get("format") != RECENT_FORMAT:
        return []
    files = data.get("files")
    if not isinstance(files, list):
        return []
    return [Path(f) for f in files if isinstance(f, str) and Path(f).is_file()][:KEEP]


def remember(path: Path, file: Path) -> list[Path]:
    """Put ``file`` first in the list and write it back (atomically); returns the list."""
    file = file.expanduser().resolve()
    files = [file, *(f for f in read_recent(path) if f != file)][:KEEP]
    path.parent.mkdir(parents=True, exist_ok=True)
    data = {"format": RECENT_FORMAT, "files": [str(f) for f in files]}
    atomic_write_text(path, json.dumps(data, ensure_ascii=False, indent=2) + "\n")
    return files

"""Autosave: unsaved work kept beside the user's files, so a crash or a quit without
saving loses nothing. The file exists exactly while there is unsaved work."""

from __future__ import annotations

import json
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path

from model.errors import InputError
from model.io import atomic_write_text, branches_json, parse_branches
from model.policy import Policy
from model.scenario import Scenario

AUTOSAVE_FORMAT = "jiebei-sim/autosave@1"


@dataclass(frozen=True)
class Unsaved:
    branches: dict[str, Scenario]
    source: Path | None  # the file the work came from, if any


def write_autosave(path: Path, branches: dict[str, Scenario], source: Path | None) -> None:
    data = {
        "format": AUTOSAVE_FORMAT,
        "source": str(source) if source is not None else None,
        "scenario": json.loads(branches_json(branches)),
    }
    atomic_write_text(path, json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def read_autosave(path: Path, policy: Policy | None = None) -> Unsaved | None:
    """The unsaved work, or None when there is none or it cannot be read (then the
    unreadable file is left in place for a person to look at, never overwritten here)."""
    try:
        data = json.loads(path.read_text("utf-8"))
        if not isinstance(data, dict) or data.get("format") != AUTOSAVE_FORMAT:
            return None
        branches = parse_branches(data["scenario"], policy, source=str(path))
    except (OSError, ValueError, KeyError, InputError, RecursionError):
        return None
    source = data.get("source")
    return Unsaved(branches, Path(source) if isinstance(source, str) else None)


def clear_autosave(path: Path) -> None:
    with suppress(FileNotFoundError):
        path.unlink()

"""Autosave: unsaved work kept beside the user's files, so a crash or a quit without
saving loses nothing. The file exists exactly while there is unsaved work."""

from __future__ import annotations

import itertools
import json
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path

from model.errors import InputError, Problem
from model.io import atomic_write_text, branches_json, parse_branches
from model.policy import Policy
from model.scenario import Scenario

AUTOSAVE_FORMAT = "jiebei-sim/autosave@1"


@dataclass(frozen=True)
class Unsaved:
    branches: dict[str, Scenario]
    source: Path | None  # the file the work came from, if any
    branch: str | None = None  # the branch that was current: restoring returns to it


def write_autosave(path: Path, branches: dict[str, Scenario], source: Path | None,
                   branch: str | None = None) -> None:
    data = {
        "format": AUTOSAVE_FORMAT,
        "source": str(source) if source is not None else None,
        "branch": branch,
        "scenario": json.loads(branches_json(branches)),
    }
    atomic_write_text(path, json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def read_autosave(path: Path, policy: Policy | None = None) -> Unsaved | None:
    """The unsaved work, or None when there is none. A file that is there but cannot be
    read raises ``InputError`` naming it: it is never deleted or overwritten here (see
    ``set_aside``)."""
    if not path.exists():
        return None
    def unreadable(where: str, code: str, english: str, **values: str) -> InputError:
        said = f"{where}: {english}" if where else english
        return InputError(f"{path}: {said}", (Problem(where, code, english, values),),
                          str(path))

    try:
        data = json.loads(path.read_text("utf-8"))
    except (OSError, UnicodeDecodeError, RecursionError, ValueError) as exc:
        raise unreadable("", "autosave_unreadable", f"cannot be read ({exc})") from None
    if not isinstance(data, dict) or data.get("format") != AUTOSAVE_FORMAT:
        raise unreadable("", "not_an_autosave", "not an autosave this version reads "
                         f"(expected format {AUTOSAVE_FORMAT!r})",
                         expected=AUTOSAVE_FORMAT)
    if "scenario" not in data:
        raise unreadable("scenario", "missing", "required field is missing")
    branches = parse_branches(data["scenario"], policy, source=str(path))
    source, branch = data.get("source"), data.get("branch")
    return Unsaved(branches, Path(source) if isinstance(source, str) else None,
                   branch if isinstance(branch, str) and branch in branches else None)


def set_aside(path: Path) -> Path:
    """Move an unreadable autosave out of the way, beside it, so that new work can be
    autosaved and the old file is kept for a person to look at. Returns where it went."""
    for n in itertools.count(1):
        kept = path.with_name(f"{path.stem}-unreadable-{n}{path.suffix}")
        if not kept.exists():
            path.rename(kept)
            return kept
    raise AssertionError("unreachable")


def clear_autosave(path: Path) -> None:
    with suppress(FileNotFoundError):
        path.unlink()

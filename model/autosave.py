"""Autosave: unsaved work kept beside the user's files, so a crash or a quit without
saving loses nothing. The file exists exactly while there is unsaved work.

Each running copy of the app has an autosave of its own (``claim_autosave``): two copies
open at once neither write over each other's work nor offer it back as "last time's".
"""

from __future__ import annotations

import itertools
import json
import sys
from contextlib import suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from model.errors import InputError, Problem
from model.io import atomic_write_text, branches_json, parse_branches
from model.policy import Policy
from model.scenario import Scenario

AUTOSAVE_FORMAT = "jiebei-sim/autosave@1"
AUTOSAVE_SLOTS = 16  # copies of the app that can each keep an autosave at once


@dataclass(frozen=True)
class Claim:
    """A running copy's own autosave: ``path``, and a lock held on a file beside it for
    as long as the copy runs. The system lets go of the lock when the process ends, by a
    quit or a crash alike; so an autosave whose lock nobody holds is work left behind."""

    path: Path
    lock: BinaryIO | None = field(default=None, compare=False)  # None: no lock could be made

    def release(self) -> None:
        """Let go before the process ends (a test's second copy of the app)."""
        if self.lock is not None:
            self.lock.close()


def claim_autosave(first: Path) -> Claim | None:
    """The autosave this copy keeps its unsaved work in: ``first`` (``autosave.json``) or
    a numbered one beside it (``autosave-2.json``...), one no running copy holds. One that
    holds work left behind is taken first, so that it is offered back; else the first
    free one. None: every one is held (or cannot be locked), and this copy keeps no
    autosave. A folder where no lock at all can be made (read-only, say) gives ``first``
    unlocked, as before copies had their own: writing to it will fail and say so."""
    slots = [first, *(first.with_name(f"{first.stem}-{n}{first.suffix}")
                      for n in range(2, AUTOSAVE_SLOTS + 1))]
    try:
        first.parent.mkdir(parents=True, exist_ok=True)
    except OSError:
        return Claim(first)
    unlockable = 0
    for path in sorted(slots, key=lambda slot: not slot.exists()):  # work left first
        try:
            lock = _lock(path.with_name(f".{path.name}.lock"))
        except OSError:  # this one cannot be locked: never taken unlocked while others can
            unlockable += 1
            continue
        if lock is not None:
            return Claim(path, lock)
    return Claim(first) if unlockable == len(slots) else None


def _lock(path: Path) -> BinaryIO | None:
    """An open file holding an exclusive lock on ``path``, or None if another process
    (or another open file of this one) holds it. Raises OSError where no lock can be
    made at all."""
    handle = path.open("a+b")
    try:
        if sys.platform == "win32":
            import msvcrt

            try:
                msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
            except OSError:  # Windows says "held" with more than one error
                handle.close()
                return None
        else:
            import fcntl

            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                handle.close()
                return None
    except OSError:
        handle.close()
        raise
    return handle


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
    """Remove the autosave; one that cannot be removed (a read-only folder) stays, and is
    offered again next time: nothing is lost by that."""
    with suppress(OSError):
        path.unlink()

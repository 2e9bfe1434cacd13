"""Reading and writing scenario files (versioned JSON; the shape is ``model.scenario``).

Reads report one clear line naming the file and the field; writes are atomic (a
temporary file in the same folder, flushed, then renamed over the target), so a crash
never leaves half a file and a file that failed to parse is never overwritten by us.
"""

from __future__ import annotations

import contextlib
import glob
import json
import os
import tempfile
import time
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from model.errors import InputError, Problem, describe_validation_error, located, problems_of
from model.policy import Policy
from model.reading import MAX_FILE_MB, TOO_LARGE, TooLarge, read_user_text
from model.scenario import (
    CONTROL_CHARACTERS,
    SCENARIO_FORMAT,
    Scenario,
    has_control_characters,
)
from model.validation import check_against_policy

BRANCH_KEY = "branch"  # the name of the branch the file's top level holds
BRANCHES_KEY = "branches"  # the other what-if branches: {name: scenario}
MAIN_BRANCH = "main"


def _bad_shape(source: str, where: str, code: str, english: str, **values: str
               ) -> InputError:
    """A file whose shape is wrong: the English line, and a code for front ends."""
    said = f"{where}: {english}" if where else english
    return InputError(f"{source}: {said}", (Problem(where, code, english, values),), source)


def parse_branches(data: Any, policy: Policy | None = None, *, source: str = "scenario"
                   ) -> dict[str, Scenario]:
    """Every branch a file holds, its top-level scenario first. Errors name the branch."""
    if not isinstance(data, dict):
        raise _bad_shape(source, "", "top_not_object", "expected a JSON object at the top level")
    data = dict(data)
    first = data.pop(BRANCH_KEY, MAIN_BRANCH)
    others = data.pop(BRANCHES_KEY, {})
    if not isinstance(first, str) or not first.strip():
        raise _bad_shape(source, BRANCH_KEY, "branch_name_expected",
                         "expected the branch's name")
    if not isinstance(others, dict):
        raise _bad_shape(source, BRANCHES_KEY, "branches_not_object",
                         "expected an object of named scenarios")
    if has_control_characters(first):
        raise _bad_shape(source, BRANCH_KEY, "control_characters", CONTROL_CHARACTERS)
    branches = {first: _parse_one(data, policy, source, "")}
    for name, body in others.items():
        if has_control_characters(name):
            raise _bad_shape(source, f"{BRANCHES_KEY}.{json.dumps(name)}",
                             "control_characters", f"a branch's name {CONTROL_CHARACTERS}")
        if name in branches:
            raise _bad_shape(source, f"{BRANCHES_KEY}.{name}", "branch_name_taken",
                             "two branches share this name", name=name)
        if isinstance(body, dict):
            body = {"format": data.get("format", SCENARIO_FORMAT), **body}
        branches[name] = _parse_one(body, policy, source, f"{BRANCHES_KEY}.{name}.")
    return branches


def parse_scenario(data: Any, policy: Policy | None = None, *, source: str = "scenario"
                   ) -> Scenario:
    """Validate decoded JSON: the file's top-level scenario (any branches are checked too)."""
    return next(iter(parse_branches(data, policy, source=source).values()))


def _parse_one(data: Any, policy: Policy | None, source: str, where: str) -> Scenario:
    if not isinstance(data, dict):
        raise _bad_shape(source, where.rstrip("."), "not_object",
                         "expected a JSON object")
    fmt = data.get("format")
    if fmt is not None and fmt != SCENARIO_FORMAT:
        raise _bad_shape(source, f"{where}format", "unknown_format",
                         f"{fmt!r} is not a format this version reads (expected "
                         f"{SCENARIO_FORMAT!r})", format=repr(fmt), expected=SCENARIO_FORMAT)
    try:
        scenario = Scenario.model_validate(data)
    except ValidationError as exc:
        raise InputError(f"{source}: {describe_validation_error(exc, where)}",
                         located(problems_of(exc), where), source) from None
    if policy is not None:
        try:
            check_against_policy(scenario, policy)
        except InputError as exc:
            raise InputError(f"{source}: {where}{exc}", located(exc.problems, where),
                             source) from None
    return scenario


def _unreadable(path: Path, code: str, english: str, **values: str) -> InputError:
    """A file that cannot be read as JSON: the English line, and a code for front ends."""
    return InputError(f"{path}: {english}", (Problem("", code, english, values),), str(path))


def _read_json(path: Path) -> Any:
    try:
        text = read_user_text(path)
    except FileNotFoundError:
        raise _unreadable(path, "no_such_file", "no such file") from None
    except IsADirectoryError:
        raise _unreadable(path, "is_a_folder", "is a folder, not a scenario file") from None
    except TooLarge:
        raise _unreadable(path, "too_large", TOO_LARGE, most=str(MAX_FILE_MB)) from None
    except UnicodeDecodeError:
        raise _unreadable(path, "not_utf8", "not UTF-8 text") from None
    except OSError as exc:
        raise _unreadable(path, "cannot_read", f"cannot read ({exc.strerror})",
                          why=str(exc.strerror)) from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise _unreadable(path, "not_json", f"not valid JSON at line {exc.lineno}, column "
                          f"{exc.colno}: {exc.msg}", line=str(exc.lineno),
                          column=str(exc.colno)) from None
    except RecursionError:
        raise _unreadable(path, "too_deep", "JSON nested too deeply to be a scenario") from None
    except ValueError:  # Python refuses integers of thousands of digits
        raise _unreadable(path, "number_too_long",
                          "not valid JSON: a number far too long to be one") from None


def load_branches(path: str | Path, policy: Policy | None = None) -> dict[str, Scenario]:
    path = Path(path)
    return parse_branches(_read_json(path), policy, source=str(path))


def load_scenario(path: str | Path, policy: Policy | None = None) -> Scenario:
    """The file's top-level scenario (its first branch)."""
    return next(iter(load_branches(path, policy).values()))


def branches_json(branches: dict[str, Scenario]) -> str:
    """The first branch at the top level (so every reader of scenario@1 sees it), the
    others under ``branches`` by name."""
    items = iter(branches.items())
    first_name, first = next(items)
    data = first.model_dump(mode="json", exclude_none=False)
    if first_name != MAIN_BRANCH or len(branches) > 1:
        data[BRANCH_KEY] = first_name
    others = {name: _without_format(s) for name, s in items}
    if others:
        data[BRANCHES_KEY] = others
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def _without_format(scenario: Scenario) -> dict[str, Any]:
    data = scenario.model_dump(mode="json", exclude_none=False)
    data.pop("format", None)
    return data


def scenario_json(scenario: Scenario) -> str:
    return branches_json({MAIN_BRANCH: scenario})


def save_scenario(scenario: Scenario, path: str | Path) -> None:
    """Write atomically: the old file stays whole until the new one is complete."""
    atomic_write_text(Path(path), scenario_json(scenario))


def save_branches(branches: dict[str, Scenario], path: str | Path) -> None:
    """Every branch in one file, atomically."""
    atomic_write_text(Path(path), branches_json(branches))


# A temporary file this old was left by a save that never finished (a crash, a kill);
# a younger one may belong to a save still under way in another window.
STALE_TEMP_SECONDS = 60


def _temp_prefix(path: Path) -> str:
    return f".{path.name}."


def remove_stale_temps(path: Path) -> None:
    """Delete what interrupted saves of ``path`` left beside it."""
    folder = path.parent if str(path.parent) else Path(".")
    cutoff = time.time() - STALE_TEMP_SECONDS
    with contextlib.suppress(OSError):
        for leftover in folder.glob(f"{glob.escape(_temp_prefix(path))}*.tmp"):
            with contextlib.suppress(OSError):
                if leftover.stat().st_mtime < cutoff:
                    leftover.unlink()


def atomic_write_text(path: Path, text: str) -> None:
    atomic_write_bytes(path, text.encode("utf-8"))


def atomic_write_bytes(path: Path, data: bytes, mode: int | None = None) -> None:
    """Write ``path`` whole or not at all: a temporary file beside it, flushed, renamed
    over it, and the folder flushed. ``mode``: the file's (else the old file's, or the
    usual one for this user's umask)."""
    folder = path.parent if str(path.parent) else Path(".")
    remove_stale_temps(path)
    fd, tmp = tempfile.mkstemp(prefix=_temp_prefix(path), suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        # mkstemp makes the file private (0600), as a private key stays.
        if mode is None:
            mode = path.stat().st_mode & 0o777 if path.exists() else 0o666 & ~_umask()
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise
    _fsync_folder(folder)


def _fsync_folder(folder: Path) -> None:
    """Make the rename itself durable: until the folder is flushed, a power cut can bring
    back the old file, or none."""
    try:
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass  # some file systems cannot flush a folder; the file itself is flushed
    finally:
        os.close(fd)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask

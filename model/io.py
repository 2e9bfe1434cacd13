"""Reading and writing scenario files (versioned JSON, DESIGN.md).

Reads report one clear line naming the file and the field; writes are atomic (a
temporary file in the same folder, flushed, then renamed over the target), so a crash
never leaves half a file and a file that failed to parse is never overwritten by us.
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from model.errors import InputError, describe_validation_error
from model.policy import Policy
from model.scenario import SCENARIO_FORMAT, Scenario
from model.validation import check_against_policy


def parse_scenario(data: Any, policy: Policy | None = None, *, source: str = "scenario"
                   ) -> Scenario:
    """Validate already-decoded JSON; errors read ``SOURCE: field.path: problem``."""
    if not isinstance(data, dict):
        raise InputError(f"{source}: expected a JSON object at the top level")
    fmt = data.get("format")
    if fmt is not None and fmt != SCENARIO_FORMAT:
        raise InputError(
            f"{source}: format: {fmt!r} is not a format this version reads "
            f"(expected {SCENARIO_FORMAT!r})"
        )
    try:
        scenario = Scenario.model_validate(data)
    except ValidationError as exc:
        raise InputError(f"{source}: {describe_validation_error(exc)}") from None
    if policy is not None:
        try:
            check_against_policy(scenario, policy)
        except InputError as exc:
            raise InputError(f"{source}: {exc}") from None
    return scenario


def load_scenario(path: str | Path, policy: Policy | None = None) -> Scenario:
    path = Path(path)
    try:
        text = path.read_text("utf-8")
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{path}: is a folder, not a scenario file") from None
    except UnicodeDecodeError:
        raise InputError(f"{path}: not UTF-8 text") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror})") from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(
            f"{path}: not valid JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}"
        ) from None
    except RecursionError:
        raise InputError(f"{path}: JSON nested too deeply to be a scenario") from None
    return parse_scenario(data, policy, source=str(path))


def scenario_json(scenario: Scenario) -> str:
    data = scenario.model_dump(mode="json", exclude_none=False)
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def save_scenario(scenario: Scenario, path: str | Path) -> None:
    """Write atomically: the old file stays whole until the new one is complete."""
    atomic_write_text(Path(path), scenario_json(scenario))


def atomic_write_text(path: Path, text: str) -> None:
    folder = path.parent if str(path.parent) else Path(".")
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        # mkstemp makes the file private (0600); keep the old file's mode, or give a
        # new file the usual mode for this user's umask.
        os.chmod(tmp, path.stat().st_mode & 0o777 if path.exists() else 0o666 & ~_umask())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask

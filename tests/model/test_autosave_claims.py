"""Each running copy of the app keeps its own autosave (model.autosave.claim_autosave):
held by a lock that the system lets go when the copy's process ends, however it ends."""

from __future__ import annotations

import signal
import subprocess
import sys
from pathlib import Path

from model.autosave import AUTOSAVE_SLOTS, claim_autosave

HOLDER = """
import sys
from pathlib import Path
from model.autosave import claim_autosave
claim = claim_autosave(Path(sys.argv[1]))
print(claim.path, flush=True)
sys.stdin.read()  # runs until the test closes its input or kills it
"""


def another_copy(first: Path) -> tuple[subprocess.Popen[str], Path]:
    """A process holding an autosave claim, as another copy of the app does."""
    proc = subprocess.Popen([sys.executable, "-c", HOLDER, str(first)], text=True,
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    assert proc.stdout is not None
    return proc, Path(proc.stdout.readline().strip())


def test_a_copy_running_in_another_process_keeps_its_autosave_until_it_ends(
        tmp_path: Path) -> None:
    first = tmp_path / "data" / "autosave.json"
    proc, theirs = another_copy(first)
    try:
        assert theirs == first
        ours = claim_autosave(first)
        assert ours is not None and ours.path != first  # not theirs while they run
        ours.release()
        proc.send_signal(signal.SIGKILL)  # a crash: no chance to let go itself
        proc.wait()
        again = claim_autosave(first)
        assert again is not None and again.path == first
        again.release()
    finally:
        proc.kill()
        proc.wait()


def test_once_every_autosave_is_held_a_new_copy_keeps_none(tmp_path: Path) -> None:
    first = tmp_path / "autosave.json"
    held = [claim_autosave(first) for _ in range(AUTOSAVE_SLOTS)]
    assert len({claim.path for claim in held if claim is not None}) == AUTOSAVE_SLOTS
    assert claim_autosave(first) is None
    for claim in held:
        assert claim is not None
        claim.release()


def test_a_folder_that_cannot_be_made_gives_the_autosave_unlocked(tmp_path: Path) -> None:
    """Writing to it then fails, and the app says so once (tests/tui/test_files.py)."""
    blocker = tmp_path / "data"
    blocker.write_text("a file where the folder should be")
    claim = claim_autosave(blocker / "jiebei-sim" / "autosave.json")
    assert claim is not None and claim.lock is None
    assert claim.path == blocker / "jiebei-sim" / "autosave.json"


def test_a_lock_that_cannot_be_made_never_hands_out_another_copys_autosave(
        tmp_path: Path) -> None:
    """One lock file unusable (another user's, a quota): that slot is skipped, and the one
    a running copy holds is still not given to a second."""
    first = tmp_path / "autosave.json"
    running = claim_autosave(first)
    assert running is not None and running.path == first
    (tmp_path / ".autosave-2.json.lock").mkdir()  # cannot be opened as a lock
    second = claim_autosave(first)
    assert second is not None and second.path not in (first, tmp_path / "autosave-2.json")
    assert second.lock is not None
    running.release()
    second.release()

"""The model layer never loads a UI library (model/README.md §1: a headless core)."""

from __future__ import annotations

import subprocess
import sys


def test_importing_model_loads_neither_textual_nor_rich():
    code = (
        "import sys, model\n"
        "from model import Session, load_sample\n"
        "Session(load_sample('fenqile-settled')).projection\n"
        "bad = [m for m in sys.modules if m.split('.')[0] in ('textual', 'rich')]\n"
        "print(bad)\n"
        "raise SystemExit(1 if bad else 0)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr

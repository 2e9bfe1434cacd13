"""Fixtures shared by the app's tests."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture
def in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Run in tmp_path, so prompts can be given short relative names: every character is
    a key press, and a long absolute path costs seconds."""
    monkeypatch.chdir(tmp_path)
    return tmp_path

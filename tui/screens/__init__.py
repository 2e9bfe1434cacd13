"""Modal screens. Each is imported on first use: none is needed for the first frame, and
importing them all up front cost about 17 ms of the start-up."""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

_MODULE = {
    "BranchPicker": "branches",
    "BranchScreen": "branches",
    "CompareScreen": "compare",
    "Confirm": "dialogs",
    "Disclaimer": "dialogs",
    "PathPrompt": "dialogs",
    "QuitConfirm": "dialogs",
    "SamplePicker": "dialogs",
    "EventForm": "forms",
    "ExtensionForm": "forms",
    "ProfileForm": "forms",
    "HelpScreen": "help",
    "PolicyScreen": "policy",
}


def __getattr__(name: str) -> Any:
    if name not in _MODULE:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(import_module(f"{__name__}.{_MODULE[name]}"), name)


if TYPE_CHECKING:
    from tui.screens.branches import BranchPicker, BranchScreen
    from tui.screens.compare import CompareScreen
    from tui.screens.dialogs import Confirm, Disclaimer, PathPrompt, QuitConfirm, SamplePicker
    from tui.screens.forms import EventForm, ExtensionForm, ProfileForm
    from tui.screens.help import HelpScreen
    from tui.screens.policy import PolicyScreen

__all__ = [
    "BranchPicker", "BranchScreen", "CompareScreen", "Confirm", "Disclaimer", "EventForm",
    "ExtensionForm", "HelpScreen", "PathPrompt", "PolicyScreen", "ProfileForm", "QuitConfirm",
    "SamplePicker",
]

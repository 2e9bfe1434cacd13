"""What-if branches: each a line of edits of its own, all live and saved together. The
menu forks, switches, renames, deletes and compares them."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from model import EditError
from model.whatif import compare
from tui.bindings import Command, binding
from tui.features.base import Feature
from tui.i18n import refusal_words, tr

if TYPE_CHECKING:
    from tui.screens.branches import BranchChoice

BINDINGS = [binding("b", "branches", "branch.menu", show=False)]
# Reached through the branch menu (b, then n or r); the palette runs them here.
COMMANDS = [Command("branch.fork", "fork_branch"), Command("branch.rename", "rename_branch")]


class Branches(Feature):
    def action_branches(self) -> None:
        from tui.screens.branches import BranchScreen

        s = self.session
        self.app.push_screen(BranchScreen(self.lang, s.branch_names, s.branch),
                             self._branch_chosen)

    def action_fork_branch(self) -> None:
        self._branch_chosen(("fork", self.session.branch))

    def action_rename_branch(self) -> None:
        self._branch_chosen(("rename", self.session.branch))

    def _branch_chosen(self, choice: BranchChoice | None) -> None:
        from tui.screens.branches import BranchPicker
        from tui.screens.dialogs import Confirm

        if choice is None:
            return
        action, name = choice
        s, lang = self.session, self.lang
        if action == "switch":
            self._branch_edit(s.switch, name)
        elif action == "fork":
            self._ask_name(tr(lang, "branch_name"), "", s.fork)
        elif action == "rename":
            self._ask_name(tr(lang, "branch_rename", name=name), name,
                           lambda new: s.rename_branch(name, new))
        elif action == "delete":
            self.app.push_screen(
                Confirm(tr(lang, "confirm_delete_branch", name=name), tr(lang, "delete"),
                        tr(lang, "cancel")),
                lambda yes: self._branch_edit(s.delete_branch, name) if yes else None)
        elif action == "compare":
            self.app.push_screen(BranchPicker(lang, s.branch_names, s.branch),
                                 self._compare_branches)

    def _ask_name(self, title: str, initial: str, then: Callable[[str], None]) -> None:
        from tui.screens.dialogs import PathPrompt

        s, lang = self.session, self.lang

        def check(text: str) -> str | None:
            text = " ".join(text.split())
            if not text or len(text) > 40:
                return tr(lang, "branch_name_rule")
            if text != initial and text in s.branch_names:
                return tr(lang, "branch_exists", name=text)
            return None

        self.app.push_screen(PathPrompt(title, lang, initial, check, placeholder=""),
                             lambda text: self._branch_edit(then, text) if text else None)

    def _branch_edit(self, change: Callable[[str], None], name: str) -> None:
        try:
            change(name)
        except EditError as exc:
            self.notify(refusal_words(exc, self.lang), severity="error")

    def _compare_branches(self, names: list[str] | None) -> None:
        from tui.screens.compare import CompareScreen

        if not names:
            return
        s = self.session
        scenarios = {n: one for n, one in s.branch_scenarios().items() if n in names}
        outcomes = compare(scenarios, s.policy, s.as_of)
        self.app.push_screen(CompareScreen(tr(self.lang, "branch_compare_title"), self.lang,
                                           outcomes, labels={n: n for n in scenarios}))

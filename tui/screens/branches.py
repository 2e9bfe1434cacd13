"""Branches: what-if lines of the same situation. Switch, fork, rename, delete, compare."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import OptionList, SelectionList, Static
from textual.widgets.option_list import Option

from tui.i18n import tr
from tui.markup import escape
from tui.widgets.tick_list import TickList

# What the user chose: (action, branch) with action one of switch/fork/rename/delete/compare.
BranchChoice = tuple[str, str]
# How many branches one comparison takes: its table and chart fit one screen.
COMPARE_FEWEST, COMPARE_MOST = 2, 4
LIMITS = {"fewest": COMPARE_FEWEST, "most": COMPARE_MOST}  # the words say the same


class BranchScreen(ModalScreen[BranchChoice | None]):
    BINDINGS = [
        Binding("escape,b", "cancel", "Close", id="branches.close"),
        Binding("n", "choose('fork')", "New", id="branches.fork"),
        Binding("r", "choose('rename')", "Rename", id="branches.rename"),
        Binding("d,delete", "choose('delete')", "Delete", id="branches.delete"),
        Binding("c", "choose('compare')", "Compare", id="branches.compare"),
    ]

    def __init__(self, lang: str, names: tuple[str, ...], current: str) -> None:
        super().__init__()
        self.lang, self.names, self.current = lang, names, current

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="form"):
            yield Static(tr(self.lang, "branches_title"), classes="form-title")
            # Names are the user's words: plain Content, never markup.
            yield OptionList(*[Option(Content(("● " if n == self.current else "  ") + n), id=n)
                               for n in self.names], id="branches")
            yield Static(f"[$text-muted]{escape(tr(self.lang, 'branches_hint', **LIMITS))}[/]")

    def on_mount(self) -> None:
        options = self.query_one("#branches", OptionList)
        options.highlighted = self.names.index(self.current)
        options.focus()

    @property
    def highlighted(self) -> str:
        options = self.query_one("#branches", OptionList)
        index = options.highlighted or 0
        return self.names[index]

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(("switch", str(event.option.id)))

    def action_choose(self, action: str) -> None:
        self.dismiss((action, self.highlighted))

    def action_cancel(self) -> None:
        self.dismiss(None)


class BranchPicker(ModalScreen[list[str] | None]):
    """Which branches to compare (``COMPARE_FEWEST`` to ``COMPARE_MOST``), ticked with
    space, enter to compare."""

    BINDINGS = [
        Binding("escape", "cancel", "Close", id="branch_picker.close"),
        Binding("enter", "done", "Compare", id="branch_picker.done", priority=True),
    ]
    FEWEST, MOST = COMPARE_FEWEST, COMPARE_MOST

    def __init__(self, lang: str, names: tuple[str, ...], current: str) -> None:
        super().__init__()
        self.lang, self.names = lang, names
        # The current branch first, then the others in order, up to four ticked.
        ticked = [current, *(n for n in names if n != current)][: self.MOST]
        self.initial = set(ticked)

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="form"):
            yield Static(tr(self.lang, "pick_branches_title"), classes="form-title")
            yield TickList[str](*[(Content(n), n, n in self.initial)
                                  for n in self.names], id="pick")
            yield Static(id="form-error", classes="form-error")
            yield Static(f"[$text-muted]{escape(tr(self.lang, 'pick_branches_hint', **LIMITS))}[/]")

    def on_mount(self) -> None:
        self.query_one("#pick", SelectionList).focus()

    @property
    def chosen(self) -> list[str]:
        picked = set(self.query_one("#pick", SelectionList).selected)
        return [n for n in self.names if n in picked]  # in the menu's order

    def on_selection_list_selected_changed(self) -> None:
        self.query_one("#form-error", Static).update("")

    def action_done(self) -> None:
        chosen = self.chosen
        if not self.FEWEST <= len(chosen) <= self.MOST:
            self.query_one("#form-error", Static).update(
                tr(self.lang, "pick_branches_rule", count=len(chosen), **LIMITS))
            return
        self.dismiss(chosen)

    def action_cancel(self) -> None:
        self.dismiss(None)

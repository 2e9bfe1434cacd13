"""The Textual app. It owns a ``Session`` and mirrors it: every change of the session sets
one reactive (``view``), which the panes are bound to. Keys become edits; nothing here
computes credit logic."""

from __future__ import annotations

import contextlib
import dataclasses
import os
import tomllib
from collections.abc import Callable, Iterable
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import events
from textual.app import App, ComposeResult, SystemCommand
from textual.binding import Binding
from textual.containers import Container
from textual.driver import Driver
from textual.notifications import SeverityLevel
from textual.reactive import Reactive, reactive
from textual.screen import Screen
from textual.widgets import Header, Static

from model import (
    AddEvent,
    Batch,
    EditError,
    ExtendEvent,
    InputError,
    RemoveEvent,
    Replace,
    Session,
    SettleEvent,
    UpdateAccount,
    UpdateEvent,
    UpdateProfile,
    load_sample,
)
from model.autosave import Unsaved, clear_autosave, read_autosave, set_aside, write_autosave
from model.dates import add_months
from model.edits import Edit, refuse_if_settled
from model.errors import AlreadySettled
from model.io import load_branches, save_branches
from model.policy import Policy
from model.policy_edit import policy_with
from model.recent import read_recent, remember
from model.samples import SAMPLE_NAMES
from model.scenario import Scenario
from model.whatif import Plan, compare, latest_settlement, standard_choices, standard_extension
from tui import screens
from tui.i18n import REMINDER, default_lang, tr
from tui.numbers import exact_number
from tui.theme import LIGHT
from tui.tour import STEPS as TOUR_STEPS
from tui.tour import step_scenario
from tui.view import Later, View
from tui.widgets.accounts_pane import AccountsPane
from tui.widgets.events_pane import EventsPane
from tui.widgets.events_table import EventsTable
from tui.widgets.jiebei_pane import JiebeiPane
from tui.widgets.key_footer import KeyBar
from tui.widgets.reasons_pane import ReasonsPane
from tui.widgets.report_pane import ReportPane
from tui.widgets.score_pane import ScorePane
from tui.widgets.tour_panel import TourPanel

if TYPE_CHECKING:
    from tui.screens.branches import BranchChoice

THEMES = ("textual-dark", LIGHT.name, "ansi-dark")

# Every binding's words, by binding id: (English, Chinese) for the footer and the help.
KEY_TEXT: dict[str, tuple[str, str]] = {
    "event.add": ("Add", "添加"),
    "event.edit": ("Edit", "编辑"),
    "event.settle": ("Settle", "结清"),
    "event.extend": ("Extend", "展期"),
    "event.delete": ("Delete", "删除"),
    "profile.edit": ("Profile", "个人情况"),
    "event.compare": ("Compare", "比较"),
    "branch.menu": ("Branch", "分支"),
    "policy.edit": ("Policy", "规则"),
    "history.undo": ("Undo", "撤销"),
    "history.redo": ("Redo", "重做"),
    "time.back": ("−1 mo", "前一月"),
    "time.forward": ("+1 mo", "后一月"),
    "time.reset": ("Scenario date", "回到情景日期"),
    "file.save": ("Save", "保存"),
    "file.save_as": ("Save as", "另存为"),
    "file.open": ("Open", "打开"),
    "file.samples": ("Samples", "示例"),
    "view.lang": ("中文", "English"),
    "view.theme": ("Theme", "主题"),
    "view.focus_events": ("Events", "逾期记录"),
    "view.focus_why": ("Why", "原因"),
    "tour.start": ("Guided tour", "导览"),
    "tour.next": ("Tour: next step", "导览:下一步"),
    "tour.back": ("Tour: step back", "导览:上一步"),
    "tour.leave": ("Leave the tour", "结束导览"),
    "app.help": ("Help", "帮助"),
    "app.quit": ("Quit", "退出"),
}

WIDE_FROM = 110  # columns from which every pane is shown at once

EVENT_ACTIONS = {"edit_event", "settle_today", "extend", "delete_event", "compare"}
TOUR_ACTIONS = {"tour_next", "tour_back", "tour_leave"}


def _binding(keys: str, action: str, binding_id: str, show: bool = True,
             key_display: str | None = None, priority: bool = False) -> Binding:
    en = KEY_TEXT[binding_id][0]
    return Binding(keys, action, en, show=show, id=binding_id, tooltip=en,
                   key_display=key_display, priority=priority)


class JiebeiApp(App[None]):
    CSS_PATH = "app.tcss"
    TITLE = "jiebei-sim"
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (WIDE_FROM, "-wide")]

    BINDINGS = [
        _binding("a", "add_event", "event.add"),
        _binding("e", "edit_event", "event.edit"),
        _binding("s", "settle_today", "event.settle"),
        _binding("x", "extend", "event.extend"),
        _binding("d,delete", "delete_event", "event.delete", key_display="d"),
        _binding("c", "compare", "event.compare"),
        _binding("b", "branches", "branch.menu", show=False),
        _binding("P", "edit_policy", "policy.edit", show=False, key_display="P"),
        _binding("p", "edit_profile", "profile.edit", show=False),
        _binding("ctrl+z,u", "undo", "history.undo", key_display="^z"),
        _binding("ctrl+y,r", "redo", "history.redo", show=False, key_display="^y"),
        _binding("left_square_bracket", "month(-1)", "time.back", key_display="["),
        _binding("right_square_bracket", "month(1)", "time.forward", key_display="]"),
        _binding("equals_sign", "reset_date", "time.reset", show=False, key_display="="),
        _binding("ctrl+s", "save", "file.save", key_display="^s"),
        # w as well: a browser keeps ctrl+w for closing its tab.
        _binding("ctrl+w,w", "save_as", "file.save_as", show=False, key_display="w"),
        _binding("ctrl+o", "open", "file.open", show=False, key_display="^o"),
        _binding("f2", "samples", "file.samples", show=False),
        _binding("l", "toggle_lang", "view.lang"),
        _binding("t", "cycle_theme", "view.theme", show=False),
        _binding("1", "focus_events", "view.focus_events", show=False),
        _binding("2", "focus_why", "view.focus_why", show=False),
        _binding("g", "tour", "tour.start", show=False),
        # While the tour runs its keys come first (the events table would take the
        # arrows); check_action lets them through to everything else otherwise.
        _binding("right,n", "tour_next", "tour.next", show=False, priority=True),
        _binding("left", "tour_back", "tour.back", show=False, priority=True),
        _binding("escape", "tour_leave", "tour.leave", show=False, key_display="esc",
                 priority=True),
        _binding("question_mark,f1", "help", "app.help", key_display="?"),
        _binding("q", "quit", "app.quit"),
    ]

    # Neither repaints the whole screen when it changes (a reactive of the App does by
    # default): the panes bound to the view, and the header, repaint what they show.
    view: reactive[View | None] = reactive(None, repaint=False)
    sub_title: Reactive[str] = Reactive("", compute=False, repaint=False)
    lang: reactive[str] = reactive("en", init=False)
    _sized = False  # the first resize has come

    def __init__(
        self,
        session: Session,
        *,
        lang: str | None = None,
        path: Path | None = None,
        first_run_notice: bool = True,
        keymap_file: Path | None = None,
        notice_marker: Path | None = None,
        autosave_file: Path | None = None,
        unsaved: Unsaved | None = None,
        autosave_problem: str | None = None,
        recent_file: Path | None = None,
        sandbox: Path | None = None,
        tour: bool = False,
        web: bool = False,
    ) -> None:
        # In a browser (a served session): Textual's web driver, chosen here because the
        # launcher imported Textual before the session's environment could name it.
        super().__init__(driver_class=_web_driver() if web else None)
        self.register_theme(LIGHT)
        self.session = session
        self._start_policy = session.policy  # what Reset in the policy screen goes back to
        self.path = path
        self.first_run_notice = first_run_notice
        self.keymap_file = keymap_file
        self.notice_marker = notice_marker  # written once the notice has been read
        self.autosave_file = autosave_file  # exists while there is unsaved work
        self.unsaved = unsaved  # found at start: offered back to the user
        self.autosave_problem = autosave_problem  # an unreadable one found at start
        self.recent_file = recent_file  # the list of recently used files, if kept
        self.sandbox = sandbox  # a demo session: files only inside this folder
        self.tour_step: int | None = None  # the guided tour's step, while it runs
        self._tour_at_start = tour
        self._keys_state: tuple[bool, ...] = ()
        self.set_reactive(JiebeiApp.lang, lang or default_lang())
        self._label_keys()  # before the footer first composes, so it composes once

    # --- layout ----------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        bound = (JiebeiApp.view, JiebeiApp.lang)
        # The width class is set now, not on the first resize: restyling every widget
        # after they are composed would cost about a third of the start-up.
        self.screen.add_class("-wide" if self.size.width >= WIDE_FROM else "-narrow")
        yield Header()
        # Three rows side by side when wide; one scrolling column in the same order when
        # narrow, so the answer (Jiebei, score) and the events come first at 80x24.
        with Container(id="main"):
            with Container(id="row-answer", classes="row"):
                yield JiebeiPane(id="jiebei", classes="pane").data_bind(*bound)
                yield ScorePane(id="score", classes="pane").data_bind(*bound)
            with Container(id="row-events", classes="row"):
                yield EventsPane(id="events", classes="pane").data_bind(*bound)
                yield ReasonsPane(id="reasons", classes="pane").data_bind(*bound)
            with Container(id="row-record", classes="row"):
                yield AccountsPane(id="accounts", classes="pane").data_bind(*bound)
                yield ReportPane(id="report", classes="pane").data_bind(*bound)
        yield TourPanel(id="tour")
        yield Static(id="reminder")
        yield KeyBar()

    def on_resize(self, event: events.Resize) -> None:
        # Textual 8 keeps a resize to the size it already has and sends it to every screen
        # when the app is next idle: at start-up (the terminal reports its size twice)
        # that is a second full layout and two more full repaints, about a quarter of a
        # session's start. The app's first size always goes through.
        if self._sized and event.size == self.size:
            event.prevent_default()
        self._sized = True

    def on_mount(self) -> None:
        self.session.changed.connect(self._session_changed)  # undo/redo emit it too
        self._apply_keymap()
        self.query_one("#reminder", Static).update(REMINDER[self.lang])
        if self.path is not None:
            self._remember(self.path)  # opened from the command line: recent too
        self._keys_state = self._key_state()
        self._publish()
        # The events table, the first focusable widget, gets the focus by itself (the
        # keys act on its highlighted row); focusing it again would rebuild the footer.
        if self.autosave_problem is not None:
            self.notify(self.autosave_problem, severity="warning", timeout=30)
        if self.unsaved is not None:
            first = next(iter(self.unsaved.branches.values()))
            where = str(self.unsaved.source) if self.unsaved.source else first.name
            self.push_screen(screens.Confirm(tr(self.lang, "restore_question", name=where),
                                     tr(self.lang, "restore"), tr(self.lang, "restore_no")),
                             self._restore)
        if self._tour_at_start:
            self._tour_go(0)
        if self.first_run_notice:
            self.push_screen(screens.Disclaimer(self.lang), lambda _: self._notice_read())

    def _restore(self, yes: bool | None) -> None:
        unsaved, self.unsaved = self.unsaved, None
        if yes and unsaved is not None:
            try:
                self.session.replace(unsaved.branches, saved=False)
            except EditError as exc:
                self.notify(str(exc), severity="error")
                return
            self.path = unsaved.source
            self.notify(tr(self.lang, "restored"))
        elif self.autosave_file is not None:
            clear_autosave(self.autosave_file)

    def _notice_read(self) -> None:
        if self.notice_marker is None:
            return
        try:
            self.notice_marker.parent.mkdir(parents=True, exist_ok=True)
            self.notice_marker.touch()
        except OSError:
            pass  # a read-only home: the notice simply shows again next time

    def on_unmount(self) -> None:
        self.session.changed.disconnect(self._session_changed)

    def _handle_exception(self, error: Exception) -> None:
        """A bug of ours: the app ends with one line, never a traceback that shows a person
        (or a room's visitor) this machine's paths; JIEBEI_SIM_DEBUG=1 shows it all."""
        if os.environ.get("JIEBEI_SIM_DEBUG"):
            super()._handle_exception(error)
            return
        self._return_code = 1
        if self._exception is None:  # Pilot tests re-raise it
            self._exception = error
            self._exception_event.set()
        self._exit_renderables.append(Text(
            f"jiebei-sim: internal error: {type(error).__name__}: {error} (set "
            "JIEBEI_SIM_DEBUG=1 to see the traceback, and please report it)"))
        self._close_messages_no_wait()

    def notify(self, message: str, *, title: str = "",
               severity: SeverityLevel = "information", timeout: float | None = None,
               markup: bool = False) -> None:
        """Our notices carry file, scenario and branch names: shown as written, never
        read as markup (a name with "[/]" in it would end the app)."""
        super().notify(message, title=title, severity=severity, timeout=timeout,
                       markup=markup)

    # --- mirroring the session ------------------------------------------------------
    def _session_changed(self, *_: Any) -> None:
        self._publish()

    def _publish(self) -> None:
        s = self.session
        self.view = View(
            scenario=s.scenario,
            assessment=s.assessment,
            months=Later(s.projection_later()),
            policy=s.policy,
            dirty=s.dirty,
        )
        self._retitle()
        self._refresh_keys()
        self._autosave()

    def _autosave(self) -> None:
        """Keep unsaved work on disk (atomic); remove it once everything is saved."""
        if self.autosave_file is None or self.unsaved is not None:
            return  # nothing to do, or an earlier session's work is still on offer
        try:
            if self.session.dirty:
                self.autosave_file.parent.mkdir(parents=True, exist_ok=True)
                write_autosave(self.autosave_file, self.session.branch_scenarios(), self.path)
            else:
                clear_autosave(self.autosave_file)
        except OSError as exc:
            self.autosave_file = None  # say it once, then carry on without
            self.notify(f"autosave: {exc}", severity="warning")

    def _refresh_keys(self) -> None:
        """Re-check which keys apply, only when that can have changed: the footer rebuilds
        all its keys on every refresh, which would cost more than the edit itself."""
        state = self._key_state()
        if state != self._keys_state:
            self._keys_state = state
            self.call_after_refresh(self.refresh_bindings)  # after the edit is painted

    def _key_state(self) -> tuple[bool, ...]:
        s = self.session
        return (s.can_undo, s.can_redo, bool(s.scenario.overdues), s.as_of == s.scenario.as_of)

    def _retitle(self) -> None:
        view = self.view
        if view is None:
            return
        mark = " ●" if view.dirty else ""
        shift = "" if view.as_of == view.scenario.as_of else " ⏱"
        s = self.session
        branch = f" · {tr(self.lang, 'branch')} {s.branch}" if len(s.branch_names) > 1 else ""
        # The date first: at 80 columns the end of the title is cut, and the date is what
        # changes as the months move.
        self.sub_title = (f"{tr(self.lang, 'as_of')} {view.as_of}{shift} · "
                          f"{view.scenario.name}{mark}{branch}")

    def watch_lang(self) -> None:
        self._translate()
        self._retitle()
        if self.tour_step is not None:
            self.query_one(TourPanel).show_step(self.tour_step, self.lang)

    def _translate(self) -> None:
        """Footer and command words follow the language (bindings are re-labelled by id)."""
        self._label_keys()
        self.query_one("#reminder", Static).update(REMINDER[self.lang])
        self.refresh_bindings()

    def _label_keys(self) -> None:
        index = 0 if self.lang == "en" else 1
        bindings_map = self._bindings  # Textual keeps the app's bindings here
        for key, bindings in bindings_map.key_to_bindings.items():
            bindings_map.key_to_bindings[key] = [
                dataclasses.replace(b, description=KEY_TEXT[b.id][index],
                                    tooltip=KEY_TEXT[b.id][index])
                if b.id in KEY_TEXT else b
                for b in bindings
            ]

    def _apply_keymap(self) -> None:
        """A TOML file of ``"binding.id" = "keys"`` lines remaps keys (Posting's way)."""
        if self.keymap_file is None or not self.keymap_file.exists():
            return
        try:
            keymap = tomllib.loads(self.keymap_file.read_text("utf-8"))
            self.set_keymap({str(k): str(v) for k, v in keymap.items()})
        except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            self.notify(f"{self.keymap_file}: {exc}", title="keymap", severity="error")

    # --- which keys apply now ---------------------------------------------------------
    @property
    def selected_event(self) -> str | None:
        return self.query_one(EventsPane).selected_event

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in EVENT_ACTIONS and self.selected_event is None:
            return None  # shown, but dimmed: there is no event to act on
        if action == "undo" and not self.session.can_undo:
            return None
        if action == "redo" and not self.session.can_redo:
            return None
        if action == "reset_date" and self.session.as_of == self.session.scenario.as_of:
            return None
        if action in TOUR_ACTIONS:
            # Only on the main screen: the tour's keys must not steal a dialog's arrows.
            if self.tour_step is None or self.screen is not self.screen_stack[0]:
                return False
            if action == "tour_back" and self.tour_step == 0:
                return None
        return True

    # --- the guided tour ------------------------------------------------------------
    def action_tour(self) -> None:
        """Start (or restart) the tour: each step puts its state into the live model."""
        self._tour_go(0)

    def action_tour_next(self) -> None:
        assert self.tour_step is not None
        if self.tour_step + 1 < len(TOUR_STEPS):
            self._tour_go(self.tour_step + 1)
        else:
            self.action_tour_leave()

    def action_tour_back(self) -> None:
        assert self.tour_step is not None
        self._tour_go(max(0, self.tour_step - 1))

    def action_tour_leave(self) -> None:
        """The state of the step stays: the user keeps exploring from there."""
        self.tour_step = None
        self.query_one(TourPanel).remove_class("-active")
        for pane in self.query(".pane"):
            pane.remove_class("-tour-focus")
        self.refresh_bindings()
        self.notify(tr(self.lang, "tour_left"))

    def _tour_go(self, index: int) -> None:
        step = TOUR_STEPS[index]
        scenario = step_scenario(index)
        if scenario != self.session.scenario:
            self._apply(Replace(scenario, f"guided tour, step {index + 1}"))
        self.session.set_as_of(step.day)
        if self.tour_step is None:
            self.refresh_bindings()
        self.tour_step = index
        panel = self.query_one(TourPanel)
        panel.show_step(index, self.lang)
        panel.add_class("-active")
        for pane in self.query(".pane"):
            pane.set_class(pane.id == step.pane, "-tour-focus")
        self.query_one(f"#{step.pane}").scroll_visible(animate=False)

    # --- edits ----------------------------------------------------------------------
    def _apply(self, edit: Edit) -> bool:
        try:
            self.session.apply(edit)
        except AlreadySettled as exc:
            self._refuse_settled(exc)
            return False
        except EditError as exc:
            self.notify(str(exc), severity="error")
            return False
        return True

    def _refuse_settled(self, exc: AlreadySettled) -> None:
        """History is not a choice (DOMAIN.md §8): say when it was paid and how to change
        that."""
        self.notify(tr(self.lang, "already_settled", event=exc.event_id, day=exc.settled),
                    severity="warning")

    def _choice_label(self, name: str) -> str:
        return tr(self.lang, f"choice_{name}", days=self.session.policy.extension.days.value)

    def _account_choices(self) -> list[tuple[str, str]]:
        view = self.view
        assert view is not None
        return [(f"{view.product_name(a.id, self.lang)} ({a.id})", a.id)
                for a in view.scenario.accounts]

    def _new_event_id(self) -> str:
        taken = {e.id for e in self.session.scenario.overdues}
        n = len(taken) + 1
        while f"e{n}" in taken:
            n += 1
        return f"e{n}"

    def action_add_event(self) -> None:
        if not self.session.scenario.accounts:
            self.notify(tr(self.lang, "no_jiebei"), severity="warning")
            return
        event_id = self._new_event_id()
        accounts = self._account_choices()
        default = next((a for _, a in accounts if a == "fenqile"), accounts[0][1])
        initial = {"account": default, "due": (self.session.as_of - timedelta(days=30))}

        def make(data: dict[str, Any]) -> Edit:
            return AddEvent({"id": event_id, **data})

        def done(data: dict[str, Any] | None) -> None:
            if data is not None:
                self._apply(make(data))
                self.query_one(EventsPane).table.move_cursor(row=self.query_one(
                    EventsPane).table.row_count - 1)

        self.push_screen(screens.EventForm(tr(self.lang, "add_event"), self.lang,
                                   lambda d: self.session.check(make(d)), accounts, initial),
                         done)

    def action_edit_event(self) -> None:
        event_id = self.selected_event
        if event_id is None:
            return
        event = self.session.scenario.event(event_id)
        initial = {"account": event.account, "amount": exact_number(event.amount),
                   "due": event.due, "settled": event.settled}

        def make(data: dict[str, Any]) -> Edit:
            return UpdateEvent(event_id, data)

        def done(data: dict[str, Any] | None) -> None:
            if data is not None:
                self._apply(make(data))

        self.push_screen(screens.EventForm(f"{tr(self.lang, 'edit_event')} · {event_id}", self.lang,
                                   lambda d: self.session.check(make(d)),
                                   self._account_choices(), initial), done)

    def on_events_table_row_selected(self, event: EventsTable.RowSelected) -> None:
        """Enter on an event: the table claims enter for selection, so edit from here."""
        self.action_edit_event()

    def action_settle_today(self) -> None:
        event_id = self.selected_event
        if event_id is not None:
            self._apply(SettleEvent(event_id))

    def action_extend(self) -> None:
        """Agree an extension, or look again at the one agreed: the form starts from the
        event's own extension, else from the policy's standard one agreed today."""
        event_id = self.selected_event
        if event_id is None:
            return
        s = self.session
        extension = s.scenario.event(event_id).extension
        if extension is None:
            try:
                refuse_if_settled(s.scenario, event_id, s.as_of)
            except AlreadySettled as exc:
                self._refuse_settled(exc)
                return
            extension = standard_extension(s.scenario, event_id, s.as_of, s.policy)

        def make(data: dict[str, Any]) -> Edit:
            return ExtendEvent(event_id, data)

        def done(data: dict[str, Any] | None) -> None:
            if data is not None:
                self._apply(make(data))

        self.push_screen(screens.ExtensionForm(f"{tr(self.lang, 'extension_title')} · {event_id}",
                                       self.lang, lambda d: s.check(make(d)), extension), done)

    def action_delete_event(self) -> None:
        event_id = self.selected_event
        if event_id is None:
            return

        def done(yes: bool | None) -> None:
            if yes:
                self._apply(RemoveEvent(event_id))

        self.push_screen(screens.Confirm(tr(self.lang, "confirm_delete", event=event_id),
                                 tr(self.lang, "delete"), tr(self.lang, "cancel")), done)

    def action_compare(self) -> None:
        """Settle today, in 30 or 90 days, extend, or never: side by side, for this event."""
        event_id = self.selected_event
        if event_id is None:
            return
        s = self.session
        event = s.scenario.event(event_id)
        try:
            choices = standard_choices(s.scenario, event_id, s.as_of, s.policy)
        except AlreadySettled as exc:
            self._refuse_settled(exc)
            return
        outcomes = compare(choices, s.policy, s.as_of)
        view = self.view
        assert view is not None
        title = tr(self.lang, "compare_title", event=event_id, amount=event.amount,
                   product=view.product_name(event.account, self.lang), due=event.due)
        scenario, policy, today = s.scenario, s.policy, s.as_of

        def planner(target: date) -> Plan:
            return latest_settlement(scenario, event_id, target, policy, today)

        def keep(yes: bool | None) -> None:
            if yes:
                self._keep_choices(event_id, choices)

        labels = {name: self._choice_label(name) for name in choices}
        self.push_screen(screens.CompareScreen(title, self.lang, outcomes, labels=labels,
                                               choices=True, planner=planner,
                                               target=add_months(today, 12)),
                         keep)

    def _keep_choices(self, event_id: str, choices: dict[str, Scenario]) -> None:
        """Each standard choice becomes a branch (saved with the file), named in words."""
        s = self.session
        home = s.branch
        for name, scenario in choices.items():
            label = f"{event_id}: {self._choice_label(name)}"
            if label in s.branch_names:
                continue
            s.fork(label)
            s.apply(Replace(scenario, label))
        s.switch(home)
        self.notify(tr(self.lang, "kept_branches", count=len(choices)))

    def action_branches(self) -> None:
        s = self.session
        self.push_screen(screens.BranchScreen(self.lang, s.branch_names, s.branch),
                         self._branch_chosen)

    def _branch_chosen(self, choice: BranchChoice | None) -> None:
        if choice is None:
            return
        action, name = choice
        s, lang = self.session, self.lang

        def named(title: str, initial: str, then: Any) -> None:
            def check(text: str) -> str | None:
                text = " ".join(text.split())
                if not text or len(text) > 40:
                    return tr(lang, "branch_name_rule")
                if text != initial and text in s.branch_names:
                    return tr(lang, "branch_exists", name=text)
                return None
            self.push_screen(screens.PathPrompt(title, lang, initial, check, placeholder=""),
                             lambda text: self._branch_edit(then, text) if text else None)

        if action == "switch":
            self._branch_edit(s.switch, name)
        elif action == "fork":
            named(tr(lang, "branch_name"), "", s.fork)
        elif action == "rename":
            named(tr(lang, "branch_rename", name=name), name,
                  lambda new: s.rename_branch(name, new))
        elif action == "delete":
            self.push_screen(
                screens.Confirm(tr(lang, "confirm_delete_branch", name=name), tr(lang, "delete"),
                        tr(lang, "cancel")),
                lambda yes: self._branch_edit(s.delete_branch, name) if yes else None)
        elif action == "compare":
            self.push_screen(screens.BranchPicker(lang, s.branch_names, s.branch),
                             self._compare_branches)

    def _compare_branches(self, names: list[str] | None) -> None:
        if not names:
            return
        s = self.session
        scenarios = {n: one for n, one in s.branch_scenarios().items() if n in names}
        outcomes = compare(scenarios, s.policy, s.as_of)
        self.push_screen(screens.CompareScreen(tr(self.lang, "branch_compare_title"), self.lang,
                                               outcomes, labels={n: n for n in scenarios}))

    def _branch_edit(self, change: Any, name: str) -> None:
        try:
            change(name)
        except EditError as exc:
            self.notify(str(exc), severity="error")
        self._publish()

    def action_edit_policy(self) -> None:
        """Tune the rules' numbers live; every pane follows the new policy."""
        started_with = self._start_policy

        def apply(changes: dict[str, Any]) -> str | None:
            try:
                self.session.set_policy(policy_with(self.session.policy, changes))
            except InputError as exc:
                return str(exc)
            return None

        def reset() -> Policy:
            self.session.set_policy(started_with)
            return started_with

        self.push_screen(screens.PolicyScreen(self.lang, self.session.policy, apply, reset))

    def action_edit_profile(self) -> None:
        scenario = self.session.scenario
        jiebei = next((a for a in scenario.accounts if a.product == "jiebei"), None)

        def make(data: dict[str, Any]) -> Edit:
            edits: list[Edit] = [UpdateProfile({
                key: data[key] for key in ("base_score", "income_proof", "recent_applications")})]
            if jiebei is not None and "jiebei_limit" in data:
                edits.append(UpdateAccount(jiebei.id, {"limit": data["jiebei_limit"]}))
            return Batch(tuple(edits), "change profile")

        def done(data: dict[str, Any] | None) -> None:
            if data is not None:
                self._apply(make(data))

        proof = scenario.profile.income_proof
        self.push_screen(screens.ProfileForm(
            tr(self.lang, "profile_title"), self.lang, lambda d: self.session.check(make(d)),
            base_score=scenario.profile.base_score,
            jiebei_limit=jiebei.limit if jiebei is not None else None,
            income_proof=proof, applications=scenario.profile.recent_applications), done)

    def action_undo(self) -> None:
        if not self.session.undo():
            self.notify(tr(self.lang, "nothing_undo"))

    def action_redo(self) -> None:
        if not self.session.redo():
            self.notify(tr(self.lang, "nothing_redo"))

    # --- time -----------------------------------------------------------------------
    def action_month(self, months: int) -> None:
        try:
            self.session.step_months(months)
        except EditError as exc:
            self.notify(str(exc), severity="error")

    def action_reset_date(self) -> None:
        self.session.reset_as_of()

    # --- files ----------------------------------------------------------------------
    def action_save(self) -> None:
        if self.path is None:
            self.action_save_as()
            return
        if error := self._save_to(self.path):
            self.notify(error, severity="error")

    def _save_to(self, path: Path) -> str | None:
        """Save every branch to ``path``; the error to show, or None once saved. A file
        that is there but no longer reads as a scenario is not ours to overwrite."""
        try:
            if path.exists():
                try:
                    load_branches(path)
                except InputError as exc:
                    return tr(self.lang, "wont_overwrite", why=exc)
            save_branches(self.session.branch_scenarios(), path)  # every branch, one file
        except OSError as exc:
            return f"{path}: {exc.strerror or exc}"
        self.path = path
        self.session.mark_saved()
        self._publish()
        self._remember(path)
        if self.is_web:  # the session's folder goes with it: the visitor keeps a copy
            self.deliver_binary(path, open_method="download", mime_type="application/json")
            self.notify(tr(self.lang, "saved_web", path=self._shown_path(path)))
        else:
            self.notify(tr(self.lang, "saved", path=self._shown_path(path)))
        return None

    def _shown_path(self, path: Path) -> Path:
        """A path as the user would type it: in a demo session, inside its folder (the
        server's own folders are not the visitor's business)."""
        if self.sandbox is not None:
            with contextlib.suppress(ValueError):
                return path.resolve().relative_to(self.sandbox.resolve())
        return path

    def _user_path(self, text: str) -> Path:
        """A typed path; in a demo session, relative to (and only inside) its folder."""
        path = Path(text).expanduser()
        if self.sandbox is not None and not path.is_absolute():
            path = self.sandbox / path
        return path

    def _outside_sandbox(self, path: Path) -> str | None:
        if self.sandbox is None or path.resolve().is_relative_to(self.sandbox.resolve()):
            return None
        return tr(self.lang, "sandboxed", folder=self.sandbox)

    def _remember(self, path: Path) -> None:
        if self.recent_file is not None:
            with contextlib.suppress(OSError):  # a read-only home: no list, no harm
                remember(self.recent_file, path)

    def action_save_as(self, then: Callable[[], object] | None = None) -> None:
        """``then``: what to do once saved (quit); nothing happens if the dialog is
        closed without saving."""
        def save(text: str) -> str | None:
            """Checked and saved from inside the dialog: a failure is shown there, with
            what was typed still in the field."""
            if not text:
                return tr(self.lang, "required")
            path = self._user_path(text)
            if error := self._outside_sandbox(path):
                return error
            if path.is_dir():
                return tr(self.lang, "is_a_folder", path=path)
            if not path.parent.is_dir():
                return tr(self.lang, "no_such_folder", path=path.parent)
            return self._save_to(path)

        initial = str(self.path) if self.path else "scenario.json"
        if self.sandbox is not None and self.path is not None:  # as the user would type it
            with contextlib.suppress(ValueError):
                initial = str(self.path.resolve().relative_to(self.sandbox.resolve()))
        def saved(text: str | None) -> None:
            if text and then is not None:
                then()

        self.push_screen(screens.PathPrompt(tr(self.lang, "save_title"), self.lang, initial,
                                            save), saved)

    def action_open(self) -> None:
        def open_file(text: str) -> str | None:
            path = self._user_path(text)
            if error := self._outside_sandbox(path):
                return error
            try:
                branches = load_branches(path, self.session.policy)
            except InputError as exc:
                return str(exc)
            if error := self._replace(branches, path):
                return error
            self._remember(path)
            return None

        recent = read_recent(self.recent_file) if self.recent_file is not None else []
        self._unless_unsaved(lambda: self.push_screen(
            screens.PathPrompt(tr(self.lang, "open_title"), self.lang, "", open_file,
                               choices=[str(p) for p in recent])))

    def action_samples(self) -> None:
        choices = [(name, load_sample(name).name) for name in SAMPLE_NAMES]

        def done(name: str | None) -> None:
            if name and (error := self._replace(load_sample(name), None)):
                self.notify(error, severity="error")

        self._unless_unsaved(lambda: self.push_screen(
            screens.SamplePicker(tr(self.lang, "samples_title"), choices), done))

    def _replace(self, scenario: Scenario | dict[str, Scenario], path: Path | None
                 ) -> str | None:
        """Open another story; the error, or None once it is in."""
        try:
            self.session.replace(scenario)
        except EditError as exc:
            return str(exc)
        self.path = path
        self.query_one("#reasons-scroll").scroll_home(animate=False)  # a new story: its top
        self.notify(tr(self.lang, "opened", name=self.session.scenario.name))
        return None

    def _unless_unsaved(self, then: Any) -> None:
        """Run ``then`` now, or after the user agrees to drop unsaved changes."""
        if not self.session.dirty:
            then()
            return

        def done(yes: bool | None) -> None:
            if yes:
                then()

        self.push_screen(screens.Confirm(tr(self.lang, "unsaved"), tr(self.lang, "discard"),
                                 tr(self.lang, "keep_editing")), done)

    # --- view -----------------------------------------------------------------------
    def action_toggle_lang(self) -> None:
        self.lang = "zh" if self.lang == "en" else "en"

    def action_cycle_theme(self) -> None:
        current = THEMES.index(self.theme) if self.theme in THEMES else -1
        self.theme = THEMES[(current + 1) % len(THEMES)]
        self.notify(tr(self.lang, "theme_now", theme=self.theme))

    def action_focus_events(self) -> None:
        pane = self.query_one(EventsPane)
        pane.table.focus()
        pane.scroll_visible()

    def action_focus_why(self) -> None:
        pane = self.query_one(ReasonsPane)
        self.query_one("#reasons-scroll").focus()
        pane.scroll_visible()

    def _active_keys(self) -> dict[str, list[str]]:
        """Binding id -> the keys that trigger it now (after any keymap), for display."""
        keys: dict[str, list[str]] = {}
        bindings_map = self._bindings.copy()
        if self._keymap:  # Textual applies the keymap when it looks a key up; so do we
            bindings_map.apply_keymap(self._keymap)
        for bindings in bindings_map.key_to_bindings.values():
            for b in bindings:
                if b.id in KEY_TEXT:
                    keys.setdefault(b.id, []).append(self.get_key_display(b))
        return keys

    def action_help(self) -> None:
        index = 0 if self.lang == "en" else 1
        active = self._active_keys()
        keys = [(" ".join(dict.fromkeys(active[b.id])), KEY_TEXT[b.id][index])
                for b in self.BINDINGS
                if isinstance(b, Binding) and b.id in active]
        keys.append(("ctrl+p", "Command palette" if self.lang == "en" else "命令面板"))
        self.push_screen(screens.HelpScreen(self.lang, keys))

    async def action_quit(self) -> None:
        """Every way out (q, Textual's ctrl+q, the palette's Quit) comes here, and asks
        the same question while work is unsaved."""
        if not self.session.dirty:
            self.exit()
            return

        def answer(choice: str | None) -> None:
            if choice == "discard":
                if self.autosave_file is not None:
                    clear_autosave(self.autosave_file)  # "without saving" means it
                self.exit()
            elif choice == "save":
                self._save_then_quit()

        self.push_screen(screens.QuitConfirm(self.lang), answer)

    def _save_then_quit(self) -> None:
        if self.path is None:
            self.action_save_as(then=self.exit)
        elif error := self._save_to(self.path):
            self.notify(error, severity="error")  # not saved: the app stays open
        else:
            self.exit()

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        index = 0 if self.lang == "en" else 1
        active = self._active_keys()
        for b in self.BINDINGS:
            if not isinstance(b, Binding) or b.id not in active or b.id == "app.quit":
                continue
            if self.check_action(b.action.split("(")[0], ()) is not True:
                continue
            words = KEY_TEXT[b.id][index]
            keys = " ".join(dict.fromkeys(active[b.id]))
            yield SystemCommand(words, f"{tr(self.lang, 'key')}: {keys}",
                                lambda action=b.action: self.run_action(action))


def _read_unsaved(autosave: Path, policy: Policy | None, lang: str
                  ) -> tuple[Unsaved | None, str | None]:
    """The unsaved work of last time, or what stops it being read. An unreadable file is
    never deleted: it is set aside beside itself (and the message says where), or, if it
    cannot even be moved, left where it is and autosave stays off for this session."""
    try:
        return read_autosave(autosave, policy), None
    except InputError as exc:
        try:
            kept = set_aside(autosave)
        except OSError:
            kept = autosave
        return None, tr(lang, "autosave_unreadable", path=kept, why=exc)


def _web_driver() -> type[Driver]:
    from textual.drivers.web_driver import WebDriver

    return WebDriver


def run_app(scenario_ref: str | None, lang: str | None = None,
            policy: Policy | None = None, *, sandbox: Path | None = None,
            tour: bool = False, web: bool = False) -> int:
    """Open the app on a scenario file or sample name; bad input raises InputError, which
    the CLI prints as one line before any screen is drawn.

    ``sandbox``: a demo session (served over SSH). Files are read and written only inside
    that folder; nothing of the user's own (autosave, recent files, keymap, the notice
    already read) is used, and the notice is always shown.
    """
    from platformdirs import user_config_path, user_data_path

    from model.samples import DEFAULT_SAMPLE, resolve_scenario

    scenario = resolve_scenario(scenario_ref or DEFAULT_SAMPLE, policy)
    path = Path(scenario_ref) if scenario_ref and Path(scenario_ref).exists() else None
    try:
        session = Session(scenario, policy)
        if path is not None:
            session.replace(load_branches(path, policy))  # the file's what-if branches too
    except EditError as exc:  # a sample the custom policy cannot read
        raise InputError(str(exc)) from None
    if sandbox is not None:
        app = JiebeiApp(session, lang=lang, sandbox=sandbox, tour=tour, path=path, web=web)
    else:
        config, data = user_config_path("jiebei-sim"), user_data_path("jiebei-sim")
        marker = config / "disclaimer-seen"
        autosave = data / "autosave.json"
        unsaved, problem = _read_unsaved(autosave, policy, lang or default_lang())
        app = JiebeiApp(session, lang=lang, path=path,
                        first_run_notice=not marker.exists(), notice_marker=marker,
                        keymap_file=config / "keymap.toml",
                        autosave_file=autosave if problem is None or not autosave.exists()
                        else None,
                        unsaved=unsaved, autosave_problem=problem,
                        recent_file=data / "recent.json", tour=tour)
    app.run()
    return 0

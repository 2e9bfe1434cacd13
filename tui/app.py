"""The Textual app: jiebei-sim's one window. It holds the ``Session`` and what is
app-wide (options, the open file, theme, language, notices, help, quit, the command
palette and the keymap); the main screen (``tui.main_screen``) shows the panes and holds
every feature's keys."""

from __future__ import annotations

import dataclasses
import os
import tomllib
from collections.abc import Iterable
from typing import cast

from rich.text import Text
from textual import events
from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.driver import Driver
from textual.notifications import SeverityLevel
from textual.reactive import Reactive, reactive
from textual.screen import Screen

from model import EditError, Session
from model.autosave import clear_autosave
from tui.bindings import binding, key_words
from tui.i18n import default_lang, other_lang, tr
from tui.main_screen import MainScreen
from tui.options import AppOptions
from tui.theme import LIGHT
from tui.widths import WIDE_FROM

THEMES = ("textual-dark", LIGHT.name, "ansi-dark")


class JiebeiApp(App[None]):
    CSS_PATH = "app.tcss"
    TITLE = "jiebei-sim"
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (WIDE_FROM, "-wide")]

    BINDINGS = [
        binding("l", "toggle_lang", "view.lang"),
        binding("t", "cycle_theme", "view.theme", show=False),
        binding("question_mark,f1", "help", "app.help", key_display="?"),
        binding("q", "quit", "app.quit"),
    ]

    # The header repaints the title itself: the whole screen need not.
    sub_title: Reactive[str] = Reactive("", compute=False, repaint=False)
    lang: reactive[str] = reactive("en", init=False)
    _sized = False  # the first resize has come

    def __init__(self, session: Session, options: AppOptions | None = None) -> None:
        options = options or AppOptions()
        # In a browser (a served session): Textual's web driver, chosen here because the
        # launcher imported Textual before the session's environment could name it.
        super().__init__(driver_class=_web_driver() if options.web else None)
        self.register_theme(LIGHT)
        self.session = session
        self.options = options
        self.start_policy = session.policy  # what Reset in the policy screen goes back to
        self.path = options.path  # the open file: saving writes here
        self.autosave_file = options.autosave_file  # None once autosave has failed
        self.unsaved = options.unsaved  # on offer until the user answers
        self.keymap: dict[str, str] = {}  # binding id -> keys, from the keymap file
        self.set_reactive(JiebeiApp.lang, options.lang or default_lang())

    def get_default_screen(self) -> MainScreen:
        return MainScreen(self.session.state, self.lang)

    @property
    def main(self) -> MainScreen:
        return cast(MainScreen, self.screen_stack[0])

    def on_resize(self, event: events.Resize) -> None:
        # Textual 8 keeps a resize to the size it already has and sends it to every screen
        # when the app is next idle: at start-up (the terminal reports its size twice)
        # that is a second full layout and two more full repaints. The app's first size
        # always goes through.
        if self._sized and event.size == self.size:
            event.prevent_default()
        self._sized = True

    def main_ready(self) -> None:
        """The main screen shows the session: now what the start asks for."""
        self._apply_keymap()
        if self.path is not None:
            self.main.remember(self.path)  # opened from the command line: recent too
        if self.options.autosave_problem is not None:
            self.notify(self.options.autosave_problem, severity="warning", timeout=30)
        if self.unsaved is not None:
            from tui.screens.dialogs import Confirm

            first = next(iter(self.unsaved.branches.values()))
            where = str(self.unsaved.source) if self.unsaved.source else first.name
            self.push_screen(Confirm(tr(self.lang, "restore_question", name=where),
                                     tr(self.lang, "restore"), tr(self.lang, "restore_no")),
                             self._restore)
        if self.options.tour:
            self.main.tour_go(0)
        if self.options.first_run_notice:
            from tui.screens.dialogs import Disclaimer

            self.push_screen(Disclaimer(self.lang), lambda _: self._notice_read())

    def _restore(self, yes: bool | None) -> None:
        unsaved, self.unsaved = self.unsaved, None
        if yes and unsaved is not None:
            before, self.path = self.path, unsaved.source  # first: the title names it
            try:
                self.session.replace(unsaved.branches, saved=False, current=unsaved.branch)
            except EditError as exc:
                self.path = before
                self.notify(str(exc), severity="error")
                return
            self.notify(tr(self.lang, "restored"))
        elif self.autosave_file is not None:
            clear_autosave(self.autosave_file)

    def _notice_read(self) -> None:
        marker = self.options.notice_marker
        if marker is None:
            return
        try:
            marker.parent.mkdir(parents=True, exist_ok=True)
            marker.touch()
        except OSError:
            pass  # a read-only home: the notice simply shows again next time

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

    # --- the title and the language ---------------------------------------------------
    def retitle(self) -> None:
        view = self.main.view
        if view is None:
            return
        mark = " ●" if view.dirty else ""
        shift = "" if view.at_scenario_date else " ⏱"
        branch = (f" · {tr(self.lang, 'branch')} {view.branch}"
                  if len(view.branch_names) > 1 else "")
        # The date first: at 80 columns the end of the title is cut, and the date is what
        # changes as the months move.
        self.sub_title = (f"{tr(self.lang, 'as_of')} {view.as_of}{shift} · "
                          f"{view.scenario.name}{mark}{branch}")

    def watch_lang(self) -> None:
        self.main.lang = self.lang
        self.retitle()
        self.refresh_bindings()

    def action_toggle_lang(self) -> None:
        self.lang = other_lang(self.lang)

    def action_cycle_theme(self) -> None:
        current = THEMES.index(self.theme) if self.theme in THEMES else -1
        self.theme = THEMES[(current + 1) % len(THEMES)]
        self.notify(tr(self.lang, "theme_now", theme=self.theme))

    # --- keys: the keymap, help, the palette ------------------------------------------
    def _apply_keymap(self) -> None:
        """A TOML file of ``"binding.id" = "keys"`` lines remaps keys (Posting's way)."""
        file = self.options.keymap_file
        if file is None or not file.exists():
            return
        try:
            keymap = {str(k): str(v) for k, v in tomllib.loads(file.read_text("utf-8")).items()}
        except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            self.notify(f"{file}: {exc}", title="keymap", severity="error")
            return
        self.keymap = keymap
        self.set_keymap(keymap)

    def all_bindings(self) -> list[Binding]:
        """Every key of ours, in the order help lists them: the main screen's, then the
        app's."""
        found: list[BindingType] = [*MainScreen.BINDINGS, *self.BINDINGS]
        return [b for b in found if isinstance(b, Binding) and b.id is not None]

    def active_keys(self, b: Binding) -> str:
        """The keys that trigger a binding now (after any keymap), as shown to a user."""
        remapped = b.id in self.keymap
        spec = self.keymap[b.id] if b.id is not None and remapped else b.key
        shown = [self.get_key_display(dataclasses.replace(
            b, key=key.strip(), key_display=None if remapped else b.key_display))
            for key in spec.split(",") if key.strip()]
        return " ".join(dict.fromkeys(shown))

    def action_help(self) -> None:
        from tui.screens.help import HelpScreen

        keys = [(self.active_keys(b), key_words(b, self.lang)) for b in self.all_bindings()]
        keys.append(("ctrl+p", tr(self.lang, "palette")))
        self.push_screen(HelpScreen(self.lang, keys))

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        main = self.main
        for b in self.all_bindings():
            if b.id == "app.quit":
                continue  # Textual's own Quit comes here too
            check = main.check_action if b in MainScreen.BINDINGS else self.check_action
            if check(b.action.split("(")[0], ()) is not True:
                continue
            yield SystemCommand(key_words(b, self.lang),
                                f"{tr(self.lang, 'key')}: {self.active_keys(b)}",
                                lambda action=b.action, on=b in MainScreen.BINDINGS:
                                self.run_action(action, main if on else None))

    # --- the way out ------------------------------------------------------------------
    async def action_quit(self) -> None:
        """Every way out (q, Textual's ctrl+q, the palette's Quit) comes here, and asks
        the same question while work is unsaved."""
        from tui.screens.dialogs import QuitConfirm

        if not self.session.dirty:
            self.exit()
            return

        def answer(choice: str | None) -> None:
            if choice == "discard":
                if self.autosave_file is not None:
                    clear_autosave(self.autosave_file)  # "without saving" means it
                self.exit()
            elif choice == "save":
                self.main.save_then_quit()

        self.push_screen(QuitConfirm(self.lang), answer)


def _web_driver() -> type[Driver]:
    from textual.drivers.web_driver import WebDriver

    return WebDriver


"""Files: save (every branch, one file), save as, open, the built-in samples; unsaved
work kept on disk as it changes (autosave) and the recent files remembered. In a demo
session (``AppOptions.sandbox``) every path stays inside the session's own folder."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from pathlib import Path

from model import EditError, InputError, load_sample
from model.autosave import clear_autosave, write_autosave
from model.io import load_branches, save_branches
from model.recent import read_recent, remember
from model.samples import SAMPLE_NAMES
from model.scenario import Scenario
from tui.bindings import binding
from tui.features.base import Feature
from tui.i18n import file_problem_words, os_error_words, refusal_words, scenario_title, tr

BINDINGS = [
    binding("ctrl+s", "save", "file.save", key_display="^s"),
    # w as well: a browser keeps ctrl+w for closing its tab.
    binding("w,ctrl+w", "save_as", "file.save_as", show=False),
    binding("ctrl+o", "open", "file.open", show=False, key_display="^o"),
    binding("f2", "samples", "file.samples", show=False),
]


class Files(Feature):
    @property
    def sandbox(self) -> Path | None:
        return self.jiebei.options.sandbox

    def autosave(self) -> None:
        """Keep unsaved work on disk (atomic); remove it once everything is saved."""
        app = self.jiebei
        if app.autosave_file is None or app.unsaved is not None:
            return  # nothing to do, or an earlier session's work is still on offer
        try:
            if self.shown.dirty:
                app.autosave_file.parent.mkdir(parents=True, exist_ok=True)
                write_autosave(app.autosave_file, self.session.branch_scenarios(), app.path,
                               self.session.branch)
            else:
                clear_autosave(app.autosave_file)
        except OSError as exc:
            app.autosave_file = None  # say it once, then carry on without
            self.notify(os_error_words(exc, self.lang), severity="warning")

    def action_save(self) -> None:
        path = self.jiebei.path
        if path is None:
            self.action_save_as()
            return
        if error := self.save_to(path):
            self.notify(error, severity="error")

    def save_to(self, path: Path) -> str | None:
        """Save every branch to ``path``; the error to show, or None once saved. A file
        that is there but no longer reads as a scenario is not ours to overwrite."""
        try:
            if path.exists():
                try:
                    load_branches(path)
                except InputError as exc:
                    return tr(self.lang, "wont_overwrite", why=file_problem_words(exc, self.lang))
            save_branches(self.session.branch_scenarios(), path)  # every branch, one file
        except OSError as exc:  # no permission, the disk full: said in the user's words
            return os_error_words(exc, self.lang, self.shown_path(path))
        self.jiebei.path = path
        self.session.mark_saved()
        self.remember(path)
        if self.app.is_web:  # the session's folder goes with it: the visitor keeps a copy
            self.app.deliver_binary(path, open_method="download",
                                    mime_type="application/json")
            self.notify(tr(self.lang, "saved_web", path=self.shown_path(path)))
        else:
            self.notify(tr(self.lang, "saved", path=self.shown_path(path)))
        return None

    def save_then_quit(self) -> None:
        self.save_then(self.app.exit)

    def save_then(self, then: Callable[[], object]) -> None:
        """Save (asking where, if the work has no file yet), then ``then``; not saved (an
        error, or the question cancelled), ``then`` does not run and nothing is lost."""
        path = self.jiebei.path
        if path is None:
            self.action_save_as(then=then)
        elif error := self.save_to(path):
            self.notify(error, severity="error")
        else:
            then()

    def shown_path(self, path: Path) -> Path:
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

    def remember(self, path: Path) -> None:
        recent = self.jiebei.options.recent_file
        if recent is not None:
            with contextlib.suppress(OSError):  # a read-only home: no list, no harm
                remember(recent, path)

    def action_save_as(self, then: Callable[[], object] | None = None) -> None:
        """``then``: what to do once saved (quit); nothing happens if the dialog is
        closed without saving."""
        from tui.screens.dialogs import PathPrompt

        current = self.jiebei.path
        asked: set[Path] = set()  # files the user was told are there: Enter again replaces

        def save(text: str) -> str | None:
            """Checked and saved from inside the dialog: a failure is shown there, with
            what was typed still in the field. Another file already there is replaced
            only when Enter is pressed again on it (nano's way: nothing is lost to a
            slip)."""
            if not text:
                return tr(self.lang, "required")
            path = self._user_path(text)
            if error := self._outside_sandbox(path):
                return error
            if path.is_dir():
                return tr(self.lang, "is_a_folder", path=self.shown_path(path))
            if not path.parent.exists():
                return tr(self.lang, "no_such_folder", path=self.shown_path(path.parent))
            if not path.parent.is_dir():  # /etc/passwd/x.json: the folder is a file
                return tr(self.lang, "os_error", path=self.shown_path(path),
                          why=tr(self.lang, "os_ENOTDIR"))
            there = path.resolve()
            if (path.is_file() and there not in asked and _reads(path)
                    and (current is None or current.resolve() != there)):
                asked.add(there)
                return tr(self.lang, "replace_question", path=self.shown_path(path))
            return self.save_to(path)

        initial = str(self.shown_path(current)) if current else "scenario.json"

        def saved(text: str | None) -> None:
            if text and then is not None:
                then()

        self.app.push_screen(PathPrompt(tr(self.lang, "save_title"), self.lang, initial,
                                        save), saved)

    def action_open(self) -> None:
        from tui.screens.dialogs import PathPrompt

        def open_file(text: str) -> str | None:
            path = self._user_path(text)
            if error := self._outside_sandbox(path):
                return error
            if not text:
                return tr(self.lang, "required")
            if path.is_dir():
                return tr(self.lang, "is_a_folder", path=self.shown_path(path))
            try:
                path.stat()  # a missing file or folder, no permission: in the user's words
                branches = load_branches(path, self.session.policy)
            except OSError as exc:
                return os_error_words(exc, self.lang, self.shown_path(path))
            except InputError as exc:
                return file_problem_words(exc, self.lang)
            if error := self._replace(branches, path):
                return error
            self.remember(path)
            return None

        recent_file = self.jiebei.options.recent_file
        recent = read_recent(recent_file) if recent_file is not None else []
        self._unless_unsaved(lambda: self.app.push_screen(
            PathPrompt(tr(self.lang, "open_title"), self.lang, "", open_file,
                       choices=[str(p) for p in recent])))

    def action_samples(self) -> None:
        from tui.screens.dialogs import SamplePicker

        choices = [(name, scenario_title(load_sample(name).name, self.lang))
                   for name in SAMPLE_NAMES]

        def done(name: str | None) -> None:
            if name and (error := self._replace(load_sample(name), None)):
                self.notify(error, severity="error")

        self._unless_unsaved(lambda: self.app.push_screen(
            SamplePicker(tr(self.lang, "samples_title"), choices), done))

    def _replace(self, scenario: Scenario | dict[str, Scenario], path: Path | None
                 ) -> str | None:
        """Open another story; the error, or None once it is in."""
        app = self.jiebei
        before, app.path = app.path, path  # set first: the title and autosave name it
        try:
            self.session.replace(scenario)
        except EditError as exc:
            app.path = before
            return refusal_words(exc, self.lang)
        self.query_one("#reasons-body").scroll_home(animate=False)  # a new story: its top
        self.notify(tr(self.lang, "opened",
                       name=scenario_title(self.session.scenario.name, self.lang)))
        return None

    def _unless_unsaved(self, then: Callable[[], object]) -> None:
        """Run ``then`` now, or once unsaved changes are saved or the user drops them."""
        from tui.screens.dialogs import UnsavedConfirm

        if not self.session.dirty:
            then()
            return

        def done(choice: str | None) -> None:
            if choice == "save":
                self.save_then(then)
            elif choice == "discard":
                then()

        self.app.push_screen(UnsavedConfirm(self.lang, "save_first", "discard"), done)


def _reads(path: Path) -> bool:
    """Whether a file there is a scenario (saving onto one that is not is refused
    outright, with the reason)."""
    try:
        load_branches(path)
    except (InputError, OSError):
        return False
    return True

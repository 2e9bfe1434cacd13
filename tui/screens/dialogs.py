"""Small modal dialogs: confirm, a file path, a sample to open, the first-run notice."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Input, OptionList, Static
from textual.widgets.option_list import Option

from tui.i18n import os_error_words, tr


class Confirm(ModalScreen[bool]):
    BINDINGS = [
        Binding("escape,n", "answer(False)", "No", id="confirm.no"),
        Binding("y", "answer(True)", "Yes", id="confirm.yes"),
    ]

    def __init__(self, question: str, yes: str, no: str) -> None:
        super().__init__()
        self.question, self.yes, self.no = question, yes, no

    def compose(self) -> ComposeResult:
        with Vertical(classes="form"):
            yield Static(self.question, classes="form-title")
            with Horizontal(classes="form-buttons"):
                # The keys on the buttons: y and n answer without moving the focus.
                yield Button(f"{self.yes} (y)", variant="error", id="yes")
                yield Button(f"{self.no} (n)", variant="primary", id="no")

    def on_mount(self) -> None:
        self.query_one("#no", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_answer(self, value: bool) -> None:
        self.dismiss(value)


class UnsavedConfirm(ModalScreen[str | None]):
    """Unsaved work in the way of what was asked (quit, open, a sample): ``"save"`` (save,
    then go on), ``"discard"`` (go on without saving), or None (keep editing). ``save`` and
    ``discard``: the words of its first two buttons, naming what was asked (by default,
    the way out's: ``save_and_quit``, ``quit_anyway``)."""

    BINDINGS = [
        Binding("escape,n", "answer(None)", "Keep editing", id="unsaved.keep"),
        Binding("s", "answer('save')", "Save first", id="unsaved.save"),
        Binding("y", "answer('discard')", "Without saving", id="unsaved.discard"),
    ]

    def __init__(self, lang: str, save: str = "save_and_quit",
                 discard: str = "quit_anyway") -> None:
        super().__init__()
        self.lang = lang
        self.save_words, self.discard_words = tr(lang, save), tr(lang, discard)

    def compose(self) -> ComposeResult:
        lang = self.lang
        with Vertical(classes="form quit"):
            yield Static(tr(lang, "unsaved"), classes="form-title")
            with Horizontal(classes="form-buttons"):
                yield Button(f"{self.save_words} (s)", variant="primary", id="save")
                yield Button(f"{self.discard_words} (y)", variant="error", id="discard")
                yield Button(f"{tr(lang, 'keep_editing')} (n)", id="keep")

    def on_mount(self) -> None:
        self.query_one("#keep", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id if event.button.id in ("save", "discard") else None)

    def action_answer(self, value: str | None) -> None:
        self.dismiss(value)


class PathPrompt(ModalScreen[str | None]):
    """Ask for one line (a file path, a name). ``attempt`` checks it, and may act on it
    (save, open): it returns an error to show under the field, or None, and then the
    dialog closes with the text. An ``OSError`` on the way is shown the same way: what
    was typed stays, and nothing is lost.

    ``choices`` (recent files) are listed under the input: down arrow reaches them and
    enter picks one, checked like typed text."""

    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="path.cancel"),
        Binding("down", "to_choices", "Recent", show=False, id="path.choices"),
    ]

    def __init__(self, title: str, lang: str, initial: str,
                 attempt: Callable[[str], str | None], placeholder: str | None = None,
                 choices: Sequence[str] = ()) -> None:
        super().__init__()
        self.title_text, self.lang, self.initial = title, lang, initial
        self.attempt = attempt
        self.placeholder = placeholder if placeholder is not None else tr(lang, "path")
        self.choices = tuple(choices)

    def compose(self) -> ComposeResult:
        with Vertical(classes="form"):
            yield Static(self.title_text, classes="form-title")
            yield Input(self.initial, placeholder=self.placeholder, id="path")
            yield Static(id="form-error", classes="form-error")
            if self.choices:
                yield Static(tr(self.lang, "recent_files"), classes="form-label")
                yield OptionList(*[Option(Content(c), id=str(i))  # a path, not markup
                                   for i, c in enumerate(self.choices)], id="choices")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self._submit(event.value)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.query_one("#path", Input).value = self.choices[int(event.option.id or 0)]
        self._submit(self.choices[int(event.option.id or 0)])

    def _submit(self, value: str) -> None:
        text = value.strip()
        try:
            error = self.attempt(text)
        except OSError as exc:  # a name too long, a folder that went away, no permission
            error = os_error_words(exc, self.lang, exc.filename or text)
        if error:  # it may quote what was typed: shown as written
            self.query_one("#form-error", Static).update(Content(error))
        else:
            self.dismiss(text)

    def action_to_choices(self) -> None:
        if self.choices:
            self.query_one("#choices", OptionList).focus()

    def action_cancel(self) -> None:
        self.dismiss(None)


class SamplePicker(ModalScreen[str | None]):
    BINDINGS = [Binding("escape", "cancel", "Cancel", id="samples.cancel")]

    def __init__(self, title: str, samples: list[tuple[str, str]]) -> None:
        super().__init__()
        self.title_text, self.samples = title, samples

    def compose(self) -> ComposeResult:
        with Vertical(classes="form"):
            yield Static(self.title_text, classes="form-title")
            yield OptionList(*[Option(f"{name}  ·  {label}", id=name)
                               for name, label in self.samples], id="samples")

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        self.dismiss(None)

"""Any text shown through markup appears exactly as written."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from textual.content import Content

from tui.markup import escape


@given(st.text(alphabet="[]/ab \\=#@逾期", max_size=30))
def test_escaped_text_shows_as_written_inside_a_tag(text: str):
    shown = Content.from_markup(f"[bold]{escape(text)}[/]").plain
    assert shown.replace("\u200b", "") == text  # a zero-width space may follow a "\\"


def test_the_key_hint_with_brackets_keeps_its_words():
    assert Content.from_markup(escape("[ and ] move the months")).plain == (
        "[ and ] move the months")

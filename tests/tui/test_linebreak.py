"""Line breaking for Chinese and English: every line fits, nothing is lost, and no line
starts with closing punctuation or ends with opening punctuation."""

from __future__ import annotations

from itertools import pairwise

from hypothesis import given
from hypothesis import strategies as st
from rich.cells import cell_len

from tui.linebreak import NO_END, NO_START, wrap

CAPTION = ("六周过去仍未还。乐信已上报,征信报告上有了这条记录;可能的分数下降,借呗被暂停。"
           "“原因”栏写明是哪条规则,以及每条的依据有多可靠。")
PIECES = st.sampled_from(["分期乐", "借呗", "逾期", "。", ",", "(", ")", "“", "”", "e1",
                          "1,200", " ", "Jiebei", "settle", "¥", ":", "已结清"])


@given(st.lists(PIECES, max_size=40).map("".join), st.integers(min_value=6, max_value=60),
       st.one_of(st.none(), st.integers(min_value=1, max_value=60)))
def test_lines_fit_and_keep_every_character(text: str, width: int, first: int | None):
    lines = wrap(text, width, first=first)
    assert cell_len(lines[0]) <= min(width, first or width)  # beside a label
    assert all(cell_len(line) <= width for line in lines)
    squeeze = str.maketrans("", "", " ")
    assert "".join(lines).translate(squeeze) == text.translate(squeeze)


@given(st.integers(min_value=8, max_value=80))
def test_chinese_punctuation_never_starts_or_ends_a_line_badly(width: int):
    lines = wrap(CAPTION, width)
    for before, after in pairwise(lines):
        assert after[:1] not in NO_START, (width, after)
        assert before[-1:] not in NO_END, (width, before)


def test_english_breaks_only_at_spaces():
    lines = wrap("Settle today: Jiebei comes back reduced, then grows.", 20)
    assert lines == ["Settle today: Jiebei", "comes back reduced,", "then grows."]


def test_the_first_line_may_be_shorter_for_a_label():
    lines = wrap("分期乐逾期未还结清前暂停新借款", 12, first=6)
    assert cell_len(lines[0]) <= 6 and all(cell_len(x) <= 12 for x in lines[1:])


@given(st.integers(min_value=16, max_value=80), st.integers(min_value=1, max_value=4),
       st.sampled_from(["", "【假设】", "▌folk "]))
def test_a_paragraph_cut_to_its_rows_fits_and_says_it_was_cut(width: int, rows: int,
                                                              lead: str):
    """The Jiebei pane's reason has at most three rows: a longer one ends in "…" within
    the width, on the lead's own line too, and one that fits is shown whole."""
    from tui.widgets.flow_text import Paragraph, paragraph_lines
    from tui.widgets.markup_lines import parse

    whole = paragraph_lines(Paragraph(CAPTION, lead=lead, lead_text=lead), width)
    shown = paragraph_lines(Paragraph(CAPTION, lead=lead, lead_text=lead, rows=rows), width)
    plain = [parse(line).plain for line in shown]
    assert all(cell_len(line) <= width for line in plain), plain
    if len(whole) > rows:
        assert len(plain) == rows and plain[-1].endswith("…")
    else:
        assert shown == whole

"""The quick commands' cell count (tui.textwidth, no Rich) agrees with Rich's, which
Textual draws with: a column padded by one lines up in the other."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from rich.cells import cell_len

from tui.textwidth import cell_width, clip, pad

SAMPLES = ["借呗 Jiebei", "分期乐(e1)", "e\u0301", "a\u200bb", "👍", "１２３", "ｱｲｳ",
           "\u00ad", "✓ ok", "连三累六", "M1–M2"]
# No zero-width joiner or emoji variation selector: Rich reads those as emoji sequences
# (a joined cluster, a digit drawn as a two-cell emoji), which this app's text never holds.
ALPHABET = st.sampled_from(list("aZ1 .,-–·中文借呗（）：\u0301\u200bｱ１😀✓\u00ad"))


def test_known_strings_count_as_rich_counts_them():
    for text in SAMPLES:
        assert cell_width(text) == cell_len(text), repr(text)


@given(st.text(alphabet=ALPHABET, max_size=20))
def test_any_mix_counts_as_rich_counts_it(text: str):
    assert cell_width(text) == cell_len(text)


@given(st.text(alphabet=ALPHABET, max_size=20), st.integers(0, 30))
def test_pad_and_clip_fill_and_keep_to_the_width(text: str, width: int):
    assert cell_len(pad(text, width)) == max(width, cell_len(text))
    assert cell_len(clip(text, width)) <= width

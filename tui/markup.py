"""Text into Textual markup, literally.

``textual.markup.escape`` escapes only what looks like a tag (``[b]``), but Textual's
parser also reads ``[ and ]`` as one, so "[ and ] move the months" lost its words. Here
every ``[`` is escaped, so captions, file and branch names show exactly as written. A
text ending in a backslash would escape the closing tag that follows it, so a zero-width
space is put after such a backslash.
"""

from __future__ import annotations

ZERO_WIDTH_SPACE = "\u200b"


def escape(text: str) -> str:
    text = text.replace("[", "\\[")
    return text + ZERO_WIDTH_SPACE if text.endswith("\\") else text

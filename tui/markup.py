"""Text into Textual markup, literally.

``textual.markup.escape`` escapes only what looks like a tag (``[b]``), but Textual's
parser also reads ``[ and ]`` as one, so "[ and ] move the months" lost its words. Here
every ``[`` is escaped, so captions, file and branch names show exactly as written.
(Textual's markup has no way to end a text with a backslash right before a closing tag;
such a backslash swallows the tag. Nothing we show ends that way.)
"""

from __future__ import annotations


def escape(text: str) -> str:
    return text.replace("[", "\\[")

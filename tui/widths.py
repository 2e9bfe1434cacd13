"""The terminal width the layout changes at: from it, every pane is shown at once (and the
comparison gives each month a cell of its own); below it, the panes stack and tables
use their short headers."""

WIDE_FROM = 110  # columns

# The app's screen classes by width (Textual's HORIZONTAL_BREAKPOINTS).
BREAKPOINTS = [(0, "-narrow"), (WIDE_FROM, "-wide")]


def width_class(width: int) -> str:
    """The class BREAKPOINTS give a screen this wide."""
    return next(name for start, name in reversed(BREAKPOINTS) if width >= start)

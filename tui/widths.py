"""The terminal width the layout changes at: from it, every pane is shown at once (and the
comparison gives each month a cell of its own); below it, the panes stack and tables
use their short headers."""

WIDE_FROM = 110  # columns

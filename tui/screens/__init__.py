"""Modal screens: forms for edits, dialogs, help."""

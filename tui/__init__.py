"""The terminal front end: the CLI now, the Textual app and the SSH server next."""

"""The panes: each mirrors the app's current ``View``; none computes credit logic."""

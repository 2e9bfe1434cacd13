"""The dialogs. Each feature imports the ones it opens, when it first opens them: none is
needed for the first frame."""

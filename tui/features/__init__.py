"""The main screen's features, one module each: its keys (``BINDINGS``), its actions and
the screens it opens, as a mixin of ``tui.main_screen.MainScreen``.

- ``events``: add, edit, settle, extend and delete an overdue event;
- ``choices``: compare the repayment choices for one event, keep them as branches;
- ``branches``: fork, switch, rename, delete and compare what-if branches;
- ``history``: undo and redo; step the as-of date by months;
- ``files``: save, save as, open, the samples; autosave and recent files;
- ``settings``: the profile and the policy's numbers;
- ``tour``: the guided tour.
"""

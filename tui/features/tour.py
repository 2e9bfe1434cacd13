"""The guided tour: the source article's story as steps (``tui.tour``), each a real
state of the live model, shown in a branch of its own so the user's work is never
touched; leaving returns to the user's branch and date, the tour's branch stays to
explore from."""

from __future__ import annotations

from datetime import date
from itertools import chain, count

from model import EditError
from tui.bindings import Can, Refusal, binding
from tui.features.base import Feature
from tui.i18n import refusal_words, tr
from tui.tour import STEPS, step_scenario
from tui.widgets.tour_panel import TourPanel

BINDINGS = [
    binding("g", "tour", "tour.start", show=False),
    # While the tour runs its keys come first (the events table would take the arrows);
    # when it does not, they are off and the keys reach everything else.
    binding("right,n", "tour_next", "tour.next", show=False, priority=True),
    binding("left", "tour_back", "tour.back", show=False, priority=True),
    binding("escape", "tour_leave", "tour.leave", show=False, key_display="esc",
            priority=True),
]


class Tour(Feature):
    tour_step: int | None = None  # the step shown, while the tour runs
    tour_branch: str | None = None  # the branch the tour shows its steps in
    tour_home: str | None = None  # the branch the user was on: leaving returns to it
    tour_home_day: date | None = None  # and the as-of date they had

    def can_tour_next(self) -> bool:
        return self.tour_step is not None

    def can_tour_leave(self) -> bool:
        return self.tour_step is not None

    def can_tour_back(self) -> Can:
        if self.tour_step is None:
            return False
        return Refusal("why_tour_first") if self.tour_step == 0 else True

    def action_tour(self) -> None:
        """Start (or restart) the tour: each step puts its state into the live model."""
        self.tour_go(0)

    def action_tour_next(self) -> None:
        assert self.tour_step is not None
        if self.tour_step + 1 < len(STEPS):
            self.tour_go(self.tour_step + 1)
        else:
            self.action_tour_leave()

    def action_tour_back(self) -> None:
        assert self.tour_step is not None
        self.tour_go(max(0, self.tour_step - 1))

    def action_tour_leave(self) -> None:
        """Back to the user's branch and date; the tour's branch keeps the step's state
        to explore from (b)."""
        s = self.session
        if self.tour_home in s.branch_names and self.tour_home_day is not None:
            with s.batch():
                s.switch(self.tour_home)
                s.set_as_of(self.tour_home_day)
        self.tour_step = None
        self.query_one(TourPanel).remove_class("-active")
        for pane in self.query(".pane"):
            pane.remove_class("-tour-focus")
        self.refresh_bindings()
        self.notify(tr(self.lang, "tour_left", branch=s.branch, tour=self.tour_branch))

    def _start_tour(self) -> None:
        """Note where the user is, and name the tour's branch (a new one unless the
        tour's own from last time is still there)."""
        s = self.session
        if s.branch != self.tour_branch or self.tour_home not in s.branch_names:
            self.tour_home = s.branch
        self.tour_home_day = s.as_of
        if self.tour_branch not in s.branch_names:
            name = tr(self.lang, "tour_branch")
            self.tour_branch = next(n for n in chain([name], (f"{name} {i}" for i in count(2)))
                                    if n not in s.branch_names)

    def tour_go(self, index: int) -> None:
        step = STEPS[index]
        if self.tour_step is None:
            self._start_tour()
        assert self.tour_branch is not None
        try:
            with self.session.batch():  # the step's story and its date, drawn once
                self.session.show_in_branch(self.tour_branch, step_scenario(index))
                self.session.set_as_of(step.day)
        except EditError as exc:  # e.g. a policy edited so far that the story breaks it
            self.notify(refusal_words(exc, self.lang), severity="error")
            return
        if self.tour_step is None:
            self.refresh_bindings()
        self.tour_step = index
        self.show_tour_step()
        for pane in self.query(".pane"):
            pane.set_class(pane.id == step.pane, "-tour-focus")
        self.query_one(f"#{step.pane}").scroll_visible(animate=False)

    def show_tour_step(self) -> None:
        if self.tour_step is not None:
            panel = self.query_one(TourPanel)
            panel.show_step(self.tour_step, self.lang, self.jiebei.keys_words(
                "tour_keys", next="tour.next", back="tour.back", leave="tour.leave"))
            panel.add_class("-active")

"""The guided tour: the source article's story as steps (``tui.tour``), each a real
state of the live model; leaving keeps the step's state to explore from."""

from __future__ import annotations

from model import Replace
from tui.bindings import Can, Refusal, binding
from tui.features.base import Feature
from tui.i18n import tr
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
        """The state of the step stays: the user keeps exploring from there."""
        self.tour_step = None
        self.query_one(TourPanel).remove_class("-active")
        for pane in self.query(".pane"):
            pane.remove_class("-tour-focus")
        self.refresh_bindings()
        self.notify(tr(self.lang, "tour_left"))

    def tour_go(self, index: int) -> None:
        step = STEPS[index]
        scenario = step_scenario(index)
        with self.session.batch():  # the step's story and its date, drawn once
            if scenario != self.session.scenario:
                self.apply_edit(Replace(scenario, f"guided tour, step {index + 1}"))
            self.session.set_as_of(step.day)
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
            panel.show_step(self.tour_step, self.lang)
            panel.add_class("-active")

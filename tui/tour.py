"""The guided tour: the source article's story as steps, each a real state of the live
model (a scenario and an as-of date); each step's title and caption, in both languages,
are in ``tui.i18n.TOUR``, in the same order.

Every step is built from the same starting sample by the same edits the keys make, so
going back is as exact as going forward, and leaving the tour at any step leaves that
state in the app to explore. No Textual here: the app shows the captions and applies
the steps through its ``Session``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from model.edits import AddEvent, RemoveEvent, Rename, SettleEvent
from model.samples import load_sample
from model.scenario import Scenario

TOUR_SAMPLE = "fenqile-unsettled"  # one Fenqile instalment of ¥1,200 due 15 Oct, unpaid
TODAY = date(2026, 11, 29)  # the sample's own date
TOUR_NAME = "Lin's story"  # shown in the user's language (tui.i18n SAMPLE_TITLES)


@dataclass(frozen=True)
class Step:
    day: date  # the as-of date the step shows
    build: Callable[[Scenario], Scenario]  # from the tour's starting sample
    pane: str  # the pane the caption talks about (its id), brought into view
    state: str  # Jiebei's state the caption describes (under the default policy; tested)



def _on_time(s: Scenario) -> Scenario:
    return RemoveEvent("e1").apply_to(s, TODAY)


def _unpaid(s: Scenario) -> Scenario:
    return s  # the sample as it is: e1 unpaid


def _settled_today(s: Scenario) -> Scenario:
    return SettleEvent("e1", TODAY).apply_to(s, TODAY)


def _several(s: Scenario) -> Scenario:
    huabei = {"id": "e2", "account": "huabei", "amount": 800, "due": date(2026, 11, 10),
              "settled": None, "extension": None}
    return AddEvent(huabei).apply_to(s, TODAY)


STEPS: tuple[Step, ...] = (
    # 1. Everything on time (words: tui.i18n.TOUR)
    Step(date(2026, 10, 1), _on_time, "jiebei", "available"),
    # 2. A gap in cash flow (words: tui.i18n.TOUR)
    Step(date(2026, 10, 17), _unpaid, "events", "available"),
    # 3. 45 days overdue (words: tui.i18n.TOUR)
    Step(TODAY, _unpaid, "reasons", "suspended"),
    # 4. If it stays unpaid (words: tui.i18n.TOUR)
    Step(date(2027, 1, 29), _unpaid, "report", "frozen"),
    # 5. The choices (words: tui.i18n.TOUR)
    Step(TODAY, _unpaid, "events", "suspended"),
    # 6. Settle today (words: tui.i18n.TOUR)
    Step(TODAY, _settled_today, "jiebei", "reduced"),
    # 7. Six months on (words: tui.i18n.TOUR)
    Step(date(2027, 5, 29), _settled_today, "score", "reduced"),
    # 8. A year on (words: tui.i18n.TOUR)
    Step(date(2027, 11, 29), _settled_today, "report", "available"),
    # 9. Unpaid on several products (words: tui.i18n.TOUR)
    Step(TODAY, _several, "jiebei", "closed"),
    # 10. Your turn (words: tui.i18n.TOUR)
    Step(TODAY, _unpaid, "events", "suspended"),
)


def tour_start() -> Scenario:
    return load_sample(TOUR_SAMPLE)


def step_scenario(index: int, start: Scenario | None = None) -> Scenario:
    """The scenario of step ``index`` (0-based), named after the tour."""
    base = start if start is not None else tour_start()
    return Rename(TOUR_NAME).apply_to(STEPS[index].build(base), TODAY)

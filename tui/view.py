"""What the panes mirror: one immutable snapshot of the session, set as one reactive."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, fields

from model.assessment import Projection
from model.session import SessionState
from tui.i18n import said


class Later:
    """A projection made on first use, then kept: the months ahead feed only the score's
    chart, which can be drawn a frame after the answer (see ScorePane)."""

    __slots__ = ("_make", "_value")

    def __init__(self, make: Callable[[], Projection]) -> None:
        self._make = make
        self._value: Projection | None = None

    @property
    def ready(self) -> bool:
        return self._value is not None

    def get(self) -> Projection:
        if self._value is None:
            self._value = self._make()
        return self._value


@dataclass(frozen=True, slots=True)
class View(SessionState):
    """One ``SessionState`` as the panes read it: the months ahead are made on first use
    and then kept (``ahead``), and products are named in the user's language."""

    ahead: Later = field(repr=False)

    @classmethod
    def of(cls, state: SessionState) -> View:
        fields_of_state = {f.name: getattr(state, f.name) for f in fields(SessionState)}
        return cls(**fields_of_state, ahead=Later(state.months))

    @property
    def projection(self) -> Projection:
        return self.ahead.get()

    def product_name(self, account_id: str, lang: str) -> str:
        product = self.policy.catalog[self.scenario.account(account_id).product]
        return said(product, lang)

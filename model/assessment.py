"""What the engine answers: immutable result records and their JSON form.

Plain frozen dataclasses rather than pydantic models: they are built on every edit, in
every projected month, so construction must be cheap. ``to_json`` gives the JSON that
``jiebei-sim assess --json`` and ``project --json`` print.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import Any, Final

from model.policy import Basis

# Named and versioned like scenario files, so a reader of saved output knows what it holds.
ASSESSMENT_FORMAT: Final = "jiebei-sim/assessment@1"
PROJECTION_FORMAT: Final = "jiebei-sim/projection@1"


class JiebeiState(StrEnum):
    """Jiebei access states, best to worst (model/README.md §6)."""

    AVAILABLE = "available"
    REDUCED = "reduced"
    SUSPENDED = "suspended"
    CLOSED = "closed"
    FROZEN = "frozen"

    @property
    def severity(self) -> int:
        return _SEVERITY[self]

    @property
    def can_borrow(self) -> bool:
        return self in (JiebeiState.AVAILABLE, JiebeiState.REDUCED)

    @property
    def zh(self) -> str:
        return _STATE_ZH[self]

    @property
    def en(self) -> str:
        return _STATE_EN[self]


_SEVERITY = {s: i for i, s in enumerate(JiebeiState)}
_STATE_ZH = {
    JiebeiState.AVAILABLE: "正常可用",
    JiebeiState.REDUCED: "额度降低",
    JiebeiState.SUSPENDED: "暂停借款",
    JiebeiState.CLOSED: "已关闭",
    JiebeiState.FROZEN: "冻结",
}
_STATE_EN = {
    JiebeiState.AVAILABLE: "available",
    JiebeiState.REDUCED: "limit reduced",
    JiebeiState.SUSPENDED: "new borrowing paused",
    JiebeiState.CLOSED: "eligibility cancelled",
    JiebeiState.FROZEN: "frozen",
}


@dataclass(frozen=True, slots=True)
class Reason:
    """Why a conclusion holds: the rule, how far to trust it, the events, in zh and en."""

    rule: str
    basis: Basis
    en: str
    zh: str
    events: tuple[str, ...] = ()
    params: tuple[str, ...] = ()  # the policy parameters the rule read, e.g. jiebei.apply_min_score
    effect: float | None = None  # points on the score, where the reason is about the score

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "rule": self.rule,
            "basis": str(self.basis),
            "events": list(self.events),
            "en": self.en,
            "zh": self.zh,
        }
        if self.params:
            out["params"] = list(self.params)
        if self.effect is not None:
            out["effect"] = round(self.effect, 1)
        return out


@dataclass(frozen=True, slots=True)
class ScoreView:
    low: int
    likely: int
    high: int
    tier: str
    base: int
    reasons: tuple[Reason, ...] = ()

    @property
    def change(self) -> int:
        return self.likely - self.base

    def to_json(self) -> dict[str, Any]:
        return {
            "low": self.low,
            "likely": self.likely,
            "high": self.high,
            "tier": self.tier,
            "base": self.base,
            "change": self.change,
            "reasons": [r.to_json() for r in self.reasons],
        }


@dataclass(frozen=True, slots=True)
class JiebeiView:
    state: JiebeiState
    limit: float  # usable now: 0 unless the state allows borrowing
    assessed_limit: float  # what the assessment gives, kept for display
    base_limit: float | None  # the user's Jiebei limit before the events (None: no account)
    available_to_borrow: float
    reopens_on: date | None
    reopen: str  # "now" | "on_date" | "never"
    reasons: tuple[Reason, ...] = ()
    reopen_blocked_by: tuple[str, ...] = ()  # unpaid events that keep it shut ("never")

    def to_json(self) -> dict[str, Any]:
        return {
            "state": str(self.state),
            "limit": self.limit,
            "assessed_limit": self.assessed_limit,
            "base_limit": self.base_limit,
            "available_to_borrow": self.available_to_borrow,
            "reopens_on": _iso(self.reopens_on),
            "reopen": self.reopen,
            "reopen_blocked_by": list(self.reopen_blocked_by),
            "reasons": [r.to_json() for r in self.reasons],
        }


@dataclass(frozen=True, slots=True)
class EventStatus:
    id: str
    account: str
    status: str  # upcoming | in_grace | overdue | settled | extended | paid_in_grace
    days_overdue: int  # now, or frozen at settlement
    worst_days: int
    bucket: str | None
    pboc_code: str  # for the as-of month ("N" when nothing is reported)
    risk_class: str
    non_performing: bool  # unpaid past risk.default_after_days: "default" in risk terms
    seen_by_jiebei_on: date | None
    on_report_from: date | None
    purge_on: date | None
    penalty_interest: float  # this plan's (a floor while the plan never settles it)
    fee: float
    interest_so_far: float = 0.0

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "account": self.account,
            "status": self.status,
            "days_overdue": self.days_overdue,
            "worst_days": self.worst_days,
            "bucket": self.bucket,
            "pboc_code": self.pboc_code,
            "risk_class": self.risk_class,
            "non_performing": self.non_performing,
            "seen_by_jiebei_on": _iso(self.seen_by_jiebei_on),
            "on_report_from": _iso(self.on_report_from),
            "purge_on": _iso(self.purge_on),
            "penalty_interest": round(self.penalty_interest, 2),
            "interest_so_far": round(self.interest_so_far, 2),
            "fee": round(self.fee, 2),
        }


@dataclass(frozen=True, slots=True)
class AccountStatus:
    id: str
    product: str
    limit: float
    balance: float
    status: str  # normal | in_grace | overdue | settled | extended
    days_overdue: int
    pboc_code: str
    risk_class: str
    events: tuple[str, ...]

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "product": self.product,
            "limit": self.limit,
            "balance": self.balance,
            "status": self.status,
            "days_overdue": self.days_overdue,
            "pboc_code": self.pboc_code,
            "risk_class": self.risk_class,
            "events": list(self.events),
        }


@dataclass(frozen=True, slots=True)
class Cost:
    """model/README.md §7: this plan's total (``penalty_interest``, ``fees``) and what has
    accrued by the as-of day (``*_so_far``)."""

    penalty_interest: float
    fees: float
    interest_so_far: float = 0.0
    fees_so_far: float = 0.0
    growing_per_day: float = 0.0  # interest accruing on the as-of day
    open_ended: bool = False  # the plan never settles an event: its total is a floor

    @property
    def total(self) -> float:
        return self.penalty_interest + self.fees

    @property
    def so_far(self) -> float:
        return self.interest_so_far + self.fees_so_far

    @property
    def differs(self) -> bool:
        """The plan's total says more than what has accrued so far (to the cent)."""
        return round(self.total, 2) != round(self.so_far, 2)

    def to_json(self) -> dict[str, Any]:
        return {
            "penalty_interest": round(self.penalty_interest, 2),
            "fees": round(self.fees, 2),
            "total": round(self.total, 2),
            "open_ended": self.open_ended,
            "growing_per_day": round(self.growing_per_day, 2),
            "so_far": {
                "penalty_interest": round(self.interest_so_far, 2),
                "fees": round(self.fees_so_far, 2),
                "total": round(self.so_far, 2),
            },
        }


@dataclass(frozen=True, slots=True)
class ReportView:
    months: tuple[str, ...]
    grid: dict[str, tuple[str, ...]]  # account id -> codes, oldest month first
    records: tuple[Any, ...]  # model.report.ReportRecord
    consecutive: int
    cumulative: int
    lsll_triggered: bool


@dataclass(frozen=True, slots=True)
class Assessment:
    as_of: date
    score: ScoreView
    jiebei: JiebeiView
    accounts: tuple[AccountStatus, ...]
    events: tuple[EventStatus, ...]
    report: ReportView
    cost: Cost
    notices: tuple[Reason, ...] = field(default=())

    def to_json(self) -> dict[str, Any]:
        return {
            "format": ASSESSMENT_FORMAT,
            "as_of": self.as_of.isoformat(),
            "score": self.score.to_json(),
            "jiebei": self.jiebei.to_json(),
            "accounts": [a.to_json() for a in self.accounts],
            "events": [e.to_json() for e in self.events],
            "report": [
                {
                    "account": r.account,
                    "event": r.event,
                    "codes": dict(r.codes),
                    "on_report_from": _iso(r.on_report_from),
                    "purge_on": _iso(r.purge_on),
                    "special": r.special,
                }
                for r in self.report.records
            ],
            "report_grid": {
                "months": list(self.report.months),
                "accounts": {k: "".join(v) for k, v in self.report.grid.items()},
                "lsll": {
                    "consecutive": self.report.consecutive,
                    "cumulative": self.report.cumulative,
                    "triggered": self.report.lsll_triggered,
                },
            },
            "cost": self.cost.to_json(),
            "notices": [n.to_json() for n in self.notices],
        }


@dataclass(frozen=True, slots=True)
class MonthPoint:
    """One month of a projection: the score and Jiebei as they would be on ``date``."""

    date: date
    score_low: int
    score_likely: int
    score_high: int
    tier: str
    state: JiebeiState
    limit: float
    assessed_limit: float
    cost: float  # spent by this month (so far, as of its date)

    def to_json(self) -> dict[str, Any]:
        return {
            "date": self.date.isoformat(),
            "score": {
                "low": self.score_low,
                "likely": self.score_likely,
                "high": self.score_high,
                "tier": self.tier,
            },
            "jiebei": {
                "state": str(self.state),
                "limit": self.limit,
                "assessed_limit": self.assessed_limit,
            },
            "cost": round(self.cost, 2),
        }


@dataclass(frozen=True, slots=True)
class Projection:
    months: tuple[MonthPoint, ...]

    def to_json(self) -> dict[str, Any]:
        return {"format": PROJECTION_FORMAT, "months": [m.to_json() for m in self.months]}


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day is not None else None

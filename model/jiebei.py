"""Jiebei's access state, limit and reopen date (DOMAIN.md §7).

Rules are checked worst first; the first that matches sets the state and every rule that
matches is reported. Findings carry only ids and numbers; ``model.explain`` words them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from math import floor

from model.assessment import JiebeiState
from model.dates import months_between
from model.facts import NEVER, EventFacts
from model.report import LsllCheck, lsll_check
from model.rules import Rules
from model.score import estimate_score

# Rule ids, worst state first: the order the rules are checked and reported in.
RULE_STATES: dict[str, JiebeiState] = {
    "frozen-long-unpaid": JiebeiState.FROZEN,
    "frozen-own-unpaid": JiebeiState.FROZEN,
    "closed-multi-product": JiebeiState.CLOSED,
    "closed-lian-san-lei-liu": JiebeiState.CLOSED,
    "closed-low-score": JiebeiState.CLOSED,
    "suspended-unsettled": JiebeiState.SUSPENDED,
    "reduced-recent-overdue": JiebeiState.REDUCED,
    "reduced-score-drop": JiebeiState.REDUCED,
}


@dataclass(frozen=True, slots=True)
class Finding:
    rule: str
    events: tuple[str, ...] = ()
    value: float = 0  # the measured quantity: days, products, months or points

    @property
    def state(self) -> JiebeiState:
        return RULE_STATES[self.rule]


@dataclass(frozen=True, slots=True)
class Standing:
    """The inputs beside the events that the rules read."""

    base_score: int
    income_proof: bool
    base_limit: float | None


def findings_at(
    facts: Sequence[EventFacts],
    t: int,
    likely: int,
    base: int,
    rules: Rules,
    lsll: LsllCheck | None = None,
) -> list[Finding]:
    """Every Jiebei rule that matches on day ``t``, worst first (``lsll``: if already
    computed for ``t``)."""
    long_unpaid: list[str] = []
    long_days = 0
    own_unpaid: list[str] = []
    own_days = 0
    unsettled: list[str] = []
    unsettled_accounts: set[str] = set()
    recent: list[str] = []
    for f in facts:
        for spell in f.spells:
            if not spell.counts_at(t):
                continue
            if spell.end > t:
                days = t - spell.start
                if days > rules.frozen_unsettled_days:
                    long_unpaid.append(f.id)
                    long_days = max(long_days, days)
                if f.product.id == "jiebei" and days > rules.frozen_own_unsettled_days:
                    own_unpaid.append(f.id)
                    own_days = max(own_days, days)
                unsettled.append(f.id)
                unsettled_accounts.add(f.account)
            elif t < spell.reduced_until:
                recent.append(f.id)
    found: list[Finding] = []
    if long_unpaid:
        found.append(Finding("frozen-long-unpaid", _unique(long_unpaid), long_days))
    if own_unpaid:
        found.append(Finding("frozen-own-unpaid", _unique(own_unpaid), own_days))
    if len(unsettled_accounts) >= rules.closed_min_products:
        found.append(Finding("closed-multi-product", _unique(unsettled), len(unsettled_accounts)))
    if lsll is None:
        lsll = lsll_check(facts, t, rules)
    if lsll.triggered(rules):
        found.append(Finding("closed-lian-san-lei-liu", lsll.events,
                             max(lsll.consecutive, lsll.cumulative)))
    if likely < rules.apply_min_score:
        found.append(Finding("closed-low-score", (), likely))
    if unsettled:
        found.append(Finding("suspended-unsettled", _unique(unsettled), len(unsettled_accounts)))
    if recent:
        found.append(Finding("reduced-recent-overdue", _unique(recent), len(recent)))
    if likely < base - rules.reduce_below_base_points:
        found.append(Finding("reduced-score-drop", (), base - likely))
    return found


def state_of(found: Sequence[Finding]) -> JiebeiState:
    return found[0].state if found else JiebeiState.AVAILABLE


def recent_cut(facts: Sequence[EventFacts], t: int, rules: Rules) -> float:
    """The limit cut by the worst overdue Jiebei sees: in full while unpaid, then shrinking
    linearly to nothing over the reopen window after settlement (DOMAIN.md §7)."""
    window = rules.reopen_after_clean_months
    cut = 0.0
    for f in facts:
        for spell in f.spells:
            if not spell.counts_at(t) or t >= spell.reduced_until:
                continue
            bucket = rules.bucket_for(spell.days_at(t))
            if spell.end > t:
                left = 1.0
            else:
                left = 1.0 - months_between(spell.end, t) / window if window else 0.0
            cut = max(cut, bucket.limit_cut * max(0.0, min(1.0, left)))
    return cut


def assessed_limit(
    facts: Sequence[EventFacts],
    t: int,
    likely: int,
    profile: Standing,
    rules: Rules,
) -> float:
    if not profile.base_limit:
        return 0.0
    at_base = rules.factor(profile.base_score)
    factor = min(1.0, rules.factor(likely) / at_base) if at_base > 0 else 0.0
    lift = 1.0 + rules.income_proof_lift if profile.income_proof else 1.0
    raw = profile.base_limit * factor * (1.0 - recent_cut(facts, t, rules)) * lift
    step = rules.limit_round_to
    return float(floor(raw / step + 1e-9) * step)


def available_on(facts: Sequence[EventFacts], t: int, profile: Standing, rules: Rules) -> bool:
    """``not findings_at(...)``, cheapest checks first: the reopen search calls it often."""
    for f in facts:
        for spell in f.spells:
            # Unpaid (frozen, closed by several products, suspended) or recently settled.
            if spell.counts_at(t) and t < spell.reduced_until:
                return False
    base = profile.base_score
    likely = estimate_score(facts, t, base, profile.income_proof, rules).likely
    if likely < rules.apply_min_score or likely < base - rules.reduce_below_base_points:
        return False
    return not lsll_check(facts, t, rules).triggered(rules)


@dataclass(frozen=True, slots=True)
class Reopen:
    when: str  # "now" | "on_date" | "never"
    on: int | None = None  # ordinal
    blocking: tuple[str, ...] = ()  # events that keep it from reopening, for "never"


def reopen(facts: Sequence[EventFacts], as_of: int, profile: Standing, rules: Rules,
           available_now: bool) -> Reopen:
    """The earliest day after ``as_of`` when Jiebei is ``available`` under this plan.

    Between the days when an overdue starts or stops blocking (seen unsettled, or settled
    within the reopen window), only the score and the 连三累六 window move, and both only
    improve with time; so within each gap a binary search on days finds the first good day.
    """
    if available_now:
        return Reopen("now")
    forever = [f.id for f in facts
               if any(s.end == NEVER and s.seen_by_ant_from < NEVER for s in f.spells)]
    if forever:
        return Reopen("never", blocking=tuple(forever))
    blocks: list[tuple[int, int]] = []
    horizon = as_of + 1
    for f in facts:
        for s in f.spells:
            if not s.reportable or s.seen_by_ant_from >= NEVER:
                continue
            start = max(s.seen_by_ant_from, s.reportable_from)
            if s.reduced_until > start:
                blocks.append((start, s.reduced_until))
            horizon = max(horizon, s.purge_on,
                          s.end + int((rules.lsll_window_months + 1) * 31))
    blocks.sort()

    def good(day: int) -> bool:
        return available_on(facts, day, profile, rules)

    day = as_of + 1
    i = 0
    while True:
        # Skip every block that covers ``day``; the gap then runs to the next block.
        while i < len(blocks) and blocks[i][0] <= day:
            day = max(day, blocks[i][1])
            i += 1
        gap_end = blocks[i][0] - 1 if i < len(blocks) else horizon
        if day > horizon:
            return Reopen("never")
        if good(day):
            return Reopen("on_date", day)
        if good(gap_end):
            lo, hi = day, gap_end  # good(hi), not good(lo)
            while hi - lo > 1:
                mid = (lo + hi) // 2
                if good(mid):
                    hi = mid
                else:
                    lo = mid
            return Reopen("on_date", hi)
        if i >= len(blocks):
            return Reopen("never")
        day = gap_end + 1


def _unique(ids: list[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(ids))

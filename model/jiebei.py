"""Jiebei's access state, limit and reopen date (model/README.md §6).

Rules are checked worst first; the first that matches sets the state and every rule that
matches is reported. Findings carry only ids and numbers; ``model.explain`` words them.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from math import floor

from model.assessment import JiebeiState
from model.dates import months_between
from model.facts import NEVER, EventFacts, seen_from
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
    "reduced-many-applications": JiebeiState.REDUCED,
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
    income_proof_from: int | None  # ordinal the proof counts from (0: always; None: none)
    base_limit: float | None
    reassessment_days: int = 0
    applications: int = 0  # recent credit applications, counted until applications_until
    applications_until: int = 0

    def applications_on(self, t: int) -> int:
        return self.applications if t < self.applications_until else 0

    def proof_on(self, t: int) -> bool:
        """Income proof on file by day ``t`` (it moves the score at once)."""
        return self.income_proof_from is not None and self.income_proof_from <= t

    def lift_on(self, t: int) -> bool:
        """The limit is lifted from the first reassessment after the proof is added."""
        since = self.income_proof_from
        return since is not None and (since == 0 or since + self.reassessment_days <= t)


def findings_at(
    facts: Sequence[EventFacts],
    t: int,
    likely: int,
    base: int,
    rules: Rules,
    lsll: LsllCheck | None = None,
    applications: int = 0,
) -> list[Finding]:
    """Every Jiebei rule that matches on day ``t``, worst first (``lsll``: if already
    computed for ``t``; ``applications``: recent credit applications counted on ``t``)."""
    long_unpaid: list[str] = []
    long_days = 0
    own_unpaid: list[str] = []
    own_days = 0
    unsettled: list[str] = []
    unsettled_accounts: set[str] = set()
    recent: list[str] = []
    for f in facts:
        for spell in f.spells:
            # Spell.counts_at, inlined (as in the loops below): projections run these
            # loops for every event in every month.
            if not (spell.reportable_from <= t and spell.seen_by_ant_from <= t < spell.purge_on):
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
    if applications > rules.reduce_above_applications:
        found.append(Finding("reduced-many-applications", (), applications))
    return found


def state_of(found: Sequence[Finding]) -> JiebeiState:
    return found[0].state if found else JiebeiState.AVAILABLE


def recent_cut(facts: Sequence[EventFacts], t: int, rules: Rules) -> float:
    """The limit cut by the worst overdue Jiebei sees: in full while unpaid, then shrinking
    linearly to nothing over the reopen window after settlement (model/README.md §6)."""
    window = rules.reopen_after_clean_months
    cut = 0.0
    for f in facts:
        for spell in f.spells:
            if not (spell.reportable_from <= t and spell.seen_by_ant_from <= t < spell.purge_on
                    and t < spell.reduced_until):
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
    lift = 1.0 + rules.income_proof_lift if profile.lift_on(t) else 1.0
    raw = profile.base_limit * factor * (1.0 - recent_cut(facts, t, rules)) * lift
    step = rules.limit_round_to
    return float(floor(raw / step + 1e-9) * step)


def available_on(facts: Sequence[EventFacts], t: int, profile: Standing, rules: Rules) -> bool:
    """``not findings_at(...)``, cheapest checks first: the reopen search calls it often."""
    for f in facts:
        for spell in f.spells:
            # Unpaid (frozen, closed by several products, suspended) or recently settled.
            if (spell.reportable_from <= t and spell.seen_by_ant_from <= t < spell.purge_on
                    and t < spell.reduced_until):
                return False
    applications = profile.applications_on(t)
    if applications > rules.reduce_above_applications:
        return False
    base = profile.base_score
    likely = estimate_score(facts, t, base, profile.proof_on(t), rules, applications).likely
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

    Each overdue Jiebei sees blocks availability from the day it is seen until its reopen
    window after settlement ends (for ever while unpaid). Between those blocks, and
    between the days a new overdue comes into view, only the score and the 连三累六
    window move, and both only improve with time: so within each such stretch a binary
    search on days finds the first good day.
    """
    if available_now:
        return Reopen("now")
    forever = tuple(f.id for f in facts
                    if any(s.end == NEVER and s.seen_by_ant_from < NEVER for s in f.spells))
    if any(s.end == NEVER and s.seen_by_ant_from <= as_of + 1 for f in facts for s in f.spells):
        # Unpaid for ever and seen from the first day tried: its block covers every day,
        # so the search below would only walk the blocks to reach this same answer.
        return Reopen("never", blocking=forever)
    blocks: list[tuple[int, int]] = []
    seen_days: set[int] = set()
    horizon = as_of + 1
    for f in facts:
        for s in f.spells:
            if s.seen_by_ant_from >= NEVER:
                continue
            seen = s.seen_by_ant_from
            seen_days.add(seen)
            if s.reduced_until > seen:
                blocks.append((seen, s.reduced_until))
            horizon = max(horizon, seen)
            if s.end < NEVER:
                lsll_clear = s.end + int((rules.lsll_window_months + 1) * 31)
                purge = s.purge_on if s.purge_on < NEVER else 0
                horizon = max(horizon, purge, lsll_clear)
    if profile.applications_on(as_of + 1) > rules.reduce_above_applications:
        # many recent applications keep the limit reduced until they stop counting
        blocks.append((0, profile.applications_until))
        horizon = max(horizon, profile.applications_until)
    if profile.applications_on(as_of + 1):  # their points come off the score then
        seen_days.add(profile.applications_until)
        horizon = max(horizon, profile.applications_until)
    blocks.sort()
    views = sorted(seen_days)
    live = seen_from(facts, as_of + 1)  # the rest cannot change any day tried

    def good(day: int) -> bool:
        return available_on(live, day, profile, rules)

    day = as_of + 1
    i = 0
    while True:
        # Skip every block that covers ``day``; the stretch then runs to the next block
        # or to the next day a new overdue comes into view, whichever is first.
        while i < len(blocks) and blocks[i][0] <= day:
            day = max(day, blocks[i][1])
            i += 1
        if day > horizon:
            return Reopen("never", blocking=forever)
        stretch_end = blocks[i][0] - 1 if i < len(blocks) else horizon
        k = bisect_right(views, day)
        if k < len(views):
            stretch_end = min(stretch_end, views[k] - 1)
        if good(day):
            return Reopen("on_date", day)
        if good(stretch_end):
            lo, hi = day, stretch_end  # good(hi), not good(lo)
            while hi - lo > 1:
                mid = (lo + hi) // 2
                if good(mid):
                    hi = mid
                else:
                    lo = mid
            return Reopen("on_date", hi)
        day = stretch_end + 1


def _unique(ids: list[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(ids))

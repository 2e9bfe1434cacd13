"""The Zhima-like score as a range (model/README.md §5).

Start from the user's base score; each overdue Ant can see costs a range of points by its
worst bucket, scaled by base/reference; repeats count less each (sorted worst first, the
k-th weighted ``repeat_weight**k``); several products unsettled at once cost extra; a
settled overdue's cost halves every ``half_life_months`` and is gone once purged.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import NamedTuple

from model.dates import months_between
from model.facts import EventFacts
from model.policy import Bucket
from model.rules import Rules


class Penalty(NamedTuple):
    """What one event costs on day ``t``, before the repeat weighting (a named tuple:
    cheap to build, and one is built per event for every day assessed)."""

    event: str
    bucket: Bucket
    worst_days: int
    low: float
    high: float
    unsettled: bool
    decay: float  # 1.0 while unsettled; halves per half-life after settlement


@dataclass(frozen=True, slots=True)
class ScoreEstimate:
    low: int
    likely: int
    high: int
    penalties: tuple[Penalty, ...]
    unsettled_accounts: tuple[str, ...]  # accounts with an unsettled overdue Ant sees
    multi_debt: tuple[float, float]  # points taken for several products at once
    income_bonus: tuple[float, float]
    applications: int = 0  # recent credit applications counted
    application_points: tuple[float, float] = (0.0, 0.0)  # points they take


def event_penalty(f: EventFacts, t: int, scale: float, rules: Rules) -> Penalty | None:
    worst = 0
    last_end = 0
    unsettled = False
    for spell in f.spells:
        # Spell.counts_at and Spell.days_at, inlined: this runs for every event on every
        # day assessed, and for each day Jiebei's reopen search tries.
        if not (spell.reportable_from <= t and spell.seen_by_ant_from <= t < spell.purge_on):
            continue
        end = spell.end
        days = (end if end < t else t) - spell.start  # > 0: it counts, so it ran past grace
        if days > worst:
            worst = days
        if end > t:
            unsettled = True
        elif end > last_end:
            last_end = end
    if worst == 0:
        return None
    bucket = rules.bucket_for(worst)
    decay = 1.0 if unsettled else 0.5 ** (months_between(last_end, t) / bucket.half_life_months)
    factor = scale * decay
    return Penalty(f.id, bucket, worst, bucket.penalty.low * factor,
                   bucket.penalty.high * factor, unsettled, decay)


def _weighted(values: list[float], weight: float) -> float:
    """Worst first, each next one counting ``weight`` times the one before."""
    values.sort(reverse=True)
    total = 0.0
    w = 1.0
    for v in values:
        total += v * w
        w *= weight
    return total


def estimate_score(
    facts: Sequence[EventFacts],
    t: int,
    base: int,
    income_proof: bool,
    rules: Rules,
    applications: int = 0,
) -> ScoreEstimate:
    scale = base / rules.reference_base
    penalties = []
    unsettled_accounts: list[str] = []
    for f in facts:
        p = event_penalty(f, t, scale, rules)
        if p is None:
            continue
        penalties.append(p)
        if p.unsettled and f.account not in unsettled_accounts:
            unsettled_accounts.append(f.account)
    lows = [p.low for p in penalties]
    highs = [p.high for p in penalties]
    mids = [(p.low + p.high) / 2 for p in penalties]
    w = rules.repeat_weight
    lost_low, lost_high, lost_mid = _weighted(lows, w), _weighted(highs, w), _weighted(mids, w)
    extra = max(0, len(unsettled_accounts) - 1)
    multi = (rules.multi_debt[0] * extra, rules.multi_debt[1] * extra)
    bonus = rules.income_bonus if income_proof else (0.0, 0.0)
    over = max(0, applications - rules.applications_free)
    apps = (rules.application_points[0] * over, rules.application_points[1] * over)
    low = base - lost_high - multi[1] - apps[1] + bonus[0]
    high = base - lost_low - multi[0] - apps[0] + bonus[1]
    likely = (base - lost_mid - (multi[0] + multi[1]) / 2 - (apps[0] + apps[1]) / 2
              + (bonus[0] + bonus[1]) / 2)
    return ScoreEstimate(
        low=_clamp(low, rules),
        likely=_clamp(likely, rules),
        high=_clamp(high, rules),
        penalties=tuple(penalties),
        unsettled_accounts=tuple(unsettled_accounts),
        multi_debt=multi,
        income_bonus=bonus,
        applications=applications,
        application_points=apps,
    )


def _clamp(value: float, rules: Rules) -> int:
    return int(min(rules.score_max, max(rules.score_min, round(value))))

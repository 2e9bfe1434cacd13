"""The policy flattened into plain numbers for the engine's hot paths.

``Policy`` is the validated, labelled source of truth; ``Rules`` is what the engine reads
thousands of times per assessment, so it holds plain ints and floats, built once per
policy object (cached on the policy).
"""

from __future__ import annotations

import itertools
from bisect import bisect_left
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from model.policy import Basis, Bucket, Policy, Product, RiskClass, Tier


@dataclass(frozen=True, slots=True, eq=False)  # one per policy: compared by identity
class Rules:
    grace_days: int
    report_lag_days: int
    code_step_days: int
    max_code: int
    retention_years: int
    history_months: int
    lsll_window_months: int
    lsll_consecutive: int
    lsll_cumulative: int
    lsll_min_code: int
    risk_classes: tuple[RiskClass, ...]
    default_after_days: int
    score_min: int
    score_max: int
    tiers: tuple[Tier, ...]
    reference_base: int
    buckets: tuple[Bucket, ...]
    repeat_weight: float
    multi_debt: tuple[float, float]
    income_bonus: tuple[float, float]
    frozen_unsettled_days: int
    frozen_own_unsettled_days: int
    closed_min_products: int
    apply_min_score: int
    reopen_after_clean_months: int
    reduce_below_base_points: int
    limit_round_to: float
    income_proof_lift: float
    reassessment_days: int
    applications_free: int
    application_points: tuple[float, float]
    applications_months: int
    reduce_above_applications: int
    score_factor: tuple[tuple[float, float], ...]
    extension_days: int
    extension_fee_rate: float
    court_notice_after_days: int
    notice_before_reporting: bool
    dispute_days: int
    bases: dict[str, Basis]  # each parameter's basis label, by its dotted name
    products: dict[str, Product]
    product_grace: dict[str, int]  # each product's grace days (its own, or the default)

    def grace_for(self, product: Product) -> int:
        return self.product_grace[product.id]

    def grace_basis(self, product: Product) -> tuple[Basis, str]:
        """The label of a product's grace, and the parameter it comes from."""
        if product.grace_days is not None:
            return self.basis(f"products.{product.id}.grace_days"), \
                f"products.{product.id}.grace_days"
        return self.basis("timing.grace_days"), "timing.grace_days"
    bucket_bounds: tuple[int, ...] = ()  # up_to_days of each bucket but the last

    def bucket_for(self, days: int) -> Bucket:
        # The first bucket whose up_to_days ``days`` does not pass, by bisection: policy
        # validation keeps the bounds rising and the last bucket open-ended. Every event
        # asks this on every day assessed.
        return self.buckets[bisect_left(self.bucket_bounds, days)]

    def pboc_code(self, days: int) -> int:
        """The report's overdue digit for ``days`` overdue (whether it is reported at all
        depends on grace, which the caller checks)."""
        return min(self.max_code, -(-days // self.code_step_days))

    def risk_class(self, days: int) -> RiskClass:
        # _band without its key function: this runs for every event and account.
        chosen = self.risk_classes[0]
        for band in self.risk_classes:
            if days >= band.from_days:
                chosen = band
        return chosen

    def tier(self, score: int) -> Tier:
        return _band(self.tiers, score, lambda t: t.from_score)

    def factor(self, score: float) -> float:
        """Piecewise-linear limit factor of a score, flat beyond the table's ends."""
        points = self.score_factor
        if score <= points[0][0]:
            return points[0][1]
        for (s0, f0), (s1, f1) in itertools.pairwise(points):
            if score <= s1:
                return f0 + (f1 - f0) * (score - s0) / (s1 - s0)
        return points[-1][1]

    def basis(self, dotted: str) -> Basis:
        """The basis label of a parameter named like ``jiebei.apply_min_score``."""
        return self.bases[dotted]


B = TypeVar("B")


def _band(bands: tuple[B, ...], value: float, start: Callable[[B], float]) -> B:
    """The last of the ascending ``bands`` whose start ``value`` has reached."""
    chosen = bands[0]
    for band in bands:
        if value >= start(band):
            chosen = band
    return chosen


# The policies compiled lately, by identity: a session asks for its policy's rules on
# every assessment, and a few policies are alive at once (the session's, a form's try).
_compiled: OrderedDict[int, tuple[Policy, Rules]] = OrderedDict()
KEEP_COMPILED = 16


def rules_for(policy: Policy) -> Rules:
    """The policy as plain numbers for the engine, compiled once per policy object."""
    hit = _compiled.get(id(policy))
    if hit is not None and hit[0] is policy:  # the policy is kept: its id is not reused
        _compiled.move_to_end(id(policy))
        return hit[1]
    rules = compile_rules(policy)
    _compiled[id(policy)] = (policy, rules)
    if len(_compiled) > KEEP_COMPILED:
        _compiled.popitem(last=False)
    return rules


def compile_rules(policy: Policy) -> Rules:
    t, r, k, s, j = policy.timing, policy.report, policy.risk, policy.score, policy.jiebei
    return Rules(
        grace_days=t.grace_days.value,
        report_lag_days=t.report_lag_days.value,
        code_step_days=r.code_step_days.value,
        max_code=r.max_code.value,
        retention_years=r.retention_years.value,
        history_months=r.history_months.value,
        lsll_window_months=r.lsll_window_months.value,
        lsll_consecutive=r.lsll_consecutive.value,
        lsll_cumulative=r.lsll_cumulative.value,
        lsll_min_code=r.lsll_min_code.value,
        risk_classes=k.classes.value,
        default_after_days=k.default_after_days.value,
        score_min=s.min.value,
        score_max=s.max.value,
        tiers=s.tiers.value,
        reference_base=s.reference_base.value,
        buckets=s.buckets.value,
        repeat_weight=s.repeat_weight.value,
        multi_debt=(s.multi_debt_penalty.value.low, s.multi_debt_penalty.value.high),
        income_bonus=(s.income_proof_bonus.value.low, s.income_proof_bonus.value.high),
        frozen_unsettled_days=j.frozen_unsettled_days.value,
        frozen_own_unsettled_days=j.frozen_own_unsettled_days.value,
        closed_min_products=j.closed_min_products.value,
        apply_min_score=j.apply_min_score.value,
        reopen_after_clean_months=j.reopen_after_clean_months.value,
        reduce_below_base_points=j.reduce_below_base_points.value,
        limit_round_to=j.limit_round_to.value,
        income_proof_lift=j.income_proof_lift.value,
        reassessment_days=j.reassessment_days.value,
        applications_free=s.applications_free.value,
        application_points=(s.application_penalty.value.low, s.application_penalty.value.high),
        applications_months=s.applications_months.value,
        reduce_above_applications=j.reduce_above_applications.value,
        score_factor=j.score_factor.value,
        extension_days=policy.extension.days.value,
        extension_fee_rate=policy.extension.fee_rate.value,
        court_notice_after_days=k.court_notice_after_days.value,
        notice_before_reporting=t.notice_before_reporting.value,
        dispute_days=r.dispute_days.value,
        bases=policy.bases,
        products=policy.catalog,
        product_grace={p.id: p.grace_days.value if p.grace_days is not None
                       else t.grace_days.value for p in policy.products},
        bucket_bounds=tuple(b.up_to_days or 0 for b in s.buckets.value[:-1]),
    )

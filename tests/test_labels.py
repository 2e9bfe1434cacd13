"""The labels tell the truth (model/README.md §2): no text promises what a lender might not
do, and no belief is shown as documented."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest

from model import SAMPLE_NAMES, assess, default_policy, load_sample
from tui.i18n import BASIS_MEANING, KEYS, ROOM, STRINGS, TOUR

# "pay by X and it is not reported": a promise. "usually not reported": a hedge.
PROMISE_EN = re.compile(r"(?<!usually )\bnot (?:be )?reported\b", re.IGNORECASE)
PROMISE_ZH = re.compile(r"(?<!通常)(?:不会(?:被)?上报|不会记为逾期)")


def every_text() -> list[str]:
    texts = [t for table in (STRINGS, KEYS, ROOM, BASIS_MEANING) for lang in table.values()
             for t in lang.values()]
    texts += [t for steps in TOUR.values() for pair in steps for t in pair]
    policy = default_policy()
    texts += [param.note for section in (policy.timing, policy.report, policy.risk,
                                        policy.score, policy.jiebei, policy.extension)
              for param in dict(section).values()]
    for name in SAMPLE_NAMES:
        scenario = load_sample(name)
        for days in (-60, -40, 0, 2, 40, 400, 800):
            a = assess(scenario, as_of=scenario.as_of + timedelta(days=days))
            for r in (*a.jiebei.reasons, *a.score.reasons, *a.notices):
                texts += [r.en, r.zh]
    # an overdue inside its grace period: the notice that used to promise
    a = assess(load_sample("fenqile-unsettled"), as_of=date(2026, 10, 17))
    texts += [t for r in a.notices for t in (r.en, r.zh)]
    assert any(r.rule == "notice-in-grace" for r in a.notices)
    return texts


def test_no_text_promises_that_something_is_not_reported():
    promises = [t for t in every_text() if PROMISE_EN.search(t) or PROMISE_ZH.search(t)]
    assert promises == []


def test_the_grace_notice_is_hedged_and_labelled_by_its_product():
    a = assess(load_sample("fenqile-unsettled"), as_of=date(2026, 10, 17))
    (grace,) = [r for r in a.notices if r.rule == "notice-in-grace"]
    assert "usually not reported" in grace.en and "通常不会记为逾期" in grace.zh
    assert grace.basis == "folk" and "not confirmed" in grace.en


@pytest.mark.parametrize(("product", "basis"), [("jiebei", "documented"),
                                                ("fenqile", "reported"),
                                                ("baitiao", "reported")])
def test_reporting_is_labelled_as_the_review_found(product: str, basis: str):
    assert default_policy().catalog[product].reports_to_pboc.basis == basis


def test_no_freeze_and_no_card_penalty_is_called_documented():
    policy = default_policy()
    assert policy.jiebei.frozen_unsettled_days.basis == "folk"
    card = policy.catalog["bank_card"]
    assert card.penalty_rate_per_day is not None
    assert card.penalty_rate_per_day.basis == "assumption"


def test_jiebei_penalty_is_a_multiple_of_its_own_rate_and_grace_is_per_product():
    policy = default_policy()
    jiebei = policy.catalog["jiebei"]
    assert jiebei.penalty_multiple is not None and jiebei.loan_rate_per_day is not None
    assert jiebei.penalty_per_day == pytest.approx(
        jiebei.penalty_multiple.value * jiebei.loan_rate_per_day.value)
    assert jiebei.grace_days is not None and jiebei.grace_days.basis == "folk"
    assert "disagree" in jiebei.grace_days.note


def test_the_m1_note_gives_the_models_own_numbers():
    note = default_policy().score.buckets.note
    assert "−20…−50" in note and "60–80" in note

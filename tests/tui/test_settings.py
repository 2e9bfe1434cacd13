"""The profile form (base score, limit, income proof) and the policy screen, edited live."""

from __future__ import annotations

import pytest
from textual.widgets import Input

from tests.tui.helpers import (
    NARROW,
    WIDE,
    make_app,
    shown_state,
    text,
)

# --- profile --------------------------------------------------------------------------


async def test_profile_form_changes_base_score_limit_and_income_proof():
    app = make_app("clean")
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("p")
        await pilot.pause()
        await pilot.press("backspace", "backspace", "backspace", *"620", "tab")
        await pilot.press(*["backspace"] * 5, *"50000", "tab", "space", "ctrl+s")
        await pilot.pause()
        profile = app.session.scenario.profile
        assert (profile.base_score, profile.income_proof) == (620, True)
        assert app.session.assessment.jiebei.base_limit == 50000
        assert "50,000" in str(app.query_one("#jiebei-limit").render())
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert app.session.scenario.profile.base_score == 700  # one undo, the whole form


async def test_profile_form_refuses_a_score_out_of_range():
    app = make_app("clean")
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("p")
        await pilot.pause()
        await pilot.press("backspace", "backspace", "backspace", *"999", "ctrl+s")
        await pilot.pause()
        assert app.screen.query_one("#p-score-error").render().plain.startswith("a whole")
        assert app.session.scenario.profile.base_score == 700


@pytest.mark.parametrize(("lang", "too_big", "beyond_policy"), [
    ("en", "must be at most 100,000,000", "a Jiebei limit of 500,000 is outside {range} RMB"),
    ("zh", "不能超过 100,000,000", "借呗额度 500,000 超出规则允许的范围({range} 元)"),
])
async def test_a_limit_too_big_is_said_under_the_limit_in_the_users_words(
    lang: str, too_big: str, beyond_policy: str
):
    app = make_app("clean", lang=lang)
    async with app.run_test(size=WIDE) as pilot:
        before = app.session.scenario
        await pilot.press("p")
        await pilot.pause()
        await pilot.press("tab")
        assert app.focused is not None and app.focused.id == "p-limit"
        await pilot.press("end", "ctrl+u", *"200000000", "enter")
        await pilot.pause()
        assert text(app, "#p-limit-error") == too_big
        assert text(app, "#form-error") == ""
        await pilot.press("end", "ctrl+u", *"500000", "enter")
        await pilot.pause()
        j = app.session.policy.jiebei  # the policy's range, however it is tuned
        allowed = f"{j.base_limit_min.value:,.0f}–{j.base_limit_max.value:,.0f}"
        assert beyond_policy.format(range=allowed) in text(app, "#p-limit-error")
        assert app.session.scenario is before


async def test_a_bad_score_and_a_bad_limit_are_said_together():
    app = make_app("clean", lang="zh")
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("p")
        await pilot.pause()
        await pilot.press("end", "ctrl+u", *"999", "tab", "end", "ctrl+u", *"200000000",
                          "enter")
        await pilot.pause()
        assert text(app, "#p-score-error") == "350 到 950 之间的整数"
        assert text(app, "#p-limit-error") == "不能超过 100,000,000"


async def test_a_refused_policy_value_is_said_in_chinese():
    app = make_app("fenqile-settled", lang="zh")
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("P")
        await pilot.pause()
        app.screen.query_one("#pol-timing-grace_days", Input).value = "-1"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert text(app, "#form-error") == "宽限期(天):不能小于 0"
        assert app.session.policy.timing.grace_days.value == 3


async def test_a_refused_value_stays_visible_in_a_compact_form_at_80x24():
    app = make_app("fenqile-unsettled")
    async with app.run_test(size=NARROW) as pilot:
        await pilot.press("p")
        await pilot.pause()
        field = app.focused
        assert isinstance(field, Input) and field.compact
        field.value = ""
        await pilot.press(*"2000", "enter")
        await pilot.pause()
        assert field.has_class("-invalid")
        assert field.content_region.height == 1  # the typed text still has its row
        assert "2000" in str(field.render_line(0).text)


# --- policy ---------------------------------------------------------------------------


async def test_policy_screen_changes_the_rules_live_and_refuses_bad_values():
    from tui.screens.policy import PolicyScreen

    app = make_app("fenqile-settled")
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("P")
        await pilot.pause()
        assert isinstance(app.screen, PolicyScreen)
        assert app.focused is app.screen.query(Input).first()  # ready to type
        months = app.screen.query_one("#pol-jiebei-reopen_after_clean_months")
        months.value = "1"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.session.policy.jiebei.reopen_after_clean_months.value == 1
        assert shown_state(app) == "AVAILABLE"  # the pane behind followed at once
        grace = app.screen.query_one("#pol-timing-grace_days")
        grace.value = "-1"
        await pilot.press("ctrl+s")
        await pilot.pause()
        error = str(app.screen.query_one("#form-error").render())
        assert error == "grace days before reporting: must be at least 0"  # as labelled
        assert app.session.policy.timing.grace_days.value == 3  # refused: unchanged
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert app.session.policy.jiebei.reopen_after_clean_months.value == 6
        assert shown_state(app) == "REDUCED"
        assert grace.value == "3"

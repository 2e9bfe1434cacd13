"""The profile form (base score, limit, income proof) and the policy screen, edited live."""

from __future__ import annotations

import pytest
from textual.widgets import Input

from tests.tui.helpers import (
    NARROW,
    WIDE,
    english_words,
    jiebei_lines,
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
        assert "50,000" in jiebei_lines(app)[1]
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
        assert text(app, "#pol-timing-grace_days-error") == "不能小于 0"
        assert text(app, "#form-error") == "未应用,请修改标红的项:宽限期(天)"
        assert app.session.policy.timing.grace_days.value == 3


async def test_every_bad_policy_value_is_said_at_once_under_its_own_field_in_chinese():
    app = make_app("fenqile-settled", lang="zh")
    async with app.run_test(size=NARROW) as pilot:
        await pilot.press("P")
        await pilot.pause()
        before = app.session.policy
        typed = {"timing-grace_days": "三天", "extension-days": "0",
                 "score-buckets-0-penalty-low": "60"}  # M1's high end is 50
        for name, value in typed.items():
            app.screen.query_one(f"#pol-{name}", Input).value = value
        await pilot.press("ctrl+s")
        await pilot.pause()
        said = {name: text(app, f"#pol-{name}-error") for name in
                [*typed, "score-buckets-0-penalty-high", "timing-report_lag_days"]}
        assert said == {
            "timing-grace_days": "须为数字",
            "extension-days": "不能小于 1",
            "score-buckets-0-penalty-low": "下限(60)高于上限(50)",  # both ends of the range
            "score-buckets-0-penalty-high": "下限(60)高于上限(50)",
            "timing-report_lag_days": "",  # a good value: nothing under it
        }
        assert app.screen.query_one("#pol-timing-report_lag_days-error").display is False
        assert app.screen.query_one("#pol-timing-grace_days", Input).has_class("-invalid")
        assert app.focused is app.screen.query_one("#pol-timing-grace_days")  # the first
        assert text(app, "#form-error").startswith("未应用,请修改标红的项:宽限期(天)、")
        assert app.session.policy is before  # nothing applied
        for words in [*said.values(), text(app, "#form-error")]:
            assert english_words(words) == [], words
        app.screen.query_one("#pol-timing-grace_days", Input).value = "3"
        app.screen.query_one("#pol-extension-days", Input).value = "30"
        app.screen.query_one("#pol-score-buckets-0-penalty-low", Input).value = "20"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert text(app, "#pol-timing-grace_days-error") == ""  # fixed: said no more
        assert text(app, "#form-error") == "已应用:所有面板按此规则更新"


async def test_a_policy_check_across_buckets_is_said_in_chinese():
    from textual.containers import VerticalScroll

    app = make_app("fenqile-settled", lang="zh")
    async with app.run_test(size=NARROW) as pilot:
        await pilot.press("P")
        await pilot.pause()
        app.screen.query_one("#pol-score-buckets-1-penalty-low", Input).value = "10"
        await pilot.press("ctrl+s")
        await pilot.pause()
        said = text(app, "#form-error")
        assert said == "M2 档的扣分不能少于较轻的 M1 档"  # about two buckets: said once
        form = app.screen.query_one(VerticalScroll)
        error = app.screen.query_one("#form-error")
        assert form.content_region.contains_region(error.region)  # below the list, in view
        assert english_words(said) == []
        assert app.session.policy.score.buckets.value[1].penalty.low == 50


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
        assert text(app, "#pol-timing-grace_days-error") == "must be at least 0"
        assert text(app, "#form-error") == ("Not applied; fix the values marked in red: "
                                            "grace days before reporting")  # as labelled
        assert app.session.policy.timing.grace_days.value == 3  # refused: unchanged
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert app.session.policy.jiebei.reopen_after_clean_months.value == 6
        assert shown_state(app) == "REDUCED"
        assert grace.value == "3"


async def test_the_profile_form_takes_its_bounds_from_the_model():
    """One source for the score and applications bounds: the form refuses exactly what
    the model refuses, and says the model's range."""
    from model.scenario import APPLICATIONS_RANGE, BASE_SCORE_RANGE

    low, high = BASE_SCORE_RANGE
    app = make_app("clean", lang="zh")
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("p")
        await pilot.pause()
        assert text(app, "#p-score-error") == f"列出的逾期发生之前的芝麻分({low}–{high})"
        score = app.screen.query_one("#p-score", Input)
        score.value = str(high + 1)
        await pilot.pause()
        assert text(app, "#p-score-error") == f"{low} 到 {high} 之间的整数"
        app.screen.query_one("#p-applications", Input).value = str(APPLICATIONS_RANGE[1] + 1)
        await pilot.pause()
        assert text(app, "#p-applications-error") == "{} 到 {} 的整数".format(*APPLICATIONS_RANGE)
        score.value = str(high)
        app.screen.query_one("#p-applications", Input).value = str(APPLICATIONS_RANGE[1])
        await pilot.press("ctrl+s")
        await pilot.pause()
        profile = app.session.scenario.profile
        assert (profile.base_score, profile.recent_applications) == (high, APPLICATIONS_RANGE[1])

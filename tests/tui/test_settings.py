"""The profile form (base score, limit, income proof) and the policy screen, edited live."""

from __future__ import annotations

from textual.widgets import Input

from tests.tui.helpers import (
    NARROW,
    WIDE,
    make_app,
    shown_state,
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
        assert "timing.grace_days" in error
        assert app.session.policy.timing.grace_days.value == 3  # refused: unchanged
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert app.session.policy.jiebei.reopen_after_clean_months.value == 6
        assert shown_state(app) == "REDUCED"
        assert grace.value == "3"

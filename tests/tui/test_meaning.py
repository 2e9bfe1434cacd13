"""Through the real keys and forms: each key does what its label says, a form confirmed
unchanged changes nothing, and bad input is a message, never a crash or a lost file
(issue 10's findings, one test each, and a round trip over generated scenarios)."""

from __future__ import annotations

import json
import random
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Input

from model import Session, load_sample, parse_scenario
from model.io import branches_json
from tests.tui.helpers import WIDE, jiebei_lines, make_app, shown_score, shown_state, text, toasts
from tui.app import JiebeiApp
from tui.options import AppOptions
from tui.options import read_unsaved as _read_unsaved
from tui.screens.compare import CompareScreen
from tui.screens.dialogs import PathPrompt, UnsavedConfirm
from tui.screens.forms import EventForm, ExtensionForm, ProfileForm
from tui.screens.policy import PolicyScreen


def why_text(app: JiebeiApp) -> str:
    return str(app.query_one("#reasons-body").render())


def jiebei_text(app: JiebeiApp) -> str:
    return "\n".join(jiebei_lines(app))


# --- choices only where they apply --------------------------------------------------------


async def test_s_on_a_settled_event_is_refused_and_names_its_settlement_date():
    app = make_app("fenqile-settled")
    async with app.run_test(size=WIDE, notifications=True) as pilot:
        before = app.session.scenario
        score, state = shown_score(app), shown_state(app)
        await pilot.press("s")
        await pilot.pause()
        assert app.session.scenario is before  # the payment was not moved to today
        assert (shown_score(app), shown_state(app)) == (score, state)
        said = " ".join(toasts(app))
        assert "settled on 2026-10-02" in said and "edit the event" in said


async def test_c_on_a_settled_event_is_refused_instead_of_treating_it_as_unpaid():
    app = make_app("fenqile-settled")
    async with app.run_test(size=WIDE, notifications=True) as pilot:
        await pilot.press("c")
        await pilot.pause()
        assert not isinstance(app.screen, CompareScreen)
        assert "settled on 2026-10-02" in " ".join(toasts(app))


async def test_the_comparison_of_an_unpaid_fenqile_overdue_has_five_rows_each_costed():
    app = make_app("fenqile-unsettled")
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(app.screen, CompareScreen)
        table = app.screen.query_one("#compare-table")
        shown = [[str(c) for c in table.get_row_at(i)] for i in range(table.row_count)]
        assert [r[0] for r in shown] == ["settle today", "settle in 30 days",
                                         "settle in 90 days", "30-day extension", "never pay"]
        cost = {r[0]: r[3] for r in shown}
        assert cost["settle today"] == "¥27.00"  # 45 days × 0.05% × ¥1,200
        assert cost["30-day extension"] == "¥39.00"  # the same, plus its ¥12 fee
        assert cost["never pay"] == "≥¥27.00"  # a floor: it never stops
        assert len({tuple(r) for r in shown}) == 5
        assert shown[0][2] == "2027-11-04" and shown[-1][2] == "never"
        assert app.session.scenario.event("e1").settled is None  # comparing changes nothing
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, CompareScreen)


async def test_kept_extension_branch_reads_extended_in_the_why_pane():
    app = make_app("fenqile-unsettled")
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("c", "k")
        await pilot.pause()
        app.session.switch("e1: 30-day extension")
        await pilot.pause()
        words = why_text(app)
        assert "extended" in words
        assert "settled;" not in words and "was settled" not in words


async def test_the_extension_sample_shows_no_growing_cost():
    app = make_app("extension")
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        assert "/day" not in jiebei_text(app)
        assert "so far ¥45.00" in jiebei_text(app)


async def test_before_the_due_date_nothing_has_been_spent_yet():
    app = JiebeiApp(Session(load_sample("fenqile-settled"), as_of=date(2020, 1, 1)),
                    AppOptions(first_run_notice=False, lang="en"))
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        assert "so far ¥0.00 · plan total ¥13.20" in jiebei_text(app)


# --- a no-op is a no-op -------------------------------------------------------------------


async def test_policy_screen_confirmed_unchanged_changes_nothing_and_stays_responsive():
    app = make_app("fenqile-settled")
    async with app.run_test(size=WIDE) as pilot:
        policy = app.session.policy
        await pilot.press("P")
        await pilot.pause()
        assert isinstance(app.screen, PolicyScreen)
        await pilot.press("enter")
        await pilot.pause()
        assert app.session.policy is policy
        await pilot.press("escape", "]")
        await pilot.pause()
        assert app.session.as_of == date(2026, 12, 29)  # still answering keys


async def test_edit_form_confirmed_unchanged_keeps_a_large_amount_exact():
    app = make_app("fenqile-unsettled")
    async with app.run_test(size=WIDE) as pilot:
        app.session.apply(_update_amount(1234567))
        await pilot.pause()
        before = app.session.scenario
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, EventForm)
        assert app.screen.query_one("#f-amount", Input).value == "1234567"
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, EventForm)
        assert app.session.scenario == before
        assert app.session.scenario.event("e1").amount == 1234567


def _update_amount(amount: float):
    from model import UpdateEvent

    return UpdateEvent("e1", {"amount": amount})


async def test_profile_form_confirmed_unchanged_keeps_a_dated_income_proof():
    from model import UpdateProfile

    app = make_app("fenqile-unsettled")
    async with app.run_test(size=WIDE) as pilot:
        app.session.apply(UpdateProfile({"income_proof": date(2026, 12, 20)}))
        app.session.mark_saved()
        await pilot.pause()
        await pilot.press("p")
        await pilot.pause()
        assert isinstance(app.screen, ProfileForm)
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, ProfileForm)
        assert app.session.scenario.profile.income_proof == date(2026, 12, 20)
        assert not app.session.dirty and not app.session.can_redo


# --- bad input is a message ---------------------------------------------------------------


async def test_a_save_as_name_too_long_is_an_inline_message_and_keeps_the_typed_path(in_tmp):
    app = make_app("fenqile-unsettled")
    name = "x" * 300 + ".json"
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("ctrl+w")
        await pilot.pause()
        field = app.screen.query_one("#path", Input)
        field.value = name
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, PathPrompt)
        assert text(app, "#form-error").endswith(": the name is too long")  # errno, in words
        assert field.value == name
        assert app.is_running and list(in_tmp.iterdir()) == []


async def test_save_into_a_read_only_folder_is_an_inline_message(in_tmp):
    import os

    if os.geteuid() == 0:  # root writes anywhere: make the folder vanish instead
        folder = in_tmp / "gone"
        folder.mkdir()
    else:
        folder = in_tmp / "ro"
        folder.mkdir(mode=0o500)
    app = make_app("fenqile-unsettled")
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("ctrl+w")
        await pilot.pause()
        app.screen.query_one("#path", Input).value = str(folder / "x.json")
        if os.geteuid() == 0:
            folder.rmdir()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, PathPrompt)
        assert text(app, "#form-error")
        assert app.screen.query_one("#path", Input).value == str(folder / "x.json")


async def test_ctrl_s_will_not_overwrite_a_file_that_no_longer_reads_as_a_scenario(in_tmp):
    path = in_tmp / "mine.json"
    app = make_app("fenqile-unsettled", path=path)
    async with app.run_test(size=WIDE, notifications=True) as pilot:
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert path.exists()
        path.write_text("{ edited by hand and broken", "utf-8")
        await pilot.press("s", "ctrl+s")
        await pilot.pause()
        assert path.read_text("utf-8") == "{ edited by hand and broken"
        assert any("does not read as a scenario" in t for t in toasts(app))
        assert app.session.dirty


def test_an_unreadable_autosave_is_kept_and_the_message_says_where(tmp_path: Path):
    autosave = tmp_path / "autosave.json"
    autosave.write_text("{ half written", "utf-8")
    unsaved, problem = _read_unsaved(autosave, None, "en")
    assert unsaved is None and problem is not None
    kept = tmp_path / "autosave-unreadable-1.json"
    assert kept.read_text("utf-8") == "{ half written"
    assert str(kept) in problem


async def test_the_app_tells_about_an_unreadable_autosave_and_keeps_autosaving(tmp_path):
    autosave = tmp_path / "autosave.json"
    autosave.write_text('{"format": "jiebei-sim/autosave@7"}', "utf-8")
    _, problem = _read_unsaved(autosave, None, "en")
    app = make_app("fenqile-unsettled", autosave_file=autosave, autosave_problem=problem)
    async with app.run_test(size=WIDE, notifications=True) as pilot:
        await pilot.pause()
        assert any("autosave-unreadable-1.json" in t for t in toasts(app))
        await pilot.press("s")
        await pilot.pause()
        assert autosave.exists()  # new work is protected again
    assert (tmp_path / "autosave-unreadable-1.json").exists()


@pytest.mark.parametrize(("content", "why"), [
    ("{ half written", "无法读取"),
    ('{"format": "jiebei-sim/autosave@7"}',
     "不是此版本能读取的自动保存文件(应为 jiebei-sim/autosave@1)"),
    ('{"format": "jiebei-sim/autosave@1"}', "scenario:必填"),
    ('{"format": "jiebei-sim/autosave@1", "scenario": []}', "顶层应为 JSON 对象"),
])
def test_why_an_autosave_is_unreadable_is_said_in_chinese(
    tmp_path: Path, content: str, why: str
):
    from tests.tui.helpers import english_words

    autosave = tmp_path / "autosave.json"
    autosave.write_text(content, "utf-8")
    _, problem = _read_unsaved(autosave, None, "zh")
    kept = tmp_path / "autosave-unreadable-1.json"
    assert problem == f"上次未保存的内容无法读取,因此没有恢复;文件保留在 {kept}。({why})"
    assert english_words(problem.replace(str(kept), ""), "scenario") == [], problem


# --- every way out asks -------------------------------------------------------------------


@pytest.mark.parametrize("way_out", ["q", "ctrl+q", "palette"])
async def test_every_way_out_asks_when_work_is_unsaved(way_out: str):
    app = make_app("fenqile-unsettled")
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("s")
        await pilot.pause()
        if way_out == "palette":
            await pilot.press("ctrl+p")
            await pilot.pause()
            for ch in "quit":
                await pilot.press(ch)
            await pilot.pause(0.3)
            await pilot.press("enter")
        else:
            await pilot.press(way_out)
        await pilot.pause()
        assert isinstance(app.screen, UnsavedConfirm), way_out
        await pilot.press("n")
        await pilot.pause()
        assert app.is_running and app.session.dirty


async def test_save_and_quit_saves_then_leaves(tmp_path: Path):
    path = tmp_path / "mine.json"
    app = make_app("fenqile-unsettled", path=path)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("s", "q")
        await pilot.pause()
        await pilot.press("s")  # Save and quit
        await pilot.pause()
        assert not app.is_running
    assert json.loads(path.read_text("utf-8"))["overdues"][0]["settled"] == "2026-11-29"


async def test_quit_without_saving_also_clears_the_autosave(tmp_path: Path):
    autosave = tmp_path / "autosave.json"
    app = make_app("fenqile-unsettled", autosave_file=autosave)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("s")
        await pilot.pause()
        assert autosave.exists()
        await pilot.press("ctrl+q", "y")
        await pilot.pause()
        assert not app.is_running
    assert not autosave.exists()


# --- round trips over generated scenarios, through the real forms -----------------------


def generated_scenario(seed: int) -> dict[str, Any]:
    """What people type: cents, amounts in the millions, dated income proof, extensions,
    unpaid and planned settlements."""
    rng = random.Random(seed)
    as_of = date(2026, 11, 29)
    accounts = [
        {"id": "fenqile", "product": "fenqile", "limit": 20000, "balance": 6000.5},
        {"id": "jiebei", "product": "jiebei", "limit": rng.choice([30000, 12345.67, 300000]),
         "balance": 0},
        {"id": "huabei", "product": "huabei", "limit": 8000, "balance": 1500},
    ]
    events = []
    for i in range(rng.randint(1, 4)):
        due = as_of - timedelta(days=rng.randint(-10, 300))
        event: dict[str, Any] = {
            "id": f"e{i + 1}", "account": rng.choice(accounts)["id"],
            "amount": rng.choice([1200, 99.99, 1234567, 0.01, 2500000.75, 333.33]),
            "due": due.isoformat(), "settled": None, "extension": None}
        kind = rng.choice(["unpaid", "settled", "planned", "extended"])
        if kind == "settled" and due < as_of:
            event["settled"] = (due + timedelta(days=rng.randint(0, (as_of - due).days))
                                ).isoformat()
        elif kind == "planned":
            event["settled"] = (max(as_of, due) + timedelta(days=rng.randint(1, 90))
                                ).isoformat()
        elif kind == "extended":
            agreed = due + timedelta(days=rng.randint(-5, 20))
            event["extension"] = {"agreed": agreed.isoformat(),
                                  "new_due": (max(agreed, due) + timedelta(days=30)).isoformat(),
                                  "fee": rng.choice([0, 12.34, 45])}
        events.append(event)
    return {"format": "jiebei-sim/scenario@1", "name": f"generated {seed}",
            "as_of": as_of.isoformat(),
            "profile": {"base_score": rng.randint(560, 820),
                        # every kind, a dated one first
                        "income_proof": ["2026-12-20", "2025-03-01", True, False][seed % 4]},
            "accounts": accounts, "overdues": events}


@pytest.mark.parametrize("seed", range(5))
async def test_every_form_confirmed_unchanged_leaves_the_saved_file_identical(
        seed: int, tmp_path: Path):
    scenario = parse_scenario(generated_scenario(seed))
    path = tmp_path / "mine.json"
    path.write_text(branches_json({"main": scenario}), "utf-8")
    original = path.read_bytes()
    app = JiebeiApp(Session(scenario), AppOptions(path=path, first_run_notice=False, lang="en"))
    async with app.run_test(size=WIDE) as pilot:
        policy = app.session.policy
        for row, event in enumerate(scenario.overdues):
            app.query_one("#events-table").move_cursor(row=row)
            await pilot.pause()
            await pilot.press("e")
            await pilot.pause()
            assert isinstance(app.screen, EventForm)
            await pilot.press("enter")
            await pilot.pause()
            assert not isinstance(app.screen, EventForm), text(app, "#form-error")
            if event.extension is not None:  # look again at the extension agreed
                await pilot.press("x")
                await pilot.pause()
                assert isinstance(app.screen, ExtensionForm)
                await pilot.press("enter")
                await pilot.pause()
                assert not isinstance(app.screen, ExtensionForm), text(app, "#form-error")
        await pilot.press("p")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, ProfileForm), text(app, "#form-error")
        await pilot.press("P")
        await pilot.pause()
        await pilot.press("enter", "escape")
        await pilot.pause()
        assert app.session.scenario == scenario
        assert app.session.policy is policy
        assert not app.session.dirty and not app.session.can_undo
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert path.read_bytes() == original


@pytest.mark.parametrize(("change", "field"), [
    (("overdues", 0, "amount", True), "overdues[0].amount: must be a number"),
    (("profile", "income_proof", "yes"), "profile.income_proof: must be true, false or a date"),
])
async def test_the_open_dialog_names_a_wrong_type_in_one_line(in_tmp, change, field):
    data = json.loads(branches_json({"main": load_sample("fenqile-settled")}))
    *where, key, value = change
    node = data
    for part in where:
        node = node[part]
    node[key] = value
    (in_tmp / "bad.json").write_text(json.dumps(data), "utf-8")
    app = make_app("fenqile-unsettled")
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("ctrl+o")
        await pilot.pause()
        app.screen.query_one("#path", Input).value = "bad.json"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, PathPrompt)
        error = text(app, "#form-error")
        assert error == f"bad.json: {field}" or error.startswith(f"bad.json: {field}"), error
        assert "\n" not in error.strip()

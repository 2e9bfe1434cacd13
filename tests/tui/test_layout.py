"""The main screen's layout: the panes at wide and narrow sizes, focus keys, the key bar."""

from __future__ import annotations

import json

import pytest
from textual.geometry import Region

from model import Session, load_sample
from tests.tui.helpers import (
    NARROW,
    PANES,
    SCENARIO_DAY,
    SETTLED,
    WIDE,
    badge,
    lines,
    make_app,
    rows,
    shown_score,
    shown_state,
    table,
    toasts,
)
from tui.app import JiebeiApp
from tui.i18n import BASIS
from tui.options import AppOptions
from tui.screens.forms import EventForm
from tui.screens.help import HelpScreen
from tui.widgets.key_footer import KeyBar

# --- narrow and wide ------------------------------------------------------------------


def within(region: Region, width: int, height: int) -> bool:
    return (region.width > 0 and region.height > 0 and region.x >= 0 and region.y >= 0
            and region.right <= width and region.bottom <= height)


async def test_narrow_terminal_stacks_the_panes_and_shows_the_answer_first():
    app = make_app("fenqile-unsettled")
    async with app.run_test(size=NARROW) as pilot:
        await pilot.pause()
        screen = app.screen
        assert screen.has_class("-narrow") and not screen.has_class("-wide")
        badge_widget = app.query_one("#jiebei-body")
        assert within(badge_widget.region, *NARROW), badge_widget.region
        assert "SUSPENDED" in badge(app)
        # what is on the terminal at the badge's place is the badge
        assert screen.get_widget_at(badge_widget.region.x, badge_widget.region.y)[0] is (
            badge_widget)
        # one column: each pane spans the width, in the documented order
        tops = [app.query_one(f"#{p}").region.y for p in PANES[:2]]
        assert tops == sorted(tops)
        widths = {app.query_one(f"#{pane}").region.width for pane in PANES}
        assert len(widths) == 1 and widths.pop() >= NARROW[0] - 1  # less a scrollbar


async def test_narrow_terminal_still_works_with_keys():
    app = make_app("fenqile-unsettled")
    async with app.run_test(size=NARROW) as pilot:
        assert rows(app)[0][SETTLED] == "unpaid" and shown_state(app) == "SUSPENDED"
        await pilot.press("s")  # settle e1 today, from the stacked layout
        await pilot.pause()
        assert app.session.scenario.event("e1").settled == app.session.as_of == SCENARIO_DAY
        assert rows(app)[0][SETTLED] == SCENARIO_DAY.isoformat()  # and the row says so
        assert shown_state(app) != "SUSPENDED"
        assert shown_state(app) == app.session.assessment.jiebei.state.upper()
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, EventForm)
        form = app.screen.query_one(".form")
        assert within(form.region, *NARROW)


async def test_wide_terminal_shows_all_six_panes_at_once():
    app = make_app("several-unsettled")
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        screen = app.screen
        assert screen.has_class("-wide") and not screen.has_class("-narrow")
        regions = {}
        for pane in PANES:
            region = app.query_one(f"#{pane}").region
            assert within(region, *WIDE), (pane, region)
            regions[pane] = region
        names = list(regions)
        for i, a in enumerate(names):
            for b in names[i + 1:]:
                assert not regions[a].overlaps(regions[b]), (a, b)
        assert within(app.query_one("#jiebei-body").region, *WIDE)
        assert within(app.query_one("#reminder").region, *WIDE)


async def test_resizing_switches_the_layout():
    app = make_app("fenqile-unsettled")
    async with app.run_test(size=WIDE) as pilot:
        assert app.screen.has_class("-wide")
        await pilot.resize_terminal(*NARROW)
        assert app.screen.has_class("-narrow")
        assert within(app.query_one("#jiebei-body").region, *NARROW)


async def test_a_resize_under_a_dialog_still_restacks_the_panes():
    """Help open, the terminal narrows: the main screen, laid out at the new size under
    the dialog already, must still take the narrow layout once the dialog closes."""
    app = make_app("fenqile-unsettled")
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        await pilot.resize_terminal(*NARROW)
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen.has_class("-narrow") and not app.screen.has_class("-wide")
        assert within(app.query_one("#jiebei-body").region, *NARROW)


async def test_a_line_hidden_at_one_width_shows_the_latest_at_the_other():
    """The score's headline is drawn at narrow widths only (wide, the large digits say
    it): shown at 80 columns, it must hold the months stepped meanwhile, whole, and
    the digits at 120 columns again."""
    app = make_app("fenqile-unsettled")
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("]", "]")
        await pilot.pause()
        likely = app.session.assessment.score.likely
        await pilot.resize_terminal(*NARROW)
        await pilot.pause()
        body = app.query_one("#score-body")
        assert f"likely {likely} (" in drawn(body)[0]
        assert body.region.height == body.virtual_size.height  # every row, none cut
        await pilot.press("]")
        await pilot.resize_terminal(*WIDE)
        await pilot.pause()
        assert shown_score(app) == app.session.assessment.score.likely


# --- what the panes draw --------------------------------------------------------------


def many_old_events(count: int = 60) -> Session:
    """The unpaid Fenqile overdue, among ``count`` older ones settled within days, years
    ago: each a record on the report."""
    from datetime import timedelta

    from model import parse_scenario
    from model.io import scenario_json

    data = json.loads(scenario_json(load_sample("fenqile-unsettled")))
    for i in range(count):
        due = SCENARIO_DAY - timedelta(days=760 + 7 * i)
        data["overdues"].append({"id": f"old{i}", "account": "huabei", "amount": 300,
                                 "due": due.isoformat(),
                                 "settled": (due + timedelta(days=5)).isoformat()})
    return Session(parse_scenario(data))


def drawn(widget) -> list[str]:
    """The rows a widget draws now, as the compositor would ask for them."""
    return [strip.text for strip in widget.render_lines(Region(0, 0, *widget.size))]


async def test_many_report_records_scroll_inside_their_pane_at_120x36():
    app = JiebeiApp(many_old_events(), AppOptions(lang="en", first_run_notice=False))
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        for pane in PANES:
            assert within(app.query_one(f"#{pane}").region, *WIDE), pane
        assert app.query_one("#events-table").region.height >= 5  # the events keep room
        grid = app.query_one("#report-grid")
        assert not any("old59" in row for row in drawn(grid))
        grid.scroll_end(animate=False)
        await pilot.pause()
        assert any("old59" in row for row in drawn(grid))


async def test_an_edit_redraws_the_report_record_it_changes():
    app = make_app("fenqile-unsettled")
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        grid = app.query_one("#report-grid")
        record = next(row for row in drawn(grid) if row.lstrip().startswith("e1 "))
        assert "kept while unpaid" in record
        await pilot.press("s")
        await pilot.pause()
        record = next(row for row in drawn(grid) if row.lstrip().startswith("e1 "))
        assert "purged 2031-11-29" in record


async def test_the_chart_of_the_months_ahead_follows_every_edit():
    """Drawn a frame after the answer, it must still end on the months of the latest
    state: here the sample with e1 settled on the as-of day, built from its file."""
    from model import parse_scenario, project
    from model.io import scenario_json

    data = json.loads(scenario_json(load_sample("fenqile-unsettled")))
    (e1,) = [e for e in data["overdues"] if e["id"] == "e1"]
    e1["settled"] = SCENARIO_DAY.isoformat()
    settled = project(parse_scenario(data), months=24).months
    unpaid = project(load_sample("fenqile-unsettled"), months=24).months

    def label(months) -> str:
        return f"{months[0].score_likely} → {months[-1].score_likely}"

    app = make_app("fenqile-unsettled")
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        assert lines(app, "#score-body")[-1].endswith(label(unpaid))
        await pilot.press("s", "ctrl+z", "ctrl+y")  # three states, one after the other
        await pilot.pause()
        assert lines(app, "#score-body")[-1].endswith(label(settled))
        body = app.query_one("#score-body")
        chart = drawn(body)[-2]
        assert chart == sparkline(app, [m.score_likely for m in settled], len(chart))[0]


def sparkline(app, data: list[int], width: int) -> tuple[str, list]:
    """Textual's own sparkline of ``data`` (its renderable, as its Sparkline widget draws
    it, in the theme's error and success colours): its bars, and their colours."""
    from textual.color import Color
    from textual.renderables.sparkline import Sparkline

    body = app.query_one("#score-body")
    base = body.background_colors[1]
    low, high = (base + Color.parse(app.theme_variables[name]) for name in ("error",
                                                                            "success"))
    chart = Sparkline(data, width=width, height=1, min_color=low.rich_color,
                      max_color=high.rich_color)
    segments = [s for s in app.console.render(chart, app.console.options.update(
        width=width, height=1)) if s.text != "\n"]
    return "".join(s.text for s in segments), [(c, s.style.color) for s in segments
                                               for c in s.text]


@pytest.mark.parametrize("theme", ["textual-dark", "jiebei-light", "ansi-dark"])
async def test_the_chart_draws_as_textuals_sparkline_would(theme):
    """The score's chart is drawn by the pane itself, quickly; each bar, and its colour,
    is what Textual's own sparkline draws for the same months, at any count and width."""
    import random

    from tui.widgets.score_pane import Spark

    app = make_app("fenqile-unsettled")
    async with app.run_test(size=WIDE) as pilot:
        app.theme = theme
        await pilot.pause()
        body = app.query_one("#score-body")
        chance = random.Random(14)
        for _ in range(60):
            count = chance.choice([0, 1, 2, 7, 25, 40, 61])
            width = chance.choice([10, 40, 74])
            data = [chance.randint(350, 950) for _ in range(count)]
            (strip,) = Spark(tuple(data)).draw(body, width, body.visual_style)
            mine = [(c, s.style.color) for s in strip for c in s.text]
            assert (strip.text, mine) == sparkline(app, data, width), (data, width)


async def test_why_pane_shows_each_reason_with_its_basis_label():
    from tui.linebreak import NO_START
    from tui.widgets.flow_text import FlowText

    for lang, size in (("en", WIDE), ("zh", NARROW), ("zh", WIDE)):
        app = make_app("several-unsettled", lang=lang)
        async with app.run_test(size=size) as pilot:
            await pilot.pause()
            shown = app.query_one("#reasons-body", FlowText).plain
            flat = " ".join(line.strip() for line in shown.splitlines())
            for reason in app.session.assessment.jiebei.reasons:
                word = BASIS[lang][str(reason.basis)]
                assert (f"▌{word}" if lang == "en" else f"【{word}】") in shown
                if lang == "en":
                    assert reason.en[:30] in flat
                else:  # Chinese is shown without spaces
                    assert reason.zh.replace(" ", "")[:12] in flat.replace(" ", "")
            for line in shown.splitlines():
                assert line.strip()[:1] not in NO_START, (lang, size, line)


# --- focus ----------------------------------------------------------------------------


def pane_of(app: JiebeiApp) -> str | None:
    """The pane the focus is in (its id), if any."""
    node = app.focused
    while node is not None and not node.has_class("pane"):
        node = node.parent
    return node.id if node is not None else None


def on_screen(app: JiebeiApp, pane: str) -> bool:
    """Whether some of the pane shows inside the scrolling column."""
    main = app.query_one("#main").region
    return app.query_one(f"#{pane}").region.intersection(main).height > 0


@pytest.mark.parametrize("size", [NARROW, WIDE])
async def test_a_number_key_goes_to_each_pane_in_screen_order(size: tuple[int, int]):
    app = make_app("several-unsettled")
    async with app.run_test(size=size) as pilot:
        assert app.focused is table(app)  # the event keys act on it from the start
        for n, pane in enumerate(PANES, start=1):
            await pilot.press(str(n))
            await pilot.pause()
            assert pane_of(app) == pane, (n, pane)
            assert on_screen(app, pane), pane
        await pilot.press("4", "s")  # on the reasons, the event keys still act
        await pilot.pause()
        assert rows(app)[0][SETTLED] == SCENARIO_DAY.isoformat()


@pytest.mark.parametrize("size", [NARROW, WIDE])
async def test_tab_and_shift_tab_cycle_through_every_pane(size: tuple[int, int]):
    app = make_app("fenqile-settled")
    async with app.run_test(size=size) as pilot:
        forward = []
        for _ in PANES:
            await pilot.press("tab")
            await pilot.pause()
            forward.append(pane_of(app))
            assert on_screen(app, forward[-1])
        assert sorted(forward) == sorted(PANES)  # each pane once, back to the start
        assert forward[-1] == "events"
        backward = []
        for _ in PANES:
            await pilot.press("shift+tab")
            await pilot.pause()
            backward.append(pane_of(app))
        assert backward[:-1] == forward[-2::-1]


async def test_the_focused_pane_is_drawn_apart():
    app = make_app("fenqile-settled")
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("5")
        await pilot.pause()
        accounts, report = app.query_one("#accounts"), app.query_one("#report")
        assert accounts.styles.border_top != report.styles.border_top
        assert accounts.styles.border_title_background != report.styles.border_title_background


async def test_page_keys_scroll_the_credit_report_at_80x24():
    app = make_app("fenqile-settled")
    async with app.run_test(size=NARROW) as pilot:
        column = app.query_one("#main")
        await pilot.press("6")
        await pilot.pause()
        assert on_screen(app, "report") and column.scroll_y > 0
        await pilot.press("home")
        await pilot.pause()
        assert column.scroll_y == 0 and not on_screen(app, "report")
        await pilot.press("pagedown")
        await pilot.pause()
        assert column.scroll_y > 0
        await pilot.press("end")
        await pilot.pause()
        assert column.scroll_y == column.max_scroll_y and on_screen(app, "report")
        await pilot.press("pageup")
        await pilot.pause()
        assert column.scroll_y < column.max_scroll_y
        assert pane_of(app) == "report"  # the focus stays where it was


async def test_page_keys_scroll_a_long_credit_report_in_its_pane_when_wide():
    app = make_app("many-small")
    async with app.run_test(size=(120, 30)) as pilot:
        grid = app.query_one("#report-grid")
        await pilot.press("6")
        await pilot.pause()
        assert grid.max_scroll_y > 0  # more records than the pane holds
        await pilot.press("pagedown")
        await pilot.pause()
        assert grid.scroll_y > 0
        await pilot.press("home")
        await pilot.pause()
        assert grid.scroll_y == 0


# --- the key bar ----------------------------------------------------------------------


async def test_help_and_quit_hints_are_visible_in_the_footer_at_120_columns():
    for lang in ("en", "zh"):
        app = make_app("fenqile-unsettled", lang=lang)
        async with app.run_test(size=WIDE) as pilot:
            await pilot.pause()
            bar = app.query_one(KeyBar)
            right = max(end for _, end, _ in bar.spans)
            assert right <= WIDE[0], (lang, right)  # nothing hidden past the edge
            keys = {h.key for h in bar.shown}
            for key in ("question_mark", "q", "a", "s", "l"):
                assert key in keys


@pytest.mark.parametrize("lang", ["en", "zh"])
async def test_the_key_bar_at_80_columns_keeps_help_the_palette_and_the_main_keys(lang: str):
    app = make_app("fenqile-unsettled", lang=lang)
    async with app.run_test(size=NARROW) as pilot:
        await pilot.pause()
        line = app.query_one(KeyBar).render_line(0).text  # as drawn
        assert "?" in line and "^p" in line, line
        keys = [h.key for h in app.query_one(KeyBar).shown]
        for key in ("a", "s", "c", "ctrl+z", "left_square_bracket"):
            assert key in keys, (lang, keys)


async def test_help_and_quit_stay_on_screen_at_80_columns_when_keys_are_cut():
    for lang in ("en", "zh"):
        app = make_app("fenqile-unsettled", lang=lang)
        async with app.run_test(size=NARROW) as pilot:
            await pilot.pause()
            bar = app.query_one(KeyBar)
            line = bar.render_line(0).text  # as drawn
            assert max(end for _, end, _ in bar.spans) <= NARROW[0], lang
            shown = [h.key for h in bar.shown]
            assert shown[-2:] == ["question_mark", "q"], (lang, shown)
            assert len(shown) < len(bar.hints)  # 80 columns cannot hold them all...
            assert "…" in line  # ...and the bar says that more keys are in the help


async def test_clicking_a_key_hint_runs_its_key():
    app = make_app("fenqile-unsettled")
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        bar = app.query_one(KeyBar)
        start = next(start for start, _, hint in bar.spans if hint.key == "question_mark")
        await pilot.click(KeyBar, offset=(start, 0))
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)


async def test_clicking_a_dimmed_key_hint_says_why_it_cannot_act():
    app = make_app("clean")
    async with app.run_test(size=WIDE, notifications=True) as pilot:
        await pilot.pause()
        bar = app.query_one(KeyBar)
        start, _, settle = next(span for span in bar.spans if span[2].key == "s")
        assert not settle.enabled
        await pilot.click(KeyBar, offset=(start, 0))
        await pilot.pause()
        assert toasts(app) == ["No overdue event yet: add one first (a)"]


async def test_a_settle_and_its_undo_lay_nothing_out_when_wide(monkeypatch: pytest.MonkeyPatch):
    """At 120x36 every pane keeps its size through a settle: the panes' new content is
    drawn without a layout of the screen (tui/widgets/content_size.py), the cost of an
    edit a room's visitors share."""
    from textual._compositor import Compositor

    app = make_app("fenqile-unsettled")
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        layouts = []
        reflow = Compositor.reflow
        monkeypatch.setattr(Compositor, "reflow",
                            lambda self, *a: layouts.append(1) or reflow(self, *a))
        for key in ("s", "ctrl+z"):
            before = shown_state(app)
            await pilot.press(key)
            await pilot.pause()
            assert shown_state(app) != before  # the answer changed on screen
        assert layouts == []

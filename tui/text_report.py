"""Plain-text rendering of an assessment and a projection, for the command line.

No Textual and no Rich here: ``jiebei-sim assess`` must start fast. Every conclusion is
printed with its basis label, in Chinese or English.
"""

from __future__ import annotations

from datetime import date

from model.assessment import Assessment, JiebeiState, Projection, Reason
from model.policy import Policy
from model.scenario import Scenario
from tui.i18n import (
    BASIS,
    DISCLAIMER,
    STATE_CHIP,
    STATE_MEANING,
    STATUS,
    STRINGS,
    cost_text,
    reopen_words,
    said,
    scenario_title,
)
from tui.textwidth import cell_width, pad


def _money(value: float) -> str:
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}"


def _purge(day: date | None, words: dict[str, str]) -> str:
    """When a record leaves the report: a date, or kept for as long as it is unpaid."""
    return f"{words['purge']} {day}" if day else words["purge_never"]


def _state_text(state: JiebeiState, lang: str, template: str) -> str:
    """The state's name (in English its id, as the JSON has it; in Chinese the chip's
    word) and what it means for the user: words that never repeat the name."""
    name = state.value if lang == "en" else STATE_CHIP[lang][state.value]
    return template.format(name, STATE_MEANING[lang][state.value])


def _reason_line(reason: Reason, lang: str) -> str:
    label = BASIS[lang][str(reason.basis)]
    text = said(reason, lang)
    return f"  [{label}] {text}"


def render_assessment(scenario: Scenario, a: Assessment, policy: Policy, lang: str) -> str:
    L = STRINGS[lang]
    products = policy.catalog
    out: list[str] = [
        f"jiebei-sim · {scenario_title(scenario.name, lang)} · {L['as_of']} {a.as_of.isoformat()}",
        DISCLAIMER[lang],
        "",
    ]
    j = a.jiebei
    state_text = _state_text(JiebeiState(j.state), lang, "{}({})" if lang == "zh" else "{} ({})")
    if j.base_limit is None:
        limit_line = L["no_jiebei"]
    else:
        limit_line = (f"{L['usable']} {_money(j.limit)} · {L['assessed']} "
                      f"{_money(j.assessed_limit)} · {L['base']} {_money(j.base_limit)}")
    reopen = reopen_words(j, lang)
    out += [
        f"{pad(L['jiebei'], 8)}{state_text} · {limit_line}",
        f"{pad('', 8)}{reopen}",
    ]
    s = a.score
    tier = next(t for t in policy.score.tiers.value if t.id == s.tier)
    tier_words = said(tier, lang)
    out.append(
        f"{pad(L['score'], 8)}{L['likely']} {s.likely} ({s.low}–{s.high}) · {tier_words} · "
        f"{L['from_base']} {s.base}: {s.change:+d}"
    )
    out += ["", f"{L['why']} · {L['jiebei']}"]
    out += [_reason_line(r, lang) for r in j.reasons]
    if s.reasons:
        out += [f"{L['why']} · {L['score']}"]
        out += [_reason_line(r, lang) for r in s.reasons]

    out += ["", L["accounts"]]
    for acc in a.accounts:
        product = products[acc.product]
        name = said(product, lang)
        status = STATUS[lang].get(acc.status, acc.status)
        if acc.status in ("overdue", "in_grace"):
            status += f" {acc.days_overdue} {L['days']}"
        out.append(
            f"  {pad(acc.id, 10)} {pad(name, 16)} {L['limit']} {_money(acc.limit):>8}  "
            f"{L['balance']} {_money(acc.balance):>8}  {pad(status, 16)} {L['code']} "
            f"{acc.pboc_code}"
        )

    if a.events:
        out += ["", L["events"]]
        events = {e.id: e for e in scenario.overdues}
        for ev in a.events:
            src = events[ev.id]
            settled = src.settled.isoformat() if src.settled else L["unsettled"]
            status = STATUS[lang].get(ev.status, ev.status)
            purge = _purge(ev.purge_on, L) if ev.purge_on or ev.bucket else f"{L['purge']} —"
            bucket = ev.bucket or "—"
            out.append(
                f"  {pad(ev.id, 6)} {pad(ev.account, 10)} {_money(src.amount):>8}  "
                f"{L['due']} {src.due}  {L['settled']} {pad(settled, 10)}  "
                f"{pad(status, 12)} {ev.days_overdue:>3} {L['days']} {pad(bucket, 3)} "
                f"{purge}"
            )

    r = a.report
    out += ["", f"{L['report']} · {r.months[0]} … {r.months[-1]}"]
    for account, row in r.grid.items():
        out.append(f"  {pad(account, 10)} {''.join(row)}")
    flag = L["triggered"] if r.lsll_triggered else L["not_triggered"]
    out.append(
        f"  {L['lsll']}: {L['consecutive']} {r.consecutive}, {L['cumulative']} "
        f"{r.cumulative} · {flag}"
    )
    for rec in r.records:
        codes = " ".join(f"{m}:{c}" for m, c in rec.codes.items())
        special = f" [{L['extension']}]" if rec.special else ""
        out.append(f"  {pad(rec.event, 6)} {codes}{special} · {_purge(rec.purge_on, L)}")

    c = a.cost
    out += ["", cost_text(c, lang)]
    if c.differs or c.open_ended:
        floor = f", {L['cost_at_least']}" if c.open_ended else ""
        out.append(f"  {L['cost_plan_long']}{floor}: {L['interest']} "
                   f"{c.penalty_interest:,.2f} + {L['fees']} {c.fees:,.2f} = {c.total:,.2f}")
        out.append(f"  {L['cost_so_far']}: {L['interest']} {c.interest_so_far:,.2f} + "
                   f"{L['fees']} {c.fees_so_far:,.2f} = {c.so_far:,.2f}")
    else:
        out.append(f"  {L['interest']} {c.penalty_interest:,.2f} + {L['fees']} "
                   f"{c.fees:,.2f}")
    if a.notices:
        out += ["", L["notices"]]
        out += [_reason_line(n, lang) for n in a.notices]
    return "\n".join(out) + "\n"


def render_projection(scenario: Scenario, p: Projection, lang: str) -> str:
    L = STRINGS[lang]
    out = [f"jiebei-sim · {scenario_title(scenario.name, lang)} · {L['projection']}",
           DISCLAIMER[lang], ""]
    states = [_state_text(JiebeiState(m.state), lang, "{} · {}") for m in p.months]
    column = max(map(cell_width, [L["state"], *states])) + 2  # the longest state says it all
    header = (f"{pad(L['month'], 12)}{pad(L['score_range'], 20)}"
              f"{pad(L['state'], column)}{pad(L['usable'], 10, '>')}  {L['cost']}")
    out.append(header)
    for m, state_text in zip(p.months, states, strict=True):
        out.append(
            f"{pad(m.date.isoformat(), 12)}"
            f"{pad(f'{m.score_likely} ({m.score_low}–{m.score_high})', 20)}"
            f"{pad(state_text, column)}{pad(_money(m.limit), 10, '>')}  "
            f"{m.cost:,.2f}"
        )
    return "\n".join(out) + "\n"

"""Plain-text rendering of an assessment and a projection, for the command line.

No Textual and no Rich here: ``jiebei-sim assess`` must start fast. Every conclusion is
printed with its basis label, in Chinese or English.
"""

from __future__ import annotations

from model.assessment import Assessment, JiebeiState, Projection, Reason
from model.policy import Policy
from model.scenario import Scenario
from tui.textwidth import pad

DISCLAIMER = {
    "en": "Educational what-if simulation. Not affiliated with Ant Group, LexinFintech or any "
          "lender; it predicts nothing about a real account and shows ranges, not exact values.",
    "zh": "教育用途的模拟推演,与蚂蚁集团、乐信及任何放贷机构无关;不预测任何真实账户,"
          "结果为区间而非精确值。",
}

BASIS = {
    "en": {"documented": "documented", "reported": "reported", "folk": "folk",
           "assumption": "assumption"},
    "zh": {"documented": "有据", "reported": "报道", "folk": "民间说法", "assumption": "假设"},
}

STATUS = {
    "en": {"normal": "normal", "in_grace": "in grace", "overdue": "overdue",
           "settled": "settled", "extended": "extended", "upcoming": "not yet due",
           "paid_in_grace": "paid in grace"},
    "zh": {"normal": "正常", "in_grace": "宽限期内", "overdue": "逾期", "settled": "已结清",
           "extended": "已展期", "upcoming": "未到期", "paid_in_grace": "宽限期内已还"},
}

LABELS = {
    "en": {
        "as_of": "as of", "jiebei": "Jiebei", "score": "Score", "why": "Why",
        "usable": "usable", "assessed": "assessed", "base": "base", "reopen_on": "reopens on",
        "reopen_now": "available now", "reopen_never": "does not reopen under this plan",
        "reopen_settle": "settle {events} first", "reopen_score": "the score stays too low",
        "likely": "likely", "from_base": "from base",
        "accounts": "Accounts", "events": "Overdue events", "report": "Credit report (PBOC)",
        "cost": "Extra cost", "interest": "penalty interest", "fees": "fees",
        "open_ended": "so far: an unpaid event adds {per_day} a day", "notices": "Good to know",
        "limit": "limit", "balance": "balance", "code": "code", "due": "due",
        "settled": "settled", "unsettled": "unpaid", "days": "days", "purge": "purged",
        "never": "never", "month": "month", "state": "state", "no_jiebei": "no Jiebei account",
        "lsll": "连三累六", "consecutive": "consecutive", "cumulative": "cumulative",
        "triggered": "triggered", "not_triggered": "not triggered", "extension": "展期",
        "projection": "Projection", "score_range": "score (range)",
    },
    "zh": {
        "as_of": "截至", "jiebei": "借呗", "score": "信用分", "why": "原因",
        "usable": "可用", "assessed": "评估", "base": "原额度", "reopen_on": "预计恢复",
        "reopen_now": "现在可用", "reopen_never": "按当前计划不会恢复",
        "reopen_settle": "请先结清 {events}", "reopen_score": "信用分仍然过低",
        "likely": "预计", "from_base": "较原分", "accounts": "账户", "events": "逾期记录",
        "report": "征信报告(人行)", "cost": "额外成本", "interest": "罚息", "fees": "手续费",
        "open_ended": "截至目前:未还逾期每天再增加 {per_day}", "notices": "须知", "limit": "额度",
        "balance": "余额", "code": "状态", "due": "到期", "settled": "结清", "unsettled": "未还",
        "days": "天", "purge": "删除", "never": "不删除", "month": "月份", "state": "状态",
        "no_jiebei": "无借呗账户", "lsll": "连三累六", "consecutive": "连续",
        "cumulative": "累计", "triggered": "已触发", "not_triggered": "未触发",
        "extension": "展期", "projection": "逐月推演", "score_range": "信用分(区间)",
    },
}


def _money(value: float) -> str:
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}"


def _reason_line(reason: Reason, lang: str) -> str:
    label = BASIS[lang][str(reason.basis)]
    text = reason.zh if lang == "zh" else reason.en
    return f"  [{label}] {text}"


def render_assessment(scenario: Scenario, a: Assessment, policy: Policy, lang: str) -> str:
    L = LABELS[lang]
    products = policy.catalog
    out: list[str] = [
        f"jiebei-sim · {scenario.name} · {L['as_of']} {a.as_of.isoformat()}",
        DISCLAIMER[lang],
        "",
    ]
    j = a.jiebei
    state = JiebeiState(j.state)
    state_words = state.zh if lang == "zh" else state.en
    if j.base_limit is None:
        limit_line = L["no_jiebei"]
    else:
        limit_line = (f"{L['usable']} {_money(j.limit)} · {L['assessed']} "
                      f"{_money(j.assessed_limit)} · {L['base']} {_money(j.base_limit)}")
    if j.reopen == "never":
        why = (L["reopen_settle"].format(events=", ".join(j.reopen_blocked_by))
               if j.reopen_blocked_by else L["reopen_score"])
        reopen = f"{L['reopen_never']} ({why})"
    elif j.reopen == "now":
        reopen = L["reopen_now"]
    else:
        reopen = f"{L['reopen_on']} {j.reopens_on}"
    out += [
        f"{pad(L['jiebei'], 8)}{state.value} ({state_words}) · {limit_line}",
        f"{pad('', 8)}{reopen}",
    ]
    s = a.score
    tier = next(t for t in policy.score.tiers.value if t.id == s.tier)
    tier_words = tier.zh if lang == "zh" else tier.en
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
        name = product.zh if lang == "zh" else product.en
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
            purge = ev.purge_on.isoformat() if ev.purge_on else (
                L["never"] if ev.bucket else "—")
            bucket = ev.bucket or "—"
            out.append(
                f"  {pad(ev.id, 6)} {pad(ev.account, 10)} {_money(src.amount):>8}  "
                f"{L['due']} {src.due}  {L['settled']} {pad(settled, 10)}  "
                f"{pad(status, 12)} {ev.days_overdue:>3} {L['days']} {pad(bucket, 3)} "
                f"{L['purge']} {purge}"
            )

    r = a.report
    out += ["", f"{L['report']} · {r.months[0]} … {r.months[-1]}"]
    for account, codes in r.grid.items():
        out.append(f"  {pad(account, 10)} {''.join(codes)}")
    flag = L["triggered"] if r.lsll_triggered else L["not_triggered"]
    out.append(
        f"  {L['lsll']}: {L['consecutive']} {r.consecutive}, {L['cumulative']} "
        f"{r.cumulative} · {flag}"
    )
    for rec in r.records:
        codes = " ".join(f"{m}:{c}" for m, c in rec.codes.items())
        purge = rec.purge_on.isoformat() if rec.purge_on else L["never"]
        special = f" [{L['extension']}]" if rec.special else ""
        out.append(f"  {pad(rec.event, 6)} {codes}{special} · {L['purge']} {purge}")

    c = a.cost
    line = (f"{L['cost']}: {L['interest']} {c.penalty_interest:,.2f} + {L['fees']} "
            f"{c.fees:,.2f} = {c.total:,.2f}")
    if c.open_ended:
        line += " (" + L["open_ended"].format(per_day=f"{c.growing_per_day:,.2f}") + ")"
    out += ["", line]
    if a.notices:
        out += ["", L["notices"]]
        out += [_reason_line(n, lang) for n in a.notices]
    return "\n".join(out) + "\n"


def render_projection(scenario: Scenario, p: Projection, lang: str) -> str:
    L = LABELS[lang]
    out = [f"jiebei-sim · {scenario.name} · {L['projection']}", DISCLAIMER[lang], ""]
    header = (f"{pad(L['month'], 12)}{pad(L['score_range'], 20)}"
              f"{pad(L['state'], 36)}{pad(L['usable'], 10, '>')}  {L['cost']}")
    out.append(header)
    for m in p.months:
        state = JiebeiState(m.state)
        words = state.zh if lang == "zh" else state.en
        out.append(
            f"{pad(m.date.isoformat(), 12)}"
            f"{pad(f'{m.score_likely} ({m.score_low}–{m.score_high})', 20)}"
            f"{pad(f'{state.value} · {words}', 36)}{pad(_money(m.limit), 10, '>')}  "
            f"{m.cost:,.2f}"
        )
    return "\n".join(out) + "\n"

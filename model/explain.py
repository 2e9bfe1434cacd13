"""Words for every conclusion: each finding becomes a ``Reason`` in Chinese and English,
labelled with the basis of the parameter it rests on.

Texts are our own words (the seed article is not quoted). Numbers come from the policy.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date

from model.assessment import Reason
from model.facts import NEVER, EventFacts
from model.jiebei import Finding
from model.policy import Basis
from model.rules import Rules
from model.score import ScoreEstimate


class Namer:
    """Names events by product, in both languages: ``Fenqile (e1)`` / ``分期乐(e1)``."""

    def __init__(self, facts: Sequence[EventFacts], t: int = 0):
        self._facts: Mapping[str, EventFacts] = {f.id: f for f in facts}
        self._t = t

    def extended(self, event_id: str) -> bool:
        """An extension ended the overdue and the debt is not yet paid on day ``t``: the
        event is *extended*, never "settled" (model/README.md §8)."""
        event = self._facts[event_id].event
        ext = event.extension
        return (ext is not None and ext.agreed.toordinal() <= self._t
                and (event.settled is None or event.settled.toordinal() > self._t))

    def en(self, ids: Sequence[str]) -> str:
        return ", ".join(f"{self._facts[i].product.en} ({i})" for i in ids)

    def zh(self, ids: Sequence[str]) -> str:
        return "、".join(f"{self._facts[i].product.zh}({i})" for i in ids)


def jiebei_reasons(finding: Finding, rules: Rules, names: Namer, base: int
                   ) -> tuple[Reason, ...]:
    """The finding's reason; the freeze also says, apart and with its own label, the one
    part of it a regulation states (model/README.md §2 and §6)."""
    reason = jiebei_reason(finding, rules, names, base)
    d = rules.default_after_days
    if finding.rule != "frozen-long-unpaid" or finding.value <= d:
        return (reason,)
    ids = finding.events
    fact = _reason("frozen-non-performing", rules, "risk.default_after_days", ids,
                   f"{names.en(ids)}: unpaid past {d} days, a loan is non-performing "
                   "(次级, substandard) under the 2023 risk classification measures, and "
                   "lenders treat it as a default.",
                   f"{names.zh(ids)}:逾期超过 {d} 天未还的贷款属于不良(次级),依据 2023 年"
                   "《风险分类办法》,机构视同违约。")
    return reason, fact


def jiebei_reason(finding: Finding, rules: Rules, names: Namer, base: int) -> Reason:
    ids = finding.events
    v = int(finding.value)
    r = finding.rule
    if r == "frozen-long-unpaid":
        n = rules.frozen_unsettled_days
        return _reason(r, rules, "jiebei.frozen_unsettled_days", ids,
                       f"{names.en(ids)} unpaid for {v} days, past {n}: it is commonly said "
                       "that Jiebei is then frozen, with all Ant credit paused (a belief "
                       "repeated online; Ant publishes no such rule).",
                       f"{names.zh(ids)}已逾期 {v} 天未还,超过 {n} 天:常见说法是此时借呗会被"
                       "冻结,蚂蚁的信贷服务全部暂停(网上流传的说法,蚂蚁并未公布此规则)。")
    if r == "frozen-own-unpaid":
        n = rules.frozen_own_unsettled_days
        return _reason(r, rules, "jiebei.frozen_own_unsettled_days", ids,
                       f"Jiebei's own overdue {names.en(ids)} unpaid for {v} days, past {n}: "
                       "the account may be frozen.",
                       f"借呗自身的逾期{names.zh(ids)}已 {v} 天未还,超过 {n} 天:账户可能被冻结。")
    if r == "closed-multi-product":
        n = rules.closed_min_products
        return _reason(r, rules, "jiebei.closed_min_products", ids,
                       f"Unpaid overdues on {v} products at once ({names.en(ids)}); "
                       f"{n} or more can cancel Jiebei eligibility.",
                       f"同时有 {v} 个产品逾期未结清({names.zh(ids)});"
                       f"达到 {n} 个可能被取消借呗资格。")
    if r == "closed-lian-san-lei-liu":
        c, k, w = rules.lsll_consecutive, rules.lsll_cumulative, rules.lsll_window_months
        return _reason(r, rules, "report.lsll_consecutive", ids,
                       f"连三累六: the report shows {c}+ consecutive or {k}+ overdue months "
                       f"within {w} months ({names.en(ids)}); lenders commonly refuse credit.",
                       f"连三累六:{w} 个月内连续 {c} 个月或累计 {k} 个月逾期"
                       f"({names.zh(ids)}),机构通常会拒绝授信。",
                       params=("report.lsll_consecutive", "report.lsll_cumulative",
                               "report.lsll_window_months"))
    if r == "closed-low-score":
        n = rules.apply_min_score
        return _reason(r, rules, "jiebei.apply_min_score", ids,
                       f"Likely score {v} is below {n}, the minimum commonly quoted for Jiebei.",
                       f"预计信用分 {v},低于常说的借呗门槛 {n}。")
    if r == "suspended-unsettled":
        return _reason(r, rules, "timing.report_lag_days", ids,
                       f"{names.en(ids)} {_be(ids)} overdue and unpaid, and Jiebei can see it: "
                       "no new borrowing until settled; keep repaying existing loans.",
                       f"{names.zh(ids)}逾期未还,且借呗已能看到:结清前暂停新借款,"
                       "已借款项照常还。",
                       params=("timing.grace_days", "timing.report_lag_days"))
    if r == "reduced-recent-overdue":
        n = rules.reopen_after_clean_months
        extended = tuple(i for i in ids if names.extended(i))
        settled = tuple(i for i in ids if i not in extended)
        en = " and ".join(
            [f"{names.en(settled)} {_be(settled, past=True)} settled"] * bool(settled)
            + [f"{names.en(extended)} {_be(extended, past=True)} extended"] * bool(extended))
        zh = "、".join([f"{names.zh(settled)}结清"] * bool(settled)
                      + [f"{names.zh(extended)}展期"] * bool(extended))
        return _reason(r, rules, "jiebei.reopen_after_clean_months", ids,
                       f"{en} less than {n} months ago: the limit stays cut, less as the "
                       "months pass.",
                       f"{zh}不足 {n} 个月:额度仍会下调,随时间逐步恢复。")
    if r == "reduced-many-applications":
        n = rules.reduce_above_applications
        return _reason(r, rules, "jiebei.reduce_above_applications", ids,
                       f"{v} credit applications in the last 3 months, more than {n}: "
                       "borrowing from many lenders at once (多头借贷) reads as a risk, and "
                       "the limit is reduced.",
                       f"近 3 个月申请了 {v} 次贷款,超过 {n} 次:多头借贷被视为风险信号,额度下调。")
    if r == "reduced-score-drop":
        n = rules.reduce_below_base_points
        return _reason(r, rules, "jiebei.reduce_below_base_points", ids,
                       f"Likely score is {v} points below your base {base} (more than {n}): "
                       "a lower limit at the next reassessment.",
                       f"预计信用分比原来的 {base} 低 {v} 分(超过 {n} 分):下次评估额度下调。")
    raise KeyError(r)


def available_reason(rules: Rules) -> Reason:
    return Reason(
        rule="available-clean",
        basis=Basis.ASSUMPTION,
        en="No rule matched: nothing Jiebei can see stands against new borrowing.",
        zh="未触发任何规则:借呗能看到的记录不影响新借款。",
    )


def score_reasons(score: ScoreEstimate, rules: Rules, names: Namer) -> tuple[Reason, ...]:
    out: list[Reason] = []
    buckets_basis = rules.basis("score.buckets")
    for p in score.penalties:
        mid = (p.low + p.high) / 2
        left = round(p.decay * 100)
        if p.unsettled:
            when, when_zh = "still unpaid, so it does not recover yet", "仍未还清,暂不恢复"
        elif names.extended(p.event):
            when, when_zh = (f"extended, not yet paid; {left}% of the hit remains",
                             f"已展期,尚未还清;影响剩余 {left}%")
        else:
            when, when_zh = f"settled; {left}% of the hit remains", f"已结清,影响剩余 {left}%"
        out.append(Reason(
            rule=f"score-overdue-{p.bucket.id}",
            basis=buckets_basis,
            events=(p.event,),
            effect=-mid,
            en=f"{names.en([p.event])}: worst {p.worst_days} days overdue ({p.bucket.id}), "
               f"−{p.low:.0f}…−{p.high:.0f} points before repeats; {when}.",
            zh=f"{names.zh([p.event])}:最长逾期 {p.worst_days} 天({p.bucket.id}),"
               f"扣 {p.low:.0f}–{p.high:.0f} 分(未计重复折算);{when_zh}。",
            params=("score.buckets", "score.reference_base"),
        ))
    if len(score.penalties) > 1:
        w = rules.repeat_weight
        out.append(Reason(
            rule="score-repeat-weight", basis=rules.basis("score.repeat_weight"),
            events=tuple(p.event for p in score.penalties),
            en=f"Several overdues: the worst counts in full, each next one ×{w:g} of the one "
               "before; every one still adds.",
            zh=f"多笔逾期:最重的一笔全额计,其后每笔按前一笔的 {w:g} 倍折算,但都会扣分。",
            params=("score.repeat_weight",),
        ))
    lo, hi = score.multi_debt
    if hi > 0:
        out.append(Reason(
            rule="score-multi-debt", basis=rules.basis("score.multi_debt_penalty"),
            effect=-(lo + hi) / 2,
            en=f"{len(score.unsettled_accounts)} products unpaid at once: a further "
               f"−{lo:.0f}…−{hi:.0f} points.",
            zh=f"{len(score.unsettled_accounts)} 个产品同时未还:再扣 {lo:.0f}–{hi:.0f} 分。",
            params=("score.multi_debt_penalty",),
        ))
    lo, hi = score.application_points
    if hi > 0:
        free = rules.applications_free
        out.append(Reason(
            rule="score-applications", basis=rules.basis("score.application_penalty"),
            effect=-(lo + hi) / 2,
            en=f"{score.applications} credit applications in the last 3 months, {free} "
               f"without cost: a further −{lo:.0f}…−{hi:.0f} points.",
            zh=f"近 3 个月申请了 {score.applications} 次贷款({free} 次以内不扣分):"
               f"再扣 {lo:.0f}–{hi:.0f} 分。",
            params=("score.applications_free", "score.application_penalty"),
        ))
    lo, hi = score.income_bonus
    if hi > 0:
        out.append(Reason(
            rule="score-income-proof", basis=rules.basis("score.income_proof_bonus"),
            effect=(lo + hi) / 2,
            en=f"Income or asset proof (财力证明) on file: +{lo:.0f}…+{hi:.0f} points.",
            zh=f"已补充财力证明:加 {lo:.0f}–{hi:.0f} 分。",
            params=("score.income_proof_bonus",),
        ))
    return tuple(out)


def notices(facts: Sequence[EventFacts], t: int, rules: Rules, jiebei: bool = True
            ) -> tuple[Reason, ...]:
    """What the user should know beyond the rules: timing, corrections, rights, and what
    they can do (model/README.md §9). ``jiebei``: the scenario has a Jiebei line to assess."""
    out: list[Reason] = []
    names = Namer(facts, t)
    court_after = rules.court_notice_after_days
    for f in facts:
        unpaid = max((t - s.start for s in f.spells if s.start < t < s.end), default=0)
        if unpaid > court_after:
            out.append(Reason(
                rule="notice-court-enforcement",
                basis=rules.basis("risk.court_notice_after_days"), events=(f.id,),
                params=("risk.court_notice_after_days",),
                en=f"{names.en([f.id])} has been unpaid for {unpaid} days. A lender can take "
                   "a debt this old to court: the court can enforce it, and a borrower who "
                   "does not comply can be put on the 失信 list of judgment defaulters.",
                zh=f"{names.zh([f.id])}已 {unpaid} 天未还。逾期这么久的欠款,机构可以起诉:"
                   "法院可以强制执行,拒不履行的借款人可能被列入失信被执行人名单。",
            ))
        for s in f.spells:
            grace = rules.grace_for(f.product)
            if s.start < t < s.end and t <= s.start + grace:
                pay_by = date.fromordinal(s.start + grace)
                basis, param = rules.grace_basis(f.product)
                hedge_en, hedge_zh = _GRACE_HEDGE[basis]
                out.append(Reason(
                    rule="notice-in-grace", basis=basis, events=(f.id,), params=(param,),
                    en=f"{names.en([f.id])} is inside the grace period: it is usually not "
                       f"reported as overdue if paid by {pay_by} ({basis}; {hedge_en}).",
                    zh=f"{names.zh([f.id])}仍在宽限期内:{pay_by} 前还清,通常不会记为逾期"
                       f"({hedge_zh})。",
                ))
            elif s.reportable_from <= t < s.seen_by_ant_from < NEVER:
                seen = date.fromordinal(s.seen_by_ant_from)
                out.append(Reason(
                    rule="notice-not-yet-seen", basis=rules.basis("timing.report_lag_days"),
                    events=(f.id,), params=("timing.report_lag_days",),
                    en=f"Jiebei cannot see {names.en([f.id])} yet: it reaches the credit report "
                       f"with the lender's monthly upload, around {seen}.",
                    zh=f"借呗暂时还看不到{names.zh([f.id])}:它随机构每月报送进入征信,"
                       f"约在 {seen}。",
                ))
            if s.reportable_from <= t and s.end > t and s.on_report_from < NEVER:
                out.append(Reason(
                    rule="notice-never-purged", basis=rules.basis("report.retention_years"),
                    events=(f.id,), params=("report.retention_years",),
                    en=f"While {names.en([f.id])} is unpaid its record is never removed: the "
                       f"{rules.retention_years}-year clock starts only on the day it is "
                       "settled.",
                    zh=f"{names.zh([f.id])}未还清前记录不会删除:{rules.retention_years} 年"
                       "的保存期从结清之日起算。",
                ))
        ext = f.event.extension
        if ext is not None and ext.agreed.toordinal() <= t < f.extension_purge_on:
            if f.extension_before_due:
                en = (f"The extension of {names.en([f.id])} moved the due date to "
                      f"{ext.new_due}: not overdue, but the report shows a 展期 transaction "
                      "other lenders can see.")
                zh = (f"{names.zh([f.id])}已展期至 {ext.new_due}:不算逾期,但征信上会出现"
                      "其他机构可见的展期记录。")
            else:
                en = (f"{names.en([f.id])} was extended on {ext.agreed}, after its due date: "
                      "the days already overdue stay on the report, penalty interest stopped "
                      f"that day, and it is due again on {ext.new_due}. The report also shows "
                      "a 展期 transaction other lenders can see.")
                zh = (f"{names.zh([f.id])}于 {ext.agreed} 逾期后展期:已逾期的天数仍留在征信上,"
                      f"罚息自当日停止,新的到期日为 {ext.new_due}。征信上还会出现其他机构可见的"
                      "展期记录。")
            out.append(Reason(rule="notice-extension-on-report", basis=Basis.REPORTED,
                              events=(f.id,), en=en, zh=zh))
    fenqile = tuple(f.id for f in facts if f.product.id == "fenqile"
                    and any(s.reportable_from <= t for s in f.spells))
    if fenqile:  # one correction of belief, however many Fenqile overdues there are
        out.append(Reason(
            rule="notice-fenqile-funder", basis=Basis.REPORTED, events=fenqile,
            en="Fenqile belongs to LexinFintech, not Ant; its loans are funded by partner "
               "institutions, so the record shows under the funder's name. Jiebei learns "
               "of it through the credit report.",
            zh="分期乐属于乐信,不是蚂蚁;借款由合作机构出资,征信上显示的是资金方的名称。"
               "借呗通过征信报告得知这笔逾期。",
        ))
    if any(s.reportable_from <= t for f in facts for s in f.spells) and \
            rules.notice_before_reporting:
        out.append(Reason(
            rule="notice-right-to-be-told",
            basis=rules.basis("timing.notice_before_reporting"),
            params=("timing.notice_before_reporting", "report.dispute_days"),
            en="A lender must tell you before it reports negative information (征信业管理条例 "
               f"Art. 15); a wrong record can be disputed, answered within "
               f"{rules.dispute_days} days (Art. 25).",
            zh="机构报送不良信息前应当告知本人(《征信业管理条例》第十五条);记录有误可提出异议,"
               f"须在 {rules.dispute_days} 日内答复(第二十五条)。",
        ))
    on_report = any(s.on_report_from <= t < s.purge_on for f in facts for s in f.spells)
    if on_report:
        out.append(Reason(
            rule="notice-check-your-report", basis=Basis.DOCUMENTED,
            en="You can get your own credit report free of charge twice a year (征信业管理条例 "
               "Art. 17): see what was filed, under whose name, and when.",
            zh="每人每年可以免费查询两次本人信用报告(《征信业管理条例》第十七条):"
               "看清报送了什么、以哪家机构的名义、在什么时候。",
        ))
        out.append(Reason(
            rule="notice-no-credit-repair", basis=Basis.REPORTED,
            en="Nobody can delete a true record early: paid \"credit repair\" offers are "
               "scams (Ant and the PBOC both warn against them). Only a wrong record can be "
               "corrected, by a dispute.",
            zh="真实的记录谁也无法提前删除:收费“征信修复”都是骗局(蚂蚁和人民银行都提醒过)。"
               "只有错误的记录才能通过异议更正。",
        ))
    if jiebei and facts:
        out.append(Reason(
            rule="notice-jiebei-credit-loan", basis=Basis.REPORTED,
            en="Since November 2021 many users' Jiebei lines are shown as 信用贷, funded and "
               "decided by partner banks, each with its own rules. What is said here about "
               "Jiebei is for Ant's own line.",
            zh="自 2021 年 11 月起,许多用户的借呗额度改为“信用贷”,由合作银行出资并审批,"
               "各有各的规则。这里关于借呗的结论针对的是蚂蚁自己的借呗。",
        ))
    return _dedupe(out)


# How far a grace period can be relied on, by its label: never a promise.
_GRACE_HEDGE = {
    Basis.DOCUMENTED: ("lenders may still differ", "各机构仍可能不同"),
    Basis.REPORTED: ("lenders differ", "据报道,各机构不同"),
    Basis.FOLK: ("not confirmed for this product", "民间说法,此产品未经证实"),
    Basis.ASSUMPTION: ("our assumption, not confirmed for this product",
                       "本工具的假设,此产品未经证实"),
}


def _be(ids: Sequence[str], past: bool = False) -> str:
    if past:
        return "was" if len(ids) == 1 else "were"
    return "is" if len(ids) == 1 else "are"


def _reason(rule: str, rules: Rules, param: str, ids: tuple[str, ...], en: str, zh: str,
            params: tuple[str, ...] | None = None) -> Reason:
    return Reason(rule=rule, basis=rules.basis(param), en=en, zh=zh, events=ids,
                  params=params or (param,))


def _dedupe(reasons: list[Reason]) -> tuple[Reason, ...]:
    seen: set[tuple[str, tuple[str, ...]]] = set()
    out = []
    for r in reasons:
        key = (r.rule, r.events)
        if key not in seen:
            seen.add(key)
            out.append(r)
    return tuple(out)

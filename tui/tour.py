"""The guided tour: the source article's story as steps, each a caption and a real state
of the live model (a scenario and an as-of date).

Every step is built from the same starting sample by the same edits the keys make, so
going back is as exact as going forward, and leaving the tour at any step leaves that
state in the app to explore. No Textual here: the app shows the captions and applies
the steps through its ``Session``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from model.edits import AddEvent, RemoveEvent, Rename, SettleEvent
from model.samples import load_sample
from model.scenario import Scenario

TOUR_SAMPLE = "fenqile-unsettled"  # one Fenqile instalment of ¥1,200 due 15 Oct, unpaid
TODAY = date(2026, 11, 29)  # the sample's own date
TOUR_NAME = "Lin's story · 小林的故事"


@dataclass(frozen=True)
class Step:
    title: tuple[str, str]  # (en, zh)
    caption: tuple[str, str]
    day: date  # the as-of date the step shows
    build: Callable[[Scenario], Scenario]  # from the tour's starting sample
    pane: str  # the pane the caption talks about (its id), brought into view
    state: str  # Jiebei's state the caption describes (under the default policy; tested)

    def text(self, lang: str) -> tuple[str, str]:
        index = 1 if lang == "zh" else 0
        return self.title[index], self.caption[index]


def _on_time(s: Scenario) -> Scenario:
    return RemoveEvent("e1").apply_to(s, TODAY)


def _unpaid(s: Scenario) -> Scenario:
    return s  # the sample as it is: e1 unpaid


def _settled_today(s: Scenario) -> Scenario:
    return SettleEvent("e1", TODAY).apply_to(s, TODAY)


def _several(s: Scenario) -> Scenario:
    huabei = {"id": "e2", "account": "huabei", "amount": 800, "due": date(2026, 11, 10),
              "settled": None, "extension": None}
    return AddEvent(huabei).apply_to(s, TODAY)


STEPS: tuple[Step, ...] = (
    Step(("Everything on time", "一切按时"),
         ("Meet Lin: a Fenqile instalment plan (Fenqile is LexinFintech's, not Ant's), "
          "Huabei, and Jiebei with a ¥30,000 limit. Every payment on time: Jiebei is "
          "available and the score sits at its base.",
          "小林:有一笔分期乐分期(分期乐属于乐信,不是蚂蚁),还有花呗,借呗额度 3 万元。"
          "每期都按时还:借呗可用,分数保持在基准。"),
         date(2026, 10, 1), _on_time, "jiebei", "available"),
    Step(("A gap in cash flow", "资金周转不开"),
         ("Money runs short and the ¥1,200 instalment due on 15 October is missed. Two "
          "days late it is still inside the grace period: paid now, it would usually not "
          "be reported (a folk rule: not every lender gives grace).",
          "一个月手头紧,10 月 15 日到期的 1,200 元分期没有还上。晚了两天,仍在宽限期内:"
          "现在还上,通常不会上报(民间说法,并非每家机构都有宽限期)。"),
         date(2026, 10, 17), _unpaid, "events", "available"),
    Step(("45 days overdue", "逾期 45 天"),
         ("Six weeks on and still unpaid. The institution that funded the Fenqile loan has "
          "uploaded the record, under its own name, so the credit report shows it; the "
          "likely score has fallen and Jiebei is suspended. The Why pane says which rule "
          "did it and how sure we are of each.",
          "六周过去仍未还。为这笔分期乐借款出资的机构已上报,征信上以它的名义显示这条记录;"
          "预计分数下降,借呗被暂停。“原因”栏写明是哪条规则,以及每条的依据有多可靠。"),
         TODAY, _unpaid, "reasons", "suspended"),
    Step(("If it stays unpaid", "如果一直不还"),
         ("Two more months: the report now shows overdue months in a row (连三), the "
          "score falls further, and Jiebei goes from suspended to frozen. The penalty "
          "interest grows every day.",
          "再过两个月:报告上出现连续逾期的月份(连三),分数继续下降,借呗从暂停变为冻结。"
          "罚息每天都在增加。"),
         date(2027, 1, 29), _unpaid, "report", "frozen"),
    Step(("The choices", "有哪些选择"),
         ("Back to today, 45 days late. Press c to see five choices side by side: settle "
          "today, in 30 days, in 90 days, agree an extension, or never pay, each with its "
          "score, Jiebei state, date of full recovery and cost. Esc comes back to the tour.",
          "回到今天,逾期 45 天。按 c 并排比较五种选择:今天结清、30 天后、90 天后、"
          "协商展期、一直不还,各自的分数、借呗状态、完全恢复日期和成本。Esc 回到导览。"),
         TODAY, _unpaid, "events", "suspended"),
    Step(("Settle today", "今天结清"),
         ("Lin settles today. The debt stops growing and Jiebei can be used again, but "
          "with a reduced limit; the pane shows the day it should be fully available again. "
          "The record stays on the report: the overdue months keep their digits, and the "
          "months after show N.",
          "小林今天结清。欠款不再增加,借呗可以再用,但额度降低;借呗栏显示预计完全恢复的日期。"
          "记录仍留在报告上:逾期的月份保留数字,之后的月份显示 N。"),
         TODAY, _settled_today, "jiebei", "reduced"),
    Step(("Six months on", "六个月后"),
         ("Time is the repair: with every payment on time since, the score climbs back "
          "and the limit grows, though it is still reduced.",
          "修复靠时间:此后每期按时还款,分数回升,额度也在恢复,但仍低于原额度。"),
         date(2027, 5, 29), _settled_today, "score", "reduced"),
    Step(("A year on", "一年后"),
         ("A year later Jiebei is available again and the score is most of the way back. "
          "The overdue record itself stays on the credit report for five years after "
          "settling.",
          "一年后借呗恢复可用,分数也基本回升。逾期记录本身在结清后仍会在征信报告上保留五年。"),
         date(2027, 11, 29), _settled_today, "report", "available"),
    Step(("Unpaid on several products", "多个产品同时未还"),
         ("The article's harder case: Huabei is unpaid too. Overdues on two products at "
          "once weigh more than one: Jiebei eligibility can be cancelled outright.",
          "文章里更严重的情形:花呗也没还。两个产品同时逾期比一个严重得多:"
          "借呗资格可能被直接取消。"),
         TODAY, _several, "jiebei", "closed"),
    Step(("Your turn", "轮到你了"),
         ("Back to one unpaid Fenqile overdue, today. In real life, first get your own "
          "credit report (free twice a year) to see what was filed. Here, try it "
          "yourself: s settles the highlighted overdue, a adds one, [ and ] move the "
          "months, c compares the choices, ? lists every key. Esc ends the tour.",
          "回到今天、一笔未还的分期乐逾期。现实中,先查一份本人信用报告(每年两次免费),"
          "看清报送了什么。在这里自己试试:s 结清选中的逾期,a 添加,[ 和 ] 前后移动月份,"
          "c 比较选择,? 查看所有按键。Esc 结束导览。"),
         TODAY, _unpaid, "events", "suspended"),
)


def tour_start() -> Scenario:
    return load_sample(TOUR_SAMPLE)


def step_scenario(index: int, start: Scenario | None = None) -> Scenario:
    """The scenario of step ``index`` (0-based), named after the tour."""
    base = start if start is not None else tour_start()
    return Rename(TOUR_NAME).apply_to(STEPS[index].build(base), TODAY)

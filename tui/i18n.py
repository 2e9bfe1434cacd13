"""Every user-facing word of the front ends, in Chinese and English.

Shared by the text report and the Textual app, and free of UI imports so the quick
commands stay quick. ``tr(lang, key, **values)`` looks a string up and fills it in.
"""

from __future__ import annotations

import locale
import os
import re
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from model.assessment import Cost, JiebeiView

LANGS = ("en", "zh")

DISCLAIMER = {
    "en": "Educational what-if simulation. Not affiliated with Ant Group, LexinFintech or any "
          "lender; it predicts nothing about a real account and shows ranges, not exact values.",
    "zh": "教育用途的模拟推演,与蚂蚁集团、乐信及任何放贷机构无关;不预测任何真实账户,"
          "结果为区间而非精确值。",
}

REMINDER = {
    "en": "Educational simulation · not affiliated with any lender · not a prediction",
    "zh": "教育模拟 · 与任何放贷机构无关 · 并非预测",
}

BASIS = {
    "en": {"documented": "documented", "reported": "reported", "folk": "folk",
           "assumption": "assumption"},
    "zh": {"documented": "有据", "reported": "报道", "folk": "民间说法", "assumption": "假设"},
}

# Jiebei's state as the badge's chip shows it, short and loud.
STATE_CHIP = {
    "en": {"available": "AVAILABLE", "reduced": "REDUCED", "suspended": "SUSPENDED",
           "closed": "CLOSED", "frozen": "FROZEN"},
    "zh": {"available": "可借", "reduced": "降额", "suspended": "暂停",
           "closed": "关闭", "frozen": "冻结"},
}

# What each basis label means (the help screen).
BASIS_MEANING = {
    "en": {"documented": "a law, regulation or official filing",
           "reported": "reputable secondary reporting",
           "folk": "common belief, not confirmed by the lender",
           "assumption": "our modelling choice; tune it in the policy file"},
    "zh": {"documented": "法律、法规或官方文件", "reported": "可信的二手报道",
           "folk": "常见说法,未经机构证实", "assumption": "本模型的假设,可在策略文件中调整"},
}

STATUS = {
    "en": {"normal": "normal", "in_grace": "in grace", "overdue": "overdue",
           "settled": "settled", "extended": "extended", "upcoming": "not due",
           "paid_in_grace": "paid in grace"},
    "zh": {"normal": "正常", "in_grace": "宽限期内", "overdue": "逾期", "settled": "已结清",
           "extended": "已展期", "upcoming": "未到期", "paid_in_grace": "宽限期内已还"},
}

# The words of every key, by binding id, for the key bar, the help and the palette.
KEYS: dict[str, dict[str, str]] = {
    "en": {
        "event.add": "Add",
        "event.edit": "Edit",
        "event.settle": "Settle",
        "event.extend": "Extend",
        "event.delete": "Delete",
        "profile.edit": "Profile",
        "event.compare": "Compare",
        "branch.menu": "Branch",
        "policy.edit": "Policy",
        "history.undo": "Undo",
        "history.redo": "Redo",
        "time.back": "−1 mo",
        "time.forward": "+1 mo",
        "time.reset": "Scenario date",
        "file.save": "Save",
        "file.save_as": "Save as",
        "file.open": "Open",
        "file.samples": "Samples",
        "view.lang": "中文",
        "view.theme": "Theme",
        "view.focus_events": "Events",
        "view.focus_why": "Why",
        "tour.start": "Guided tour",
        "tour.next": "Tour: next step",
        "tour.back": "Tour: step back",
        "tour.leave": "Leave the tour",
        "app.help": "Help",
        "app.quit": "Quit",
    },
    "zh": {
        "event.add": "添加",
        "event.edit": "编辑",
        "event.settle": "结清",
        "event.extend": "展期",
        "event.delete": "删除",
        "profile.edit": "个人情况",
        "event.compare": "比较",
        "branch.menu": "分支",
        "policy.edit": "规则",
        "history.undo": "撤销",
        "history.redo": "重做",
        "time.back": "前一月",
        "time.forward": "后一月",
        "time.reset": "回到情景日期",
        "file.save": "保存",
        "file.save_as": "另存为",
        "file.open": "打开",
        "file.samples": "示例",
        "view.lang": "English",
        "view.theme": "主题",
        "view.focus_events": "逾期记录",
        "view.focus_why": "原因",
        "tour.start": "导览",
        "tour.next": "导览:下一步",
        "tour.back": "导览:上一步",
        "tour.leave": "结束导览",
        "app.help": "帮助",
        "app.quit": "退出",
    },
}

STRINGS: dict[str, dict[str, str]] = {
    "en": {
        "as_of": "as of", "jiebei": "Jiebei", "score": "Score", "why": "Why",
        "colon": ": ", "days_short": "d",
        "palette": "Command palette",
        "usable": "usable", "assessed": "assessed", "base": "base",
        "reopen_on": "fully available again on",
        "reopen_now": "available now", "reopen_never": "not fully available again under this plan",
        "reopen_settle": "settle {events} first", "reopen_score": "the score stays too low",
        "likely": "likely", "from_base": "from base",
        "accounts": "Accounts", "events": "Overdue events", "report": "Credit report (PBOC)",
        "cost": "Extra cost", "cost_short": "cost", "reopen_col_short": "full again",
        "interest": "penalty interest", "fees": "fees",
        "notices": "Good to know",
        "limit": "limit", "balance": "balance", "code": "code", "due": "due",
        "settled": "settled", "unsettled": "unpaid", "days": "days", "purge": "purged",
        "purge_never": "kept while unpaid",
        "month": "month", "state": "state", "no_jiebei": "no Jiebei account",
        "lsll": "连三累六", "consecutive": "consecutive", "cumulative": "cumulative",
        "triggered": "triggered", "not_triggered": "not triggered", "extension": "展期",
        "projection": "Projection", "score_range": "score (range)",
        # the app
        "product": "product", "status": "status", "account": "account", "amount": "amount",
        "event": "event", "next_24": "next 24 months",
        "range": "range", "no_events": "No overdue events. Press a to add one.",
        "upload": "on report from",
        "code_legend": "N on time · 1–7 overdue by 30-day steps · * nothing due · / not open"
                       " · C paid off and closed · G ended otherwise · D paid by a guarantor"
                       " · Z repaid with assets · B bad debt (呆账) · # unknown. An \"M\" "
                       "(paid late within the month) is cited by some but unconfirmed, so "
                       "not used.",
        "title": "jiebei-sim", "limit_bar": "limit",
        "add_event": "Add overdue event", "edit_event": "Edit overdue event",
        "extension_title": "Agree an extension (延期还款)",
        "settled_hint": "blank = unpaid; a date after today is a plan",
        "fee": "fee", "agreed": "agreed on", "new_due": "new due date",
        "save": "Save", "cancel": "Cancel", "ok": "OK", "delete": "Delete",
        "confirm_delete": "Delete overdue event {event}?",
        "unsaved": "You have unsaved changes.", "quit_anyway": "Quit without saving",
        "save_and_quit": "Save and quit",
        "discard": "Discard changes",
        "keep_editing": "Keep editing", "open_title": "Open a scenario file",
        "save_title": "Save the scenario as", "path": "file path",
        "samples_title": "Built-in samples", "tour": "Guided tour",
        "tour_left": "Tour ended: back to branch {branch}, as you left it. The tour's story "
                     "stays in branch {tour} (b) to explore; g restarts the tour.",
        "tour_keys": "→ or n next · ← back · Esc leave the tour, back to your own branch",
        "recent_files": "Recent files (↓ to choose)",
        "sandboxed": "This demo session can only use files in its own folder ({folder})",
        "saved": "Saved to {path}",
        "saved_web": "Saved {path}; your browser downloads a copy to keep",
        "wont_overwrite": "{why}. Not saved: the file there does not read as a scenario, so "
                          "it is left as it is; save under another name (ctrl+w).",
        "is_a_folder": "{path}: is a folder", "no_such_folder": "{path}: no such folder",
        "opened": "Opened {name}", "not_a_date": "not a date: use YYYY-MM-DD",
        "positive": "a positive amount", "required": "required",
        "help_title": "Keys and meanings",
        "disclaimer_title": "Before you start",
        "disclaimer_body": "This is an educational what-if simulator. It is not affiliated with "
                           "Ant Group (Zhima, Huabei, Jiebei), LexinFintech (Fenqile) or any "
                           "lender. It predicts nothing about a real account: every number is a "
                           "modelled range, and every conclusion says how far it can be trusted:"
                           " documented, reported, folk or assumption.",
        "continue": "Continue",
        "nothing_undo": "Nothing to undo",
        "nothing_redo": "Nothing to redo",
        "theme_now": "Theme: {theme}", "per_day": "/day",
        "profile_title": "Your profile before the events", "base_score": "base score",
        "base_score_hint": "your Zhima-like score before any listed event (350–950)",
        "jiebei_limit": "Jiebei limit before the events (RMB)",
        "income_proof": "income or asset proof on file (财力证明)",
        "score_bounds": "a whole number from 350 to 950",
        "compare_title": "Repayment choices for {event}: {product} ¥{amount:,.0f}, due {due}",
        "compare_hint": "Each choice is a plan from today; scores are likely values; ≥ marks "
                        "a cost that keeps growing. "
                        "k keeps the choices as branches (saved with the file) · "
                        "escape closes.",
        "kept_branches": "{count} choices kept as branches: b lists them",
        "cursor_keys": "[ and ] move the cursor", "key": "key",
        "branch_compare_hint": "Each branch as it stands, from today; scores are likely "
                               "values. escape closes.",
        "choice": "choice", "reopen_col": "fully available", "reopen_no": "never",
        "score_now": "score",
        "score_6": "+6 mo", "score_12": "+12 mo",
        "choice_settle-today": "settle today", "choice_settle-30-days": "settle in 30 days",
        "choice_settle-90-days": "settle in 90 days",
        "choice_extension": "{days}-day extension", "choice_never": "never pay",
        "branches_title": "What-if branches",
        "branches_hint": "enter switch · n new from this one · r rename · d delete · "
                         "c compare {fewest} to {most} · escape close",
        "pick_branches_title": "Compare which branches?",
        "pick_branches_hint": "space ticks or unticks ({fewest} to {most}) · enter compares · "
                              "escape closes",
        "pick_branches_rule": "tick {fewest} to {most} branches ({count} ticked)",
        "branch_name": "Name of the new branch", "branch_rename": "Rename branch {name}",
        "branch_compare_title": "Branches side by side",
        "confirm_delete_branch": "Delete branch {name}?", "branch": "branch",
        "branch_name_rule": "a name of 1 to 40 characters",
        # The tour's own branch; ticked branches to compare (issue 13: tour, comparison).
        "tour_branch": "Tour",
        "plan_label": "Planner: Jiebei fully available by (YYYY-MM-DD, enter)",
        "plan_ok": "Jiebei fully available by {target}: settle by {settle_by} at the latest "
                   "(fully available from {reopens}).",
        "plan_no": "Not reachable by {target}: {why}.",
        "policy_title": "Policy what-if: the rules' numbers (ctrl+s apply, ctrl+r reset)",
        "apply": "Apply", "reset": "Reset", "close": "Close", "applied": "Applied: every pane "
        "now follows this policy", "reset_done": "Back to the policy the app started with",
        "a_number": "a number",
        "param_timing.grace_days": "grace days before reporting",
        "param_timing.report_lag_days": "reporting lag (days)",
        "param_jiebei.reopen_after_clean_months": "months reduced after settling",
        "param_jiebei.apply_min_score": "minimum score for Jiebei",
        "param_jiebei.reduce_below_base_points": "points below base that reduce",
        "param_jiebei.frozen_unsettled_days": "days unpaid that freeze",
        "param_report.lsll_consecutive": "连三: consecutive months",
        "param_report.lsll_cumulative": "累六: months in all",
        "param_report.lsll_window_months": "连三累六 window (months)",
        "param_score.buckets.0.penalty.low": "M1 penalty, low",
        "param_score.buckets.0.penalty.high": "M1 penalty, high",
        "param_score.buckets.1.penalty.low": "M2 penalty, low",
        "param_score.buckets.1.penalty.high": "M2 penalty, high",
        "param_score.repeat_weight": "weight of each repeat",
        "fee_hint": "0 if the lender charges none",
        "income_proof_from": "added on (blank = already on file)",
        "applications": "credit applications in the last 3 months",
        "applications_hint": "each one shows on the report; many at once look risky",
        "applications_bounds": "a whole number from 0 to 50",
        "income_proof_hint": "the limit feels it at the next reassessment after this day",
        "param_extension.days": "extension length (days)",
        "param_extension.fee_rate": "extension fee (share of amount)",
        "cost_so_far": "so far", "cost_plan": "plan total",
        "cost_plan_long": "this plan's total", "cost_at_least": "at least",
        "already_settled": "{event} was settled on {day}: that is history, not a choice. "
                           "To change the date, edit the event (e).",
        "restore_question": "Unsaved work from last time ({name}) was kept. Restore it?",
        "autosave_unreadable": "Unsaved work from last time could not be read, so it was not "
                               "offered back; the file is kept at {path}. ({why})",
        "restore": "Restore", "restore_no": "Discard it", "restored": "Unsaved work restored",
        "branch_exists": "a branch named {name} already exists",
    },
    "zh": {
        "as_of": "截至", "jiebei": "借呗", "score": "信用分", "why": "原因",
        "colon": ":", "days_short": "天",
        "palette": "命令面板",
        "usable": "可用", "assessed": "评估", "base": "原额度", "reopen_on": "预计完全恢复",
        "reopen_now": "现在可用", "reopen_never": "按当前计划不会完全恢复",
        "reopen_settle": "请先结清 {events}", "reopen_score": "信用分仍然过低",
        "likely": "预计", "from_base": "较原分", "accounts": "账户", "events": "逾期记录",
        "report": "征信报告(人行)", "cost": "额外成本", "cost_short": "成本",
        "reopen_col_short": "完全恢复", "interest": "罚息", "fees": "手续费",
        "notices": "须知",
        "limit": "额度", "balance": "余额", "code": "征信", "due": "到期", "settled": "结清",
        "unsettled": "未还", "days": "天", "purge": "删除于",
        "purge_never": "未结清前一直保留", "month": "月份",
        "state": "状态", "no_jiebei": "无借呗账户", "lsll": "连三累六", "consecutive": "连续",
        "cumulative": "累计", "triggered": "已触发", "not_triggered": "未触发",
        "extension": "展期", "projection": "逐月推演", "score_range": "信用分(区间)",
        "product": "产品", "status": "状态", "account": "账户", "amount": "金额",
        "event": "记录", "next_24": "未来 24 个月",
        "range": "区间", "no_events": "没有逾期记录。按 a 添加。",
        "upload": "上报于",
        "code_legend": "N 按时 · 1–7 逾期(每 30 天一档)· * 无应还 · / 未开户 · C 已结清销户"
                       " · G 其他方式结束 · D 担保人代还 · Z 以资抵债 · B 呆账 · # 未知。"
                       "有资料提到“M”(当月内逾期后还清),未经证实,本工具不使用。",
        "title": "借呗模拟器", "limit_bar": "额度",
        "add_event": "添加逾期记录", "edit_event": "编辑逾期记录",
        "extension_title": "申请延期还款(展期)",
        "settled_hint": "留空 = 未还;晚于今天的日期表示计划",
        "fee": "手续费", "agreed": "约定日期", "new_due": "新到期日",
        "save": "保存", "cancel": "取消", "ok": "确定", "delete": "删除",
        "confirm_delete": "删除逾期记录 {event}?",
        "unsaved": "有未保存的修改。", "quit_anyway": "不保存并退出",
        "save_and_quit": "保存并退出",
        "discard": "放弃修改",
        "keep_editing": "继续编辑", "open_title": "打开情景文件",
        "save_title": "另存为", "path": "文件路径",
        "samples_title": "内置示例", "tour": "导览",
        "tour_left": "导览已结束:已回到分支 {branch},一切如你离开时。导览的情景留在分支 "
                     "{tour}(按 b),可以继续探索;按 g 重新开始导览。",
        "tour_keys": "→ 或 n 下一步 · ← 上一步 · Esc 结束导览,回到你自己的分支",
        "recent_files": "最近的文件(↓ 选择)",
        "sandboxed": "本演示会话只能使用自己的文件夹({folder})中的文件",
        "saved": "已保存到 {path}",
        "saved_web": "已保存 {path},浏览器会下载一份副本供你保留",
        "wont_overwrite": "{why}。未保存:那里的文件无法作为情景读取,因此保持原样;"
                          "请另存为其他名称(ctrl+w)。",
        "is_a_folder": "{path}:是文件夹", "no_such_folder": "{path}:没有这个文件夹",
        "opened": "已打开 {name}", "not_a_date": "日期格式应为 YYYY-MM-DD",
        "positive": "须为正数", "required": "必填",
        "help_title": "按键与说明",
        "disclaimer_title": "开始之前",
        "disclaimer_body": "这是一个教育用途的模拟推演工具,与蚂蚁集团(芝麻、花呗、借呗)、乐信"
                           "(分期乐)及任何放贷机构均无关联。它不预测任何真实账户:所有数字都是"
                           "模型给出的区间,每条结论都标明可信程度:有据、报道、民间说法或假设。",
        "continue": "继续",
        "nothing_undo": "没有可撤销的操作",
        "nothing_redo": "没有可重做的操作",
        "theme_now": "主题:{theme}", "per_day": "/天",
        "profile_title": "逾期之前的个人情况", "base_score": "原信用分",
        "base_score_hint": "列出的逾期发生之前的芝麻分(350–950)",
        "jiebei_limit": "逾期之前的借呗额度(元)",
        "income_proof": "已提供财力证明",
        "score_bounds": "350 到 950 之间的整数",
        "compare_title": "{event} 的还款选择:{product} ¥{amount:,.0f},{due} 到期",
        "compare_hint": "每个选择都是从今天起的计划;信用分为预计值;≥ 表示成本仍在增加。"
                        "按 k 将各选择保存为分支"
                        "(随文件保存)· Esc 关闭。",
        "kept_branches": "已将 {count} 个选择保存为分支:按 b 查看",
        "cursor_keys": "[ 和 ] 移动光标", "key": "按键",
        "branch_compare_hint": "各分支按现状从今天起推演;信用分为预计值。按 escape 关闭。",
        "choice": "选择", "reopen_col": "完全恢复", "reopen_no": "不会恢复", "score_now": "信用分",
        "score_6": "6个月后", "score_12": "12个月后",
        "choice_settle-today": "今天结清", "choice_settle-30-days": "30 天后结清",
        "choice_settle-90-days": "90 天后结清",
        "choice_extension": "展期 {days} 天", "choice_never": "一直不还",
        "branches_title": "推演分支",
        "branches_hint": "enter 切换 · n 从此分支新建 · r 重命名 · d 删除 · "
                         "c 比较({fewest}–{most} 个)· "
                         "escape 关闭",
        "branch_name_rule": "名称需 1–40 个字符",
        "pick_branches_title": "比较哪些分支?",
        "pick_branches_hint": "空格 勾选或取消(选 {fewest}–{most} 个)· enter 比较 · escape 关闭",
        "pick_branches_rule": "请勾选 {fewest} 到 {most} 个分支(已勾选 {count} 个)",
        "plan_label": "规划:希望借呗在此日期前完全恢复(YYYY-MM-DD,回车)",
        "plan_ok": "要在 {target} 前让借呗完全恢复,最晚须在 {settle_by} 结清"
                   "(预计 {reopens} 完全恢复)。",
        "plan_no": "{target} 前无法完全恢复:{why}。",
        "policy_title": "规则推演:调整规则参数(ctrl+s 应用,ctrl+r 重置)",
        "apply": "应用", "reset": "重置", "close": "关闭", "applied": "已应用:所有面板按此规则更新",
        "reset_done": "已恢复启动时的规则", "a_number": "须为数字",
        "param_timing.grace_days": "宽限期(天)",
        "param_timing.report_lag_days": "上报延迟(天)",
        "param_jiebei.reopen_after_clean_months": "结清后降额月数",
        "param_jiebei.apply_min_score": "借呗最低信用分",
        "param_jiebei.reduce_below_base_points": "低于原分多少分降额",
        "param_jiebei.frozen_unsettled_days": "未还多少天冻结",
        "param_report.lsll_consecutive": "连三:连续月数",
        "param_report.lsll_cumulative": "累六:累计月数",
        "param_report.lsll_window_months": "连三累六观察期(月)",
        "param_score.buckets.0.penalty.low": "M1 扣分下限",
        "param_score.buckets.0.penalty.high": "M1 扣分上限",
        "param_score.buckets.1.penalty.low": "M2 扣分下限",
        "param_score.buckets.1.penalty.high": "M2 扣分上限",
        "param_score.repeat_weight": "重复逾期折算系数",
        "fee_hint": "机构不收费则填 0",
        "income_proof_from": "提供日期(留空 = 已提供)",
        "applications": "近 3 个月的贷款申请次数",
        "applications_hint": "每次申请都会记入征信;短期多次申请显得有风险",
        "applications_bounds": "0 到 50 的整数",
        "income_proof_hint": "额度在此日之后的下一次评估时才体现",
        "param_extension.days": "展期天数",
        "param_extension.fee_rate": "展期手续费(占金额比例)",
        "cost_so_far": "截至目前", "cost_plan": "本计划合计",
        "cost_plan_long": "本计划合计", "cost_at_least": "至少",
        "already_settled": "{event} 已于 {day} 结清:这是已发生的事,不是可选项。"
                           "要改结清日期,请编辑这条记录(e)。",
        "restore_question": "上次有未保存的内容({name}),已自动保留。要恢复吗?",
        "autosave_unreadable": "上次未保存的内容无法读取,因此没有恢复;文件保留在 {path}。({why})",
        "restore": "恢复", "restore_no": "丢弃", "restored": "已恢复未保存的内容",
        "branch_exists": "已有名为 {name} 的分支",
        "branch_name": "新分支的名称", "branch_rename": "重命名分支 {name}",
        "branch_compare_title": "各分支对比",
        "confirm_delete_branch": "删除分支 {name}?", "branch": "分支",
        # The tour's own branch; ticked branches to compare (issue 13: tour, comparison).
        "tour_branch": "导览",
    },
}


# The guided tour's steps (tui/tour.py), in order: (title, caption).
TOUR: dict[str, tuple[tuple[str, str], ...]] = {
    "en": (
        ("Everything on time",
         "Meet Lin: a Fenqile instalment plan (Fenqile is LexinFintech's, not Ant's), "
         "Huabei, and Jiebei with a ¥30,000 limit. Every payment on time: Jiebei is "
         "available and the score sits at its base."),
        ("A gap in cash flow",
         "Money runs short and the ¥1,200 instalment due on 15 October is missed. Two "
         "days late it is still inside the grace period: paid now, it would usually "
         "not be reported (a folk rule: not every lender gives grace)."),
        ("45 days overdue",
         "Six weeks on and still unpaid. The institution that funded the Fenqile loan "
         "has uploaded the record, under its own name, so the credit report shows it; "
         "the likely score has fallen and Jiebei is suspended. The Why pane says "
         "which rule did it and how sure we are of each."),
        ("If it stays unpaid",
         "Two more months: the report now shows overdue months in a row (连三), the "
         "score falls further, and Jiebei goes from suspended to frozen. The penalty "
         "interest grows every day."),
        ("The choices",
         "Back to today, 45 days late. Press c to see five choices side by side: "
         "settle today, in 30 days, in 90 days, agree an extension, or never pay, "
         "each with its score, Jiebei state, date of full recovery and cost. Esc "
         "comes back to the tour."),
        ("Settle today",
         "Lin settles today. The debt stops growing and Jiebei can be used again, but "
         "with a reduced limit; the pane shows the day it should be fully available "
         "again. The record stays on the report: the overdue months keep their "
         "digits, and the months after show N."),
        ("Six months on",
         "Time is the repair: with every payment on time since, the score climbs back "
         "and the limit grows, though it is still reduced."),
        ("A year on",
         "A year later Jiebei is available again and the score is most of the way "
         "back. The overdue record itself stays on the credit report for five years "
         "after settling."),
        ("Unpaid on several products",
         "The article's harder case: Huabei is unpaid too. Overdues on two products "
         "at once weigh more than one: Jiebei eligibility can be cancelled outright."),
        ("Your turn",
         "Back to one unpaid Fenqile overdue, today. In real life, first get your own "
         "credit report (free twice a year) to see what was filed. Here, try it "
         "yourself: s settles the highlighted overdue, a adds one, [ and ] move the "
         "months, c compares the choices, ? lists every key. Esc ends the tour."),
    ),
    "zh": (
        ("一切按时",
         "小林:有一笔分期乐分期(分期乐属于乐信,不是蚂蚁),还有花呗,借呗额度 3 "
         "万元。每期都按时还:借呗可用,分数保持在基准。"),
        ("资金周转不开",
         "一个月手头紧,10 月 15 日到期的 1,200 元分期没有还上。晚了两天"
         ",仍在宽限期内:现在还上,通常不会上报(民间说法,并非每家机构都有宽限期)。"),
        ("逾期 45 天",
         "六周过去仍未还。为这笔分期乐借款出资的机构已上报,征信上以它的名义显示这条记"
         "录;预计分数下降,借呗被暂停。“原因”栏写明是哪条规则,以及每条的依据有多可"
         "靠。"),
        ("如果一直不还",
         "再过两个月:报告上出现连续逾期的月份(连三),分数继续下降,借呗从暂停变为冻"
         "结。罚息每天都在增加。"),
        ("有哪些选择",
         "回到今天,逾期 45 天。按 c 并排比较五种选择:今天结清、30 天后、9"
         "0 天后、协商展期、一直不还,各自的分数、借呗状态、完全恢复日期和成本。Es"
         "c 回到导览。"),
        ("今天结清",
         "小林今天结清。欠款不再增加,借呗可以再用,但额度降低;借呗栏显示预计完全恢复"
         "的日期。记录仍留在报告上:逾期的月份保留数字,之后的月份显示 N。"),
        ("六个月后",
         "修复靠时间:此后每期按时还款,分数回升,额度也在恢复,但仍低于原额度。"),
        ("一年后",
         "一年后借呗恢复可用,分数也基本回升。逾期记录本身在结清后仍会在征信报告上保留"
         "五年。"),
        ("多个产品同时未还",
         "文章里更严重的情形:花呗也没还。两个产品同时逾期比一个严重得多:借呗资格可能"
         "被直接取消。"),
        ("轮到你了",
         "回到今天、一笔未还的分期乐逾期。现实中,先查一份本人信用报告(每年两次免费)"
         ",看清报送了什么。在这里自己试试:s 结清选中的逾期,a 添加,[ 和 ] "
         "前后移动月份,c 比较选择,? 查看所有按键。Esc 结束导览。"),
    ),
}

# The demo room's words to its visitors (the browser door's pages, and why a session
# ended).
ROOM: dict[str, dict[str, str]] = {
    "en": {
        "title": "jiebei-sim · demo room",
        "intro": "An educational what-if simulator: after a missed Fenqile payment, can you "
            "still borrow on Jiebei? Not affiliated with any lender.",
        "password": "Room password",
        "enter": "Enter the room",
        "language": "Language",
        "wrong": "That password is not right. Ask the presenter for it.",
        "slow_down": "Too many tries just now. Please wait a minute, then try again.",
        "full": "The room is full ({n} at once). Please try again in a few minutes.",
        "too_many_here": "Too many sessions from your network ({n} at once). Close one, "
            "then try again.",
        "idle": "You were signed out after {t} without a key press. Your copy of the app has "
            "ended; nothing you did was kept.",
        "time_limit": "This session reached its time limit ({t}). Thank you for trying "
            "jiebei-sim!",
        "again": "Start again",
        "try_again": "Try again",
        "quit": "You have left the app. Start again for a fresh copy.",
        "failed": "The app could not start here; please tell the presenter.",
        "ended": "Your session has ended.",
        "loading": "Starting your own copy of the app…",
        "shutting_down": "The server is shutting down. Thank you for trying jiebei-sim!",
        "ssh_closing": "The server is shutting down.",
        "ssh_room_full": "The room is full ({n} sessions at once). Please try again in a few "
            "minutes.",
        "ssh_too_many_here": "Too many sessions from your address ({n} at once). Close one, "
            "then connect again.",
        "ssh_wrong_passwords": "Too many wrong passwords.",
        "ssh_slow_down": "Too many sign-in attempts in this room just now. Please try again "
            "in a minute.",
        "ssh_commands": "This server runs only the interactive app, not commands: connect "
            "with  {hint}",
        "ssh_no_terminal": "This is an interactive app: connect with  {hint}",
        "ssh_failed": "The app could not start here; please tell the organiser.",
        "ssh_idle": "Closed after {t} without a key press. Connect again any time.",
        "ssh_time_limit": "This session has reached its time limit ({t}). Thank you for "
            "trying jiebei-sim!",
    },
    "zh": {
        "title": "借呗模拟 · 演示室",
        "intro": "教育用途的模拟推演:分期乐逾期后,借呗还能用吗?与任何放贷机构无关。",
        "password": "房间密码",
        "enter": "进入",
        "language": "语言",
        "wrong": "密码不对,请向主持人询问。",
        "slow_down": "尝试次数过多,请稍等一分钟再试。",
        "full": "房间已满(最多同时 {n} 人),请过几分钟再试。",
        "too_many_here": "你所在网络的会话过多(最多同时 {n} 个),请先关闭一个再试。",
        "idle": "{t}没有按键,已自动退出。你的模拟副本已结束,未保留任何内容。",
        "time_limit": "本次会话已达时长上限({t})。感谢试用!",
        "again": "重新开始",
        "try_again": "再试一次",
        "quit": "你已退出应用。重新开始即可获得一份新的副本。",
        "failed": "应用无法在此启动,请告诉主持人。",
        "ended": "会话已结束。",
        "loading": "正在启动你自己的副本……",
        "shutting_down": "服务器正在关闭。感谢试用!",
        "ssh_closing": "服务器正在关闭。",
        "ssh_room_full": "房间已满(最多同时 {n} 个会话),请过几分钟再试。",
        "ssh_too_many_here": "来自你地址的会话过多(最多同时 {n} 个),请先关闭一个再连接。",
        "ssh_wrong_passwords": "密码错误次数过多。",
        "ssh_slow_down": "此房间刚才的登录尝试过多,请一分钟后再试。",
        "ssh_commands": "此服务器只运行交互式应用,不执行命令:请用  {hint}  连接",
        "ssh_no_terminal": "这是交互式应用:请用  {hint}  连接",
        "ssh_failed": "应用无法在此启动,请告诉主持人。",
        "ssh_idle": "{t}没有按键,已断开。随时可以重新连接。",
        "ssh_time_limit": "本次会话已达时长上限({t})。感谢试用!",
    },
}

_CJK = r"[\u3000-\u9fff\uff00-\uffef]"
_SPACE_BY_CJK = re.compile(rf"(?<={_CJK}) +| +(?={_CJK})")


def cjk_flow(text: str) -> str:
    """Drop spaces next to CJK characters: Chinese sets numbers and Latin words without
    them, and where Textual still wraps text (dialogs, hints) a space would be a place to
    break early."""
    return _SPACE_BY_CJK.sub("", text)


class Bilingual(Protocol):
    """Anything of the model's that carries its own words: a reason, a state, a tier, a
    product (``.en`` and ``.zh``)."""

    @property
    def en(self) -> str: ...

    @property
    def zh(self) -> str: ...


def said(thing: Bilingual, lang: str) -> str:
    """A model object's own words in ``lang``."""
    return thing.zh if lang == "zh" else thing.en


def flow(text: str, lang: str) -> str:
    """Text set for its language (``cjk_flow`` in Chinese)."""
    return cjk_flow(text) if lang == "zh" else text


def room_words(key: str, lang: str, **values: object) -> str:
    """The demo room's words to a visitor in ``lang``."""
    return ROOM[lang][key].format(**values)


def room_words_both(key: str, **values: object) -> str:
    """Before a visitor's language is known (the SSH sign-in): English, then Chinese."""
    return "\r\n".join(room_words(key, lang, **values) for lang in LANGS)


def other_lang(lang: str) -> str:
    return "en" if lang == "zh" else "zh"


def tr(lang: str, key: str, **values: object) -> str:
    """The string ``key`` in ``lang``, filled in. Both languages hold every key (tested:
    tests/tui/test_words.py), so a missing one is a bug, not English in disguise."""
    text = STRINGS[lang][key]
    return text.format(**values) if values else text


def reopen_words(jiebei: JiebeiView, lang: str) -> str:
    """When Jiebei reopens, in words: now, on a date, or never and what would change it."""
    if jiebei.reopen == "never":
        why = (tr(lang, "reopen_settle", events=", ".join(jiebei.reopen_blocked_by))
               if jiebei.reopen_blocked_by else tr(lang, "reopen_score"))
        return f"{tr(lang, 'reopen_never')} ({why})"
    if jiebei.reopen == "now":
        return tr(lang, "reopen_now")
    return f"{tr(lang, 'reopen_on')} {jiebei.reopens_on}"


def cost_words(cost: Cost, lang: str) -> tuple[str, str, str]:
    """The extra cost in words as (what has accrued, its growth per day, the plan's total),
    model/README.md §7: "so far" and "plan total" each labelled where they differ, the growth
    only while interest runs today, and only a floor for a plan that never settles an
    event. The parts are "" where there is nothing to say; they read in that order."""
    label = tr(lang, "cost")
    per_day = (f"+{cost.growing_per_day:,.2f}{tr(lang, 'per_day')}"
               if cost.growing_per_day > 0 else "")
    if not (cost.differs or cost.open_ended or per_day):
        return f"{label} ¥{cost.total:,.2f}", "", ""
    plan = ""
    if cost.differs or (cost.open_ended and not per_day):
        floor = "≥ " if cost.open_ended else ""
        plan = f"{tr(lang, 'cost_plan')} {floor}¥{cost.total:,.2f}"
    return f"{label} {tr(lang, 'cost_so_far')} ¥{cost.so_far:,.2f}", per_day, plan


def cost_text(cost: Cost, lang: str) -> str:
    """``cost_words`` as one plain line."""
    head, per_day, plan = cost_words(cost, lang)
    return " · ".join(part for part in (f"{head} {per_day}".rstrip(), plan) if part)


def default_lang() -> str:
    """Chinese when the locale says so, English otherwise."""
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var)
        if value:
            return "zh" if value.lower().startswith("zh") else "en"
    loc = locale.getlocale()[0] or ""
    return "zh" if loc.lower().startswith("zh") else "en"

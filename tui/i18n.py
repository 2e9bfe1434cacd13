"""Every user-facing word of the front ends, in Chinese and English.

Shared by the text report and the Textual app, and free of UI imports so the quick
commands stay quick. ``tr(lang, key, **values)`` looks a string up and fills it in.
"""

from __future__ import annotations

import errno
import locale
import os
import re
from typing import TYPE_CHECKING, Protocol

from tui.config import theme_word

if TYPE_CHECKING:
    from model.assessment import Cost, JiebeiView
    from model.errors import InputError, Problem

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

# What the chip means for the user, beside it (the chip alone is one loud word).
STATE_MEANING = {
    "en": {"available": "you can borrow", "reduced": "you can borrow, on a lower limit",
           "suspended": "no new borrowing for now", "closed": "eligibility cancelled",
           "frozen": "no borrowing; the account is locked"},
    "zh": {"available": "可以借款", "reduced": "可以借款,但额度降低", "suspended": "暂时不能新借",
           "closed": "借款资格已取消", "frozen": "不能借款,账户被锁定"},
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
        "view.focus_jiebei": "Jiebei",
        "view.focus_score": "Score",
        "view.focus_events": "Events",
        "view.focus_why": "Why",
        "view.focus_accounts": "Accounts",
        "view.focus_report": "Report",
        "tour.start": "Guided tour",
        "tour.next": "Tour: next step",
        "tour.back": "Tour: step back",
        "tour.leave": "Leave the tour",
        "notice.close": "Close the first-run notice",
        "app.help": "Help",
        "app.palette": "Commands",
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
        "view.focus_jiebei": "借呗",
        "view.focus_score": "信用分",
        "view.focus_events": "逾期记录",
        "view.focus_why": "原因",
        "view.focus_accounts": "账户",
        "view.focus_report": "征信报告",
        "tour.start": "导览",
        "tour.next": "导览:下一步",
        "tour.back": "导览:上一步",
        "tour.leave": "结束导览",
        "notice.close": "关闭首次提示",
        "app.help": "帮助",
        "app.palette": "命令",
        "app.quit": "退出",
    },
}

# The command palette (ctrl+p): for each binding id, and each command reached only
# through a dialog, a title to search for and what it does, in words.
COMMANDS: dict[str, dict[str, str]] = {
    "en": {
        "event.add": "Add an overdue event",
        "event.edit": "Edit the highlighted event",
        "event.settle": "Settle the highlighted event today",
        "event.extend": "Agree an extension (展期)",
        "event.delete": "Delete the highlighted event",
        "event.compare": "Compare the repayment choices",
        "choices.plan": "Planner: the latest day to settle",
        "choices.keep": "Keep the repayment choices as branches",
        "branch.menu": "What-if branches",
        "branch.fork": "New branch",
        "branch.rename": "Rename this branch",
        "profile.edit": "Your profile",
        "policy.edit": "The policy's numbers",
        "history.undo": "Undo",
        "history.redo": "Redo",
        "time.back": "One month back",
        "time.forward": "One month forward",
        "time.reset": "Back to the scenario's date",
        "file.save": "Save",
        "file.save_as": "Save as",
        "file.open": "Open a file",
        "file.samples": "Open a built-in sample",
        "view.lang": "中文: switch to Chinese",
        "view.theme": "Theme",
        "view.focus_jiebei": "Go to the Jiebei pane",
        "view.focus_score": "Go to the score pane",
        "view.focus_events": "Go to the overdue events",
        "view.focus_why": "Go to the reasons (Why)",
        "view.focus_accounts": "Go to the accounts",
        "view.focus_report": "Go to the credit report",
        "tour.start": "Guided tour",
        "tour.next": "Tour: next step",
        "tour.back": "Tour: step back",
        "tour.leave": "Leave the tour",
        "notice.close": "Close the notice and start",
        "app.help": "Keys and help",
        "app.quit": "Quit",
        "system.maximize": "Maximize",
        "system.minimize": "Restore the panes",
        "system.screenshot": "Screenshot",
    },
    "zh": {
        "event.add": "添加逾期记录",
        "event.edit": "编辑选中的逾期记录",
        "event.settle": "今天结清选中的逾期",
        "event.extend": "申请展期",
        "event.delete": "删除选中的逾期记录",
        "event.compare": "比较还款方案",
        "choices.plan": "规划:最晚何时结清",
        "choices.keep": "把还款方案保存为分支",
        "branch.menu": "假设分支",
        "branch.fork": "新建分支",
        "branch.rename": "重命名当前分支",
        "profile.edit": "个人情况",
        "policy.edit": "规则参数",
        "history.undo": "撤销",
        "history.redo": "重做",
        "time.back": "退回一个月",
        "time.forward": "前进一个月",
        "time.reset": "回到情景日期",
        "file.save": "保存",
        "file.save_as": "另存为",
        "file.open": "打开文件",
        "file.samples": "打开内置示例",
        "view.lang": "English:切换到英文",
        "view.theme": "主题",
        "view.focus_jiebei": "转到借呗窗格",
        "view.focus_score": "转到信用分窗格",
        "view.focus_events": "转到逾期记录",
        "view.focus_why": "转到原因",
        "view.focus_accounts": "转到账户",
        "view.focus_report": "转到征信报告",
        "tour.start": "导览",
        "tour.next": "导览:下一步",
        "tour.back": "导览:上一步",
        "tour.leave": "结束导览",
        "notice.close": "关闭提示,开始使用",
        "app.help": "按键与帮助",
        "app.quit": "退出",
        "system.maximize": "最大化",
        "system.minimize": "恢复所有窗格",
        "system.screenshot": "截图",
    },
}

COMMAND_HELP: dict[str, dict[str, str]] = {
    "en": {
        "event.add": "A missed payment: product, amount, due date, settled or not",
        "event.edit": "Change its amount, due date or settlement date (enter does it too)",
        "event.settle": "Pay it in full on the simulated date",
        "event.extend": "Start from the policy's standard extension for the highlighted event",
        "event.delete": "Asks first; undo brings it back",
        "event.compare": "Settle today, in 30 or 90 days, extend, or never: side by side",
        "choices.plan": "Type a date: the latest day to settle the highlighted event and "
                        "still have Jiebei fully available by then",
        "choices.keep": "Each repayment choice of the highlighted event becomes a what-if "
                        "branch (k in the comparison)",
        "branch.menu": "Switch, fork, rename, delete or compare what-if branches",
        "branch.fork": "A copy of this branch, to try something else (b, then n)",
        "branch.rename": "Give this branch another name (b, then r)",
        "profile.edit": "Base score, Jiebei limit, income proof, recent applications",
        "policy.edit": "The rules' main numbers, live, each with its basis",
        "history.undo": "Take back the last edit of this branch",
        "history.redo": "Make the edit just undone again",
        "time.back": "Move the simulated date a month earlier",
        "time.forward": "Move the simulated date a month later: unpaid events age",
        "time.reset": "Every month step taken back at once",
        "file.save": "Every branch, in one scenario file",
        "file.save_as": "Save to another file",
        "file.open": "A scenario file; recent files are listed",
        "file.samples": "One of the stories that come with the app",
        "view.lang": "Every word on screen in the other language",
        "view.theme": "Dark, light or the terminal's own ANSI colours",
        "view.focus_jiebei": "Jiebei's state, its limit and when it reopens",
        "view.focus_score": "The likely score, its range and the months ahead",
        "view.focus_events": "The table the event keys act on",
        "view.focus_why": "Every reason behind the state and the score, to scroll",
        "view.focus_accounts": "Each account's limit, balance and status",
        "view.focus_report": "24 months of PBOC codes, and when each record is purged",
        "tour.start": "The story step by step, on the live model",
        "tour.next": "The next step of the tour",
        "tour.back": "The step before",
        "tour.leave": "Keep exploring from this step",
        "notice.close": "What this simulator is and is not: read once",
        "app.help": "Every key, the states, the basis labels and the report codes",
        "app.quit": "Asks first while work is unsaved",
        "system.maximize": "Show the focused pane alone",
        "system.minimize": "Show every pane again",
        "system.screenshot": "Save an SVG picture of the screen",
    },
    "zh": {
        "event.add": "一笔逾期:产品、金额、到期日、是否已还",
        "event.edit": "修改金额、到期日或结清日期(回车也可以)",
        "event.settle": "在模拟日期全额还清",
        "event.extend": "以规则中的标准展期为起点,用于选中的逾期",
        "event.delete": "会先确认;撤销可以恢复",
        "event.compare": "今天、30 天或 90 天后结清、展期、不还:并排比较",
        "choices.plan": "输入一个日期:选中的逾期最晚哪天结清,借呗仍能在那天前完全恢复",
        "choices.keep": "选中逾期的每个还款方案各成为一个假设分支(比较画面中按 k)",
        "branch.menu": "切换、新建、重命名、删除或比较假设分支",
        "branch.fork": "复制当前分支,试试别的做法(b,再按 n)",
        "branch.rename": "给当前分支换个名字(b,再按 r)",
        "profile.edit": "原始信用分、借呗额度、收入证明、近期申请",
        "policy.edit": "规则的主要参数,实时生效,各有依据",
        "history.undo": "撤回本分支的上一次修改",
        "history.redo": "重新执行刚撤销的修改",
        "time.back": "模拟日期提前一个月",
        "time.forward": "模拟日期推后一个月:未还的逾期继续累积",
        "time.reset": "一次撤回所有按月移动",
        "file.save": "所有分支保存在一个情景文件里",
        "file.save_as": "保存到另一个文件",
        "file.open": "打开情景文件;列出最近的文件",
        "file.samples": "应用自带的示例情景",
        "view.lang": "界面上的所有文字换成另一种语言",
        "view.theme": "深色、浅色或终端自己的 ANSI 配色",
        "view.focus_jiebei": "借呗状态、额度和恢复日期",
        "view.focus_score": "预计信用分、区间和未来几个月",
        "view.focus_events": "逾期操作键作用于此表中选中的记录",
        "view.focus_why": "状态和信用分背后的所有原因,可滚动",
        "view.focus_accounts": "各账户的额度、余额和状态",
        "view.focus_report": "24 个月的征信代码,以及每条记录的删除日期",
        "tour.start": "在实时模型上一步步讲述整个故事",
        "tour.next": "导览的下一步",
        "tour.back": "导览的上一步",
        "tour.leave": "从这一步开始自由探索",
        "notice.close": "这个模拟工具是什么、不是什么:读过一次即可",
        "app.help": "所有按键、状态、依据标签和征信代码",
        "app.quit": "有未保存的修改时会先询问",
        "system.maximize": "只显示当前窗格",
        "system.minimize": "重新显示所有窗格",
        "system.screenshot": "把当前画面保存为 SVG 图片",
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
        "no_events_mapped": "No overdue events. Press {keys} to add one.",
        "upload": "on report from",
        "code_legend": "N on time · 1–7 overdue by 30-day steps · * nothing due · / not open"
                       " · C paid off and closed · G ended otherwise · D paid by a guarantor"
                       " · Z repaid with assets · B bad debt (呆账) · # unknown. An \"M\" "
                       "(paid late within the month) is cited by some but unconfirmed, so "
                       "not used.",
        "title": "jiebei-sim", "limit_bar": "limit",
        "add_event": "Add overdue event", "edit_event": "Edit overdue event",
        "extension_title": "Agree an extension (展期)",
        "settled_hint": "blank = unpaid; a date after today is a plan",
        "fee": "fee", "agreed": "agreed on", "new_due": "new due date",
        "save": "Save", "cancel": "Cancel", "ok": "OK", "delete": "Delete",
        "confirm_delete": "Delete overdue event {event}?",
        "unsaved": "You have unsaved changes.", "quit_anyway": "Quit without saving",
        "save_and_quit": "Save and quit",
        "save_first": "Save first",
        "discard": "Discard changes",
        "keep_editing": "Keep editing", "open_title": "Open a scenario file",
        "save_title": "Save the scenario as", "path": "file path",
        "samples_title": "Built-in samples", "tour": "Guided tour",
        "tour_left": "Tour ended: back to branch {branch}, as you left it. The tour's story "
                     "stays in branch {tour} (b) to explore; g restarts the tour.",
        "tour_keys": "→ or n next · ← back · Esc leave the tour, back to your own branch",
        "tour_keys_mapped": "{next} next · {back} back · {leave} leave the tour, back to "
                            "your own branch",
        "recent_files": "Recent files (↓ to choose)",
        "sandboxed": "This demo session can only use files in its own folder ({folder})",
        "saved": "Saved to {path}",
        "saved_web": "Saved {path}; your browser downloads a copy to keep",
        "replace_question": "{path} is already there: press Enter again to replace it, "
                            "or type another name.",
        "wont_overwrite": "{why}. Not saved: the file there does not read as a scenario, so "
                          "it is left as it is; save under another name (ctrl+w).",
        "is_a_folder": "{path}: is a folder", "no_such_folder": "{path}: no such folder",
        "opened": "Opened {name}",
        "positive": "a positive amount", "required": "required",
        "help_title": "Keys and meanings",
        "help_in_dialogs": "In the dialogs",
        "screenshot_saved": "Screenshot saved {path}",
        "screenshot_failed": "The screenshot could not be saved (is there a Downloads "
                             "folder?)",
        "help_basis": "basis",
        "help_close": "esc, ? or q closes this",
        "keymap_title": "Keymap",
        "help_in_compare": "the comparison",
        "help_compare_keys": "[ ] move the month cursor · tab the planner: type a date, enter "
                             "· k keep the choices as branches · PgUp PgDn scroll · esc close",
        "help_in_branches": "the branches",
        "disclaimer_title": "Before you start",
        "disclaimer_body": "This is an educational what-if simulator. It is not affiliated with "
                           "Ant Group (Zhima, Huabei, Jiebei), LexinFintech (Fenqile) or any "
                           "lender. It predicts nothing about a real account: every number is a "
                           "modelled range, and every conclusion says how far it can be trusted:"
                           " documented, reported, folk or assumption.",
        "notice_keys": "Enter or Esc: continue",
        "notice_keys_mapped": "{keys}: continue",
        "nothing_undo": "Nothing to undo",
        "nothing_redo": "Nothing to redo",
        "theme_now": "Theme: {theme}", "per_day": "/day",
        "profile_title": "Your profile before the events", "base_score": "base score",
        "base_score_hint": "your Zhima-like score before any listed event ({low}–{high})",
        "jiebei_limit": "Jiebei limit before the events (RMB)",
        "income_proof": "income or asset proof on file (财力证明)",
        "score_bounds": "a whole number from {low} to {high}",
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
        "confirm_delete_branch": "Delete branch {name}? Its changes and their undo go with it: "
                                 "this cannot be undone.", "branch": "branch",
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
        "applications_bounds": "a whole number from {low} to {high}",
        "income_proof_hint": "the limit feels it at the next reassessment after this day",
        "param_extension.days": "extension length (days)",
        "param_extension.fee_rate": "extension fee (share of amount)",
        "cost_so_far": "so far", "cost_plan": "plan total",
        "cost_plan_long": "this plan's total", "cost_at_least": "at least",
        "already_settled": "{event} was settled on {day}: that is history, not a choice. "
                           "To change the date, edit the event (e).",
        "restore_question": "Unsaved work from last time ({name}) was kept. Restore it?",
        "autosave_all_held": "This window keeps no autosave: other copies of jiebei-sim "
                             "hold every one. Save your work (ctrl+s) as you go.",
        "autosave_unreadable": "Unsaved work from last time could not be read, so it was not "
                               "offered back; the file is kept at {path}. ({why})",
        "restore": "Restore", "restore_no": "Discard it", "restored": "Unsaved work restored",
        "branch_exists": "a branch named {name} already exists",
        # --- keys: why a key does nothing here, the palette, the keymap, the panes ---
        "why_no_event": "No overdue event yet: add one first ({keys})",
        "why_no_selection": "Highlight an overdue event first",
        "why_at_scenario_date": "Already at the scenario's date ({day})",
        "why_tour_first": "This is the tour's first step",
        "why_notice_first": "Read the notice first: Enter or Esc closes it",
        "why_notice_first_mapped": "Read the notice first: {keys} closes it",
        "palette_search": "Search for a command…",
        "keymap_unknown": "keymap.toml: no key has the id {ids} (the ids are in the README)",
        "keymap_not_text": "keymap.toml: the keys of {ids} must be written as text in quotes, "
                           "e.g. \"a,insert\"; left as they were",
        "keymap_clash": "keymap.toml: {keys} is both “{first}” and “{second}”; only one can run",
        "panes": "Panes",
        "pane_next": "Next pane / previous pane",
        "pane_scroll": "Scroll the focused pane",
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
        "no_events_mapped": "没有逾期记录。按 {keys} 添加。",
        "upload": "上报于",
        # No space between a code and its meaning: a line may not break between them.
        "code_legend": "N按时 · 1–7逾期(每30天一档)· *无应还 · /未开户 · C已结清销户"
                       " · G其他方式结束 · D担保人代还 · Z以资抵债 · B呆账 · #未知。"
                       "有资料提到“M”(当月内逾期后还清),未经证实,本工具不使用。",
        "title": "借呗模拟器", "limit_bar": "额度",
        "add_event": "添加逾期记录", "edit_event": "编辑逾期记录",
        "extension_title": "申请展期",
        "settled_hint": "留空 = 未还;晚于今天的日期表示计划",
        "fee": "手续费", "agreed": "约定日期", "new_due": "新到期日",
        "save": "保存", "cancel": "取消", "ok": "确定", "delete": "删除",
        "confirm_delete": "删除逾期记录 {event}?",
        "unsaved": "有未保存的修改。", "quit_anyway": "不保存并退出",
        "save_and_quit": "保存并退出",
        "save_first": "先保存",
        "discard": "放弃修改",
        "keep_editing": "继续编辑", "open_title": "打开情景文件",
        "save_title": "另存为", "path": "文件路径",
        "samples_title": "内置示例", "tour": "导览",
        "tour_left": "导览已结束:已回到分支 {branch},一切如你离开时。导览的情景留在分支 "
                     "{tour}(按 b),可以继续探索;按 g 重新开始导览。",
        "tour_keys": "→ 或 n 下一步 · ← 上一步 · Esc 结束导览,回到你自己的分支",
        "tour_keys_mapped": "{next} 下一步 · {back} 上一步 · {leave} 结束导览,回到你自己的分支",
        "recent_files": "最近的文件(↓ 选择)",
        "sandboxed": "本演示会话只能使用自己的文件夹({folder})中的文件",
        "saved": "已保存到 {path}",
        "saved_web": "已保存 {path},浏览器会下载一份副本供你保留",
        "replace_question": "{path} 已存在:再按一次回车即覆盖它,或输入别的文件名。",
        "wont_overwrite": "{why}。未保存:那里的文件无法作为情景读取,因此保持原样;"
                          "请另存为其他名称(ctrl+w)。",
        "is_a_folder": "{path}:是文件夹", "no_such_folder": "{path}:没有这个文件夹",
        "opened": "已打开 {name}",
        "positive": "须为正数", "required": "必填",
        "help_title": "按键与说明",
        "help_in_dialogs": "对话框中",
        "screenshot_saved": "截图已保存 {path}",
        "screenshot_failed": "截图未能保存(是否有“下载”文件夹?)",
        "help_basis": "依据",
        "help_close": "按 Esc、? 或 q 关闭",
        "keymap_title": "按键映射",
        "help_in_compare": "比较",
        "help_compare_keys": "[ ] 移动月份光标 · Tab 进入规划:输入日期后回车 · "
                             "k 将各选择保存为分支 · PgUp PgDn 滚动 · Esc 关闭",
        "help_in_branches": "分支",
        "disclaimer_title": "开始之前",
        "disclaimer_body": "这是一个教育用途的模拟推演工具,与蚂蚁集团(芝麻、花呗、借呗)、乐信"
                           "(分期乐)及任何放贷机构均无关联。它不预测任何真实账户:所有数字都是"
                           "模型给出的区间,每条结论都标明可信程度:有据、报道、民间说法或假设。",
        "notice_keys": "回车或 Esc:继续",
        "notice_keys_mapped": "{keys}:继续",
        "nothing_undo": "没有可撤销的操作",
        "nothing_redo": "没有可重做的操作",
        "theme_now": "主题:{theme}", "per_day": "/天",
        "profile_title": "逾期之前的个人情况", "base_score": "原信用分",
        "base_score_hint": "列出的逾期发生之前的芝麻分({low}–{high})",
        "jiebei_limit": "逾期之前的借呗额度(元)",
        "income_proof": "已提供财力证明",
        "score_bounds": "{low} 到 {high} 之间的整数",
        "compare_title": "{event} 的还款选择:{product} ¥{amount:,.0f},{due} 到期",
        "compare_hint": "每个选择都是从今天起的计划;信用分为预计值;≥ 表示成本仍在增加。"
                        "按 k 将各选择保存为分支"
                        "(随文件保存)· Esc 关闭。",
        "kept_branches": "已将 {count} 个选择保存为分支:按 b 查看",
        "cursor_keys": "[ 和 ] 移动光标", "key": "按键",
        "branch_compare_hint": "各分支按现状从今天起推演;信用分为预计值。按 Esc 关闭。",
        "choice": "选择", "reopen_col": "完全恢复", "reopen_no": "不会恢复", "score_now": "信用分",
        "score_6": "6个月后", "score_12": "12个月后",
        "choice_settle-today": "今天结清", "choice_settle-30-days": "30 天后结清",
        "choice_settle-90-days": "90 天后结清",
        "choice_extension": "展期 {days} 天", "choice_never": "一直不还",
        "branches_title": "推演分支",
        "branches_hint": "回车 切换 · n 从此分支新建 · r 重命名 · d 删除 · "
                         "c 比较({fewest}–{most} 个)· Esc 关闭",
        "branch_name_rule": "名称需 1–40 个字符",
        "pick_branches_title": "比较哪些分支?",
        "pick_branches_hint": "空格 勾选或取消(选 {fewest}–{most} 个)· 回车 比较 · Esc 关闭",
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
        "applications_bounds": "{low} 到 {high} 的整数",
        "income_proof_hint": "额度在此日之后的下一次评估时才体现",
        "param_extension.days": "展期天数",
        "param_extension.fee_rate": "展期手续费(占金额比例)",
        "cost_so_far": "截至目前", "cost_plan": "本计划合计",
        "cost_plan_long": "本计划合计", "cost_at_least": "至少",
        "already_settled": "{event} 已于 {day} 结清:这是已发生的事,不是可选项。"
                           "要改结清日期,请编辑这条记录(e)。",
        "restore_question": "上次有未保存的内容({name}),已自动保留。要恢复吗?",
        "autosave_all_held": "此窗口不会自动保存:其他 jiebei-sim 窗口已占用全部自动保存。"
                             "请随时保存(ctrl+s)。",
        "autosave_unreadable": "上次未保存的内容无法读取,因此没有恢复;文件保留在 {path}。({why})",
        "restore": "恢复", "restore_no": "丢弃", "restored": "已恢复未保存的内容",
        "branch_exists": "已有名为 {name} 的分支",
        # --- keys: why a key does nothing here, the palette, the keymap, the panes ---
        "why_no_event": "还没有逾期记录:请先添加一条({keys})",
        "why_no_selection": "请先选中一条逾期记录",
        "why_at_scenario_date": "已经是情景日期({day})",
        "why_tour_first": "这是导览的第一步",
        "why_notice_first": "请先读完提示:按回车或 Esc 关闭",
        "why_notice_first_mapped": "请先读完提示:按 {keys} 关闭",
        "palette_search": "搜索命令…",
        "keymap_unknown": "keymap.toml:没有 id 为 {ids} 的按键(id 列表见 README)",
        "keymap_not_text": "keymap.toml:{ids} 的按键须写成带引号的文字,如 \"a,insert\";"
                           "已保持原样",
        "keymap_clash": "keymap.toml:{keys} 同时用于“{first}”和“{second}”,只有一个会生效",
        "panes": "窗格",
        "pane_next": "下一个 / 上一个窗格",
        "pane_scroll": "滚动当前窗格",
        "branch_name": "新分支的名称", "branch_rename": "重命名分支 {name}",
        "branch_compare_title": "各分支对比",
        "confirm_delete_branch": "删除分支 {name}?其中的修改及其撤销记录会一并删除,无法撤销。",
        "branch": "分支",
        # The tour's own branch; ticked branches to compare (issue 13: tour, comparison).
        "tour_branch": "导览",
    },
}


# --- Forms: the words of input problems (issue 13, forms) ------------------------------
# A model error's code (model.errors.Problem) is worded here as "problem_<code>", with
# the values it quotes; an OS error's errno as "os_<ERRNO>". Merged into STRINGS below.
_FORM_WORDS: dict[str, dict[str, str]] = {
    "en": {
        "amount_placeholder": "e.g. 1200",
        "zero_or_more": "0 or more (0 if none)",
        "problem_other": "{message}",
        "problem_extra_forbidden": "unknown field (not part of the format)",
        "problem_missing": "required",
        "problem_number": "must be a number",
        "problem_whole_number": "must be a whole number",
        "problem_greater_than": "must be more than {gt}",
        "problem_greater_than_equal": "must be at least {ge}",
        "problem_less_than": "must be less than {lt}",
        "problem_less_than_equal": "must be at most {le}",
        "problem_date": "not a date: use YYYY-MM-DD, e.g. 2026-11-29",
        "problem_not_a_date": "not a date: use YYYY-MM-DD, e.g. 2026-11-29",
        "problem_not_real_date": "{text} is not a real date",
        "problem_outside_calendar": "{day} is outside the years {first}–{last} this "
                                    "simulator covers",
        "problem_bool": "must be true or false",
        "problem_too_long": "at most {max_length} allowed",
        "problem_string_too_long": "at most {max_length} characters",
        "problem_string_too_short": "at least {min_length} characters",
        "problem_string_pattern_mismatch": "only letters, digits, - and _",
        "problem_literal_error": "must be {expected}",
        "problem_object": "expected an object",
        "problem_list": "expected a list",
        "problem_string_type": "expected text",
        "problem_income_proof_value": "must be true, false or a date (YYYY-MM-DD)",
        "problem_new_due_not_after_agreed": "the new due date must come after the day "
                                            "agreed ({agreed})",
        "problem_settled_before_due": "settled ({settled}) is before due ({due}): a payment "
                                      "made before its due date is not an overdue event",
        "problem_extension_not_after_due": "the new due date must come after the original "
                                           "due ({due})",
        "problem_extension_after_settled": "agreed after the event was settled ({settled})",
        "problem_too_many_accounts": "a scenario holds at most {most} accounts; this one "
                                     "has {count}",
        "problem_too_many_overdues": "a scenario holds at most {most} overdue events; this "
                                     "one has {count}",
        "problem_one_jiebei_only": "only one Jiebei account can be assessed; found {count} "
                                   "({ids})",
        "problem_duplicate_account_id": "two accounts share the id {id}",
        "problem_duplicate_event_id": "two events share the id {id}",
        "problem_jiebei_limit_range": "a Jiebei limit of {limit} is outside {low}–{high} "
                                      "RMB (the policy's range)",
        "problem_no_such_file": "no such file",
        "problem_is_a_folder": "is a folder, not a scenario file",
        "problem_is_a_folder_policy": "is a folder, not a policy file",
        "problem_control_characters": "must not hold control characters (escape codes and "
                                      "the like)",
        "problem_too_large": "far too large to be a scenario or policy file (over {most} MB)",
        "problem_not_utf8": "not UTF-8 text",
        "problem_cannot_read": "cannot read ({why})",
        "problem_not_json": "not valid JSON (line {line}, column {column})",
        "problem_too_deep": "JSON nested too deeply to be a scenario",
        "problem_number_too_long": "not valid JSON: a number far too long to be one",
        "os_error": "{path}: {why}",
        "os_ENOENT": "no such file or folder",
        "os_EACCES": "permission denied",
        "os_EPERM": "permission denied",
        "os_EISDIR": "is a folder",
        "os_ENOTDIR": "part of the path is a file, not a folder",
        "os_ENOSPC": "the disk is full",
        "os_EDQUOT": "over the disk quota",
        "os_EROFS": "the file system is read-only",
        "os_ENAMETOOLONG": "the name is too long",
        "os_EEXIST": "already exists",
        "os_EBUSY": "in use by something else",
        "os_EIO": "the disk could not be read or written",
        "os_other": "cannot use this file ({why})",
    },
    "zh": {
        "amount_placeholder": "例如 1200",
        "zero_or_more": "须为 0 或以上(不收费填 0)",
        "problem_other": "无效:{message}",
        "problem_extra_forbidden": "未知字段(不属于此格式)",
        "problem_missing": "必填",
        "problem_number": "须为数字",
        "problem_whole_number": "须为整数",
        "problem_greater_than": "须大于 {gt}",
        "problem_greater_than_equal": "不能小于 {ge}",
        "problem_less_than": "须小于 {lt}",
        "problem_less_than_equal": "不能超过 {le}",
        "problem_date": "不是日期:格式为 YYYY-MM-DD,例如 2026-11-29",
        "problem_not_a_date": "不是日期:格式为 YYYY-MM-DD,例如 2026-11-29",
        "problem_not_real_date": "{text} 不是真实存在的日期",
        "problem_outside_calendar": "{day} 超出本模拟器覆盖的年份({first}–{last})",
        "problem_bool": "须为 true 或 false",
        "problem_too_long": "最多 {max_length} 项",
        "problem_string_too_long": "最多 {max_length} 个字符",
        "problem_string_too_short": "至少 {min_length} 个字符",
        "problem_string_pattern_mismatch": "只能使用字母、数字、- 和 _",
        "problem_literal_error": "须为 {expected}",
        "problem_object": "应为对象",
        "problem_list": "应为列表",
        "problem_string_type": "应为文本",
        "problem_income_proof_value": "须为 true、false 或日期(YYYY-MM-DD)",
        "problem_new_due_not_after_agreed": "新到期日须晚于约定日期({agreed})",
        "problem_settled_before_due": "结清日({settled})早于到期日({due}),不构成逾期",
        "problem_extension_not_after_due": "新到期日须晚于原到期日({due})",
        "problem_extension_after_settled": "约定日期晚于结清日({settled})",
        "problem_too_many_accounts": "一个情景最多 {most} 个账户,这里有 {count} 个",
        "problem_too_many_overdues": "一个情景最多 {most} 条逾期记录,这里有 {count} 条",
        "problem_one_jiebei_only": "只能评估一个借呗账户,这里有 {count} 个({ids})",
        "problem_duplicate_account_id": "两个账户的 id 都是 {id}",
        "problem_duplicate_event_id": "两条记录的 id 都是 {id}",
        "problem_jiebei_limit_range": "借呗额度 {limit} 超出规则允许的范围({low}–{high} 元)",
        "problem_no_such_file": "没有这个文件",
        "problem_is_a_folder": "是文件夹,不是情景文件",
        "problem_is_a_folder_policy": "是文件夹,不是规则文件",
        "problem_control_characters": "不能包含控制字符(如转义序列)",
        "problem_too_large": "太大,不可能是情景或规则文件(超过 {most} MB)",
        "problem_not_utf8": "不是 UTF-8 文本",
        "problem_cannot_read": "无法读取({why})",
        "problem_not_json": "不是有效的 JSON(第 {line} 行第 {column} 列)",
        "problem_too_deep": "JSON 嵌套过深,不可能是情景文件",
        "problem_number_too_long": "不是有效的 JSON:数字长得不合常理",
        "os_error": "{path}:{why}",
        "os_ENOENT": "没有这个文件或文件夹",
        "os_EACCES": "没有权限",
        "os_EPERM": "没有权限",
        "os_EISDIR": "是文件夹",
        "os_ENOTDIR": "路径中有一部分是文件,不是文件夹",
        "os_ENOSPC": "磁盘已满",
        "os_EDQUOT": "超出磁盘配额",
        "os_EROFS": "文件系统为只读",
        "os_ENAMETOOLONG": "名称过长",
        "os_EEXIST": "已存在",
        "os_EBUSY": "正被其他程序占用",
        "os_EIO": "磁盘读写出错",
        "os_other": "无法使用此文件({why})",
    },
}
for _lang in LANGS:
    STRINGS[_lang].update(_FORM_WORDS[_lang])

# --- Words of the model's other codes (issue 13, words) ----------------------------------
# The policy's cross-checks (model/policy.py), a file's shape (model/io.py), the branches
# (model/session.py), a policy file that cannot be read, and pydantic's own codes that the
# forms do not meet: all worded from their codes, so no model English reaches a screen.
_CODE_WORDS: dict[str, dict[str, str]] = {
    "en": {
        "problem_range_reversed": "the low end ({low}) is above the high end ({high})",
        "problem_risk_classes_order": "risk classes must start at from_days = 0 and rise "
                                      "strictly",
        "problem_score_min_not_below_max": "score.min ({min}) must be below score.max "
                                           "({max})",
        "problem_score_tiers_order": "score tiers must start at score.min ({min}) and rise "
                                     "strictly",
        "problem_bucket_last_open": "the last bucket must have no up_to_days (it has no "
                                    "upper end)",
        "problem_bucket_needs_up_to": "bucket {id} needs up_to_days: only the last bucket "
                                      "has no upper end",
        "problem_bucket_bounds_order": "the buckets' up_to_days must rise strictly",
        "problem_bucket_costs_less": "bucket {worse} must not cost fewer points than the "
                                     "milder {better}",
        "problem_bucket_recovers_faster": "bucket {worse} must not recover faster than the "
                                          "milder {better}",
        "problem_bucket_cuts_less": "bucket {worse} must not cut the limit less than the "
                                    "milder {better}",
        "problem_score_factor_points": "jiebei.score_factor needs two or more [score, "
                                       "factor] points, scores rising strictly and factors "
                                       "never falling",
        "problem_limit_min_above_max": "the lowest limit ({low}) must not exceed the "
                                       "highest ({high})",
        "problem_product_penalty_one_of": "product {id}: give penalty_rate_per_day, or "
                                          "loan_rate_per_day with penalty_multiple (one "
                                          "of the two)",
        "problem_duplicate_product_id": "two products in the catalog share the id {id}",
        "problem_catalog_needs_jiebei": "the catalog must hold the product {id}",
        "problem_unknown_product": "unknown product {product}; the catalog has: {known}",
        "problem_no_such_policy": "no such policy file",
        "problem_not_toml": "not valid TOML",
        "problem_not_toml_at": "not valid TOML (line {line}, column {column})",
        "problem_number_too_long_toml": "not valid TOML: a number far too long to be one",
        "problem_top_not_object": "expected a JSON object at the top level",
        "problem_not_object": "expected a JSON object",
        "problem_branch_name_expected": "expected the branch's name",
        "problem_branches_not_object": "expected an object of scenarios by name",
        "problem_branch_name_taken": "two branches share this name",
        "problem_unknown_format": "{format} is not a format this version reads (expected "
                                  "{expected})",
        "problem_unknown_account": "overdues[{index}].account: event {event} names account "
                                   "{account}, which is not among the accounts ({known})",
        "problem_autosave_unreadable": "cannot be read",
        "problem_not_an_autosave": "not an autosave this version reads (expected {expected})",
        "problem_no_branch": "no branch named {name}",
        "problem_last_branch": "the last branch cannot be deleted",
        "problem_branch_name_length": "a branch name needs 1 to {most} characters",
        "problem_branch_exists": "a branch named {name} already exists",
        "problem_too_short": "at least {min_length} needed",
        "problem_multiple_of": "must be a multiple of {multiple_of}",
        "problem_none_required": "must be empty",
        "problem_value_error": "not a valid value",
        "choices_or": "{first} or {last}",
        "choices_sep": ", ",
        "policy_not_applied": "Not applied; fix the values marked in red: {names}",
        "names_sep": "; ",  # between labels that may hold commas themselves
    },
    "zh": {
        "problem_range_reversed": "下限({low})高于上限({high})",
        "problem_risk_classes_order": "风险分类须从 from_days = 0 开始,并严格递增",
        "problem_score_min_not_below_max": "score.min({min})须小于 score.max({max})",
        "problem_score_tiers_order": "分数档须从 score.min({min})开始,并严格递增",
        "problem_bucket_last_open": "最后一档不能有 up_to_days(它没有上限)",
        "problem_bucket_needs_up_to": "{id} 档需要 up_to_days:只有最后一档没有上限",
        "problem_bucket_bounds_order": "各档的 up_to_days 须严格递增",
        "problem_bucket_costs_less": "{worse} 档的扣分不能少于较轻的 {better} 档",
        "problem_bucket_recovers_faster": "{worse} 档的恢复不能快于较轻的 {better} 档",
        "problem_bucket_cuts_less": "{worse} 档的降额不能少于较轻的 {better} 档",
        "problem_score_factor_points": "jiebei.score_factor 至少需要两个 [分数, 系数] 点,"
                                       "分数严格递增,系数不能下降",
        "problem_limit_min_above_max": "最低额度({low})不能高于最高额度({high})",
        "problem_product_penalty_one_of": "产品 {id}:请给出 penalty_rate_per_day,或同时给出 "
                                          "loan_rate_per_day 与 penalty_multiple(二选一)",
        "problem_duplicate_product_id": "产品目录中有两个产品的 id 都是 {id}",
        "problem_catalog_needs_jiebei": "产品目录中须有产品 {id}",
        "problem_unknown_product": "未知产品 {product};目录中有:{known}",
        "problem_no_such_policy": "没有这个规则文件",
        "problem_not_toml": "不是有效的 TOML",
        "problem_not_toml_at": "不是有效的 TOML(第 {line} 行第 {column} 列)",
        "problem_number_too_long_toml": "不是有效的 TOML:数字长得不合常理",
        "problem_top_not_object": "顶层应为 JSON 对象",
        "problem_not_object": "应为 JSON 对象",
        "problem_branch_name_expected": "应为分支的名称",
        "problem_branches_not_object": "应为以名称为键的情景对象",
        "problem_branch_name_taken": "有两个分支同名",
        "problem_unknown_format": "此版本无法读取格式 {format}(应为 {expected})",
        "problem_unknown_account": "overdues[{index}].account:记录 {event} 所属的账户 "
                                   "{account} 不在账户列表中({known})",
        "problem_autosave_unreadable": "无法读取",
        "problem_not_an_autosave": "不是此版本能读取的自动保存文件(应为 {expected})",
        "problem_no_branch": "没有名为 {name} 的分支",
        "problem_last_branch": "不能删除最后一个分支",
        "problem_branch_name_length": "分支名称须为 1 到 {most} 个字符",
        "problem_branch_exists": "已有名为 {name} 的分支",
        "problem_too_short": "至少需要 {min_length} 项",
        "problem_multiple_of": "须为 {multiple_of} 的倍数",
        "problem_none_required": "须为空",
        "problem_value_error": "值无效",
        "choices_or": "{first} 或 {last}",
        "choices_sep": "、",
        "policy_not_applied": "未应用,请修改标红的项:{names}",
        "names_sep": "、",
    },
}
for _lang in LANGS:
    STRINGS[_lang].update(_CODE_WORDS[_lang])

# Pydantic's codes that say the same thing, worded once.
_SAME_PROBLEM = {
    "finite_number": "number", "float_parsing": "number", "float_type": "number",
    "int_parsing": "whole_number", "int_type": "whole_number",
    "int_from_float": "whole_number", "date_parsing": "date",
    "date_from_datetime_parsing": "date", "date_type": "date", "bool_parsing": "bool",
    "bool_type": "bool", "dict_type": "object", "model_type": "object",
    "tuple_type": "list", "list_type": "list",
    # Pydantic's codes the forms do not meet, but a file or the policy screen can.
    "int_parsing_size": "whole_number", "date_from_datetime_inexact": "date",
    "string_unicode": "string_type", "enum": "literal_error", "assertion_error": "value_error",
}


def _choices(expected: str, lang: str) -> str:
    """Pydantic's list of choices ("'a', 'b' or 'c'") joined in ``lang``'s own words."""
    *rest, last = re.split(r", | or ", expected)
    if not rest:
        return last
    return tr(lang, "choices_or", first=tr(lang, "choices_sep").join(rest), last=last)


def problem_words(problem: Problem, lang: str) -> str:
    """A model problem (model.errors.Problem) in ``lang``, from its code and values; a
    code without words of its own is said in the model's English."""
    key = f"problem_{_SAME_PROBLEM.get(problem.code, problem.code)}"
    values = dict(problem.values)
    if "expected" in values and key == "problem_literal_error":
        values["expected"] = _choices(values["expected"], lang)
    if key in STRINGS[lang]:
        try:
            return tr(lang, key, **values)
        except (KeyError, IndexError):  # a value the words need is not there
            pass
    return tr(lang, "problem_other", message=problem.message)


def refusal_words(exc: InputError, lang: str) -> str:
    """A model error in ``lang``: its problems, worded; its English when it has none."""
    if not exc.problems:
        return str(exc)
    return (";" if lang == "zh" else "; ").join(problem_words(p, lang) for p in exc.problems)


def file_problem_words(exc: InputError, lang: str, named: bool = True) -> str:
    """A file's problems in ``lang``, each with the field it is on: "file: field: what"
    (without the file when not ``named``: the words around already say which); an error
    without problems in its own (English) words."""
    if not exc.problems:
        return str(exc)
    parts = [f"{p.where}{tr(lang, 'colon')}{problem_words(p, lang)}" if p.where
             else problem_words(p, lang) for p in exc.problems]
    said = (";" if lang == "zh" else "; ").join(parts)
    return f"{exc.source}{tr(lang, 'colon')}{said}" if exc.source and named else said


def os_error_words(exc: OSError, lang: str, path: object = None) -> str:
    """An OS error as "path: what went wrong" in ``lang``, from its errno."""
    name = errno.errorcode.get(exc.errno or 0, "")
    key = f"os_{name}"
    why = (tr(lang, key) if key in STRINGS[lang]
           else tr(lang, "os_other", why=exc.strerror or exc))
    where = path if path is not None else (exc.filename or "")
    return tr(lang, "os_error", path=where, why=why) if where else why

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

# The built-in samples' names (model/samples/*.json) and the tour's (tui/tour.py), by the
# name the scenario carries: the title shows them in the user's language, and the file
# keeps its own.
SAMPLE_TITLES: dict[str, dict[str, str]] = {
    "en": {"Clean record": "Clean record",
           "Extension agreed before the due date": "Extension agreed before the due date",
           "One missed Fenqile payment, settled": "One missed Fenqile payment, settled",
           "A Fenqile overdue, still unpaid": "A Fenqile overdue, still unpaid",
           "Long unpaid": "Long unpaid",
           "A string of small late payments": "A string of small late payments",
           "Unpaid on several products": "Unpaid on several products",
           "Lin's story": "Lin's story"},
    "zh": {"Clean record": "无逾期记录",
           "Extension agreed before the due date": "到期前已协商展期",
           "One missed Fenqile payment, settled": "分期乐逾期一次,已结清",
           "A Fenqile overdue, still unpaid": "分期乐逾期,尚未还清",
           "Long unpaid": "长期未还",
           "A string of small late payments": "多次小额晚还",
           "Unpaid on several products": "多个产品逾期未还",
           "Lin's story": "小林的故事"},
}

# The themes by the words a user picks them with (tui/config.py THEMES).
THEME_WORDS: dict[str, dict[str, str]] = {
    "en": {"dark": "dark", "light": "light", "terminal": "terminal colours"},
    "zh": {"dark": "深色", "light": "浅色", "terminal": "终端配色"},
}

# The settings file (config.toml) and where the user's files live (jiebei-sim config).
CONFIG: dict[str, dict[str, str]] = {
    "en": {
        "config_unreadable": "Settings not read ({path}): {why}. Fix or remove the file; "
                             "until then changes are not kept.",
        "config_unknown": "Settings ({path}): “{setting}” is not a setting; it is ignored.",
        "config_value": "Settings ({path}): {setting} = “{value}” is not one of {choices}; "
                        "the default is used.",
        "config_unsaved": "The setting was not kept for next time ({path}): {why}",
        "files_title": "jiebei-sim keeps its files here:",
        "file_config": "settings (theme, language)",
        "file_keymap": "keymap (your own keys)",
        "file_autosave": "unsaved work, kept while you edit",
        "file_recent": "recent files",
        "file_exists": "exists",
        "file_missing": "not yet",
    },
    "zh": {
        "config_unreadable": "未能读取设置({path}):{why}。请修正或删除该文件;"
                             "在此之前,更改不会被保存。",
        "config_unknown": "设置({path}):“{setting}”不是可用的设置项,已忽略。",
        "config_value": "设置({path}):{setting} = “{value}” 不在 {choices} 之中,已使用默认值。",
        "config_unsaved": "该设置未能保存到下次({path}):{why}",
        "files_title": "jiebei-sim 的文件保存在:",
        "file_config": "设置(主题、语言)",
        "file_keymap": "按键映射(自定义按键)",
        "file_autosave": "未保存的修改,编辑时自动保留",
        "file_recent": "最近打开的文件",
        "file_exists": "已存在",
        "file_missing": "尚未创建",
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


def config_words(key: str, lang: str, **values: object) -> str:
    """The words about the user's settings and files (tui/config.py) in ``lang``."""
    return CONFIG[lang][key].format(**values)


def scenario_title(name: str, lang: str) -> str:
    """A scenario's name as shown: a built-in sample's in ``lang``, any other as typed."""
    return SAMPLE_TITLES[lang].get(name, name)


def theme_words(textual_name: str, lang: str) -> str:
    """A theme as a word ("dark"), or Textual's own name for a theme not ours."""
    word = theme_word(textual_name)
    return THEME_WORDS[lang][word] if word is not None else textual_name


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

"""The PBOC credit report ledger (征信): monthly status codes, purge dates, 连三累六.

model/README.md §4. A month's code is the status at the month's end (or on the as-of
day for the current month): ``1``–``7`` by days overdue, ``N`` paid on time (the month an
overdue is paid too, while the loan runs on), ``*`` nothing due, ``/`` not yet open, ``C``
the account paid off and closed. When an overdue both begins and ends within one month,
that month keeps the overdue digit so it is not lost.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from model.dates import month_index, month_key, month_of_ordinal
from model.facts import NEVER, EventFacts, Spell, codes_as_of
from model.rules import Rules
from model.scenario import Account

# Which code wins when two records share an account-month: worse first.
_RANK = {"/": 0, "*": 1, "N": 2, "C": 3}


class _Ranks(dict[str, int]):
    """``code_rank`` as a table: the merges below look codes up, thousands a report."""

    def __missing__(self, code: str) -> int:
        return _RANK.get(code, 10 + int(code) if code.isdigit() else 0)


_RANKS = _Ranks({**_RANK, **{str(d): 10 + d for d in range(10)}})


def code_rank(code: str) -> int:
    return _RANKS[code]


def spell_codes(spell: Spell, t: int, rules: Rules) -> tuple[tuple[int, str], ...]:
    """(month index, code) for each month the spell shows on the report as of day ``t``."""
    if t < spell.reportable_from or t >= spell.purge_on:
        return ()
    if spell.end <= t:
        return spell.final_codes
    return codes_as_of(spell.start, spell.end, spell.digit_from, t, rules)


def event_codes(facts: EventFacts, t: int, rules: Rules) -> dict[int, str]:
    """The event's months as the report shows them on day ``t``: nothing before the
    lender's upload (after the reporting lag), nothing from a lender that does not report."""
    codes: dict[int, str] = {}
    for spell in facts.spells:
        # spell_codes, inlined: the upload comes after the first day past grace.
        if t < spell.on_report_from or t >= spell.purge_on:
            continue
        shown = (spell.final_codes if spell.end <= t else
                 codes_as_of(spell.start, spell.end, spell.digit_from, t, rules))
        if not codes:  # the first spell shown (usually the only one): nothing to merge
            codes = dict(shown)
            continue
        for m, code in shown:
            if m not in codes or _RANKS[code] > _RANKS[codes[m]]:
                codes[m] = code
    return codes


@dataclass(frozen=True, slots=True)
class ReportRecord:
    """One event as the credit report holds it."""

    account: str
    event: str
    codes: dict[str, str]
    on_report_from: date | None  # the lender's upload after the lag
    purge_on: date | None  # None: unsettled, never purged
    special: str | None  # "extension": a 展期 transaction lenders can see


def all_event_codes(facts: Iterable[EventFacts], t: int, rules: Rules) -> dict[str, dict[int, str]]:
    """Each event's month codes on day ``t``, computed once per assessment."""
    return {f.id: event_codes(f, t, rules) for f in facts}


def report_records(facts: Iterable[EventFacts], t: int, codes_by_event: dict[str, dict[int, str]]
                   ) -> list[ReportRecord]:
    records = []
    for f in facts:
        codes = codes_by_event[f.id]
        ext = f.event.extension
        special = None
        if (ext is not None and f.product.reports_to_pboc.value
                and ext.agreed.toordinal() <= t < f.extension_purge_on):
            special = "extension"  # the 展期 transaction, kept like any record
        if not codes and special is None:
            continue
        # The first upload and the last purge of the spells (and 展期) the report shows.
        upload: int | None = None
        purge: int | None = None
        for s in f.spells:
            if s.on_report_from <= t < s.purge_on:
                upload = s.on_report_from if upload is None else min(upload, s.on_report_from)
                purge = s.purge_on if purge is None else max(purge, s.purge_on)
        if special and ext is not None:
            agreed = ext.agreed.toordinal()
            upload = agreed if upload is None else min(upload, agreed)
            purge = f.extension_purge_on if purge is None else max(purge, f.extension_purge_on)
        months = sorted(codes)
        records.append(
            ReportRecord(
                account=f.account,
                event=f.id,
                # Keyed by month, oldest first (built by map and zip: no Python loop).
                codes=dict(zip(map(month_key, months), map(codes.__getitem__, months),
                               strict=True)),
                on_report_from=_date(upload),
                purge_on=_date(purge),
                special=special,
            )
        )
    return records


@dataclass(frozen=True, slots=True)
class GridRow:
    account: str
    codes: tuple[str, ...]  # one per month of ``months``, oldest first


def report_grid(
    accounts: Iterable[Account],
    facts: Iterable[EventFacts],
    t: int,
    rules: Rules,
    codes_by_event: dict[str, dict[int, str]],
) -> tuple[tuple[str, ...], tuple[GridRow, ...]]:
    """The usual 24-month view: month keys and one row of codes per account."""
    last = month_of_ordinal(t)
    first = last - rules.history_months + 1
    months = tuple(month_key(m) for m in range(first, last + 1))
    window = range(first, last + 1)
    by_account: dict[str, dict[int, str]] = {}
    for f in facts:
        codes = codes_by_event[f.id]
        if not codes:
            continue
        merged = by_account.setdefault(f.account, {})
        # Only the window's months are shown: a long unpaid record has many more.
        shown = (codes.items() if len(codes) <= len(window)
                 else ((m, codes[m]) for m in window if m in codes))
        for m, code in shown:
            if first <= m <= last and (m not in merged or _RANKS[code] > _RANKS[merged[m]]):
                merged[m] = code
    rows = []
    for account in accounts:
        opened = month_index(account.opened) if account.opened else None
        closed = month_index(account.closed) if account.closed else None
        events = by_account.get(account.id, {})
        base = "N" if account.balance > 0 else "*"  # nothing owed: nothing due
        row = []
        for m in window:
            if opened is not None and m < opened:
                row.append("/")
            elif m in events:
                row.append(events[m])
            elif closed is not None and m >= closed:
                row.append("C")  # paid off and closed
            else:
                row.append(base)
        rows.append(GridRow(account.id, tuple(row)))
    return months, tuple(rows)


@dataclass(frozen=True, slots=True)
class LsllCheck:
    """连三累六: the longest run of overdue months and the count in the window."""

    consecutive: int
    cumulative: int
    events: tuple[str, ...]

    def triggered(self, rules: Rules) -> bool:
        return self.consecutive >= rules.lsll_consecutive or (
            self.cumulative >= rules.lsll_cumulative
        )


def lsll_check(facts: Iterable[EventFacts], t: int, rules: Rules) -> LsllCheck:
    """Count overdue months Jiebei can see, per account, within the look-back window.

    Each spell's counting months are one or a few runs of consecutive months, known
    without listing the months (see ``lsll_runs``), so this costs the same for a spell
    open for years as for one of a week: projections call it every month.
    """
    last = month_of_ordinal(t)
    first = last - rules.lsll_window_months + 1
    runs_by_account: dict[str, list[tuple[int, int]]] = {}
    involved: list[str] = []
    for f in facts:
        hit = False
        for spell in f.spells:
            if spell.seen_by_ant_from > t:
                continue
            for lo, hi in lsll_runs(spell, t, last, rules):
                lo, hi = max(lo, first), min(hi, last)
                if lo <= hi:
                    runs_by_account.setdefault(f.account, []).append((lo, hi))
                    hit = True
        if hit:
            involved.append(f.id)
    consecutive = 0
    cumulative = 0
    for runs in runs_by_account.values():
        # Merge overlapping or touching runs: the merged runs are the account's streaks.
        runs.sort()
        lo, hi = runs[0]
        for next_lo, next_hi in runs[1:]:
            if next_lo > hi + 1:
                cumulative += hi - lo + 1
                consecutive = max(consecutive, hi - lo + 1)
                lo, hi = next_lo, next_hi
            elif next_hi > hi:
                hi = next_hi
        cumulative += hi - lo + 1
        consecutive = max(consecutive, hi - lo + 1)
    return LsllCheck(consecutive, cumulative, tuple(involved))


def lsll_runs(spell: Spell, t: int, this_month: int, rules: Rules
              ) -> tuple[tuple[int, int], ...]:
    """The months of ``spell_codes(spell, t)`` whose code counts for 连三累六, as runs
    (first, last) of consecutive months; ``this_month`` is the month of ``t``."""
    if t < spell.reportable_from or t >= spell.purge_on:
        return ()
    if spell.end <= t:
        return spell.final_hits
    # Open: its digit only grows, so if this month's (days so far) does not count, no
    # earlier month's does either; if it does, every month from the first that counts.
    if rules.pboc_code(t - spell.start) < rules.lsll_min_code:
        return ()
    return ((min(spell.open_hits_from, this_month), this_month),)


def _date(ordinal: int | None) -> date | None:
    if ordinal is None or ordinal >= NEVER or ordinal <= 0:
        return None
    return date.fromordinal(ordinal)

"""What each overdue event implies on the calendar, independent of the as-of date.

An event is turned into *spells*: stretches during which a payment was overdue. The
plan's dates (due, settled, extension) fix every spell's start and end, so the state on
any day ``t`` follows from comparing ``t`` with these ordinals. A settlement dated after
``t`` is a planned one: on day ``t`` that spell is still open.

Grace, reporting lag, and extensions agreed before or after the due date: model/README.md §3.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from itertools import repeat
from typing import Literal, NamedTuple

from model.dates import add_months, add_years, month_of_ordinal
from model.policy import Product
from model.rules import Rules
from model.scenario import OverdueEvent, Scenario

NEVER = 10**9  # an ordinal beyond any real date: "not on this plan"

EndKind = Literal["settled", "extension"]


class Spell(NamedTuple):
    """One stretch overdue: from the due date in force (``start``) to ``end``.

    A named tuple rather than a frozen dataclass: as immutable, and several times
    cheaper to build, which counts when every assessment builds one per event."""

    start: int
    end: int  # NEVER when unsettled under the plan
    end_kind: EndKind | None
    reportable_from: int  # first day past grace; NEVER if it ends within grace
    seen_by_ant_from: int  # when Ant's own assessment sees it (NEVER: not at all)
    on_report_from: int  # when it reaches the PBOC report (NEVER: not reported)
    purge_on: int  # 5 years after it ended (NEVER while unsettled)
    reduced_until: int  # end + reopen_after_clean_months: Jiebei's limit stays cut till then
    # The report digit of a full month (its status at the month's end) depends on the
    # month alone, and only grows: ``digit_from[k - 1]`` is the first month showing digit
    # ``k`` or worse, from the first reported month on, for each digit a full month shows
    # before the spell's last month (empty if never reportable). So the codes of any
    # month follow without walking the months (see codes_as_of).
    digit_from: tuple[int, ...] = ()
    final_codes: tuple[tuple[int, str], ...] = ()  # report codes once ended (see codes_as_of)
    # 连三累六, precomputed so that the check costs the same however long a spell runs:
    # the months of ``final_codes`` that count, as runs (first, last) of consecutive months,
    final_hits: tuple[tuple[int, int], ...] = ()
    # and while open, the first full month that counts (NEVER: none); from it on, every
    # month counts.
    open_hits_from: int = NEVER

    @property
    def reportable(self) -> bool:
        return self.reportable_from != NEVER

    def days_at(self, t: int) -> int:
        """Days overdue on day ``t`` (frozen once the spell has ended)."""
        end = self.end if self.end < t else t
        return end - self.start if end > self.start else 0

    def open_at(self, t: int) -> bool:
        """Overdue and unpaid on day ``t`` (the due date itself is not overdue)."""
        return self.start < t < self.end

    def counts_at(self, t: int) -> bool:
        """Reportable, already past grace on ``t``, seen by Ant and not yet purged."""
        return self.reportable_from <= t and self.seen_by_ant_from <= t and t < self.purge_on


class EventFacts(NamedTuple):
    """An event and its spells (a named tuple, like ``Spell``)."""

    event: OverdueEvent
    # The event's own id and account, as fields: the engine reads them in every loop.
    id: str
    account: str
    product: Product
    spells: tuple[Spell, ...]
    extension_before_due: bool  # an extension that moved the due date (展期 on the report)
    interest_rate: float
    fee: float
    extension_purge_on: int = NEVER  # when a 展期 record leaves the report (settled + 5 y;
    # NEVER without an extension or while unpaid)

    @property
    def never_settled(self) -> bool:
        return any(s.end == NEVER for s in self.spells)

    @property
    def purge_on(self) -> int:
        """When the last reportable spell leaves the report (NEVER if one is unsettled)."""
        ends = [s.purge_on for s in self.spells if s.reportable]
        return max(ends) if ends else 0


def _spell(
    start: date,
    end: date | None,
    end_kind: EndKind | None,
    product: Product,
    rules: Rules,
    purge_from: date | None = None,
) -> Spell:
    """``purge_from``: the settlement day the 5-year clock runs from, when it is not
    ``end`` (an extension ends the overdue, but the debt is settled only later)."""
    s = start.toordinal()
    e = end.toordinal() if end is not None else NEVER
    grace = rules.grace_for(product)
    if e - s <= grace:
        # Ended within grace: never reported nor seen; nothing to purge, no limit cut.
        return Spell(s, e, end_kind, NEVER, NEVER, NEVER, 0, 0)
    reportable_from = s + grace + 1
    on_report_from = (reportable_from + rules.report_lag_days if product.reports_to_pboc.value
                      else NEVER)
    # Ant sees its own products' overdues at once; others reach Ant through the report.
    seen = reportable_from if product.ant else on_report_from
    if end is None:
        purge = reduced_until = NEVER
    else:
        settled = purge_from if end_kind == "extension" else end
        purge = NEVER if settled is None else add_years(settled, rules.retention_years).toordinal()
        reduced_until = add_months(end, rules.reopen_after_clean_months).toordinal()
    steps = _digit_from(s, reportable_from, e, rules)
    final = codes_as_of(s, e, steps, e, rules) if e < NEVER else ()
    # A digit missing from ``steps`` comes no earlier than the last month: NEVER is then
    # as good for lsll_runs, which caps it at the month of the day asked about.
    min_code = rules.lsll_min_code
    hits_from = steps[min_code - 1] if min_code <= len(steps) else NEVER
    return Spell(s, e, end_kind, reportable_from, seen, on_report_from, purge, reduced_until,
                 steps, final, _counting_runs(final, min_code), hits_from)


def _digit_from(start: int, reportable_from: int, end: int, rules: Rules) -> tuple[int, ...]:
    """``Spell.digit_from`` of a spell from ``start`` to ``end``: for each digit ``k`` up
    to max_code, the first month whose end finds it ``k`` or worse (not before the first
    reported month), while that month comes before the month of ``end``."""
    first = month_of_ordinal(reportable_from)
    stop = month_of_ordinal(end) if end < NEVER else NEVER
    step = rules.code_step_days
    out = [first]
    # The digit for d days overdue is ceil(d / step): it reaches k on day (k-1)·step + 1.
    day = start + step + 1
    for _ in range(1, rules.max_code):
        month = month_of_ordinal(day)
        if month >= stop:
            break  # only the last month, or none, shows this digit: codes_as_of handles it
        out.append(month if month > first else first)
        day += step
    return tuple(out)


def _counting_runs(codes: tuple[tuple[int, str], ...], min_code: int
                   ) -> tuple[tuple[int, int], ...]:
    """Runs of consecutive months whose code is an overdue digit of at least ``min_code``."""
    runs: list[tuple[int, int]] = []
    for m, code in codes:
        if not (code.isdigit() and int(code) >= min_code):
            continue
        if runs and runs[-1][1] == m - 1:
            runs[-1] = (runs[-1][0], m)
        else:
            runs.append((m, m))
    return tuple(runs)


def codes_as_of(start: int, end: int, digit_from: tuple[int, ...],
                t: int, rules: Rules) -> tuple[tuple[int, str], ...]:
    """(month index, report code) for each month a spell shows as of day ``t``, from its
    first reported month (``digit_from[0]``); ``t`` is on or after its first day past grace.

    A month's code is the status at its end (or on ``t`` for the current month): the
    month an overdue is settled (or cured by an extension) shows ``N``, paid up while the
    loan runs on, unless the overdue also began that month, which then keeps its digit
    so it is not lost. ``C`` is not for this: it means the whole account is paid off
    (model/README.md §4), which ``report_grid`` shows from an account's ``closed`` month.
    """
    last_day = end if end < t else t
    last = month_of_ordinal(last_day)
    out: list[tuple[int, str]] = []
    # The months before the last are full months: digit k from digit_from[k - 1] on.
    for k, lo in enumerate(digit_from, start=1):
        hi = digit_from[k] if k < len(digit_from) else last
        if lo >= last:
            break
        out.extend(zip(range(lo, min(hi, last)), repeat(str(k))))
    if end <= t and last != digit_from[0]:
        out.append((last, "N"))
    else:
        out.append((last, str(rules.pboc_code(last_day - start))))
    return tuple(out)


def event_facts(event: OverdueEvent, product: Product, rules: Rules) -> EventFacts:
    """Spells of one event under its plan (model/README.md §3, extensions included)."""
    ext = event.extension
    settled = event.settled
    spells: list[Spell] = []
    before_due = ext is not None and ext.agreed <= event.due
    if ext is None:
        spells.append(_spell(event.due, settled, "settled" if settled else None, product, rules))
    elif before_due:
        # The due date moved: overdue only if unpaid past the new due date.
        if settled is None or settled > ext.new_due:
            spells.append(_spell(ext.new_due, settled, "settled" if settled else None, product,
                                 rules))
    else:
        # Agreed after the due date: the clock stops at the agreement, days so far stay.
        first_kind: EndKind = "settled" if settled == ext.agreed else "extension"
        spells.append(_spell(event.due, ext.agreed, first_kind, product, rules,
                             purge_from=settled))
        if settled is None or settled > ext.new_due:
            spells.append(_spell(ext.new_due, settled, "settled" if settled else None, product,
                                 rules))
    return EventFacts(
        event=event,
        id=event.id,
        account=event.account,
        product=product,
        spells=tuple(spells),
        extension_before_due=before_due,
        interest_rate=product.penalty_per_day,
        fee=ext.fee if ext is not None else 0.0,
        extension_purge_on=(add_years(settled, rules.retention_years).toordinal()
                            if ext is not None and settled is not None else NEVER),
    )


def scenario_facts(scenario: Scenario, rules: Rules) -> tuple[EventFacts, ...]:
    products = {a.id: rules.products.get(a.product) for a in scenario.accounts}
    out = []
    for event in scenario.overdues:
        product = products[event.account]
        if product is None:
            known = ", ".join(rules.products)
            raise ValueError(
                f"account {event.account!r} is of a product the policy does not know; "
                f"the catalog has: {known}"
            )
        out.append(event_facts(event, product, rules))
    return tuple(out)


def seen_from(facts: Iterable[EventFacts], t: int) -> tuple[EventFacts, ...]:
    """The events with a spell Jiebei sees on some day from ``t`` on, not yet purged.

    On those days the score, Jiebei's rules, its limit and 连三累六 read nothing else
    (Spell.counts_at, report.lsll_runs), so searches and projections can skip the rest.
    """
    return tuple(f for f in facts
                 if any(s.seen_by_ant_from < NEVER and s.purge_on > t for s in f.spells))

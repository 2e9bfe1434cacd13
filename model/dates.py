"""Calendar helpers: month arithmetic and month keys used by the report grid.

The engine works on ordinals (``date.toordinal()``) on hot paths, so these helpers
take and return plain ``date`` objects or integers and never read the clock.
"""

from __future__ import annotations

import calendar
from datetime import date
from functools import lru_cache

# A unit conversion, not a domain parameter: the mean Gregorian month in days.
DAYS_PER_MONTH = 365.2425 / 12


_DAYS = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def days_in_month(year: int, month: int) -> int:
    if month == 2 and calendar.isleap(year):
        return 29
    return _DAYS[month - 1]


def add_months(day: date, months: int) -> date:
    """The same day of the month ``months`` later (or earlier), clamped to the month's end."""
    index = day.year * 12 + day.month - 1 + months
    year, month0 = divmod(index, 12)
    d = day.day
    if d > 28:  # every month has the first 28 days
        d = min(d, days_in_month(year, month0 + 1))
    return date(year, month0 + 1, d)


def add_years(day: date, years: int) -> date:
    """The same calendar day ``years`` later; 29 February becomes 28 February."""
    if day.month == 2 and day.day == 29:
        return add_months(day, 12 * years)
    return day.replace(year=day.year + years)  # any other day exists in every year


def month_index(day: date) -> int:
    """A month as one integer, so that consecutive months differ by one."""
    return day.year * 12 + day.month - 1


@lru_cache(maxsize=65536)
def month_of_ordinal(ordinal: int) -> int:
    return month_index(date.fromordinal(ordinal))


@lru_cache(maxsize=4096)  # a report lists the same few hundred months again and again
def month_key(index: int) -> str:
    """``2026-09`` for the month index of September 2026."""
    year, month0 = divmod(index, 12)
    return f"{year:04d}-{month0 + 1:02d}"


@lru_cache(maxsize=4096)
def month_end_ordinal(index: int) -> int:
    """The ordinal of the last day of the month ``index``."""
    year, month0 = divmod(index, 12)
    return date(year, month0 + 1, days_in_month(year, month0 + 1)).toordinal()


def months_between(start_ordinal: int, end_ordinal: int) -> float:
    """Elapsed months as a real number, for decay and shrinking cuts."""
    return (end_ordinal - start_ordinal) / DAYS_PER_MONTH

"""Resolve a sentence's own date expression against the document date.

Only expressions anchored to a known document date are resolved; with no document date
the answer is ``None`` (never today's date). Weekdays go back to the most recent such
day on or before the document date; a month without a year is the latest such month not
after the document date (unless the clause is about the future); a bare year is itself.

>>> import datetime as dt
>>> d = dt.date(2020, 1, 14)  # a Tuesday
>>> resolve_date("Monday", d)
ResolvedDate(date=datetime.date(2020, 1, 13), precision='day')
>>> resolve_date("on Saturday", d).date
datetime.date(2020, 1, 11)
>>> resolve_date("in April", d)
ResolvedDate(date=datetime.date(2019, 4, 1), precision='month')
>>> resolve_date("since 2014", d)
ResolvedDate(date=datetime.date(2014, 1, 1), precision='year')
>>> resolve_date("last month", d)
ResolvedDate(date=datetime.date(2019, 12, 1), precision='month')
>>> resolve_date("earlier this year", d)
ResolvedDate(date=datetime.date(2020, 1, 1), precision='year')
>>> resolve_date("January 19", d, future=True).date
datetime.date(2020, 1, 19)
>>> resolve_date("Monday", None) is None
True
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Literal

__all__ = ["ResolvedDate", "resolve_date"]

Precision = Literal["day", "month", "year"]

_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_MONTHS = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)
_MONTH_ABBR = {m[:3]: i + 1 for i, m in enumerate(_MONTHS)} | {"sept": 9}
_RELATIVE_DAYS = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}


@dataclass(frozen=True, slots=True)
class ResolvedDate:
    """A calendar date and how precise the text was about it."""

    date: dt.date
    precision: Precision


def _month_number(word: str) -> int | None:
    w = word.lower().rstrip(".")
    if w in _MONTHS:
        return _MONTHS.index(w) + 1
    return _MONTH_ABBR.get(w)


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def resolve_date(
    expression: str, document_date: dt.date | None, *, future: bool = False
) -> ResolvedDate | None:
    """Resolve ``expression`` ("on Monday", "in April", "January 19", "2014") or ``None``.

    ``future`` says the clause speaks of something to come ("is set to hold a summit on
    January 19"), so unanchored months and days are taken forward, not back.
    """
    text = expression.lower().strip()
    words = re.findall(r"[a-z]+\.?|\d+", text)
    # explicit ISO date
    iso = re.search(r"(\d{4})-(\d{2})-(\d{2})", text)
    if iso:
        d = _safe_date(int(iso.group(1)), int(iso.group(2)), int(iso.group(3)))
        return ResolvedDate(d, "day") if d else None
    year_m = re.search(r"\b(1[89]\d\d|20\d\d)\b", text)
    year = int(year_m.group(1)) if year_m else None
    month = next((m for m in (_month_number(w) for w in words) if m), None)
    day_m = re.search(r"\b(\d{1,2})(st|nd|rd|th)?\b", re.sub(r"\b(1[89]|20)\d\d\b", "", text))
    day = int(day_m.group(1)) if day_m else None
    if month and year:
        if day:
            d = _safe_date(year, month, day)
            return ResolvedDate(d, "day") if d else None
        return ResolvedDate(dt.date(year, month, 1), "month")
    if year and not month:
        return ResolvedDate(dt.date(year, 1, 1), "year")
    if document_date is None:
        return None
    for w, offset in _RELATIVE_DAYS.items():
        if w in words:
            return ResolvedDate(document_date + dt.timedelta(days=offset), "day")
    if not month and ("month" in words or "year" in words) and ("last" in words or "this" in words):
        # "last month", "earlier this year": the month or year before, or the document's
        back = 1 if "last" in words else 0
        if "month" in words:
            first = document_date.replace(day=1)
            for _ in range(back):
                first = (first - dt.timedelta(days=1)).replace(day=1)
            return ResolvedDate(first, "month")
        return ResolvedDate(dt.date(document_date.year - back, 1, 1), "year")
    for i, name in enumerate(_WEEKDAYS):
        if name in words:
            delta = (document_date.weekday() - i) % 7
            if future or "next" in words:
                delta = -((i - document_date.weekday()) % 7)
            elif "last" in words and delta == 0:
                delta = 7
            return ResolvedDate(document_date - dt.timedelta(days=delta), "day")
    if month:
        y = document_date.year
        if future:
            if month < document_date.month or (
                month == document_date.month and day is not None and day < document_date.day
            ):
                y += 1
        elif month > document_date.month or (
            month == document_date.month and day is not None and day > document_date.day
        ):
            y -= 1
        if day:
            d = _safe_date(y, month, day)
            return ResolvedDate(d, "day") if d else None
        return ResolvedDate(dt.date(y, month, 1), "month")
    return None

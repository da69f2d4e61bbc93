"""Document metadata: publication dates in the forms news exports use, and the header of
a scraped text file (its title, URL, dateline, "Crawled:" date).

A relative expression such as "6 days ago" is resolved only against a known crawl date
(``--crawl-date``, a record's crawl column, or the file's own "Crawled:" line); without
one it is left unresolved, never resolved against today.

>>> import datetime as dt
>>> read_date("Tue, 14 Jan 2020 10:00:00 GMT")
datetime.date(2020, 1, 14)
>>> read_date("January 14, 2020"), read_date("14 Jan. 2020"), read_date("2020-01-14T08:00:00Z")
(datetime.date(2020, 1, 14), datetime.date(2020, 1, 14), datetime.date(2020, 1, 14))
>>> read_date("6 days ago", crawl_date=dt.date(2020, 1, 20))
datetime.date(2020, 1, 14)
>>> read_date("6 days ago")
Traceback (most recent call last):
...
kg.ingest_meta.RelativeDateError: '6 days ago' is relative: give --crawl-date to resolve it
"""

from __future__ import annotations

import calendar
import datetime as dt
import email.utils
import re
from dataclasses import dataclass, field

__all__ = ["Header", "RelativeDateError", "read_date", "read_header", "relative_date"]

_MONTHS = (
    {m.lower(): i for i, m in enumerate(calendar.month_name) if m}
    | {m.lower(): i for i, m in enumerate(calendar.month_abbr) if m}
    | {"sept": 9}
)
_MONTH = r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_ABSOLUTE = (
    re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<m>[01]\d)-(?P<day>[0-3]\d)\b"),
    re.compile(rf"\b{_MONTH}\s+{_DAY},?\s+{_YEAR}\b", re.IGNORECASE),
    re.compile(rf"\b{_DAY}\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}\b", re.IGNORECASE),
    re.compile(r"\b(?P<year>(?:19|20)\d\d)/(?P<m>[01]?\d)/(?P<day>[0-3]?\d)\b"),
)
_NUMBERS = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
}
_RELATIVE = re.compile(
    r"\b(?:(?P<n>\d{1,4}|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
    r"\s+(?P<unit>second|sec|minute|min|hour|hr|day|week|month|year)s?\s+ago"
    r"|(?P<word>yesterday|today|just now))\b",
    re.IGNORECASE,
)


class RelativeDateError(ValueError):
    """A relative date ("6 days ago") with no crawl date to resolve it against."""


def _ymd(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _absolute(text: str) -> tuple[dt.date, re.Match[str]] | None:
    for pattern in _ABSOLUTE:
        for m in pattern.finditer(text):
            groups = m.groupdict()
            month = int(groups["m"]) if groups.get("m") else _MONTHS[groups["month"].lower()]
            d = _ymd(int(groups["year"]), month, int(groups["day"]))
            if d is not None:
                return d, m
    return None


def relative_date(expression: str, crawl_date: dt.date) -> dt.date | None:
    """Resolve "6 days ago", "an hour ago", "yesterday" against ``crawl_date``.

    >>> relative_date("posted 2 weeks ago", dt.date(2020, 1, 28))
    datetime.date(2020, 1, 14)
    >>> relative_date("3 months ago", dt.date(2020, 5, 31))
    datetime.date(2020, 2, 29)
    """
    m = _RELATIVE.search(expression)
    if m is None:
        return None
    word = (m.group("word") or "").lower()
    if word:
        return crawl_date - dt.timedelta(days=1) if word == "yesterday" else crawl_date
    raw = m.group("n").lower()
    n = int(raw) if raw.isdigit() else _NUMBERS[raw]
    unit = m.group("unit").lower()
    try:
        if unit in {"second", "sec", "minute", "min", "hour", "hr"}:
            return crawl_date  # the crawl time of day is unknown: the crawl date it is
        if unit in {"day", "week"}:
            return crawl_date - dt.timedelta(days=n * (7 if unit == "week" else 1))
        months = n * (12 if unit == "year" else 1)
        y, mo = divmod(crawl_date.year * 12 + crawl_date.month - 1 - months, 12)
        return dt.date(y, mo + 1, min(crawl_date.day, calendar.monthrange(y, mo + 1)[1]))
    except (OverflowError, ValueError):
        return None


def read_date(value: object, *, crawl_date: dt.date | None = None) -> dt.date | None:
    """A date from a metadata value: ISO 8601 (with time), ``YYYYMMDD``, RFC 2822,
    "January 14, 2020", "14 Jan 2020", Unix seconds/milliseconds, or a relative
    expression (with ``crawl_date``). ``None``/empty gives None.

    Raises
    ------
    RelativeDateError
        For a relative expression without ``crawl_date``.
    ValueError
        When ``value`` is not a date in any of these forms.
    """
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise ValueError(f"not a date: {value!r}")
    if isinstance(value, int | float):
        seconds = float(value) / (1000 if abs(value) > 1e11 else 1)
        try:
            return dt.datetime.fromtimestamp(seconds, tz=dt.UTC).date()
        except (OverflowError, OSError, ValueError) as exc:
            raise ValueError(f"not a date: {value!r}") from exc
    s = " ".join(str(value).split())
    if re.fullmatch(r"\d{8}", s):
        d = _ymd(int(s[:4]), int(s[4:6]), int(s[6:]))
        if d is None:
            raise ValueError(f"not a date: {s!r}")
        return d
    if re.fullmatch(r"\d{10}(\d{3})?(\.\d+)?", s):
        return read_date(float(s), crawl_date=crawl_date)
    if re.match(r"\d{4}-\d{2}-\d{2}", s):
        try:
            return dt.date.fromisoformat(s[:10])
        except ValueError as exc:
            raise ValueError(f"not a date: {s!r}") from exc
    try:
        parsed = email.utils.parsedate_to_datetime(s)
    except (TypeError, ValueError, IndexError):
        parsed = None
    if parsed is not None:
        return parsed.date()
    found = _absolute(s)
    if found is not None:
        return found[0]
    if _RELATIVE.search(s):
        if crawl_date is None:
            raise RelativeDateError(f"{s!r} is relative: give --crawl-date to resolve it")
        return relative_date(s, crawl_date)
    raise ValueError(f"not a date: {s!r}")


# ----------------------------------------------------------------------------- headers

_KEYS = {
    "title": "title",
    "headline": "title",
    "date": "date",
    "published": "date",
    "publication date": "date",
    "published on": "date",
    "pubdate": "date",
    "posted": "date",
    "updated": "updated",
    "url": "url",
    "link": "url",
    "source url": "url",
    "canonical": "url",
    "source": "source",
    "crawled": "crawl_date",
    "crawl date": "crawl_date",
    "crawled at": "crawl_date",
    "retrieved": "crawl_date",
    "accessed": "crawl_date",
    "scraped": "crawl_date",
    "fetched": "crawl_date",
    "id": "id",
}
_KEY_LINE = re.compile(
    r"^\s*(?P<key>"
    + "|".join(sorted((re.escape(k) for k in _KEYS), key=len, reverse=True))
    + r")\s*[:=]\s*(?P<value>\S.*?)\s*$",
    re.IGNORECASE,
)
_URL_LINE = re.compile(r"^\s*(https?://\S+)\s*$", re.IGNORECASE)
_DATE_CUES = re.compile(r"published|posted|updated|date|access_time|time|\bon\b", re.IGNORECASE)
#: How many lines at the top of a file are searched for a header.
HEADER_LINES = 25


@dataclass(slots=True)
class Header:
    """What the top of a text file says about it, and which of its lines are metadata."""

    title: str | None = None
    url: str | None = None
    date: dt.date | None = None
    relative: str | None = None  # "6 days ago", waiting for a crawl date
    crawl_date: dt.date | None = None
    doc_id: str | None = None
    meta_lines: list[tuple[int, int]] = field(default_factory=list)  # spans to blank
    problems: list[str] = field(default_factory=list)
    #: a wire dateline's month and day with no year ("KHARTOUM, June 12 (AP) —")
    month_day: tuple[int, int] | None = None

    def resolved_date(self, crawl_date: dt.date | None) -> dt.date | None:
        """The header's date: a dateline, else its relative date or its month and day
        (the last such day on or before the crawl date) against the crawl date."""
        if self.date is not None:
            return self.date
        crawl = self.crawl_date or crawl_date
        if self.relative and crawl is not None:
            return relative_date(self.relative, crawl)
        if self.month_day and crawl is not None:
            month, day = self.month_day
            for year in (crawl.year, crawl.year - 1):
                found = _ymd(year, month, day)
                if found is not None and found <= crawl:
                    return found
        return None


#: A wire-service dateline opening the first paragraph: "KHARTOUM, June 12 (AP) — ",
#: "BAMAKO, March 4 (Reuters) - ", "KYIV, Ukraine (AP) — ", "GENEVA — ".
_WIRE_DATELINE = re.compile(
    r"^\s*(?P<place>[A-Z][A-Z.'’]+(?:[ -][A-Z][A-Z.'’]+)*)"
    r"(?:,\s*(?:[A-Z][A-Za-z.]+\s?){1,3}?)??"
    rf"(?:,?\s*(?i:{_MONTH})\s+{_DAY}(?:,\s*{_YEAR})?)?"
    r"(?:\s*\((?P<agency>[A-Za-z .&-]{2,30})\))?"
    r"\s*(?:—|–|--|-)\s+"
)


def _wire_dateline(line: str) -> re.Match[str] | None:
    m = _WIRE_DATELINE.match(line)
    if m is None or not (m.group("agency") or m.group("month") or "—" in m.group(0)):
        return None  # "US - China talks": a dash after capitals is not enough
    return m


def _is_body(line: str) -> bool:
    words = line.split()
    return len(words) >= 10 and line.rstrip().endswith((".", "!", "?", '"', "”", "’", "'"))


def read_header(text: str, *, max_lines: int = HEADER_LINES) -> Header:
    """Read the header of a text file: front matter or "Key: value" lines, a bare URL
    line, a dateline ("Published 14 January 2020", "folder_open Libya access_time 6 days
    ago"). Header lines stop at the first body paragraph.

    >>> h = read_header("Title: Talks fail\\nDate: 2020-01-14\\n\\nRussia and Turkey ...")
    >>> h.title, h.date, len(h.meta_lines)
    ('Talks fail', datetime.date(2020, 1, 14), 2)
    >>> read_header("Haftar leaves\\nfolder_openLibya access_time 6 days ago\\n").relative
    '6 days ago'
    """
    h = Header()
    pos = 0
    seen = 0
    in_front_matter = text.startswith("---")
    for raw in text.splitlines(keepends=True):
        start, pos = pos, pos + len(raw)
        line = raw.rstrip("\r\n")
        if not line.strip():
            continue
        seen += 1
        if seen > max_lines or (_is_body(line) and not in_front_matter):
            wire = _wire_dateline(line) if seen <= max_lines else None
            if wire is not None:
                # the city and agency are metadata, not an actor of the first sentence
                h.meta_lines.append((start, start + wire.end()))
                if wire.group("month") and h.date is None:
                    month = _MONTHS[wire.group("month").lower()]
                    day = int(wire.group("day"))
                    if wire.group("year"):
                        h.date = _ymd(int(wire.group("year")), month, day)
                    else:
                        h.month_day = (month, day)
            break
        if in_front_matter and line.strip() == "---":
            h.meta_lines.append((start, start + len(line)))
            if seen > 1:
                in_front_matter = False
            continue
        key_match = _KEY_LINE.match(line)
        if key_match:
            key = _KEYS[key_match.group("key").lower()]
            value = key_match.group("value").strip().strip("\"'")
            if _store(h, key, value):
                h.meta_lines.append((start, start + len(line)))
                continue
        url_match = _URL_LINE.match(line)
        if url_match:
            h.url = h.url or url_match.group(1)
            h.meta_lines.append((start, start + len(line)))
            continue
        if h.date is None:
            found = _absolute(line)
            if found is not None:
                rest = (line[: found[1].start()] + line[found[1].end() :]).split()
                if len(rest) <= 6 or _DATE_CUES.search(line):
                    h.date = found[0]
                    continue
        if h.relative is None:
            rel = _RELATIVE.search(line)
            if rel is not None and len(line.split()) <= 12:
                h.relative = rel.group(0)
    return h


def _store(h: Header, key: str, value: str) -> bool:
    """Record one "Key: value" header line; False when the value is not what the key needs."""
    try:
        if key == "title":
            h.title = h.title or value
        elif key == "url" or (key == "source" and _URL_LINE.match(value)):
            h.url = h.url or value
        elif key == "source":
            return True  # "Source: Reuters" is metadata too
        elif key == "id":
            h.doc_id = h.doc_id or value
        elif key == "crawl_date":
            h.crawl_date = h.crawl_date or read_date(value)
        elif key in {"date", "updated"}:
            if key == "updated" and h.date is not None:
                return True
            try:
                h.date = read_date(value, crawl_date=h.crawl_date)
            except RelativeDateError:
                h.relative = h.relative or value
    except ValueError:
        h.problems.append(f"unreadable {key} {value!r} in the header")
        return False
    return True

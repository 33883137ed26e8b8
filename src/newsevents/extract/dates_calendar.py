"""Calendar arithmetic and value shapes for date expressions: ISO values, bounds, precision, week/month maths.

Kept apart from the pattern rules (``dates_rules``) so the grammar stays readable and the helpers testable.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass
from types import MappingProxyType

MONTHS: MappingProxyType[str, int] = MappingProxyType({
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7, "august": 8,
    "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9, "oct": 10,
    "nov": 11, "dec": 12,
})
WEEKDAYS: MappingProxyType[str, int] = MappingProxyType({
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6,
})
NUMBER_WORDS: MappingProxyType[str, int] = MappingProxyType({
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30,
    "a couple of": 2, "couple of": 2,
})
VAGUE_NUMBERS: MappingProxyType[str, tuple[int, int]] = MappingProxyType(
    {"few": (2, 5), "a few": (2, 5), "several": (3, 7)})
RECENT_WINDOW_DAYS = 7  # an undated current event is dated to this many days before publication


@dataclass(frozen=True)
class DateMention:
    """A date expression found in text: offsets, surface text, resolved ISO value, precision and kind.

    ``kind`` is point, since, range or duration. For ``since`` mentions ``point`` holds the start value alone
    and ``since_at`` the offset of the word "since" when it stands apart from the date ("since the outbreak
    ... in October"); both are ``None`` elsewhere except ``point``, which repeats ``value`` for points.
    """

    start: int
    end: int
    text: str
    value: str | None
    precision: str
    kind: str
    point: str | None = None
    since_at: int | None = None


@dataclass(frozen=True)
class Res:
    """A resolved expression before it gets offsets: ISO value (or None), precision and kind."""

    value: str | None
    precision: str
    kind: str = "point"


UNRESOLVED = Res(None, "unknown")


# ---------------------------------------------------------------- value helpers

def precision_of(value: str | None) -> str:
    """Precision implied by an ISO value's shape: day, month, year, range (an interval) or unknown."""
    if not value:
        return "unknown"
    if "/" in value:
        return "range"
    return {4: "year", 7: "month", 10: "day"}.get(len(value), "unknown")


def bounds(value: str | None) -> tuple[dt.date | None, dt.date | None]:
    """First and last day covered by an ISO value ("2007", "2023-10", "2024-04-30", "a/b", "a/.."))."""
    if not value:
        return None, None
    if "/" in value:
        a, b = value.split("/", 1)
        return bounds(a)[0] if a != ".." else None, bounds(b)[1] if b != ".." else None
    try:
        if len(value) == 4:
            y = int(value)
            return dt.date(y, 1, 1), dt.date(y, 12, 31)
        if len(value) == 7:
            y, m = int(value[:4]), int(value[5:])
            return dt.date(y, m, 1), dt.date(y, m, calendar.monthrange(y, m)[1])
        d = dt.date.fromisoformat(value)
    except ValueError:
        return None, None
    return d, d


def shift_month(y: int, m: int, shift: int = 0) -> tuple[int, int]:
    """(year, month) moved by ``shift`` months."""
    idx = y * 12 + (m - 1) + shift
    return idx // 12, idx % 12 + 1


def iso_month(y: int, m: int) -> str:
    """ISO year-month ("2023-10")."""
    return f"{y:04d}-{m:02d}"


def interval(a: dt.date, b: dt.date) -> Res:
    """A range value from ``a`` to ``b`` inclusive."""
    return Res(f"{a.isoformat()}/{b.isoformat()}", "range")


def day_res(d: dt.date) -> Res:
    """A day value."""
    return Res(d.isoformat(), "day")


def week_res(d: dt.date) -> Res:
    """The Monday-to-Sunday week containing ``d``."""
    monday = d - dt.timedelta(days=d.weekday())
    return interval(monday, monday + dt.timedelta(days=6))


def safe_date(y: int, m: int, d: int) -> dt.date | None:
    """The date, or None when the day does not exist (31 April)."""
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def month_number(name: str) -> int:
    """1-12 for a month name or abbreviation ("Oct.")."""
    return MONTHS[name.lower().rstrip(".")]


def parse_count(word: str) -> tuple[int, int] | None:
    """(low, high) for a count word ("three" -> (3, 3), "a few" -> (2, 5)); None when not a count."""
    w = " ".join(word.lower().split())
    if w.isdigit():
        return int(w), int(w)
    if w in NUMBER_WORDS:
        return NUMBER_WORDS[w], NUMBER_WORDS[w]
    return VAGUE_NUMBERS.get(w)


def minus(pub: dt.date, n: int, unit: str) -> dt.date:
    """``pub`` minus ``n`` days, weeks, months, years or decades (clamping the day of month)."""
    if unit == "day":
        return pub - dt.timedelta(days=n)
    if unit == "week":
        return pub - dt.timedelta(weeks=n)
    months = n * (12 if unit == "year" else 120 if unit == "decade" else 1)
    y, m = shift_month(pub.year, pub.month, -months)
    return dt.date(y, m, min(pub.day, calendar.monthrange(y, m)[1]))



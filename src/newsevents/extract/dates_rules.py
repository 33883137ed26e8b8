"""Find and resolve date expressions in news text with regex rules and a small grammar, no model and no network.

Relative expressions ("on Tuesday", "October last year") resolve against the publication date; absolute ones
("2007", "March 5, 2024") resolve without it. Conventions: weeks run Monday to Sunday, so "last week" is the
previous Monday-Sunday range; "in October" is the most recent October not after publication (the next one when
the caller asks for the future direction); "since X" is the interval from X to the publication date.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Callable
from types import MappingProxyType

from newsevents.extract.dates_calendar import (
    UNRESOLVED,
    WEEKDAYS,
    DateMention,
    Res,
    bounds,
    day_res,
    interval,
    iso_month,
    minus,
    month_number,
    parse_count,
    safe_date,
    shift_month,
    week_res,
)

_MONTH_FULL = r"January|February|March|April|May|June|July|August|September|October|November|December"
_MONTH_ANY = _MONTH_FULL + r"|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept\.?|Sep\.?|Oct\.?|Nov\.?|Dec\.?"
_WD = r"Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
_NUM = (r"\d{1,3}|a\s+couple\s+of|couple\s+of|a\s+few|few|several|an?|one|two|three|four|five|six|seven|eight|"
        r"nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty")
_REL_YEAR = r"(?:,?\s+(?P<y>\d{4})\b|,?\s+(?:of\s+)?(?P<ry>last|this|next)\s+year\b)?"
_DAY = r"(?P<d>\d{1,2})(?:st|nd|rd|th)?(?:\s*[-–]\s*(?P<d2>\d{1,2})(?:st|nd|rd|th)?)?"
_WD_PREFIX = rf"(?:(?P<wd>{_WD}),?\s+)?"

# Words before a bare month name ("in October") that make it a date rather than a name or a verb.
_MONTH_CONTEXT = frozenset({
    "in", "since", "by", "until", "till", "through", "from", "to", "during", "before", "after", "between",
    "and", "of", "or", "last", "next", "this", "early", "mid", "late", "end", "beginning", "start", "middle",
    "around", "throughout", "that", "each", "every", "past", "coming", "as",
})
# Lower-case "march" and "may" are verbs far more often: only these words make them months.
_STRONG_CONTEXT = frozenset({"in", "since", "until", "till", "during", "last", "next", "early", "mid", "late",
                             "throughout", "between"})
_NOT_A_DAY_NAME = frozenset({"super", "good", "black", "bloody", "holy", "easter", "palm", "ash", "maundy",
                             "cyber"})
_COUNT_NOUNS = (
    r"people|persons|men|women|children|kids|soldiers|troops|fighters|militants|civilians|protesters|"
    r"demonstrators|residents|refugees|migrants|prisoners|detainees|hostages|families|homes|houses|buildings|"
    r"dead|killed|injured|wounded|casualties|rockets|missiles|drones|tons|tonnes|km|kilometres|kilometers|"
    r"miles|metres|meters|dollars|euros|members|workers|students|police|officers|votes|seats|units|vehicles|"
    r"trucks|cases|deaths|times|pounds|acres|hectares|feet|rounds|gmt|utc|hours|hrs|local|bc|bce"
)
_NOT_YEAR_AFTER = re.compile(rf"^(?:\s*(?:%|percent|per\s+cent)|,\d|\.\d|\s+(?:{_COUNT_NOUNS})\b)", re.I)
_NOT_YEAR_BEFORE = re.compile(
    r"(?:\d[.,]|[$£€#]|\b(?:at\s+least|more\s+than|fewer\s+than|less\s+than|nearly|almost|some|up\s+to|"
    r"approximately|roughly|estimated|total\s+of|resolution|no\.|number|flight|route|highway|room|article|"
    r"section|chapter|rule|model|page|paragraph)\s*)$",
    re.I,
)
Handler = Callable[[re.Match[str], str, "dt.date | None", str], "Res | None"]


def _last_word(text: str, pos: int) -> str:
    m = re.search(r"([A-Za-z]+)[\s-]*$", text[max(0, pos - 30):pos])
    return m.group(1).lower() if m else ""


# ---------------------------------------------------------------- handlers (one per pattern)

def _h_iso(m: re.Match[str], text: str, pub: dt.date | None, direction: str) -> Res | None:
    d = safe_date(int(m["y"]), int(m["m"]), int(m["d"]))
    return day_res(d) if d else None


def _h_numeric(m: re.Match[str], text: str, pub: dt.date | None, direction: str) -> Res | None:
    a, b, y = int(m["a"]), int(m["b"]), int(m["y"])
    if a > 12 and b <= 12:
        d = safe_date(y, b, a)
    elif (b > 12 and a <= 12) or a == b:
        d = safe_date(y, a, b)
    else:  # 04/05/2024: day-first or month-first cannot be told apart
        return Res(str(y), "year")
    return day_res(d) if d else None


def _infer_year(month: int, day: int, pub: dt.date, direction: str) -> dt.date | None:
    """Year for a day-month without one: the latest on or before publication (within two weeks after it
    counts as upcoming), or the first on or after publication for the future direction."""
    for y in (pub.year - 1, pub.year, pub.year + 1) if direction == "future" else (pub.year + 1, pub.year,
                                                                                    pub.year - 1):
        d = safe_date(y, month, day)
        if d is None:
            continue
        if direction == "future" and d >= pub:
            return d
        if direction != "future" and d <= pub + dt.timedelta(days=14):
            return d
    return safe_date(pub.year, month, day)


def _h_day_month(m: re.Match[str], text: str, pub: dt.date | None, direction: str) -> Res | None:
    month, day = month_number(m["mon"]), int(m["d"])
    if not 1 <= day <= 31:
        return None
    if m["y"]:
        d = safe_date(int(m["y"]), month, day)
    elif pub is None:
        return UNRESOLVED
    elif m["ry"]:
        d = safe_date(pub.year + {"last": -1, "this": 0, "next": 1}[m["ry"].lower()], month, day)
    else:
        d = _infer_year(month, day, pub, direction)
    if d is None:
        return None
    if m["d2"]:  # "April 13-14": a span of days
        d2 = safe_date(d.year, month, int(m["d2"]))
        return interval(d, d2) if d2 and d2 > d else None
    return day_res(d)


def _h_month_year(m: re.Match[str], text: str, pub: dt.date | None, direction: str) -> Res | None:
    return Res(iso_month(int(m["y"]), month_number(m["mon"])), "month")


def _h_month_rel(m: re.Match[str], text: str, pub: dt.date | None, direction: str) -> Res | None:
    rel = (m["rel"] or "").lower()
    ry = (m["ry"] or "").lower()
    context = _MONTH_CONTEXT if m["mon"][0].isupper() or m["mon"] not in ("march", "may") else _STRONG_CONTEXT
    if not (rel or ry or m["mod"]) and _last_word(text, m.start()) not in context:
        return None
    if pub is None:
        return UNRESOLVED
    month = month_number(m["mon"])
    if ry:
        y = pub.year + {"last": -1, "this": 0, "next": 1}[ry]
    elif rel in ("last", "past"):
        y = pub.year if month < pub.month else pub.year - 1
    elif rel in ("next", "coming"):
        y = pub.year if month > pub.month else pub.year + 1
    elif rel == "this":
        y = pub.year
    elif direction == "future":
        y = pub.year if month >= pub.month else pub.year + 1
    else:
        y = pub.year if month <= pub.month else pub.year - 1
    return Res(iso_month(y, month), "month")


def _h_weekday(m: re.Match[str], text: str, pub: dt.date | None, direction: str) -> Res | None:
    if _last_word(text, m.start()) in _NOT_A_DAY_NAME and not m["rel"]:
        return None
    if pub is None:
        return UNRESOLVED
    wd = WEEKDAYS[m["wd"].lower()]
    rel = " ".join((m["rel"] or "").lower().split())
    week = (m["wk"] or "").lower()
    if week:
        monday = pub - dt.timedelta(days=pub.weekday()) + dt.timedelta(weeks=-1 if week == "last" else 1)
        return day_res(monday + dt.timedelta(days=wd))
    back = (pub.weekday() - wd) % 7
    fwd = (wd - pub.weekday()) % 7
    if rel in ("last", "past", "this past"):
        return day_res(pub - dt.timedelta(days=back or 7))
    if rel in ("next", "coming", "this coming"):
        return day_res(pub + dt.timedelta(days=fwd or 7))
    if rel == "this":
        return day_res(pub - dt.timedelta(days=pub.weekday()) + dt.timedelta(days=wd))
    if direction == "future":
        return day_res(pub + dt.timedelta(days=fwd))
    return day_res(pub - dt.timedelta(days=back))


_REL_DAYS = MappingProxyType({
    "yesterday": -1, "today": 0, "tonight": 0, "tomorrow": 1, "the day before yesterday": -2,
    "the day after tomorrow": 2, "last night": -1, "this morning": 0, "this afternoon": 0,
             "this evening": 0, "earlier today": 0, "later today": 0, "overnight": 0})


def _h_relday(m: re.Match[str], text: str, pub: dt.date | None, direction: str) -> Res | None:
    if pub is None:
        return UNRESOLVED
    return day_res(pub + dt.timedelta(days=_REL_DAYS[" ".join(m.group(0).lower().split())]))


def _h_ago(m: re.Match[str], text: str, pub: dt.date | None, direction: str) -> Res | None:
    n = parse_count(m["n"])
    if n is None:
        return None
    if pub is None:
        return UNRESOLVED
    unit = m["unit"].lower()
    lo, hi = n
    if lo != hi:  # "a few days ago": a range between the vague bounds
        return interval(minus(pub, hi, unit), minus(pub, lo, unit))
    d = minus(pub, lo, unit)
    if unit == "day":
        return day_res(d)
    if unit == "week":
        return week_res(d)
    if unit == "month":
        return Res(iso_month(d.year, d.month), "month")
    if unit == "decade":
        return Res(f"{d.year - d.year % 10}/{d.year - d.year % 10 + 9}", "range")
    return Res(str(d.year), "year")


def _h_relperiod(m: re.Match[str], text: str, pub: dt.date | None, direction: str) -> Res | None:
    if pub is None:
        return UNRESOLVED
    mod = " ".join((m["mod"] or "").lower().split())
    rel = m["rel"].lower()
    unit = m["unit"].lower()
    shift = {"last": -1, "previous": -1, "this": 0, "next": 1, "coming": 1}.get(rel)
    if rel == "past" or (rel == "last" and m.group(0).lower().startswith("the last") and unit != "weekend"):
        days = {"week": 7, "weekend": 7, "month": 30, "year": 365}[unit]
        return interval(pub - dt.timedelta(days=days), pub)
    assert shift is not None
    if unit == "weekend":
        sunday = pub + dt.timedelta(days=(6 - pub.weekday()) % 7) if shift >= 0 else pub
        if shift < 0:
            sunday = pub - dt.timedelta(days=(pub.weekday() + 1) % 7 or 7)
        sunday += dt.timedelta(weeks=max(shift, 0))
        return interval(sunday - dt.timedelta(days=1), sunday)
    if unit == "week":
        monday = pub - dt.timedelta(days=pub.weekday()) + dt.timedelta(weeks=shift)
        sunday = monday + dt.timedelta(days=6)
        if shift == 0 and mod == "earlier":
            return interval(monday, pub)
        if shift == 0 and mod == "later":
            return interval(pub, sunday)
        return interval(monday, sunday)
    if unit == "month":
        y, mo = shift_month(pub.year, pub.month, shift)
        if shift == 0 and mod == "earlier":
            return interval(dt.date(y, mo, 1), pub)
        if shift == 0 and mod == "later":
            return interval(pub, dt.date(y, mo, calendar.monthrange(y, mo)[1]))
        return Res(iso_month(y, mo), "month")
    y = pub.year + shift
    if shift == 0 and mod == "earlier":
        return interval(dt.date(y, 1, 1), pub)
    if shift == 0 and mod == "later":
        return interval(pub, dt.date(y, 12, 31))
    return Res(str(y), "year")


_SEASONS = MappingProxyType({"spring": (3, 5), "summer": (6, 8), "autumn": (9, 11), "fall": (9, 11),
                             "winter": (12, 2)})
_SEASON_CONTEXT = re.compile(r"\b(?:in|during|over|since|by|until|through|throughout|before|after|"
                             r"early|late|mid)\s+(?:the\s+)?$", re.I)


def _season_span(season: str, year: int) -> tuple[dt.date, dt.date]:
    first, last = _SEASONS[season]
    end_year = year + 1 if last < first else year
    return dt.date(year, first, 1), dt.date(end_year, last, calendar.monthrange(end_year, last)[1])


def _h_season(m: re.Match[str], text: str, pub: dt.date | None, direction: str) -> Res | None:
    rel = (m["rel"] or "").lower()
    if not (rel or m["y"] or m["ry"]) and not _SEASON_CONTEXT.search(text[max(0, m.start() - 20):m.start()]):
        return None
    season = m["season"].lower()
    if m["y"]:
        a, b = _season_span(season, int(m["y"]))
        return interval(a, b)
    if pub is None:
        return Res(None, "unknown", "range")
    if m["ry"]:
        a, b = _season_span(season, pub.year + {"last": -1, "this": 0, "next": 1}[m["ry"].lower()])
        return interval(a, b)
    spans = [_season_span(season, y) for y in range(pub.year - 2, pub.year + 2)]
    if rel in ("last", "past"):
        a, b = [sp for sp in spans if sp[1] < pub][-1]
    elif rel in ("next", "coming") or (not rel and direction == "future"):
        a, b = next(sp for sp in spans if sp[0] > pub or (not rel and sp[1] >= pub))
    else:
        a, b = [sp for sp in spans if sp[0] <= pub][-1]
    return interval(a, b)


def _h_weekend(m: re.Match[str], text: str, pub: dt.date | None, direction: str) -> Res | None:
    if pub is None:
        return Res(None, "unknown", "range")
    if direction == "future":
        saturday = pub + dt.timedelta(days=(5 - pub.weekday()) % 7)
    else:
        saturday = pub - dt.timedelta(days=(pub.weekday() - 5) % 7)
    return interval(saturday, saturday + dt.timedelta(days=1))


def _h_end_of(m: re.Match[str], text: str, pub: dt.date | None, direction: str) -> Res | None:
    if pub is None:
        return UNRESOLVED
    unit = m["unit"].lower()
    if unit == "year":
        return Res(iso_month(pub.year, 12), "month")
    if unit == "month":
        return Res(iso_month(pub.year, pub.month), "month")
    return week_res(pub)


_RECENT_DAYS = MappingProxyType({"day": 7, "week": 30, "month": 90, "year": 3 * 365})


def _h_recent(m: re.Match[str], text: str, pub: dt.date | None, direction: str) -> Res | None:
    if pub is None:
        return Res(None, "unknown", "range")
    unit = (m["unit"] or m["unit2"]).lower()
    if m["n"]:
        n = parse_count(m["n"])
        if n is None:
            return None
        start = minus(pub, n[1], unit)
    else:
        start = pub - dt.timedelta(days=_RECENT_DAYS[unit])
    return Res(f"{start.isoformat()}/{pub.isoformat()}", "range", "range")


def _h_duration(m: re.Match[str], text: str, pub: dt.date | None, direction: str) -> Res | None:
    n = parse_count(m["n"])
    if n is None:
        return None
    if n[0] != n[1]:
        return Res(None, "unknown", "duration")
    unit = m["unit"].lower()
    code = {"day": "D", "week": "W", "month": "M", "year": "Y"}[unit]
    return Res(f"P{n[0]}{code}", "unknown", "duration")


_DECADE_THIRDS = MappingProxyType({"early": (0, 3), "mid": (4, 6), "late": (7, 9)})
_CENTURY_THIRDS = MappingProxyType({"early": (0, 32), "mid": (33, 65), "late": (66, 99)})


def _h_decade(m: re.Match[str], text: str, pub: dt.date | None, direction: str) -> Res | None:
    if m["dec"]:
        start = int(m["dec"])
    else:
        two = int(m["dec2"])
        start = (1900 if two >= 30 else 2000) + two
    century = start % 100 == 0 and start < 2000  # "the 1800s" is a century, "the 2000s" a decade
    thirds = _CENTURY_THIRDS if century else _DECADE_THIRDS
    lo, hi = thirds.get((m["mod"] or "").lower(), (0, 99 if century else 9))
    return Res(f"{start + lo}/{start + hi}", "range", "range")


def _plausible_year(m: re.Match[str], text: str) -> bool:
    return not (_NOT_YEAR_BEFORE.search(text[max(0, m.start() - 20):m.start()])
                or _NOT_YEAR_AFTER.search(text[m.end():m.end() + 20]))


def _h_year_range(m: re.Match[str], text: str, pub: dt.date | None, direction: str) -> Res | None:
    if not _plausible_year(m, text):
        return None
    y1, y2s = int(m["y1"]), m["y2"]
    y2 = int(y2s) if len(y2s) == 4 else y1 - y1 % 100 + int(y2s)
    if not y1 < y2 <= 2100 or y2 - y1 > 100:
        if len(y2s) == 2 and 1 <= int(y2s) <= 12:  # 2024-03: year and month
            return Res(iso_month(y1, int(y2s)), "month")
        return None
    return Res(f"{y1}/{y2}", "range", "range")


def _h_year(m: re.Match[str], text: str, pub: dt.date | None, direction: str) -> Res | None:
    if not _plausible_year(m, text):
        return None
    return Res(m["y"], "year")


# Order is priority among equally long matches; longer matches always win.
_PATTERNS: tuple[tuple[re.Pattern[str], Handler], ...] = (
    (re.compile(r"\b(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})\b"), _h_iso),
    (re.compile(r"\b(?P<a>\d{1,2})[/.](?P<b>\d{1,2})[/.](?P<y>\d{4})\b"), _h_numeric),
    (re.compile(rf"{_WD_PREFIX}\b(?:the\s+)?{_DAY}\s+(?:of\s+)?(?P<mon>{_MONTH_ANY})(?![A-Za-z])"
                rf"{_REL_YEAR}", re.I), _h_day_month),
    (re.compile(rf"{_WD_PREFIX}\b(?P<mon>{_MONTH_ANY})\s+{_DAY}\b(?!,\d){_REL_YEAR}", re.I), _h_day_month),
    (re.compile(rf"\b(?:(?:early|mid|late)[\s-]+)?(?P<mon>{_MONTH_ANY})\s+(?:of\s+)?(?P<y>\d{{4}})\b", re.I),
     _h_month_year),
    (re.compile(rf"\b(?:(?P<mod>early|mid|late|the\s+end\s+of|the\s+beginning\s+of|the\s+start\s+of|"
                rf"the\s+middle\s+of)[\s-]+)?(?:(?P<rel>last|next|this|past|coming)\s+)?(?P<mon>{_MONTH_FULL})\b"
                r"(?:,?\s+(?:of\s+)?(?P<ry>last|this|next)\s+year\b)?", re.I), _h_month_rel),
    (re.compile(rf"\b(?:(?P<rel>this\s+past|this\s+coming|last|next|this|coming|past)\s+)?(?P<wd>{_WD})(?:'s)?"
                r"(?:\s+(?:morning|afternoon|evening|night))?(?:\s+(?P<wk>last|next)\s+week\b)?", re.I),
     _h_weekday),
    (re.compile(r"\b(?:the\s+day\s+before\s+yesterday|the\s+day\s+after\s+tomorrow|yesterday|today|tonight|"
                r"tomorrow|last\s+night|this\s+(?:morning|afternoon|evening)|(?:earlier|later)\s+today)\b", re.I),
     _h_relday),
    (re.compile(rf"\b(?P<n>{_NUM})\s+(?P<unit>day|week|month|year|decade)s?\s+ago\b", re.I), _h_ago),
    (re.compile(r"\b(?:(?P<mod>earlier|later|early|late|the\s+end\s+of|the\s+beginning\s+of|the\s+start\s+of|"
                r"the\s+middle\s+of|mid)[\s-]+)?(?:the\s+)?(?P<rel>last|this|next|past|previous|coming)\s+"
                r"(?P<unit>week|weekend|month|year)\b", re.I), _h_relperiod),
    (re.compile(rf"\b(?:(?:over|in|during|for|within)\s+)?the\s+(?:past|last)\s+(?P<n>{_NUM})\s+"
                r"(?P<unit>day|week|month|year)s?\b|\b(?:in|over)\s+recent\s+(?P<unit2>day|week|month|year)s\b",
                re.I), _h_recent),
    (re.compile(rf"\bfor\s+(?:more\s+than\s+|nearly\s+|almost\s+|about\s+)?(?P<n>{_NUM})\s+"
                r"(?P<unit>day|week|month|year)s?\b", re.I), _h_duration),
    (re.compile(r"\b(?:(?P<rel>last|this|next|past|coming)\s+)?(?P<season>spring|summer|autumn|fall|winter)"
                r"(?:\s+(?:of\s+)?(?P<y>\d{4})\b|\s+of\s+(?P<ry>last|this|next)\s+year\b)?\b", re.I), _h_season),
    (re.compile(r"\b(?:over|during|at)\s+the\s+weekend\b", re.I), _h_weekend),
    (re.compile(r"\bthe\s+end\s+of\s+(?:the|this)\s+(?P<unit>year|month|week)\b", re.I), _h_end_of),
    (re.compile(r"\b(?:the\s+)?(?:(?P<mod>early|mid|late)[\s-]+)?(?:(?P<dec>1[89]\d0|20\d0)'?s|"
                r"'(?P<dec2>\d0)s)\b"), _h_decade),
    (re.compile(r"\b(?P<y1>1[89]\d\d|20\d\d)\s*[-–]\s*(?P<y2>\d{4}|\d{2})\b(?!-)"), _h_year_range),
    (re.compile(r"(?<![\d,.])\b(?P<y>1[89]\d\d|20\d\d|2100)\b(?![,.]\d)"), _h_year),
)


def _candidates(text: str, pub: dt.date | None, direction: str) -> list[tuple[int, int, int, Res]]:
    found: list[tuple[int, int, int, Res]] = []
    for prio, (pattern, handler) in enumerate(_PATTERNS):
        for m in pattern.finditer(text):
            res = handler(m, text, pub, direction)
            if res is not None:
                found.append((m.start(), m.end(), prio, res))
    return found


def _select(found: list[tuple[int, int, int, Res]]) -> list[tuple[int, int, Res]]:
    chosen: list[tuple[int, int, Res]] = []
    for start, end, _prio, res in sorted(found, key=lambda f: (-(f[1] - f[0]), f[2], f[0])):
        if all(end <= s or start >= e for s, e, _ in chosen):
            chosen.append((start, end, res))
    return sorted(chosen, key=lambda c: c[0])


_RANGE_JOIN = re.compile(r"^\s*(?:and|to|until|till|through|[-–])\s*$", re.I)
_RANGE_OPEN = re.compile(r"\b(?:between|from)\s+$", re.I)
_SINCE_ADJ = re.compile(r"\b(?:ever\s+)?since\s+$", re.I)
_SINCE_GAP = re.compile(r"\bsince\s+(?P<gap>[^,.;:!?()\"]{1,90}?)\s+(?:in|on|of|at|during)\s+$", re.I)


def _merge_ranges(items: list[tuple[int, int, Res]], text: str) -> list[tuple[int, int, Res]]:
    out: list[tuple[int, int, Res]] = []
    i = 0
    while i < len(items):
        s, e, r = items[i]
        if i + 1 < len(items) and r.kind != "duration":
            s2, e2, r2 = items[i + 1]
            opener = _RANGE_OPEN.search(text[max(0, s - 12):s])
            if _RANGE_JOIN.match(text[e:s2]) and opener and r2.kind != "duration":
                start = s - (len(text[max(0, s - 12):s]) - opener.start())
                if r.value and r2.value:
                    a = r.value.split("/")[0]
                    b = r2.value.split("/")[-1]
                    lo, hi = bounds(a)[0], bounds(b)[1]
                    if lo and hi and hi < lo and len(b) < 10:  # "from March to May": May after March
                        b = f"{int(b[:4]) + 1}{b[4:]}"
                    value: str | None = f"{a}/{b}"
                else:
                    value = None
                out.append((start, e2, Res(value, "range" if value else "unknown", "range")))
                i += 2
                continue
        out.append((s, e, r))
        i += 1
    return out


def find_dates(text: str, pub_date: dt.date | None, *, direction: str = "past") -> list[DateMention]:
    """Every date expression in ``text``, resolved against ``pub_date`` where relative, in text order.

    ``direction`` ("past" or "future") picks which occurrence an underspecified date means ("on Tuesday",
    "in October"): the latest not after publication, or the first not before it (for future-tense clauses).
    """
    items = _merge_ranges(_select(_candidates(text, pub_date, direction)), text)
    mentions: list[DateMention] = []
    prev_end = 0
    for s, e, r in items:
        since_at: int | None = None
        if r.kind in ("point", "range"):
            offset = max(0, s - 100, prev_end)  # a "since" already used by an earlier date is not this one's
            before = text[offset:s]
            adj = _SINCE_ADJ.search(before)
            gap = None if adj else _SINCE_GAP.search(before)
            if gap and len(gap["gap"].split()) > 12:
                gap = None
            if adj or gap:
                if adj:
                    s = offset + adj.start()
                else:
                    since_at = offset + gap.start() if gap else None
                point = r.value.split("/")[0] if r.value else None
                if point and pub_date is not None:
                    value: str | None = f"{point}/{pub_date.isoformat()}"
                elif point:
                    value = f"{point}/.."
                else:
                    value = None
                mentions.append(DateMention(s, e, text[s:e], value, "range" if value else "unknown", "since",
                                            point=point, since_at=since_at))
                prev_end = e
                continue
        kind = "range" if r.kind == "point" and r.precision == "range" else r.kind
        mentions.append(DateMention(s, e, text[s:e], r.value, r.precision, kind,
                                    point=r.value if kind == "point" else None))
        prev_end = e
    return mentions

"""Tests for date finding (``find_dates``) and event dating/status (``event_date``) on news phrasing."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from newsevents.extract.dates import DateMention, event_date, find_dates, recent_range
from newsevents.extract.dates_calendar import bounds, precision_of
from newsevents.model import EventDate

DATES_DIR = Path(__file__).resolve().parent / "fixtures" / "dates"
PUB = dt.date(2024, 4, 30)  # the seed article's publication day, a Tuesday


def _cases(name: str) -> list[dict[str, Any]]:
    with (DATES_DIR / name).open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def _pub(case: dict[str, Any]) -> dt.date | None:
    return dt.date.fromisoformat(case["pub"]) if case["pub"] else None


def _token(sent, word: str):
    for tok in sent:
        if tok.text == word:
            return tok
    raise AssertionError(f"trigger {word!r} not in {sent.text!r}")


def _date_of(nlp, sentence: str, trigger: str, pub: dt.date | None) -> EventDate:
    doc = nlp(sentence)
    sent = next(s for s in doc.sents if any(t.text == trigger for t in s))
    return event_date(sent, _token(sent, trigger), pub)


MENTION_CASES = _cases("mentions.jsonl")
EVENT_CASES = _cases("dates.jsonl")


@pytest.mark.parametrize("case", MENTION_CASES, ids=[c["text"][:40] for c in MENTION_CASES])
def test_find_dates_fixture(case: dict[str, Any]) -> None:
    found = find_dates(case["text"], _pub(case))
    got = [[m.text, m.value, m.precision, m.kind] for m in found]
    assert got == case["expect"]
    for m in found:
        assert case["text"][m.start:m.end] == m.text


@pytest.mark.parametrize("case", EVENT_CASES, ids=[f"{c['trigger']}:{c['sentence'][:30]}" for c in EVENT_CASES])
def test_event_date_fixture(nlp, case: dict[str, Any]) -> None:
    got = _date_of(nlp, case["sentence"], case["trigger"], _pub(case))
    assert got == EventDate(case["value"], case["precision"], case["status"])


def test_fixture_sets_are_big_enough() -> None:
    assert len(MENTION_CASES) >= 40
    assert len(EVENT_CASES) >= 40


def test_values_match_their_precision() -> None:
    for case in MENTION_CASES:
        for m in find_dates(case["text"], _pub(case)):
            if m.kind == "duration":
                continue
            assert precision_of(m.value) == m.precision, m
            lo, hi = bounds(m.value)
            if m.value and not m.value.endswith(".."):
                assert lo is not None and hi is not None and lo <= hi, m


def test_seed_article_sentences(nlp, shared_dir: Path) -> None:
    text = (shared_dir / "seed" / "article.txt").read_text(encoding="utf-8")
    doc = nlp(text)
    want = {
        "confirmed": EventDate("2024-04-30", "day", "current"),
        "seized": EventDate("2007", "year", "historical"),
        "clashes": EventDate("2007", "year", "historical"),
        "called": EventDate("2023-10/2024-04-30", "range", "current"),
        "outbreak": EventDate("2023-10", "month", "historical"),
        "convened": EventDate("2024-04-23/2024-04-30", "range", "current"),
    }
    seen: dict[str, EventDate] = {}
    for sent in doc.sents:
        for tok in sent:
            if tok.text in want and tok.text not in seen:
                seen[tok.text] = event_date(sent, tok, PUB)
    assert seen == want


def test_no_publication_date_keeps_relative_dates_unresolved() -> None:
    text = "China confirmed on Tuesday that talks began in October last year; the split dates back to 2007."
    got = {m.text: (m.value, m.precision) for m in find_dates(text, None)}
    assert got == {"Tuesday": (None, "unknown"), "October last year": (None, "unknown"), "2007": ("2007", "year")}
    absolute = find_dates("The accord was signed on March 5, 2024 and renewed in 2019.", None)
    assert [(m.value, m.precision) for m in absolute] == [("2024-03-05", "day"), ("2019", "year")]


def test_since_without_publication_date_is_open_ended() -> None:
    (m,) = find_dates("Hamas has controlled Gaza since 2007.", None)
    assert (m.kind, m.value, m.precision, m.point) == ("since", "2007/..", "range", "2007")


def test_numbers_are_not_years() -> None:
    text = ("The ministry counted 34,535 dead and 2,000 people displaced; 1850 troops, 2024 tonnes of aid, "
            "at least 1999 children, $2000 and 2,024 votes.")
    assert find_dates(text, PUB) == []


def test_future_direction_picks_the_next_occurrence() -> None:
    monday = dt.date(2024, 4, 29)
    (tue,) = find_dates("The envoys will meet on Tuesday.", monday, direction="future")
    assert tue.value == "2024-04-30"
    (past_tue,) = find_dates("The envoys met on Tuesday.", monday)
    assert past_tue.value == "2024-04-23"
    (october,) = find_dates("Elections are due in October.", PUB, direction="future")
    assert october.value == "2024-10"


def test_weekday_on_publication_day_is_that_day() -> None:
    (m,) = find_dates("Protesters marched on Tuesday.", PUB)
    assert m == DateMention(start=22, end=29, text="Tuesday", value="2024-04-30", precision="day", kind="point",
                            point="2024-04-30")


def test_recent_range_is_the_week_before_publication() -> None:
    assert recent_range(PUB) == "2024-04-23/2024-04-30"


def test_bounds_and_precision_helpers() -> None:
    assert bounds("2024-02") == (dt.date(2024, 2, 1), dt.date(2024, 2, 29))
    assert bounds("2007") == (dt.date(2007, 1, 1), dt.date(2007, 12, 31))
    assert bounds("2023-10/2024-04-30") == (dt.date(2023, 10, 1), dt.date(2024, 4, 30))
    assert bounds("2007/..") == (dt.date(2007, 1, 1), None)
    assert [precision_of(v) for v in ("2024-04-30", "2024-04", "2024", "2010/2012", None)] == [
        "day", "month", "year", "range", "unknown"]


def test_reported_speech_does_not_take_the_reporting_date(nlp) -> None:
    got = _date_of(nlp, "Officials said on Monday that rebels attacked a convoy.", "attacked", PUB)
    assert got == EventDate(recent_range(PUB), "range", "current")

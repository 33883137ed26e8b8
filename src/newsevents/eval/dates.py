"""Event-date accuracy on the project's own date test set (``tests/fixtures/dates/dates.jsonl``): for each
sentence and event word, are the event's date value, precision and status those a careful reader gives?"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

from newsevents.eval.common import ratio
from newsevents.extract.dates import event_date

DATES_SET = "dates"
_CASE_KEYS = frozenset({"sentence", "trigger", "pub", "value", "precision", "status"})


def is_date_case(record: Mapping[str, Any]) -> bool:
    """True for a date test case ({"sentence", "trigger", "pub", "value", "precision", "status"})."""
    return isinstance(record, Mapping) and record.keys() >= _CASE_KEYS


def as_gold_docs(cases: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """The cases as members of the ``dates`` set, so that ``newsevents eval`` scores them with the others."""
    return [{**c, "set": DATES_SET, "id": f"{DATES_SET}/{i}"} for i, c in enumerate(cases)]


def score_dates(nlp: Any, cases: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    """Share of cases whose date value, precision, status (and all three) are right; a trigger word missing
    from the parsed sentence counts as wrong."""
    n = ok_value = ok_precision = ok_status = ok_all = 0
    for case in cases:
        n += 1
        pub = dt.date.fromisoformat(case["pub"]) if case.get("pub") else None
        doc = nlp(case["sentence"])
        found = next(((s, t) for s in doc.sents for t in s if t.text == case["trigger"]), None)
        if found is None:
            continue
        got = event_date(found[0], found[1], pub)
        value, precision, status = (got.value == case["value"], got.precision == case["precision"],
                                    got.status == case["status"])
        ok_value += value
        ok_precision += precision
        ok_status += status
        ok_all += value and precision and status
    return {"documents": n, "cases": n, "accuracy": ratio(ok_all, n), "value_accuracy": ratio(ok_value, n),
            "precision_accuracy": ratio(ok_precision, n), "status_accuracy": ratio(ok_status, n)}

"""Reading normalized gold files (``shared/eval/README.md`` format) and choosing fixed samples of them."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import Any

GoldDoc = dict[str, Any]

EVENT_SETS = frozenset({"plover-gsr", "petr-unit", "petr2-gsr", "cameo-rounds"})
PENTA_SETS = frozenset({"conflibert-class-train", "conflibert-class-test"})
NER_SETS = frozenset({"conflibert-ner-train", "conflibert-ner-test"})
INDIA_SETS = frozenset({"india-police", "india-police-docs"})
LOCATION_SET = "event-location"
GLOCON_SET = "glocon"
CASE_SET = "case2021"

# Large sets the test gate scores on a fixed sample: every k-th document in file order (index % k == 0).
GATE_SAMPLES: Mapping[str, int] = {"event-location": 5, "india-police": 8}
SAMPLE_SUFFIX = "@sample"


def parse_gold(lines: Iterable[str]) -> list[GoldDoc]:
    """Gold documents from JSON lines (blank lines skipped); a malformed gold line is an error, not skipped."""
    return [json.loads(line) for line in lines if line.strip()]


def set_name(doc: Mapping[str, Any]) -> str:
    """The set a gold document belongs to (picks the metric family)."""
    return str(doc.get("set", "?"))


def sample_docs(docs: list[GoldDoc], every: int) -> list[GoldDoc]:
    """Every ``every``-th document in file order, starting with the first: a fixed, deterministic sample."""
    if every <= 1:
        return list(docs)
    return docs[::every]


def group_by_set(docs: Iterable[GoldDoc]) -> dict[str, list[GoldDoc]]:
    """Gold documents per set, in first-seen order."""
    out: dict[str, list[GoldDoc]] = {}
    for doc in docs:
        out.setdefault(set_name(doc), []).append(doc)
    return out

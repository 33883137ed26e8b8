"""Evaluation against human-coded gold sets: read gold, run the pipeline, score per set, compare to floors.

The figures agree with the independent reference scorer described in ``shared/eval/README.md``.
"""

from __future__ import annotations

from newsevents.eval.floors import Drop, compare_floors, flatten_figures, merge_floors, pin_floors
from newsevents.eval.gold import GATE_SAMPLES, parse_gold, sample_docs, set_name
from newsevents.eval.predictions import PredEvent, group_predictions, normalize_event, parse_prediction_lines
from newsevents.eval.runner import predict, raw_docs
from newsevents.eval.scoring import score_documents, score_lines, score_set

__all__ = [
    "GATE_SAMPLES",
    "Drop",
    "PredEvent",
    "compare_floors",
    "flatten_figures",
    "group_predictions",
    "merge_floors",
    "normalize_event",
    "parse_gold",
    "parse_prediction_lines",
    "pin_floors",
    "predict",
    "raw_docs",
    "sample_docs",
    "score_documents",
    "score_lines",
    "score_set",
    "set_name",
]

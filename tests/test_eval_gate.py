"""Quality gate: the extractor's figures on the gold dev sets must not fall below ``eval_baseline.json``.

Small sets run in full, the large ones (event-location, india-police) on their fixed sample (every k-th
document, keys ``set@sample``); the pipeline loads once for the module. Skipped when ../shared is absent.
See docs/accuracy.md.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsevents.config import Settings
from newsevents.eval import compare_floors
from newsevents.eval.gold import GATE_SAMPLES, SAMPLE_SUFFIX, parse_gold
from newsevents.eval.suite import run_suite

ROOT = Path(__file__).resolve().parent.parent
BASELINE = ROOT / "eval_baseline.json"
GATE_SETS = ("plover-gsr", "petr-unit", "conflibert-class-train", "conflibert-ner-train", "glocon",
             "india-police-docs", "event-location", "india-police")


@pytest.fixture(scope="module")
def pipeline():
    """The real pipeline with default settings, loaded once for every gated set."""
    from newsevents.config import Settings
    from newsevents.pipeline import Pipeline

    return Pipeline(Settings(min_confidence=0.0))


@pytest.fixture(scope="module")
def floors() -> dict:
    return json.loads(BASELINE.read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", GATE_SETS)
def test_no_figure_drops_below_its_floor(name: str, pipeline, floors: dict, shared_dir: Path):
    path = shared_dir / "eval" / "dev" / f"{name}.jsonl"
    if not path.is_file():
        pytest.skip(f"{path} is absent")
    key = name + SAMPLE_SUFFIX if name in GATE_SAMPLES else name
    assert floors.get(key), f"eval_baseline.json has no floors for {key}"
    with path.open(encoding="utf-8") as f:
        docs = parse_gold(f)
    suite = run_suite(pipeline, [docs], min_confidence=Settings().min_confidence, gate=True)
    assert list(suite.figures) == [key]
    drops = compare_floors(suite.figures, floors)
    assert not drops, "figures fell below their floors:\n" + "\n".join(str(d) for d in drops)

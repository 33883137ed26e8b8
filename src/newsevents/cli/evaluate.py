"""``newsevents eval``: run the pipeline on gold sets, print per-set figures, compare them with floors."""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path
from typing import Annotated, Any

import typer

from newsevents.cli.app import app
from newsevents.errors import Code, NewsEventsError, message


def _read_json(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise typer.BadParameter(message(Code.E901, f"cannot read floors {path}: {exc}")) from None
    if not isinstance(data, dict):
        raise typer.BadParameter(message(Code.E901, f"floors {path} is not a JSON object"))
    return data


def _checked(figures: dict[str, dict[str, float]], floors: dict[str, Any]) -> int:
    return sum(len(floors[name]) for name in figures if isinstance(floors.get(name), dict))


@app.command("eval")
def evaluate(
    gold: Annotated[list[Path], typer.Argument(help="Gold files (normalized JSON lines, shared/eval format) "
                                                    "or the date test set (tests/fixtures/dates/dates.jsonl).")],
    floors: Annotated[Path | None, typer.Option("--floors", help="Floors file (JSON {set: {figure: bound}}); "
                                                "exit 1 when a figure falls below its floor.")] = None,
    write_floors: Annotated[Path | None, typer.Option("--write-floors", help="Write the current figures as "
                                                      "floors to this file (floors only go up).")] = None,
    json_out: Annotated[bool, typer.Option("--json", help="Print one JSON object instead of tables.")] = False,
    dictionaries: Annotated[Path | None, typer.Option("--dictionaries", help="Folder of PETRARCH/Phoenix "
                                                      "dictionaries to add to the built-in actors.")] = None,
    limit: Annotated[int | None, typer.Option("--limit", min=1, help="Only the first N documents of each "
                                              "file (keys become set@firstN).")] = None,
    predictions_out: Annotated[Path | None, typer.Option("--predictions-out", help="Write each set's "
                                                         "predicted events (JSON lines) to DIR/<set>.jsonl.")]
    = None,
    min_confidence: Annotated[float | None, typer.Option("--min-confidence", help="Drop events below this "
                                                         "confidence before scoring (default: the "
                                                         "pipeline's default threshold).")] = None,
    gate: Annotated[bool, typer.Option("--gate", help="Large sets on their fixed sample only (set@sample), "
                                       "as the test gate does.")] = False,
) -> None:
    """Score the extractor on gold sets: event P/R/F1, dyads, penta, NER, India police, locations, protest,
    and event dates on the project's date test set (tests/fixtures/dates/dates.jsonl)."""
    from newsevents.config import Settings
    from newsevents.eval.dates import as_gold_docs, is_date_case
    from newsevents.eval.floors import compare_floors, merge_floors, pin_floors
    from newsevents.eval.gold import parse_gold
    from newsevents.eval.report import format_drops, format_results
    from newsevents.eval.suite import run_suite
    from newsevents.pipeline import Pipeline

    if min_confidence is None:
        min_confidence = Settings().min_confidence
    for path in gold:
        if not path.is_file():
            raise typer.BadParameter(message(Code.E901, f"gold file {path} not found"))
    if dictionaries is not None and not dictionaries.is_dir():
        raise typer.BadParameter(message(Code.E901, f"--dictionaries {dictionaries} is not a folder"))
    if write_floors is not None and limit is not None:
        raise typer.BadParameter(message(Code.E901, "--write-floors needs full sets (no --limit)"))
    if floors is not None and not floors.exists() and write_floors is not None:
        typer.echo(f"{floors} does not exist yet: no comparison, it will be written", err=True)
        floors = None
    floor_data = _read_json(floors) if floors is not None else None
    try:
        # extract everything, then apply the threshold in scoring, so the sweep can look below it
        pipeline = Pipeline(Settings(dictionaries=dictionaries, min_confidence=0.0))
    except NewsEventsError as exc:
        typer.echo(str(exc), err=True)
        raise typer.Exit(1) from None

    def files():
        for path in gold:
            started = time.monotonic()
            with path.open(encoding="utf-8") as f:
                docs = parse_gold(f)
            if docs and is_date_case(docs[0]):  # the project's own date test set (tests/fixtures/dates)
                docs = as_gold_docs(docs)
            yield docs
            typer.echo(f"{path.name}: {len(docs)} documents, {time.monotonic() - started:.0f} s", err=True)

    suite = run_suite(pipeline, files(), min_confidence=min_confidence, limit=limit, gate=gate)
    if predictions_out is not None:
        predictions_out.mkdir(parents=True, exist_ok=True)
        for name, objs in suite.predictions.items():
            with (predictions_out / f"{name}.jsonl").open("w", encoding="utf-8") as f:
                f.writelines(json.dumps(o, ensure_ascii=False) + "\n" for o in objs)
    drops = compare_floors(suite.figures, floor_data) if floor_data is not None else []
    if json_out:
        out = suite.to_dict()
        if floor_data is not None:
            out["drops"] = [str(d) for d in drops]
        sys.stdout.write(json.dumps(out, sort_keys=True) + "\n")
    else:
        typer.echo(format_results(suite.sets, suite.sweeps, min_confidence))
        if floor_data is not None:
            typer.echo(format_drops(drops, _checked(suite.figures, floor_data)))
    if write_floors is not None:
        old = _read_json(write_floors) if write_floors.exists() else {
            "_comment": "floors (>=) per set and figure; extra_event_rate and docs_no_pred_rate are ceilings "
                        "(<=). See docs/accuracy.md."}
        merged = merge_floors(old, pin_floors(suite.figures))
        write_floors.write_text(json.dumps(merged, indent=2, sort_keys=True) + "\n", encoding="utf-8")
        typer.echo(f"floors written to {write_floors}", err=True)
    if drops:
        raise typer.Exit(1)

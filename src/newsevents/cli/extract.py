"""``newsevents extract``: documents in, events out (table, JSON, JSON lines)."""

from __future__ import annotations

import datetime as dt
import json
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from newsevents.cli.app import app
from newsevents.errors import Code, NewsEventsError, message


class OutputFormat(StrEnum):
    """Output formats of ``extract``."""

    table = "table"
    json = "json"
    jsonl = "jsonl"


def _check_date(value: str | None) -> str | None:
    if value is None:
        return None
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(message(Code.E901, f"--date {value!r} is not YYYY-MM-DD")) from None
    return value


@app.command()
def extract(
    paths: Annotated[list[str], typer.Argument(help="Files or folders (.txt, .html, .jsonl); '-' reads stdin.")],
    date: Annotated[str | None, typer.Option("--date", help="Publication date YYYY-MM-DD for documents "
                                                             "without one.", callback=_check_date)] = None,
    output_format: Annotated[OutputFormat, typer.Option("--format", "-f", help="table, json or jsonl.")]
    = OutputFormat.table,
    report: Annotated[Path | None, typer.Option("--report", help="Write one JSON line per document "
                                                 "(status, cleaning counts, events, rejection) to this file.")]
    = None,
    dictionaries: Annotated[Path | None, typer.Option("--dictionaries", help="Folder of PETRARCH/Phoenix "
                                                      "dictionaries to add to the built-in actors.")] = None,
) -> None:
    """Extract events from documents and print them (table) or emit the output contract's JSON."""
    from newsevents.config import Settings
    from newsevents.ingest import read_inputs
    from newsevents.pipeline import Pipeline
    from newsevents.render import print_table, summary_line

    if dictionaries is not None and not dictionaries.is_dir():
        raise typer.BadParameter(message(Code.E901, f"--dictionaries {dictionaries} is not a folder"))
    settings = Settings(dictionaries=dictionaries, default_date=date)
    try:
        pipeline = Pipeline(settings)
    except NewsEventsError as exc:
        typer.echo(str(exc), err=True)
        raise typer.Exit(1) from None
    inputs = read_inputs(paths, stdin=sys.stdin, default_date=date, max_bytes=settings.max_document_bytes)
    results = []
    report_file = report.open("w", encoding="utf-8") if report else None
    try:
        all_events = []
        for result in pipeline.process(inputs):
            results.append(result)
            if result.rejected is not None:
                typer.echo(f"{result.doc_id}: {result.rejected.reason}", err=True)
            if report_file is not None:
                report_file.write(json.dumps(_doc_record(result), ensure_ascii=False) + "\n")
            if output_format is OutputFormat.jsonl:
                for event in result.events:
                    sys.stdout.write(json.dumps(event.to_dict(), ensure_ascii=False) + "\n")
            else:
                all_events.extend(result.events)
        if output_format is OutputFormat.json:
            sys.stdout.write(json.dumps([e.to_dict() for e in all_events], ensure_ascii=False, indent=2) + "\n")
        elif output_format is OutputFormat.table:
            print_table(results)
    finally:
        if report_file is not None:
            report_file.close()
    typer.echo(summary_line(results), err=True)


def _doc_record(result) -> dict:
    article = result.article
    record = {"doc_id": result.doc_id, "status": "rejected" if result.rejected else "ok",
              "events": len(result.events)}
    if article is not None:
        record.update(paragraphs_in=article.paragraphs_in, paragraphs_out=article.paragraphs_out,
                      paragraphs_removed=article.paragraphs_removed, chars=len(article.text),
                      date=article.date.isoformat() if article.date else None)
    if result.rejected is not None:
        record.update(result.rejected.to_dict())
    return record

"""``newsevents run``, ``query`` and ``export``: whole corpora into a DuckDB store, and back out of it."""

from __future__ import annotations

import csv
import json
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from newsevents.cli.app import app
from newsevents.cli.extract import _check_date
from newsevents.errors import Code, message

DB_HELP = "DuckDB store file."


class QueryFormat(StrEnum):
    """Output formats of ``query``."""

    table = "table"
    csv = "csv"
    json = "json"
    jsonl = "jsonl"


def _existing_db(db: Path) -> Path:
    if not db.is_file():
        raise typer.BadParameter(message(Code.E901, f"--db {db} does not exist; create it with `newsevents run`"))
    return db


@app.command()
def run(
    paths: Annotated[list[str], typer.Argument(help="Files or folders (.txt, .html, .jsonl, ...).")],
    db: Annotated[Path, typer.Option("--db", help=DB_HELP)] = Path("events.duckdb"),
    date: Annotated[str | None, typer.Option("--date", help="Publication date YYYY-MM-DD for documents "
                                                             "without one.", callback=_check_date)] = None,
    workers: Annotated[int, typer.Option("--workers", min=1, help="Worker processes (one model each).")] = 1,
    dictionaries: Annotated[Path | None, typer.Option("--dictionaries", help="Folder of PETRARCH/Phoenix "
                                                      "dictionaries to add to the built-in actors.")] = None,
    batch: Annotated[int, typer.Option("--batch", min=1, help="Documents per store transaction.")] = 64,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")] = False,
    engine: Annotated[str, typer.Option("--engine", help="local (process pool) or dask (a Dask cluster; "
                                        "pip install 'newsevents[dask]').")] = "local",
    scheduler: Annotated[str | None, typer.Option("--scheduler", help="Dask scheduler address "
                                                  "(tcp://HOST:8786); default: a LocalCluster of --workers "
                                                  "processes.")] = None,
    partitions: Annotated[int | None, typer.Option("--partitions", min=1, help="Dask partitions (default: "
                                                   "2 per worker).")] = None,
) -> None:
    """Process a corpus into the store: re-running skips stored documents, a killed run can be re-run."""
    from newsevents.batch import run_corpus
    from newsevents.config import Settings

    if dictionaries is not None and not dictionaries.is_dir():
        raise typer.BadParameter(message(Code.E901, f"--dictionaries {dictionaries} is not a folder"))
    if engine not in ("local", "dask"):
        raise typer.BadParameter(message(Code.E901, f"--engine {engine!r}; use local or dask"))
    if engine == "local" and (scheduler is not None or partitions is not None):
        raise typer.BadParameter(message(Code.E901, "--scheduler and --partitions need --engine dask"))
    settings = Settings(dictionaries=dictionaries, default_date=date)
    summary = run_corpus(paths, db, settings, workers=workers, progress=not quiet, batch_docs=batch,
                         engine=engine, scheduler=scheduler, partitions=partitions)
    typer.echo(summary.text(), err=True)


@app.command()
def query(
    db: Annotated[Path, typer.Option("--db", help=DB_HELP, callback=_existing_db)] = Path("events.duckdb"),
    actor: Annotated[str | None, typer.Option("--actor", help="Actor code, name or words (substring).")] = None,
    country: Annotated[str | None, typer.Option("--country", help="ISO3 of an actor or the place.")] = None,
    type_: Annotated[str | None, typer.Option("--type", help="PLOVER type (ASSAULT) or CAMEO code prefix "
                                                             "(19, 190).")] = None,
    since: Annotated[str | None, typer.Option("--since", callback=_check_date, help="YYYY-MM-DD.")] = None,
    until: Annotated[str | None, typer.Option("--until", callback=_check_date, help="YYYY-MM-DD.")] = None,
    limit: Annotated[int | None, typer.Option("--limit", min=1)] = None,
    output_format: Annotated[QueryFormat, typer.Option("--format", "-f")] = QueryFormat.table,
) -> None:
    """Print merged events matching the filters (jsonl: output contract plus num_mentions/sources/articles)."""
    from newsevents.store import EventFilter, open_store
    from newsevents.store.query import event_record, event_rows

    flt = EventFilter(actor=actor, country=country, type=type_, since=since, until=until, limit=limit)
    with open_store(db, read_only=True) as store:
        records = [event_record(r) for r in event_rows(store, flt)]
    if output_format is QueryFormat.jsonl:
        for r in records:
            sys.stdout.write(json.dumps(r, ensure_ascii=False) + "\n")
    elif output_format is QueryFormat.json:
        sys.stdout.write(json.dumps(records, ensure_ascii=False, indent=2) + "\n")
    elif output_format is QueryFormat.csv:
        writer = csv.writer(sys.stdout)
        writer.writerow(["event_key", "date", "plover", "cameo", "source", "target", "location", "num_mentions",
                         "num_sources", "num_articles", "trigger"])
        for r in records:
            writer.writerow(_flat(r))
    else:
        _print_table(records)
    typer.echo(f"{len(records)} events", err=True)


def _flat(r: dict) -> list:
    loc = r.get("location") or {}

    def side(actors: list[dict]) -> str:
        return "+".join(a["code"] or a["name"] for a in actors)

    return [r["event_key"], r["date"]["value"] or "", r["plover"]["event"] or "", r["cameo"]["code"],
            side(r["source"]), side(r["target"]), loc.get("name") or "",
            r["num_mentions"], r["num_sources"], r["num_articles"], r["evidence"]["trigger"]]


def _print_table(records: list[dict]) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console()
    if not console.is_terminal:
        console = Console(width=160)
    table = Table()
    for col in ("key", "date", "PLOVER", "CAMEO", "source", "target", "where", "ment.", "src", "art.", "trigger"):
        table.add_column(col)
    for r in records:
        table.add_row(*[str(x) for x in _flat(r)])
    console.print(table)


@app.command("export")
def export_cmd(
    db: Annotated[Path, typer.Option("--db", help=DB_HELP, callback=_existing_db)] = Path("events.duckdb"),
    output_format: Annotated[str, typer.Option("--format", "-f", help="gdelt-events, gdelt-mentions, plover, "
                                                                      "parquet (a folder) or csv.")] = "csv",
    out: Annotated[Path, typer.Option("--out", "-o", help="Output file (folder for parquet).")]
    = Path("events.csv"),
) -> None:
    """Export the store: GDELT 2.0 Events/Mentions TSV, PLOVER JSON lines, Parquet tables, CSV of merged events."""
    from newsevents.export import ExportFormat, export_store
    from newsevents.store import open_store

    try:
        fmt = ExportFormat(output_format)
    except ValueError:
        choices = ", ".join(f.value for f in ExportFormat)
        raise typer.BadParameter(message(Code.E901, f"--format {output_format!r}; use one of {choices}")) from None
    with open_store(db, read_only=True) as store:
        n = export_store(store, fmt, out)
    typer.echo(f"{n} {'tables' if fmt is ExportFormat.parquet else 'rows'} -> {out}", err=True)

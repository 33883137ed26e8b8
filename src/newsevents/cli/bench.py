"""``newsevents bench``: bare spaCy parsing against the whole pipeline on a corpus (see docs/performance.md)."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer

from newsevents.cli.app import app
from newsevents.errors import Code, message


@app.command()
def bench(
    corpus: Annotated[Path | None, typer.Argument(help="Corpus file or folder (default: "
                                                  "../shared/corpora/india-police-docs.jsonl).")] = None,
    docs: Annotated[int, typer.Option("--docs", min=0, help="Only the first N documents (0: all).")] = 300,
    workers: Annotated[int, typer.Option("--workers", min=1, help="Worker processes for (b).")] = 1,
    json_out: Annotated[bool, typer.Option("--json", help="Print one JSON object.")] = False,
    prefilter: Annotated[bool, typer.Option("--prefilter/--no-prefilter", help="Sentence pre-filter "
                                            "before parsing.")] = True,
    reference: Annotated[bool, typer.Option("--reference/--no-reference", help="Also time bare spaCy "
                                            "(a).")] = True,
    gazetteer: Annotated[bool, typer.Option("--gazetteer", help="Only time the gazetteer: load (cached and "
                                            "built) and lookups per second.")] = False,
) -> None:
    """Throughput of bare spaCy (a) and of the whole pipeline (b): articles/s, words/s, peak RSS, (b)/(a);
    with --gazetteer, the gazetteer's load time and lookups per second instead."""
    from newsevents.bench import find_default_corpus, run_bench
    from newsevents.config import Settings

    if gazetteer:
        from newsevents.bench_gazetteer import run_gazetteer_bench

        geo = run_gazetteer_bench()
        typer.echo(json.dumps(geo.to_dict(), sort_keys=True) if json_out else geo.text())
        return

    if corpus is None:
        corpus = find_default_corpus()
        if corpus is None:
            typer.echo("bench: ../shared/corpora/india-police-docs.jsonl not found, skipping (pass a corpus)",
                       err=True)
            return
    elif not corpus.exists():
        raise typer.BadParameter(message(Code.E901, f"corpus {corpus} does not exist"))
    result = run_bench(corpus, docs or None, workers=workers, settings=Settings(prefilter=prefilter),
                       reference=reference)
    if json_out:
        sys.stdout.write(json.dumps(result.to_dict(), sort_keys=True) + "\n")
    else:
        typer.echo(result.text())

"""The ``newsevents`` command line: each command parses its arguments and calls one library function.

Commands live in one module each (``cli/extract.py``, ...) and register on ``cli.app.app``; importing them
here is what adds them to the command line.
"""

from __future__ import annotations

import sys

import typer

from newsevents.cli import bench as _bench  # noqa: F401  (registers the command)
from newsevents.cli import corpus as _corpus  # noqa: F401  (registers run, query, export)
from newsevents.cli import evaluate as _evaluate  # noqa: F401  (registers the command)
from newsevents.cli import extract as _extract  # noqa: F401  (registers the command)
from newsevents.cli import serve as _serve  # noqa: F401  (registers the command)
from newsevents.cli.app import app
from newsevents.errors import NewsEventsError

__all__ = ["app", "main"]


def main() -> None:
    """Console-script entry point: usage errors exit 2, runs that completed exit 0 (even with rejections)."""
    try:
        app()
    except NewsEventsError as exc:
        typer.echo(str(exc), err=True)
        sys.exit(1)
    except KeyboardInterrupt:
        typer.echo("interrupted", err=True)
        sys.exit(130)

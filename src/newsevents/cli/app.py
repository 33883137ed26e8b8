"""The Typer application every command module registers on."""

from __future__ import annotations

import typer

app = typer.Typer(
    name="newsevents",
    help="Political event data from news text: who did what to whom, when, where, how many, per whom.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


@app.command()
def version() -> None:
    """Print the installed version."""
    from newsevents import __version__

    typer.echo(__version__)

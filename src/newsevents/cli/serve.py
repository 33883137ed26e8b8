"""``newsevents serve``: the JSON API and web UI over a store, on loopback unless told otherwise."""

from __future__ import annotations

import ipaddress
import os
from pathlib import Path
from typing import Annotated

import typer

from newsevents.cli.app import app
from newsevents.errors import Code, message


def is_loopback(host: str) -> bool:
    """True for addresses only this machine can reach (127.0.0.0/8, ::1, localhost)."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


@app.command()
def serve(
    db: Annotated[Path, typer.Option("--db", help="DuckDB store file (read-only).")] = Path("events.duckdb"),
    host: Annotated[str, typer.Option("--host", help="Address to bind; loopback by default.")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", min=1, max=65535)] = 8000,
    token: Annotated[str | None, typer.Option("--token", envvar="NEWSEVENTS_TOKEN", show_envvar=True,
                                              help="Require this token on every route.")] = None,
    busy_deadline: Annotated[float, typer.Option("--busy-deadline", min=0.0, help="Seconds a request waits "
                                                 "for a writer to release the store before 503.")] = 30.0,
) -> None:
    """Serve the event API (/api, docs at /docs) and web UI on http://HOST:PORT/."""
    try:
        import uvicorn

        from newsevents.serve import ServeConfig, create_app
    except ImportError as exc:  # pragma: no cover - the server dependencies are in the main install
        raise typer.BadParameter(message(Code.E901, f"server dependencies missing: {exc}")) from exc
    if not db.is_file():
        raise typer.BadParameter(message(Code.E901, f"--db {db} does not exist; create it with `newsevents run`"))
    if not is_loopback(host):
        typer.echo(f"warning: binding {host}: the server is reachable from other machines"
                   + ("" if token else " and has no token (use --token or NEWSEVENTS_TOKEN)"), err=True)
    config = ServeConfig(db=db.resolve(), token=token or os.environ.get("NEWSEVENTS_TOKEN") or None,
                         busy_deadline_s=busy_deadline)
    shown = "localhost" if is_loopback(host) else host
    suffix = f"/?token={config.token}" if config.token else "/"
    typer.echo(f"newsevents: serving {db} on http://{shown}:{port}{suffix} (Ctrl-C to stop)", err=True)
    uvicorn.run(create_app(config), host=host, port=port, log_level="warning", server_header=False)

"""Terminal rendering of results: an events table per document and a one-line run summary."""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Console
from rich.table import Table

from newsevents.model import Actor, DocResult, Event


def _actors(actors: Sequence[Actor]) -> str:
    return " + ".join(f"{a.name} ({a.code or '?'})" for a in actors) or "-"


def _when(event: Event) -> str:
    return f"{event.date.value or '?'} [{event.date.precision}, {event.date.status}]"


def _extra(event: Event) -> str:
    parts = []
    m = event.magnitude
    for label, count in (("killed", m.killed), ("injured", m.injured), ("arrested", m.arrested),
                         ("crowd", m.crowd)):
        if count is not None:
            qual = "" if count.qualifier == "exact" else f" ({count.qualifier.replace('_', ' ')})"
            parts.append(f"{label} {count.value:,}{qual}")
    if event.negated:
        parts.append("NEGATED")
    if event.attribution is not None:
        who = event.attribution.text or ""
        parts.append(f"per: {event.attribution.cue} {who}".strip())
    if event.mentions > 1:
        parts.append(f"{event.mentions} mentions")
    return "; ".join(parts)


def print_table(results: Sequence[DocResult], console: Console | None = None) -> None:
    """Print each document's events as a table with its cleaning figures."""
    if console is None:
        console = Console()
        if not console.is_terminal:
            console = Console(width=160)
    for result in results:
        article = result.article
        if result.rejected is not None:
            console.print(f"[bold]{result.doc_id}[/bold]: rejected {result.rejected.reason}")
            continue
        if article is None:
            continue
        console.print(
            f"[bold]{result.doc_id}[/bold]: {len(result.events)} events; paragraphs {article.paragraphs_in} in, "
            f"{article.paragraphs_out} out, {article.paragraphs_removed} repeated removed; "
            f"published {article.date.isoformat() if article.date else 'unknown'}"
        )
        if not result.events:
            continue
        table = Table(show_lines=True)
        for column in ("#", "PLOVER", "CAMEO", "source", "target", "when", "where", "numbers / claims", "trigger"):
            table.add_column(column, overflow="fold")
        for n, event in enumerate(result.events, 1):
            t = event.type
            place = f"{event.location.name} ({event.location.country})" if event.location else "-"
            table.add_row(str(n), t.plover or "(statement)", f"{t.cameo_code} q{t.quad_class}",
                          _actors(event.source), _actors(event.target), _when(event), place, _extra(event),
                          event.evidence.trigger)
        console.print(table)


def summary_line(results: Sequence[DocResult]) -> str:
    """'3 documents, 1 rejected (E105: 1), 12 events, 5 repeated paragraphs removed'."""
    docs = len(results)
    rejected = [r.rejected for r in results if r.rejected is not None]
    events = sum(len(r.events) for r in results)
    removed = sum(r.article.paragraphs_removed for r in results if r.article is not None)
    codes: dict[str, int] = {}
    for rej in rejected:
        codes[rej.code] = codes.get(rej.code, 0) + 1
    detail = f" ({', '.join(f'{c}: {n}' for c, n in sorted(codes.items()))})" if codes else ""
    return (f"{docs} documents, {len(rejected)} rejected{detail}, {events} events, "
            f"{removed} repeated paragraphs removed")

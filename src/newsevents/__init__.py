"""newsevents: political event data from news text, offline.

The public API is small: ``extract(text, date=None)`` for one text, ``Pipeline`` for many documents.
"""

from __future__ import annotations

import datetime as dt

from newsevents.config import Settings
from newsevents.model import Actor, Event, Location, Magnitude
from newsevents.pipeline import Pipeline

__version__ = "0.1.0"
__all__ = ["Actor", "Event", "Location", "Magnitude", "Pipeline", "Settings", "extract", "__version__"]


def extract(text: str, date: str | dt.date | None = None, *, doc_id: str = "doc",
            pipeline: Pipeline | None = None) -> list[Event]:
    """Events of one news text; ``date`` is its publication date (relative dates resolve against it).

    Raises ``NewsEventsError`` (with a code) when the text cannot be processed, e.g. it is empty.
    """
    from newsevents.errors import Code, NewsEventsError
    from newsevents.model import RawDoc

    pipe = pipeline or Pipeline()
    iso = date.isoformat() if isinstance(date, dt.date) else date
    (result,) = list(pipe.process([RawDoc(doc_id=doc_id, text=text, date=iso, origin="<api>")]))
    if result.rejected is not None:
        rej = result.rejected
        raise NewsEventsError(Code(rej.code), rej.reason, formatted=rej.reason)
    return list(result.events)

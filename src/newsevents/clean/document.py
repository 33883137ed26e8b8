"""One ``RawDoc`` to one ``Article`` (or ``Rejected``): main text, normalisation, repeated paragraphs, date.

A pure function: the returned ``Article.text`` is what every downstream character offset refers to.
"""

from __future__ import annotations

import datetime as dt

from newsevents.clean.dedup import keep_mask, words
from newsevents.clean.html import extract_html
from newsevents.clean.normalize import normalize_text
from newsevents.errors import Code, message
from newsevents.model import Article, RawDoc, Rejected

STAGE = "clean"
# An HTML page whose extracted main text has fewer words than this is navigation, not an article.
MIN_HTML_WORDS = 5


def parse_pub_date(value: str | None) -> dt.date | None:
    """Publication date from an ISO 8601 date or datetime string ("2024-04-30", "2024-04-30T10:00:00Z").

    Returns None for a missing/blank value; raises ValueError for anything else that is not ISO 8601.
    """
    if value is None or not value.strip():
        return None
    s = value.strip()
    try:
        return dt.date.fromisoformat(s)
    except ValueError:
        pass
    if s.endswith(("z", "Z")):
        s = s[:-1] + "+00:00"
    return dt.datetime.fromisoformat(s).date()


def _reject(raw: RawDoc, code: Code, detail: str) -> Rejected:
    return Rejected(doc_id=raw.doc_id, stage=STAGE, code=code.value, reason=message(code, detail),
                    origin=raw.origin)


def _clean_title(title: str | None) -> str | None:
    if not title:
        return None
    cleaned = normalize_text(title).replace("\n", " ").strip()
    return cleaned or None


def clean_document(raw: RawDoc, *, near_duplicate_threshold: float = 0.9) -> Article | Rejected:
    """Clean one document: HTML main text, Unicode/whitespace normalisation, repeated paragraphs, ISO date.

    Paragraphs are lines of ``Article.text`` separated by one "\\n"; the counts in/out/removed are reported.
    """
    try:
        date = parse_pub_date(raw.date)
    except ValueError:
        return _reject(raw, Code.E110, f"{raw.date!r} in {raw.doc_id}")
    title, url, body = raw.title, raw.url, raw.text
    if raw.html is not None and raw.text is None:
        content = extract_html(raw.html)
        if not content.text or len(words(content.text)) < MIN_HTML_WORDS:
            return _reject(raw, Code.E201, raw.origin or raw.doc_id)
        body = content.text
        title = title or content.title
        url = url or content.url
        if date is None and content.date:
            try:
                date = parse_pub_date(content.date)
            except ValueError:
                date = None  # a page's own metadata date is a hint, not the user's claim
    title = _clean_title(title)
    text = normalize_text(body or "")
    paragraphs = text.split("\n") if text else []
    if raw.html is not None and title and paragraphs and words(paragraphs[0]) == words(title):
        paragraphs = paragraphs[1:]  # the page headline repeated as the first line: kept as the title only
    mask = keep_mask(paragraphs, near_duplicate_threshold)
    kept = [p for p, keep in zip(paragraphs, mask, strict=True) if keep]
    if not kept:
        return _reject(raw, Code.E202, f"{raw.doc_id} ({len(paragraphs)} paragraphs, none kept)")
    return Article(
        doc_id=raw.doc_id,
        text="\n".join(kept),
        date=date,
        url=url,
        title=title,
        origin=raw.origin,
        paragraphs_in=len(paragraphs),
        paragraphs_out=len(kept),
        paragraphs_removed=len(paragraphs) - len(kept),
    )

"""Main text and metadata (title, date, url) from an HTML page, through trafilatura.

Only this module imports trafilatura, so the choice of extractor stays in one place.
"""

from __future__ import annotations

from dataclasses import dataclass
from types import MappingProxyType

# Publication date from the page's markup only (meta tags, <time>, JSON-LD), never guessed from the copyright
# line or free text, since it anchors every relative date in the article.
_DATE_CONFIG = MappingProxyType({"extensive_search": False, "original_date": True})


@dataclass(frozen=True)
class HtmlContent:
    """What a page yields: main text (None when there is none) and whatever metadata trafilatura found."""

    text: str | None
    title: str | None = None
    date: str | None = None
    url: str | None = None


def extract_html(html: str) -> HtmlContent:
    """Main article text of ``html`` (precision-oriented, no comments or tables) plus its title, date and url."""
    import trafilatura
    from trafilatura import extract_metadata

    try:
        text = trafilatura.extract(html, include_comments=False, include_tables=False, favor_precision=True)
    except Exception:  # trafilatura raises assorted errors on malformed markup; no text is the answer
        text = None
    try:
        meta = extract_metadata(html, date_config=_DATE_CONFIG)
    except Exception:  # metadata is optional
        meta = None
    if meta is None:
        return HtmlContent(text=text)
    return HtmlContent(
        text=text,
        title=meta.title or None,
        date=meta.date or None,
        url=meta.url or None,
    )

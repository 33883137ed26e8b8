"""Resource limits for one document: nesting depth, text length, sentence length and a time budget.

The checks are cheap linear scans run before the expensive stages, so a hostile document (a 10,000-deep HTML
tree, a million characters without a full stop) is a coded ``Rejected`` in bounded time and memory instead of
minutes of parsing. ``time_limit`` pre-empts a stage that still runs too long (SIGALRM, main thread only).
"""

from __future__ import annotations

import re
import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from newsevents.config import Settings
from newsevents.errors import Code, NewsEventsError, message
from newsevents.model import Article, RawDoc, Rejected

# Start/end tags; group 1 is "/" for an end tag, group 2 the name, group 3 "/" for a self-closing tag.
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9:-]{0,40})(?:\s[^<>]*?)?(/?)>")
# Elements that never nest (void) or whose end tag is optional (closed implicitly by a sibling or parent):
# counting them would make an ordinary page of 500 unclosed <p> look 500 deep.
_FLAT = frozenset((
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr",
    "p", "li", "dt", "dd", "tr", "td", "th", "option", "optgroup", "thead", "tbody", "tfoot", "colgroup", "rt",
    "rp", "html", "head", "body"))
# A sentence end: terminal punctuation (Latin, CJK, Arabic, Devanagari) or a line break.
_SENTENCE_END = re.compile(r"[.!?\n\u3002\uff01\uff1f\u061f\u0964\u2026]")


class TimeLimitExceeded(NewsEventsError):
    """A stage of one document ran past ``Settings.max_seconds_per_document`` (code E114)."""

    def __init__(self, seconds: float):
        super().__init__(Code.E114, f"a stage ran longer than {seconds:g} s")


def html_depth(html: str, stop_at: int | None = None) -> int:
    """Deepest element nesting of ``html`` from its tags (no parse); stops early once ``stop_at`` is passed."""
    depth = deepest = 0
    for m in _TAG.finditer(html):
        name = m.group(2).lower()
        if name in _FLAT or m.group(3):
            continue
        if m.group(1):
            depth = max(0, depth - 1)
            continue
        depth += 1
        if depth > deepest:
            deepest = depth
            if stop_at is not None and deepest > stop_at:
                break
    return deepest


def longest_sentence(text: str) -> int:
    """Length in characters of the longest run of ``text`` without a sentence end (. ! ? or a line break)."""
    longest = start = 0
    for m in _SENTENCE_END.finditer(text):
        longest = max(longest, m.start() - start)
        start = m.end()
    return max(longest, len(text) - start)


def _reject(doc_id: str, origin: str, stage: str, code: Code, detail: str) -> Rejected:
    return Rejected(doc_id=doc_id, stage=stage, code=code.value, reason=message(code, detail), origin=origin)


def check_raw(raw: RawDoc, settings: Settings) -> Rejected | None:
    """A rejection when ``raw`` breaks a limit that must hold before cleaning (HTML depth), else None."""
    if raw.html is not None and raw.text is None:
        depth = html_depth(raw.html, stop_at=settings.max_html_depth)
        if depth > settings.max_html_depth:
            return _reject(raw.doc_id, raw.origin, "clean", Code.E115,
                           f"{raw.doc_id}: elements nested more than {settings.max_html_depth} deep")
    return None


def check_article(article: Article, settings: Settings) -> Rejected | None:
    """A rejection when the cleaned text is too long to parse safely (E109) or has an endless sentence (E116)."""
    n = len(article.text)
    if n > settings.max_document_chars:
        return _reject(article.doc_id, article.origin, "clean", Code.E109,
                       f"{article.doc_id}: {n} characters after cleaning > {settings.max_document_chars}")
    longest = longest_sentence(article.text)
    if longest > settings.max_sentence_chars:
        return _reject(article.doc_id, article.origin, "clean", Code.E116,
                       f"{article.doc_id}: {longest} characters without a sentence end > "
                       f"{settings.max_sentence_chars}")
    return None


def rejection_for(exc: BaseException, doc_id: str, origin: str, stage: str, fallback: Code) -> Rejected:
    """The coded rejection for an exception raised while processing one document (its own code if it has one)."""
    if isinstance(exc, NewsEventsError):
        return Rejected(doc_id=doc_id, stage=stage, code=exc.code.value, reason=str(exc), origin=origin)
    return _reject(doc_id, origin, stage, fallback, repr(exc)[:500])


@contextmanager
def time_limit(seconds: float | None) -> Iterator[None]:
    """Raise ``TimeLimitExceeded`` in the block once it has run ``seconds`` (repeating every 0.5 s after that,
    in case a library swallows the first). Pre-emptive in the main thread on POSIX; elsewhere a no-op."""
    if not seconds or seconds <= 0 or threading.current_thread() is not threading.main_thread() \
            or not hasattr(signal, "setitimer"):
        yield
        return

    def _fire(signum: int, frame: object) -> None:
        raise TimeLimitExceeded(seconds)

    previous = signal.signal(signal.SIGALRM, _fire)
    old_timer = signal.setitimer(signal.ITIMER_REAL, seconds, 0.5)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
        if old_timer[0] > 0:  # an outer limit was running: let it continue
            signal.setitimer(signal.ITIMER_REAL, *old_timer)

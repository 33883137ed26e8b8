"""One document end to end: clean -> parse -> extract -> merge mentions; errors contained per document."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from itertools import islice

from spacy.language import Language
from spacy.tokens import Doc

from newsevents.clean import clean_document
from newsevents.config import Settings
from newsevents.errors import Code
from newsevents.extract.document import Resources, extract_document
from newsevents.faults import crash_point
from newsevents.limits import check_article, check_raw, rejection_for, time_limit
from newsevents.model import Article, DocResult, RawDoc, Rejected
from newsevents.nlp import load_nlp
from newsevents.nlp.pipeline import parse_fast
from newsevents.nlp.prefilter import parse_sparse, trigger_index
from newsevents.resolve import merge_document_events

log = logging.getLogger(__name__)


class Pipeline:
    """The loaded model and resources, reused for every document of a run (load once per process)."""

    def __init__(self, settings: Settings | None = None):
        self.settings = settings or Settings()
        self.nlp: Language = load_nlp(self.settings.model)
        self.resources = Resources.load(self.settings.dictionaries)

    def process(self, items: Iterable[RawDoc | Rejected]) -> Iterator[DocResult]:
        """Results for every input item, in input order; rejected items come through as rejections."""
        iterator = iter(items)
        while True:
            chunk = list(islice(iterator, self.settings.batch_size))
            if not chunk:
                return
            yield from self._process_chunk(chunk)

    def process_articles(self, articles: list[Article]) -> list[DocResult]:
        """Parse and extract a batch of already-cleaned articles."""
        docs = self._parse([a.text for a in articles])
        return [self._extract(article, doc) for article, doc in zip(articles, docs, strict=True)]

    def _process_chunk(self, chunk: list[RawDoc | Rejected]) -> list[DocResult]:
        cleaned: list[Article | Rejected] = []
        for item in chunk:
            if isinstance(item, Rejected):
                cleaned.append(item)
                continue
            try:
                with time_limit(self.settings.max_seconds_per_document):  # limits: see newsevents/limits.py
                    done = check_raw(item, self.settings) or clean_document(
                        item, near_duplicate_threshold=self.settings.near_duplicate_threshold)
                    if isinstance(done, Article):
                        done = check_article(done, self.settings) or done
                cleaned.append(done)
            except Exception as exc:  # noqa: BLE001 - a cleaning bug must not stop the batch
                log.warning("cleaning failed for %s: %r", item.doc_id, exc)
                cleaned.append(rejection_for(exc, item.doc_id, item.origin, "clean", Code.E202))
        articles = [c for c in cleaned if isinstance(c, Article)]
        parsed = iter(self.process_articles(articles))
        results: list[DocResult] = []
        for c in cleaned:
            if isinstance(c, Rejected):
                results.append(DocResult(doc_id=c.doc_id, article=None, rejected=c))
            else:
                results.append(next(parsed))
        return results

    def _parse(self, texts: list[str]) -> list[Doc | Exception]:
        budget = self.settings.max_seconds_per_document
        try:
            with time_limit(budget * len(texts) if budget else None):
                if self.settings.prefilter:
                    index = trigger_index(self.resources.lexicon)
                    return list(parse_sparse(self.nlp, texts, index, batch_size=self.settings.batch_size))
                return list(parse_fast(self.nlp, texts, batch_size=self.settings.batch_size))
        except Exception:  # noqa: BLE001 - isolate the document that breaks the batch
            out: list[Doc | Exception] = []
            for text in texts:
                try:
                    with time_limit(budget):
                        out.append(self.nlp(text))
                except Exception as exc:  # noqa: BLE001
                    out.append(exc)
            return out

    def _extract(self, article: Article, doc: Doc | Exception) -> DocResult:
        if isinstance(doc, Exception):
            rej = rejection_for(doc, article.doc_id, article.origin, "nlp", Code.E301)
            return DocResult(doc_id=article.doc_id, article=article, rejected=rej)
        crash_point("extract")  # test hook (newsevents/faults.py); no-op unless NEWSEVENTS_TEST_CRASH_AT is set
        try:
            with time_limit(self.settings.max_seconds_per_document):
                events = [e for e in extract_document(article, doc, self.resources)
                          if e.confidence >= self.settings.min_confidence]
                if self.settings.merge_mentions:
                    events = merge_document_events(events)
        except Exception as exc:  # noqa: BLE001 - one document's failure never stops the others
            log.warning("extraction failed for %s: %r", article.doc_id, exc)
            rej = rejection_for(exc, article.doc_id, article.origin, "extract", Code.E401)
            return DocResult(doc_id=article.doc_id, article=article, rejected=rej)
        return DocResult(doc_id=article.doc_id, article=article, events=tuple(events))

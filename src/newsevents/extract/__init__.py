"""Extractors: pure functions from parsed sentences to event parts (events, actors, dates, places, magnitudes,
attribution, negation)."""

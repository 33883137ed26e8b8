"""Shared fixtures: paths to ../shared, and the real spaCy model loaded once per test session."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """The ../shared folder beside the project (seed, eval sets, dictionaries); tests needing it skip without it."""
    if not SHARED.is_dir():
        pytest.skip("../shared is not beside the project")
    return SHARED


@pytest.fixture(scope="session")
def fixtures_dir() -> Path:
    return FIXTURES


@pytest.fixture(scope="session")
def nlp():
    """The real English model, loaded once for every test that needs parses."""
    from newsevents.nlp import load_nlp

    return load_nlp()

"""Fault injection for the crash tests: ``NEWSEVENTS_TEST_CRASH_AT=STAGE:N`` SIGKILLs the process at the N-th
time it reaches ``crash_point(STAGE)``. Stages: ``extract`` (a document about to be extracted), ``write`` (inside
a store transaction, rows written, nothing committed) and ``merge`` (events recomputed, not yet committed).
Never set it outside tests; unset, ``crash_point`` costs one dictionary lookup.
"""

from __future__ import annotations

import functools
import os
import signal
from collections import Counter

CRASH_ENV = "NEWSEVENTS_TEST_CRASH_AT"
STAGES = ("extract", "write", "merge")


@functools.lru_cache(maxsize=1)
def _seen() -> Counter[str]:
    return Counter()


def crash_point(stage: str) -> None:
    """SIGKILL this process when ``NEWSEVENTS_TEST_CRASH_AT`` names ``stage`` and its count is reached."""
    spec = os.environ.get(CRASH_ENV)
    if not spec:
        return
    name, _, count = spec.partition(":")
    if name != stage:
        return
    seen = _seen()
    seen[stage] += 1
    if seen[stage] >= int(count or 1):
        os.kill(os.getpid(), signal.SIGKILL)

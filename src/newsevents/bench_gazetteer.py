"""Gazetteer speed: how long a fresh process needs to load the index (from the cache and built from the packaged
data) and how many toponym lookups per second it answers. Reported by ``newsevents bench --gazetteer`` and
``make eval``; never asserted in tests (timings depend on the machine)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from dataclasses import asdict, dataclass
from typing import Any

_LOAD_SCRIPT = (
    "import json, time\n"
    "from newsevents.knowledge.gazetteer import Gazetteer\n"
    "t = time.perf_counter(); Gazetteer.load(); print(json.dumps(time.perf_counter() - t))\n"
)
# Names news uses, namesakes, descriptors and words that are no place at all, resolved with and without context.
_SAMPLE_NAMES = ("Gaza Strip", "Beijing", "Tripoli", "Georgia", "Jordan", "Deir Ezzor", "Aleppo", "Kyiv", "Kharkiv",
                 "Donbas", "West Bank", "Rafah", "Khan Younis", "Mosul", "Kabul", "Peshawar", "Lagos", "Maiduguri",
                 "Goma", "Juba", "Sana'a", "Basra", "Paris", "Springfield", "Sahel", "Kurdistan Region",
                 "Philippines", "Ukrainian", "Chinese", "Hamas", "the Pentagon", "Unknownville", "northern Iraq",
                 "Anbar province", "Mogadishu", "Caracas")


@dataclass
class GazetteerBench:
    """Seconds to load the cached index and to build it in a fresh process; lookups per second in this one."""

    load_cached_s: float
    build_s: float
    lookups_per_s: float
    names: int

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict (``--json``)."""
        return asdict(self)

    def text(self) -> str:
        """The human report, with the targets of the geography issue beside the figures."""
        return (f"gazetteer: {self.names:,} names; load from cache {self.load_cached_s:.2f} s, build from the "
                f"packaged data {self.build_s:.2f} s (target: loaded in under 2 s); "
                f"{self.lookups_per_s:,.0f} lookups/s (target: >= 100,000)")


def _fresh_process_load(cache: str | None) -> float:
    env = dict(os.environ)
    if cache is not None:
        env["NEWSEVENTS_CACHE"] = cache
    out = subprocess.run([sys.executable, "-c", _LOAD_SCRIPT], capture_output=True, text=True, env=env,
                         check=True, timeout=300)
    return float(json.loads(out.stdout.strip().splitlines()[-1]))


def run_gazetteer_bench(rounds: int = 3000) -> GazetteerBench:
    """Time a cached load and a build (each in a new process), then ``rounds`` passes over the sample names."""
    from newsevents.knowledge.gazetteer import Gazetteer

    _fresh_process_load(None)  # make sure the cache exists, then time a load from it
    load_cached = _fresh_process_load(None)
    build = _fresh_process_load("off")
    gazetteer = Gazetteer.load()
    contexts = ((), ("LBY",), ("USA",), ("IRQ", "SYR"))
    started = time.perf_counter()
    n = 0
    for i in range(rounds):
        ctx = contexts[i % len(contexts)]
        for name in _SAMPLE_NAMES:
            gazetteer.resolve(name, ctx)
            n += 1
    elapsed = time.perf_counter() - started
    return GazetteerBench(load_cached_s=round(load_cached, 3), build_s=round(build, 3),
                          lookups_per_s=round(n / elapsed), names=len(gazetteer._index))

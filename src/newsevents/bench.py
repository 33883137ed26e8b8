"""The throughput benchmark: bare spaCy parsing of a corpus (the cost of "parse everything") against the whole
newsevents pipeline (ingest -> clean -> extract -> resolve -> store into a temporary DuckDB), in one run.

Timings are measured here and reported by ``newsevents bench`` / ``make bench``; they are never asserted in
tests. See docs/performance.md for figures and how to read them.
"""

from __future__ import annotations

import json
import os
import platform
import resource
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from newsevents.config import Settings

DEFAULT_CORPUS = Path("..") / "shared" / "corpora" / "india-police-docs.jsonl"
DEFAULT_DOCS = 300
SPACY_BATCH = 64


@dataclass
class BenchResult:
    """Figures of one benchmark run; ``ratio`` is newsevents' words/s over bare spaCy's words/s."""

    corpus: str
    documents: int
    words: int
    workers: int
    prefilter: bool
    seconds: float
    articles_per_s: float
    words_per_s: float
    spacy_seconds: float | None
    spacy_words_per_s: float | None
    ratio: float | None
    peak_rss_mb: float
    worker_peak_rss_mb: float | None
    events: int
    machine: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict (``--json``)."""
        return asdict(self)

    def text(self) -> str:
        """The human report printed by ``newsevents bench``."""
        m = self.machine
        lines = [f"corpus {self.corpus}: {self.documents} documents, {self.words} words",
                 f"machine: {m.get('cpus')} CPUs, {m.get('ram_gb')} GiB RAM, Python {m.get('python')}, "
                 f"spaCy {m.get('spacy')}, load {m.get('load')}"]
        if self.spacy_words_per_s is not None:
            lines.append(f"(a) bare spaCy nlp.pipe, full pipeline, batch {SPACY_BATCH}: "
                         f"{self.spacy_words_per_s:,.0f} words/s ({self.spacy_seconds:.1f} s)")
        lines.append(f"(b) newsevents ingest->clean->extract->resolve->store, {self.workers} worker(s), "
                     f"prefilter {'on' if self.prefilter else 'off'}: {self.articles_per_s:.1f} articles/s, "
                     f"{self.words_per_s:,.0f} words/s ({self.seconds:.1f} s, {self.events} merged events)")
        if self.ratio is not None:
            lines.append(f"ratio (b)/(a) in throughput: {self.ratio:.2f}")
        rss = f"peak RSS {self.peak_rss_mb:.0f} MB (this process)"
        if self.worker_peak_rss_mb is not None:
            rss += f", {self.worker_peak_rss_mb:.0f} MB (largest worker)"
        lines.append(rss)
        return "\n".join(lines)


def find_default_corpus() -> Path | None:
    """The shared throughput corpus beside the repository (from the working directory or the package)."""
    repo = Path(__file__).resolve().parents[2]
    for base in (Path.cwd(), repo):
        path = (base / DEFAULT_CORPUS).resolve()
        if path.is_file():
            return path
    return None


def machine_info() -> dict[str, Any]:
    """Cores, memory, Python and spaCy versions and the current load average (the machine may be shared)."""
    import spacy

    try:
        ram = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    except (ValueError, OSError, AttributeError):
        ram = float("nan")
    try:
        load = " ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        load = "?"
    return {"cpus": os.cpu_count(), "ram_gb": round(ram, 1), "python": platform.python_version(),
            "spacy": spacy.__version__, "platform": platform.platform(), "load": load}


def _rss_mb(who: int) -> float:
    kb = resource.getrusage(who).ru_maxrss  # kilobytes on Linux, bytes on macOS
    return kb / 1024 / (1024 if sys.platform == "darwin" else 1)


def sample_corpus(corpus: Path, docs: int | None, out: Path) -> tuple[Path, list[str]]:
    """The first ``docs`` documents of ``corpus`` written as JSON lines to ``out``, and their raw texts."""
    from newsevents.ingest import read_inputs
    from newsevents.model import RawDoc

    texts = []
    with out.open("w", encoding="utf-8") as f:
        for item in read_inputs([str(corpus)]):
            if not isinstance(item, RawDoc) or item.text is None:
                continue
            f.write(json.dumps({"id": item.doc_id, "text": item.text, "date": item.date}) + "\n")
            texts.append(item.text)
            if docs and len(texts) >= docs:
                break
    return out, texts


def spacy_reference(texts: list[str], model: str) -> float:
    """Seconds bare spaCy takes to parse ``texts`` with its full pipeline (``nlp.pipe``, batch 64)."""
    from newsevents.nlp import load_nlp

    nlp = load_nlp(model)
    list(nlp.pipe(texts[:4], batch_size=SPACY_BATCH))  # warm up
    started = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=SPACY_BATCH):
        pass
    return time.perf_counter() - started


def run_bench(corpus: Path, docs: int | None = DEFAULT_DOCS, workers: int = 1, settings: Settings | None = None,
              reference: bool = True) -> BenchResult:
    """Measure (a) bare spaCy and (b) the whole pipeline on the first ``docs`` documents of ``corpus``."""
    from newsevents.batch import _pipeline, run_corpus

    settings = settings or Settings()
    with tempfile.TemporaryDirectory(prefix="newsevents-bench-") as tmp:
        sample, texts = sample_corpus(corpus, docs, Path(tmp) / "sample.jsonl")
        words = sum(len(t.split()) for t in texts)
        spacy_s = spacy_reference(texts, settings.model) if reference else None
        if workers == 1:
            _pipeline(settings)  # load model and tables before timing, as (a) does
        started = time.perf_counter()
        summary = run_corpus([sample], Path(tmp) / "bench.duckdb", settings, workers=workers,
                             progress=False)
        seconds = time.perf_counter() - started
    spacy_wps = words / spacy_s if spacy_s else None
    wps = words / seconds if seconds else 0.0
    children = _rss_mb(resource.RUSAGE_CHILDREN) if workers > 1 else None
    return BenchResult(
        corpus=str(corpus), documents=len(texts), words=words, workers=workers, prefilter=settings.prefilter,
        seconds=round(seconds, 2), articles_per_s=round(len(texts) / seconds, 2) if seconds else 0.0,
        words_per_s=round(wps, 1), spacy_seconds=round(spacy_s, 2) if spacy_s else None,
        spacy_words_per_s=round(spacy_wps, 1) if spacy_wps else None,
        ratio=round(wps / spacy_wps, 3) if spacy_wps else None, peak_rss_mb=round(_rss_mb(resource.RUSAGE_SELF), 1),
        worker_peak_rss_mb=round(children, 1) if children is not None else None, events=summary.total_events,
        machine=machine_info())

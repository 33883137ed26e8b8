"""``make fuzz``: the long property-based fuzz run of tests/test_fuzz.py (random, not derandomized).

Runs every fuzz target with ``--examples`` generated inputs each (default 1,500: over 10,000 cases in all) and
prints the number of documents tried, the rejections by code and the time taken.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    """Run the fuzz targets under pytest and print the summary; the exit status is pytest's."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--examples", type=int, default=1500, help="generated inputs per fuzz target")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / "fuzz.json"
        env = dict(os.environ, NEWSEVENTS_FUZZ_EXAMPLES=str(args.examples), NEWSEVENTS_FUZZ_REPORT=str(report))
        start = time.monotonic()
        rc = subprocess.call([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                              "-W", "ignore::DeprecationWarning", str(ROOT / "tests" / "test_fuzz.py")],
                             env=env, cwd=ROOT)
        seconds = time.monotonic() - start
        stats = json.loads(report.read_text()) if report.exists() else {}
    cases = stats.pop("cases", 0)
    accepted = stats.pop("accepted", 0)
    print(f"fuzz: {cases} documents from {args.examples} examples per target in {seconds:.0f} s "
          f"({cases / max(seconds, 1e-9):.0f}/s); accepted {accepted}; rejected by code: "
          + (", ".join(f"{k} {v}" for k, v in sorted(stats.items())) or "none"))
    return rc


if __name__ == "__main__":
    sys.exit(main())

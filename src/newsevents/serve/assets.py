"""Locate the offline map assets installed by ``npm install`` (world-atlas, topojson-client); never committed.

The files are looked up under ``$NEWSEVENTS_ASSETS`` (a ``node_modules`` folder or a folder holding one) when it
is set, otherwise under the ``node_modules`` of the repository or of the current directory. Only the files
named in ``ASSETS`` are ever served, so no request path reaches the file system.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

ASSETS_ENV = "NEWSEVENTS_ASSETS"

# URL name under /assets/ -> (npm package, file inside it, media type).
ASSETS: Mapping[str, tuple[str, str, str]] = {
    "countries-110m.json": ("world-atlas", "countries-110m.json", "application/json"),
    "topojson-client.min.js": ("topojson-client", "dist/topojson-client.min.js", "text/javascript"),
}


def _candidate_roots(env_value: str | None, cwd: Path) -> list[Path]:
    if env_value:  # an explicit folder is the only place looked at
        base = Path(env_value)
        return [base, base / "node_modules"]
    roots: list[Path] = []
    here = Path(__file__).resolve()
    roots += [parent / "node_modules" for parent in here.parents[:5]]
    roots.append(cwd / "node_modules")
    return roots


def find_asset(name: str, env_value: str | None = None, cwd: Path | None = None) -> Path | None:
    """The file behind ``/assets/<name>``, or None when it is not a known asset or is not installed."""
    entry = ASSETS.get(name)
    if entry is None:
        return None
    package, inner, _ = entry
    for root in _candidate_roots(env_value, cwd or Path.cwd()):
        path = root / package / inner
        if path.is_file():
            return path
    return None


def media_type(name: str) -> str:
    """The Content-Type of a known asset."""
    return ASSETS[name][2]


def map_assets_available(env_value: str | None = None) -> bool:
    """True when both the basemap and its decoder are installed."""
    env = env_value if env_value is not None else os.environ.get(ASSETS_ENV)
    return all(find_asset(name, env) is not None for name in ASSETS)

"""Floors (and ceilings) per set and figure: flatten results, compare, pin from current figures, merge."""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

# lower is better: these are ceilings, everything else is a floor
CEILINGS = frozenset({"extra_event_rate", "docs_no_pred_rate"})
TOLERANCE = 1e-9
_SUB_FIGURES = ("precision", "recall", "f1")
NOT_FIGURES = frozenset({"min_confidence"})  # a setting echoed in the results, not a measured figure


@dataclass(frozen=True)
class Drop:
    """A figure that fell below its floor (or rose above its ceiling), or went missing."""

    set: str
    figure: str
    value: float | None
    bound: float
    ceiling: bool

    def __str__(self) -> str:
        if self.value is None:
            return f"{self.set}: {self.figure} missing (bound {self.bound:.3f})"
        op = ">" if self.ceiling else "<"
        kind = "ceiling" if self.ceiling else "floor"
        return f"{self.set}: {self.figure} = {self.value:.4f} {op} {kind} {self.bound:.3f}"


def flatten_figures(result: Mapping[str, Any]) -> dict[str, float]:
    """The figures of one set's result: top-level rates (floats, not counts) and ``<name>_precision/recall/f1``
    of nested P/R/F1 blocks, e.g. ``plover_f1``, ``KILL_recall``, ``source_f1``."""
    out: dict[str, float] = {}
    for key, value in result.items():
        if key in NOT_FIGURES:
            continue
        if isinstance(value, float):
            out[key] = value
        elif isinstance(value, Mapping):
            for sub in _SUB_FIGURES:
                if isinstance(value.get(sub), float):
                    out[f"{key}_{sub}"] = value[sub]
    return out


def is_ceiling(figure: str) -> bool:
    """Lower-is-better figures are bounded from above."""
    return figure in CEILINGS


def compare_floors(figures: Mapping[str, Mapping[str, float]], floors: Mapping[str, Any]) -> list[Drop]:
    """Every figure of every evaluated set that breaks its bound (sets without floors are not checked;
    a floored figure that is missing counts as a drop)."""
    drops = []
    for name, figs in figures.items():
        bounds = floors.get(name)
        if not isinstance(bounds, Mapping):
            continue
        for figure, bound in sorted(bounds.items()):
            value = figs.get(figure)
            ceiling = is_ceiling(figure)
            if value is None:
                drops.append(Drop(name, figure, None, float(bound), ceiling))
            elif (value > bound + TOLERANCE) if ceiling else (value < bound - TOLERANCE):
                drops.append(Drop(name, figure, value, float(bound), ceiling))
    return drops


def pin_value(figure: str, value: float) -> float:
    """Floors round down to 3 decimals, ceilings round up (the stored bound never fails the run it came from)."""
    if is_ceiling(figure):
        return math.ceil(round(value * 1000, 6)) / 1000
    return math.floor(round(value * 1000, 6)) / 1000


def pin_floors(figures: Mapping[str, Mapping[str, float]]) -> dict[str, dict[str, float]]:
    """Floors/ceilings from current figures."""
    return {name: {f: pin_value(f, v) for f, v in sorted(figs.items())} for name, figs in sorted(figures.items())}


def merge_floors(old: Mapping[str, Any], new: Mapping[str, Mapping[str, float]]) -> dict[str, Any]:
    """Floors only go up (ceilings only down): the max (min) of old and new per figure; entries only in one
    side are kept, non-set keys (``_comment``) of the old file too."""
    out: dict[str, Any] = {k: (dict(v) if isinstance(v, Mapping) else v) for k, v in old.items()}
    for name, figs in new.items():
        merged = dict(out.get(name) or {})
        for figure, value in figs.items():
            prev = merged.get(figure)
            if prev is None:
                merged[figure] = value
            else:
                merged[figure] = min(prev, value) if is_ceiling(figure) else max(prev, value)
        out[name] = dict(sorted(merged.items()))
    return dict(sorted(out.items()))

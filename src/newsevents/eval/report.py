"""Human-readable tables of evaluation results and floor drops."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from newsevents.eval.floors import Drop


def _fmt(v: Any) -> str:
    if v is None:
        return "-"
    return f"{v:.3f}" if isinstance(v, float) else str(v)


def format_set(name: str, result: Mapping[str, Any], sweep: Sequence[Mapping[str, Any]] | None = None) -> list[str]:
    """Lines for one set: every figure, P/R/F1 blocks on one line with their counts, then the sweep."""
    lines = [f"== {name} ({result.get('documents')} docs)"]
    for key, value in result.items():
        if key == "documents":
            continue
        if isinstance(value, Mapping):
            counts = (f"  (tp={value['tp']} pred={value['n_pred']} gold={value['n_gold']})" if "tp" in value
                      else "")
            lines.append(f"  {key:28s} P={_fmt(value.get('precision'))} R={_fmt(value.get('recall'))} "
                         f"F1={_fmt(value.get('f1'))}{counts}")
        else:
            lines.append(f"  {key:28s} {_fmt(value)}")
    if sweep:
        lines.append("  confidence >= t:  " + "  ".join(
            f"{s['threshold']:.1f}: P={_fmt(s['precision'])} R={_fmt(s['recall'])} F1={_fmt(s['f1'])}"
            for s in sweep[:4]))
        if len(sweep) > 4:
            lines.append("                    " + "  ".join(
                f"{s['threshold']:.1f}: P={_fmt(s['precision'])} R={_fmt(s['recall'])} F1={_fmt(s['f1'])}"
                for s in sweep[4:]))
    return lines


def format_results(sets: Mapping[str, Mapping[str, Any]], sweeps: Mapping[str, Sequence[Mapping[str, Any]]],
                   min_confidence: float) -> str:
    """The whole human report (without floors)."""
    lines = [f"min_confidence={min_confidence}"]
    for name, result in sets.items():
        lines.extend(format_set(name, result, sweeps.get(name)))
    return "\n".join(lines)


def format_drops(drops: Sequence[Drop], checked: int) -> str:
    """Summary of a floors comparison: how many figures were checked and each drop."""
    if not drops:
        return f"floors: {checked} figures checked, no drops"
    return "\n".join([f"floors: {checked} figures checked, {len(drops)} DROPS:", *(f"  {d}" for d in drops)])

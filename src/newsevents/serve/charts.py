"""Geometry of the server-drawn SVG charts: timeline bars, actor network layout, map point projection.

Pure functions from view rows to plain numbers the templates draw, so the charts render without JavaScript.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping, Sequence
from typing import Any

QUAD_NAMES: Mapping[int, str] = {1: "Verbal cooperation", 2: "Material cooperation", 3: "Verbal conflict",
                                 4: "Material conflict"}
QUAD_COLORS: Mapping[int, str] = {1: "#74add1", 2: "#1a9850", 3: "#f49d37", 4: "#c0392b"}

MAP_W, MAP_H = 960, 480


def nice_ticks(top: int, count: int = 5) -> list[int]:
    """Whole-number axis ticks from 0 to at least ``top`` with a 1/2/5 x 10^k step."""
    top = max(int(top), 1)
    raw = top / count
    mag = 10 ** math.floor(math.log10(raw)) if raw >= 1 else 1
    step = next(s * mag for s in (1, 2, 5, 10) if s * mag >= raw)
    step = max(int(step), 1)
    return list(range(0, (math.ceil(top / step) * step) + 1, step))


def _days(by_day: Sequence[Mapping[str, Any]]) -> list[Mapping[str, Any]]:
    """Rows for every day from the first to the last (missing days as zeros), at most 366 days."""
    if not by_day:
        return []
    known = {r["day"]: r for r in by_day}
    first, last = dt.date.fromisoformat(by_day[0]["day"]), dt.date.fromisoformat(by_day[-1]["day"])
    if (last - first).days > 365:
        first = last - dt.timedelta(days=365)
    out = []
    day = first
    while day <= last:
        iso = day.isoformat()
        out.append(known.get(iso, {"day": iso, "1": 0, "2": 0, "3": 0, "4": 0, "total": 0}))
        day += dt.timedelta(days=1)
    return out


def timeline(by_day: Sequence[Mapping[str, Any]], width: int = 960, height: int = 360) -> dict[str, Any]:
    """Stacked bars per day (one segment per QuadClass), y ticks and spaced x labels for an SVG."""
    left, right, top, bottom = 56, 16, 16, 64
    pw, ph = width - left - right, height - top - bottom
    days = _days(by_day)
    peak = max((int(d["total"]) for d in days), default=0)
    ticks = nice_ticks(peak)
    ymax = ticks[-1] if ticks else 1
    n = max(len(days), 1)
    slot = pw / n
    bar_w = max(min(slot * 0.8, 48), 1.5)
    bars, labels = [], []
    every = max(1, math.ceil(n / 12))
    for i, d in enumerate(days):
        x = left + i * slot + (slot - bar_w) / 2
        y = top + ph
        for quad in (1, 2, 3, 4):
            count = int(d.get(str(quad), 0))
            if not count:
                continue
            h = ph * count / ymax
            y -= h
            bars.append({"x": round(x, 1), "y": round(y, 1), "w": round(bar_w, 1), "h": round(h, 1), "quad": quad,
                         "color": QUAD_COLORS[quad], "count": count, "day": d["day"]})
        if i % every == 0:
            labels.append({"x": round(left + i * slot + slot / 2, 1), "text": d["day"]})
    yticks = [{"y": round(top + ph - ph * t / ymax, 1), "value": t} for t in ticks]
    return {"width": width, "height": height, "left": left, "top": top, "plot_w": pw, "plot_h": ph,
            "bottom_y": top + ph, "bars": bars, "xlabels": labels, "yticks": yticks, "days": len(days)}


def network(data: Mapping[str, Any], width: int = 980, height: int = 640) -> dict[str, Any]:
    """A circular layout of the actor network: node positions and radii, edge lines with width and colour."""
    nodes = sorted(data.get("nodes", ()), key=lambda n: (-n["events"], n["code"]))
    cx, cy = width / 2, height / 2
    radius = height / 2 - 60
    pos: dict[str, tuple[float, float]] = {}
    out_nodes = []
    peak = max((n["events"] for n in nodes), default=1)
    for i, node in enumerate(nodes):
        angle = 2 * math.pi * i / max(len(nodes), 1) - math.pi / 2
        x, y = cx + radius * math.cos(angle), cy + radius * math.sin(angle)
        pos[node["code"]] = (x, y)
        r = 5 + 11 * math.sqrt(node["events"] / peak)
        anchor = "start" if math.cos(angle) > 0.2 else ("end" if math.cos(angle) < -0.2 else "middle")
        lx = x + (r + 6) * math.cos(angle)
        ly = y + (r + 6) * math.sin(angle) + 4
        label = node["name"] if len(node["name"]) <= 24 else node["name"][:23] + "…"
        out_nodes.append({"code": node["code"], "name": node["name"], "label": label, "x": round(x, 1),
                          "y": round(y, 1), "r": round(r, 1), "lx": round(lx, 1), "ly": round(ly, 1),
                          "anchor": anchor, "events": node["events"]})
    edges = []
    top_edge = max((e["events"] for e in data.get("edges", ())), default=1)
    for e in data.get("edges", ()):
        if e["source"] not in pos or e["target"] not in pos:
            continue
        (x1, y1), (x2, y2) = pos[e["source"]], pos[e["target"]]
        quad = max((1, 2, 3, 4), key=lambda q: (e.get(f"q{q}", 0), q))
        # shorten the line so the arrow head ends at the target circle
        tr = next(n["r"] for n in out_nodes if n["code"] == e["target"])
        dx, dy = x2 - x1, y2 - y1
        dist = math.hypot(dx, dy) or 1
        x2s, y2s = x2 - dx / dist * (tr + 3), y2 - dy / dist * (tr + 3)
        # a slight curve so A->B and B->A do not overlap
        mx, my = (x1 + x2s) / 2 - dy / dist * 18, (y1 + y2s) / 2 + dx / dist * 18
        edges.append({"source": e["source"], "target": e["target"], "events": e["events"], "quad": quad,
                      "color": QUAD_COLORS[quad], "width": round(1.2 + 3.5 * e["events"] / top_edge, 1),
                      "path": f"M{x1:.1f},{y1:.1f} Q{mx:.1f},{my:.1f} {x2s:.1f},{y2s:.1f}"})
    return {"width": width, "height": height, "nodes": out_nodes, "edges": edges}


def project(lat: float, lon: float, width: int = MAP_W, height: int = MAP_H) -> tuple[float, float]:
    """Equirectangular projection of a point onto the map's SVG (the client draws countries the same way)."""
    return round((lon + 180) / 360 * width, 1), round((90 - lat) / 180 * height, 1)


def map_points(places: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """SVG circles for geolocated places: position, radius by event count, colour by dominant QuadClass."""
    peak = max((p["events"] for p in places), default=1)
    out = []
    for p in places:
        x, y = project(float(p["lat"]), float(p["lon"]))
        quad = max((1, 2, 3, 4), key=lambda q: (p.get(f"q{q}", 0), q))
        out.append({**p, "x": x, "y": y, "r": round(3.5 + 10 * math.sqrt(p["events"] / peak), 1), "quad": quad,
                    "color": QUAD_COLORS[quad]})
    return out


def graticule(step: int = 30) -> list[dict[str, float]]:
    """Meridian and parallel lines every ``step`` degrees as SVG line coordinates."""
    lines = []
    for lon in range(-180, 181, step):
        x, _ = project(0, lon)
        lines.append({"x1": x, "y1": 0, "x2": x, "y2": MAP_H})
    for lat in range(-90, 91, step):
        _, y = project(lat, 0)
        lines.append({"x1": 0, "y1": y, "x2": MAP_W, "y2": y})
    return lines

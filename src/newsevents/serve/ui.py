"""The HTML pages (server-rendered, small local scripts): event list, event page, timeline, map, network,
analyse text, API reference; plus the package's static files and the npm map assets."""

from __future__ import annotations

import os
from importlib import resources
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import FileResponse, HTMLResponse, Response
from fastapi.templating import Jinja2Templates

from newsevents.serve import assets as A
from newsevents.serve import charts as C
from newsevents.serve.api import EVENT_KEY, Filters, SortKey, StoreDep
from newsevents.serve.app import ApiError
from newsevents.serve.highlight import KIND_LABELS, event_spans, segments
from newsevents.store import views as V

router = APIRouter(include_in_schema=False)

PAGE_SIZE = 50
STATIC_FILES = {"app.css": "text/css", "map.js": "text/javascript", "analyse.js": "text/javascript",
                "favicon.svg": "image/svg+xml"}
_PACKAGE = resources.files("newsevents.serve")
templates = Jinja2Templates(directory=str(_PACKAGE / "templates"))
templates.env.globals.update(QUAD_NAMES=C.QUAD_NAMES, QUAD_COLORS=C.QUAD_COLORS, KIND_LABELS=KIND_LABELS,
                             segments=segments)


def _filter_params(f: V.EventQuery) -> dict[str, str]:
    values = {"actor": f.actor, "country": f.country, "type": f.type, "quad_class": f.quad_class,
              "since": f.since, "until": f.until, "place": f.place, "q": f.q}
    return {k: str(v) for k, v in values.items() if v not in (None, "")}


def _page(request: Request, name: str, **context: Any) -> HTMLResponse:
    return templates.TemplateResponse(request, name, {"page": name.removesuffix(".html"), **context})


@router.get("/", response_class=HTMLResponse)
def events_page(request: Request, store: StoreDep, filters: Filters, sort: SortKey = "-date",
                offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0) -> HTMLResponse:
    """The event list with its filter form and pages of 50."""
    total, rows = V.list_events(store, filters, sort, PAGE_SIZE, offset)
    params = _filter_params(filters)
    base = {**params, "sort": sort}
    prev_url = "?" + urlencode({**base, "offset": max(offset - PAGE_SIZE, 0)}) if offset > 0 else None
    next_url = "?" + urlencode({**base, "offset": offset + PAGE_SIZE}) if offset + PAGE_SIZE < total else None
    types = [t["type"] for t in V.counts(store, V.EventQuery())["by_type"] if not t["type"].startswith("CAMEO")]
    return _page(request, "events.html", rows=rows, total=total, offset=offset, filters=params, sort=sort,
                 prev_url=prev_url, next_url=next_url, types=types, totals=V.totals(store),
                 query=urlencode(params))


@router.get("/events/{event_key}", response_class=HTMLResponse)
def event_page(request: Request, store: StoreDep,
               event_key: Annotated[str, Path(pattern=EVENT_KEY)]) -> HTMLResponse:
    """One event: its coded fields and every mention's evidence sentence with highlights."""
    detail = V.event_detail(store, event_key)
    if detail is None:
        raise ApiError(404, "not_found", "no event with this key")
    for m in detail["mentions"]:
        m["spans"] = event_spans(m["record"])
    return _page(request, "event.html", ev=detail, rec=detail["record"])


@router.get("/timeline", response_class=HTMLResponse)
def timeline_page(request: Request, store: StoreDep, filters: Filters) -> HTMLResponse:
    """Events per day as stacked bars by QuadClass (SVG), with totals per type."""
    data = V.counts(store, filters)
    return _page(request, "timeline.html", chart=C.timeline(data["by_day"]), counts=data,
                 filters=_filter_params(filters), query=urlencode(_filter_params(filters)))


@router.get("/map", response_class=HTMLResponse)
def map_page(request: Request, store: StoreDep, filters: Filters) -> HTMLResponse:
    """Event places on an offline world basemap (the basemap is drawn by map.js when its files are installed)."""
    places = V.places(store, filters, 2000)
    return _page(request, "map.html", points=C.map_points(places), grid=C.graticule(), width=C.MAP_W,
                 height=C.MAP_H, basemap=A.map_assets_available(os.environ.get(A.ASSETS_ENV)),
                 filters=_filter_params(filters), query=urlencode(_filter_params(filters)))


@router.get("/network", response_class=HTMLResponse)
def network_page(request: Request, store: StoreDep, filters: Filters,
                 limit: Annotated[int, Query(ge=1, le=300)] = 40) -> HTMLResponse:
    """Who acts on whom: a circular layout of the heaviest actor edges (SVG)."""
    data = V.network(store, filters, limit)
    return _page(request, "network.html", net=C.network(data), edges=data["edges"],
                 filters=_filter_params(filters), query=urlencode(_filter_params(filters)))


@router.get("/analyse", response_class=HTMLResponse)
def analyse_page(request: Request) -> HTMLResponse:
    """Paste a text and a date: its events, highlighted, from POST /api/extract (nothing is stored)."""
    return _page(request, "analyse.html")


@router.get("/docs", response_class=HTMLResponse)
def docs_page(request: Request) -> HTMLResponse:
    """The API reference rendered from the OpenAPI schema (no external scripts)."""
    schema = request.app.openapi()
    ops = []
    for path, methods in schema.get("paths", {}).items():
        for method, op in methods.items():
            ops.append({"method": method.upper(), "path": path, "summary": op.get("summary", ""),
                        "description": op.get("description", "").replace("``", ""),
                        "params": [{"name": p["name"], "in": p["in"], "required": p.get("required", False),
                                    "description": p.get("description", ""),
                                    "schema": _schema_text(p.get("schema", {}))}
                                   for p in op.get("parameters", [])],
                        "body": "requestBody" in op})
    return _page(request, "docs.html", ops=ops, info=schema.get("info", {}))


def _schema_text(schema: dict[str, Any]) -> str:
    options = schema.get("anyOf") or [schema]
    parts = []
    for opt in options:
        if opt.get("type") == "null":
            continue
        text = opt.get("type", "") or ("one of " + ", ".join(opt["enum"]) if "enum" in opt else "")
        if "enum" in opt:
            text = "one of " + ", ".join(str(e) for e in opt["enum"])
        if "pattern" in opt:
            text += f" matching {opt['pattern']}"
        if "maximum" in opt:
            text += f" ≤ {opt['maximum']}"
        if "maxLength" in opt:
            text += f", at most {opt['maxLength']} chars"
        parts.append(text)
    return " or ".join(p for p in parts if p)


@router.get("/static/{name}")
def static_file(name: str) -> Response:
    """The package's own CSS, scripts and icon (a fixed list of names)."""
    if name not in STATIC_FILES:
        raise ApiError(404, "not_found", "no such resource")
    data = (_PACKAGE / "static" / name).read_bytes()
    return Response(data, media_type=STATIC_FILES[name], headers={"Cache-Control": "max-age=300"})


@router.get("/assets/{name}")
def asset_file(name: str) -> Response:
    """The npm-installed basemap files (world-atlas, topojson-client); 404 with the error shape when missing."""
    path = A.find_asset(name, os.environ.get(A.ASSETS_ENV))
    if path is None:
        raise ApiError(404, "asset_missing", "map asset not installed (run `make` or `npm install` in the "
                       "repository)")
    return FileResponse(path, media_type=A.media_type(name), headers={"Cache-Control": "max-age=3600"})

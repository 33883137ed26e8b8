"""The HTTP API in-process: filters, evidence, counts, extraction, limits, tokens, errors, injection, locks."""

from __future__ import annotations

import re
import subprocess
import sys
import textwrap
import warnings
from pathlib import Path

import pytest

pytest.importorskip("fastapi")
pytest.importorskip("httpx")

with warnings.catch_warnings():  # starlette's notice about httpx2 is not ours to fix
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient  # noqa: E402
from typer.testing import CliRunner  # noqa: E402

from newsevents.batch import run_corpus  # noqa: E402
from newsevents.config import Settings  # noqa: E402
from newsevents.serve import ServeConfig, create_app  # noqa: E402
from newsevents.serve.highlight import event_spans, segments  # noqa: E402
from newsevents.store import open_store  # noqa: E402
from newsevents.store.schema import DATA_TABLES  # noqa: E402

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")

FIXTURES = Path(__file__).parent / "fixtures" / "serve"
DOCS = Path(__file__).parents[1] / "docs" / "serve.md"
ARTICLE = ("Russian forces shelled Kharkiv on Tuesday, killing four civilians, Ukrainian officials said. "
           "Later, the mayor of Kharkiv accused Moscow of war crimes.")


@pytest.fixture(scope="module")
def db(tmp_path_factory, nlp) -> Path:
    path = tmp_path_factory.mktemp("serve") / "events.duckdb"
    run_corpus([FIXTURES / "articles.jsonl"], path, Settings(), progress=False)
    return path


@pytest.fixture(scope="module")
def client(db) -> TestClient:
    return TestClient(create_app(ServeConfig(db=db)), raise_server_exceptions=False)


def _snapshot(db: Path) -> dict[str, list[tuple]]:
    with open_store(db, read_only=True) as store:
        return {t: store.ids(t) for t in DATA_TABLES}


def _is_error(resp, status: int, code: str | None = None) -> dict:
    assert resp.status_code == status, resp.text
    body = resp.json()
    assert set(body) == {"error"} and {"code", "message"} <= set(body["error"]), body
    if code:
        assert body["error"]["code"] == code, body
    assert "Traceback" not in resp.text and 'File "' not in resp.text
    return body["error"]


def test_event_list_filters_sort_and_pages(client):
    everything = client.get("/api/events", params={"limit": 200}).json()
    total = everything["total"]
    assert total >= 10 and len(everything["items"]) == total
    first = everything["items"][0]
    for key in ("doc_id", "event_id", "plover", "cameo", "source", "target", "date", "evidence", "event_key",
                "num_mentions", "num_sources", "num_articles"):
        assert key in first
    checks = {
        "type=ASSAULT": lambda r: r["plover"]["event"] == "ASSAULT",
        "type=19": lambda r: r["cameo"]["code"].startswith("19"),
        "quad_class=4": lambda r: r["cameo"]["quad_class"] == 4,
        "place=kyiv": lambda r: (r["location"] or {}).get("name") == "Kyiv",
        "q=fired": lambda r: "fired" in r["evidence"]["sentence"],
        "since=2024-03-15": lambda r: r["date"]["value"].split("/")[-1] >= "2024-03-15",
    }
    for query, ok in checks.items():
        name, value = query.split("=")
        items = client.get("/api/events", params={name: value, "limit": 200}).json()["items"]
        assert items and all(ok(r) for r in items), query
        assert len(items) < total, query
    rus = client.get("/api/events", params={"actor": "RUSMIL"}).json()["items"]
    assert rus and all(any(a["code"] == "RUSMIL" for a in r["source"] + r["target"]) for r in rus)
    ukr = client.get("/api/events", params={"country": "ukr"}).json()["items"]
    assert {r["event_key"] for r in rus} <= {r["event_key"] for r in ukr}
    assert client.get("/api/events", params={"until": "2000-01-01"}).json()["total"] == 0
    ordered = client.get("/api/events", params={"sort": "date", "limit": 200}).json()["items"]
    asc = [r["date"]["value"] for r in ordered]
    assert asc == sorted(asc)
    page1 = client.get("/api/events", params={"limit": 3, "offset": 0, "sort": "date"}).json()
    page2 = client.get("/api/events", params={"limit": 3, "offset": 3, "sort": "date"}).json()
    assert page1["total"] == page2["total"] == total and len(page1["items"]) == 3
    assert not {r["event_key"] for r in page1["items"]} & {r["event_key"] for r in page2["items"]}


def test_event_detail_has_mentions_evidence_and_highlights(client):
    items = client.get("/api/events", params={"place": "Srinagar", "type": "ASSAULT"}).json()["items"]
    key = max(items, key=lambda r: r["num_mentions"])["event_key"]
    detail = client.get(f"/api/events/{key}").json()
    assert detail["event_key"] == key and detail["num_mentions"] == len(detail["mentions"]) >= 1
    rep = [m for m in detail["mentions"] if m["is_representative"]]
    assert len(rep) == 1 and rep[0]["record"] == detail["record"]
    m = rep[0]
    assert m["document"]["url"].startswith("https://") and m["evidence"]["sentence"].startswith("Militants")
    kinds = {k for h in m["highlights"] for k in h["kinds"]}
    assert {"trigger", "source", "target", "place", "date"} <= kinds
    for h in m["highlights"]:
        assert m["evidence"]["sentence"][h["start"]:h["end"]] == h["text"]
    _is_error(client.get("/api/events/0000000000000000"), 404, "not_found")
    assert client.get("/api/events/a%20b").status_code in (404, 422)


def test_counts_actors_network_places(client):
    total = client.get("/api/events", params={"limit": 1}).json()["total"]
    counts = client.get("/api/counts").json()
    assert sum(counts["by_quad_class"].values()) == total == sum(t["count"] for t in counts["by_type"])
    assert sum(d["total"] for d in counts["by_day"]) == total
    day = counts["by_day"][0]
    assert re.fullmatch(r"\d{4}-\d\d-\d\d", day["day"]) and day["total"] == sum(day[q] for q in "1234")
    assert client.get("/api/counts", params={"quad_class": 2}).json()["by_quad_class"] == {"2": 1}
    actors = client.get("/api/actors", params={"limit": 50}).json()["items"]
    by_code = {a["code"]: a for a in actors}
    rus_events = client.get("/api/events", params={"actor": "RUSMIL"}).json()["total"]
    assert by_code["RUSMIL"]["as_source"] == rus_events >= 1
    assert [a["events"] if "events" in a else a["as_source"] for a in actors] == sorted(
        [a["events"] if "events" in a else a["as_source"] for a in actors], reverse=True)
    assert len(client.get("/api/actors", params={"limit": 5}).json()["items"]) <= 5
    assert client.get("/api/actors", params={"q": "jordan"}).json()["items"][0]["code"] == "JOR"
    net = client.get("/api/network").json()
    pairs = {(e["source"], e["target"]) for e in net["edges"]}
    assert ("RUSMIL", "UKRGOV") in pairs and ("JOR", "PSE") in pairs
    assert {n["code"] for n in net["nodes"]} == {c for p in pairs for c in p}
    places = client.get("/api/places").json()["items"]
    kyiv = next(p for p in places if p["name"] == "Kyiv")
    kyiv_events = client.get("/api/events", params={"place": "kyiv"}).json()["total"]
    assert kyiv["country"] == "UKR" and kyiv["events"] == kyiv_events >= 1 and abs(kyiv["lat"] - 50.45) < 0.1
    assert client.get("/api/health").json()["events"] == total


def test_extract_pasted_text_without_storing(client, db):
    before = _snapshot(db)
    resp = client.post("/api/extract", json={"text": ARTICLE, "date": "2024-05-01"})
    assert resp.status_code == 200, resp.text
    body = resp.json()
    assert body["count"] == len(body["events"]) >= 1
    assault = next(e for e in body["events"] if e["plover"]["event"] == "ASSAULT")
    assert assault["date"]["value"] == "2024-04-30" and assault["magnitude"]["killed"]["value"] == 4
    kinds = {k for h in assault["highlights"] for k in h["kinds"]}
    assert {"trigger", "source"} <= kinds
    assert _snapshot(db) == before
    _is_error(client.post("/api/extract", json={"text": "x" * 50_001}), 413, "payload_too_large")
    _is_error(client.post("/api/extract", content=b'{"text": "' + b"a" * 300_000 + b'"}',
                          headers={"Content-Type": "application/json"}), 413, "payload_too_large")
    _is_error(client.post("/api/extract", json={"text": ""}), 422, "invalid_request")
    _is_error(client.post("/api/extract", json={"text": "Hi.", "date": "yesterday"}), 422)
    _is_error(client.post("/api/extract", json={"text": "Hi.", "date": "2024-13-45"}), 422)
    _is_error(client.post("/api/extract", content=b"{not json", headers={"Content-Type": "application/json"}), 422)


def test_one_error_shape_everywhere(client, monkeypatch):
    _is_error(client.get("/no/such/route"), 404, "not_found")
    _is_error(client.get("/api/nothing"), 404, "not_found")
    _is_error(client.delete("/api/events"), 405, "method_not_allowed")
    _is_error(client.get("/api/events", params={"limit": 10_000}), 422, "invalid_request")
    _is_error(client.get("/api/events", params={"limit": 0}), 422)
    _is_error(client.get("/api/events", params={"quad_class": 7}), 422)
    _is_error(client.get("/api/events", params={"sort": "evil"}), 422)
    _is_error(client.get("/api/events", params={"since": "2024-02-30"}), 422)
    _is_error(client.get("/api/network", params={"limit": 100_000}), 422)
    _is_error(client.get("/static/../../pyproject.toml"), 404)
    _is_error(client.get("/assets/package.json"), 404)

    from newsevents.store import views

    def boom(*args, **kwargs):
        raise RuntimeError("secret internal detail /etc/passwd")

    monkeypatch.setattr(views, "list_events", boom)
    err = _is_error(client.get("/api/events"), 500, "internal_error")
    assert "secret" not in err["message"]
    _is_error(client.get("/"), 500, "internal_error")


INJECTIONS = ["' OR 1=1 --", "x'); DROP TABLE events; --", "%' UNION SELECT * FROM documents --", "\\", "%", "_",
              "1; DELETE FROM mentions", "RUSMIL' --", "ASSAULT' OR ''='", "\u202e; --"]


def test_sql_injection_strings_change_nothing(client, db):
    before = _snapshot(db)
    for s in INJECTIONS:
        for name in ("actor", "country", "type", "quad_class", "since", "until", "place", "q", "sort"):
            resp = client.get("/api/events", params={name: s})
            assert resp.status_code in (200, 422), (name, s, resp.text)
            if resp.status_code == 200:
                assert resp.json()["total"] == 0, (name, s)
            else:
                _is_error(resp, 422)
        for url in ("/api/counts", "/api/network", "/api/places", "/"):
            assert client.get(url, params={"q": s, "actor": s}).status_code in (200, 422)
        assert client.get("/api/actors", params={"q": s}).json()["items"] == []
        assert client.get("/api/events/" + s.replace("/", "")).status_code in (404, 422)
    assert _snapshot(db) == before


def test_token_required_on_every_route(db):
    app = create_app(ServeConfig(db=db, token="s3cret-token"))
    anon = TestClient(app, raise_server_exceptions=False)
    for url in ("/api/events", "/api/health", "/", "/map", "/docs", "/openapi.json", "/static/app.css",
                "/assets/countries-110m.json", "/no/such/route"):
        _is_error(anon.get(url), 401, "unauthorized")
    _is_error(anon.post("/api/extract", json={"text": "x"}), 401)
    _is_error(anon.get("/api/events", headers={"Authorization": "Bearer wrong"}), 401)
    _is_error(anon.get("/api/events", params={"token": "s3cret-tokeN"}), 401)
    assert anon.get("/api/events", headers={"Authorization": "Bearer s3cret-token"}).status_code == 200
    browser = TestClient(app, raise_server_exceptions=False)
    first = browser.get("/", params={"token": "s3cret-token"})
    assert first.status_code == 200 and "newsevents_token=" in first.headers.get("set-cookie", "")
    assert "HttpOnly" in first.headers["set-cookie"]
    assert browser.get("/static/app.css").status_code == 200  # the cookie carries on
    assert browser.get("/api/counts").status_code == 200


def test_security_headers_and_docs(client):
    resp = client.get("/")
    assert resp.headers["x-content-type-options"] == "nosniff"
    assert "script-src 'self'" in resp.headers["content-security-policy"]
    assert resp.headers["referrer-policy"] == "no-referrer"
    assert "cdn" not in client.get("/docs").text.lower()
    schema = client.get("/openapi.json").json()
    assert {"/api/events", "/api/events/{event_key}", "/api/extract", "/api/counts"} <= set(schema["paths"])


def _routes(routes, prefix: str = ""):
    """(methods, path) of every route, through included routers of any FastAPI version."""
    for r in routes:
        if hasattr(r, "path"):
            yield set(getattr(r, "methods", None) or ()), prefix + r.path
        elif hasattr(r, "original_router"):
            yield from _routes(r.original_router.routes, prefix + (r.include_context.prefix or ""))


def test_every_route_is_documented(client):
    text = DOCS.read_text(encoding="utf-8")
    routes = list(_routes(client.app.routes))
    missing = sorted(p for methods, p in routes
                     if f"`{p}`" not in text and not any(f"`{m} {p}`" in text for m in methods))
    assert not missing, f"routes not documented in docs/serve.md: {missing}"
    api = {p for _, p in routes if p.startswith("/api/")}
    assert {"/api/events", "/api/events/{event_key}", "/api/actors", "/api/counts", "/api/network",
            "/api/extract", "/api/places", "/api/health"} <= api


def _writer_script(db: Path, seconds: float) -> list[str]:
    code = textwrap.dedent(f"""
        import time
        from newsevents.store import open_store
        store = open_store({str(db)!r})
        print("locked", flush=True)
        stop = time.monotonic() + {seconds}
        while time.monotonic() < stop:
            run = store.start_run({{"probe": True}})
            store.finish_run(run, {{}})
            time.sleep(0.05)
        store.close()
    """)
    return [sys.executable, "-c", code]


def test_writer_in_another_process_gives_503_or_waits(db, tmp_path):
    copy = tmp_path / "copy.duckdb"
    copy.write_bytes(db.read_bytes())
    impatient = TestClient(create_app(ServeConfig(db=copy, busy_deadline_s=0.3)), raise_server_exceptions=False)
    patient = TestClient(create_app(ServeConfig(db=copy, busy_deadline_s=10)), raise_server_exceptions=False)
    writer = subprocess.Popen(_writer_script(copy, 1.5), stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        assert writer.stdout.readline().strip() == b"locked"
        for url in ("/api/events", "/"):
            _is_error(impatient.get(url), 503, "store_busy")
        waited = patient.get("/api/events")
        assert waited.status_code == 200 and waited.json()["total"] >= 10
    finally:
        writer.wait(timeout=30)
    assert writer.returncode == 0, writer.stderr.read().decode()[-2000:]
    assert impatient.get("/api/health").status_code == 200


def test_missing_or_broken_store_is_503(tmp_path):
    gone = TestClient(create_app(ServeConfig(db=tmp_path / "gone.duckdb")), raise_server_exceptions=False)
    _is_error(gone.get("/api/events"), 503, "store_missing")
    junk = tmp_path / "junk.duckdb"
    junk.write_bytes(b"this is not a database" * 100)
    broken = TestClient(create_app(ServeConfig(db=junk, busy_deadline_s=0.2)), raise_server_exceptions=False)
    _is_error(broken.get("/api/events"), 503)


def test_pages_render_and_map_works_without_assets(client, monkeypatch, tmp_path):
    key = client.get("/api/events", params={"place": "Kyiv", "type": "194"}).json()["items"][0]["event_key"]
    page = client.get(f"/events/{key}").text
    assert 'class="hl hl-trigger"' in page and "hl-source" in page and "hl-place" in page
    assert "fired missiles" in page
    for url in ("/", "/timeline", "/map", "/network", "/analyse", "/docs", "/?type=ASSAULT&quad_class=&since="):
        resp = client.get(url)
        assert resp.status_code == 200 and "<h1>" in resp.text, url
    assert "<rect" in client.get("/timeline").text and 'class="node"' in client.get("/network").text
    monkeypatch.setenv("NEWSEVENTS_ASSETS", str(tmp_path))
    assert 'id="basemap-missing"' in client.get("/map").text
    _is_error(client.get("/assets/countries-110m.json"), 404, "asset_missing")
    fake = tmp_path / "node_modules" / "world-atlas"
    fake.mkdir(parents=True)
    (fake / "countries-110m.json").write_text('{"type": "Topology"}')
    assert client.get("/assets/countries-110m.json").json() == {"type": "Topology"}


def test_highlight_spans_merge_and_fall_back():
    record = {"evidence": {"sentence": "Police arrested 40 people in Nairobi on Thursday.", "start": 100,
                           "end": 149, "trigger": "arrested", "trigger_start": 107, "trigger_end": 115},
              "source": [{"text": "Police", "name": "police", "code": "KENCOP"}],
              "target": [{"text": "Nairobi", "name": "Nairobi", "code": "KEN"}],
              "location": {"name": "Nairobi", "start": 129, "end": 136, "country": "KEN"},
              "date": {"value": "2024-03-14", "status": "current"},
              "magnitude": {"arrested": {"value": 40, "qualifier": "exact"}}}
    spans = event_spans(record)
    by_text = {s["text"]: s["kinds"] for s in spans}
    assert by_text == {"Police": ["source"], "arrested": ["trigger"], "40": ["number"],
                       "Nairobi": ["target", "place"], "on Thursday": ["date"]}
    pieces = segments(record["evidence"]["sentence"], spans)
    assert "".join(t for t, _ in pieces) == record["evidence"]["sentence"]


def test_serve_command_checks_db_and_warns_off_loopback(db, monkeypatch):
    import uvicorn

    from newsevents.cli import app
    from newsevents.cli.serve import is_loopback

    assert is_loopback("127.0.0.1") and is_loopback("::1") and is_loopback("localhost")
    assert not is_loopback("0.0.0.0") and not is_loopback("192.168.1.4")
    calls = []
    monkeypatch.setattr(uvicorn, "run", lambda app_, **kw: calls.append(kw))
    runner = CliRunner()
    missing = runner.invoke(app, ["serve", "--db", str(db.parent / "missing.duckdb")])
    assert missing.exit_code == 2 and not calls
    out = runner.invoke(app, ["serve", "--db", str(db), "--host", "0.0.0.0", "--port", "9999"])
    assert out.exit_code == 0 and calls == [{"host": "0.0.0.0", "port": 9999, "log_level": "warning",
                                             "server_header": False}]
    assert "warning" in out.output and "no token" in out.output
    quiet = runner.invoke(app, ["serve", "--db", str(db)], env={"NEWSEVENTS_TOKEN": "t0k"})
    assert quiet.exit_code == 0 and "warning" not in quiet.output and "token=t0k" in quiet.output

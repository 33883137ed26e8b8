"""The server under load and abuse: a loopback load test while ``newsevents run`` keeps writing the same store
(zero 5xx), injection attempts in every query parameter (4xx or harmless, data unchanged), body size limits,
and the token on every route.

``NEWSEVENTS_LOAD_REQUESTS`` sets the load test's size (default 1,000; docs/reliability.md reports 5,000).
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient

from newsevents.batch import run_corpus
from newsevents.config import Settings
from newsevents.serve import ServeConfig, create_app
from newsevents.store import open_store
from newsevents.store.schema import DATA_TABLES

CORPUS = Path(__file__).parent / "fixtures" / "corpus" / "crash.jsonl"
REQUESTS = int(os.environ.get("NEWSEVENTS_LOAD_REQUESTS", "1000") or 1000)
CONCURRENCY = 32
TOKEN = "s3cret-token"


@pytest.fixture(scope="module")
def base_db(tmp_path_factory, nlp) -> Path:
    db = tmp_path_factory.mktemp("load") / "base.duckdb"
    run_corpus([CORPUS], db, Settings(default_date="2024-03-12"), progress=False, batch_docs=16)
    return db


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _snapshot(db: Path) -> dict[str, list[tuple]]:
    with open_store(db, read_only=True) as store:
        return {t: store.ids(t) for t in DATA_TABLES}


def _writer_corpus(path: Path, copies: int) -> None:
    records = [json.loads(line) for line in CORPUS.read_text().splitlines() if line.strip()]
    with path.open("w") as fh:
        for c in range(copies):
            for r in records:
                fh.write(json.dumps({**r, "id": f"w{c}-{r['id']}", "text": r["text"] + f" (update {c})"}) + "\n")


def _urls(key: str) -> list[str]:
    return ["/api/events?limit=20", "/api/health", "/api/counts", "/api/actors?limit=20", "/api/places",
            "/api/network", f"/api/events/{key}", "/api/events?type=ASSAULT&sort=-mentions", "/api/events?q=police"]


def test_load_while_a_run_writes_the_store_gives_zero_5xx(base_db, tmp_path):
    db = tmp_path / "live.duckdb"
    shutil.copy(base_db, db)
    corpus = tmp_path / "feed.jsonl"
    _writer_corpus(corpus, 4)  # 160 new documents in batches of 4: about 40 commits during the load
    port = _free_port()
    server = subprocess.Popen([sys.executable, "-m", "newsevents", "serve", "--db", str(db), "--port", str(port)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    writer = None
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 30
        while True:
            try:
                if httpx.get(base + "/api/health", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            assert time.monotonic() < deadline and server.poll() is None, server.stderr.read().decode()[-2000:]
            time.sleep(0.1)
        key = httpx.get(base + "/api/events?limit=1").json()["items"][0]["event_key"]
        docs_before = httpx.get(base + "/api/health").json()
        writer = subprocess.Popen([sys.executable, "-m", "newsevents", "run", str(corpus), "--db", str(db),
                                   "--batch", "4", "--date", "2024-03-12", "--quiet"],
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        time.sleep(3)  # the writer has loaded its model and is committing batches
        urls = _urls(key)
        statuses: list[int] = []
        latencies: list[float] = []
        counter = iter(range(REQUESTS))
        lock = threading.Lock()

        def client() -> None:
            with httpx.Client(base_url=base, timeout=60) as http:
                while True:
                    with lock:
                        i = next(counter, None)
                    if i is None:
                        return
                    t = time.monotonic()
                    try:
                        code = http.get(urls[i % len(urls)]).status_code
                    except httpx.TransportError:
                        code = 599
                    with lock:
                        statuses.append(code)
                        latencies.append(time.monotonic() - t)

        start = time.monotonic()
        threads = [threading.Thread(target=client) for _ in range(CONCURRENCY)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        seconds = time.monotonic() - start
        writer_was_running = writer.poll() is None
        assert writer.wait(timeout=300) == 0, writer.stderr.read().decode()[-2000:]
        after = httpx.get(base + "/api/health").json()
    finally:
        server.terminate()
        server.wait(timeout=10)
        if writer is not None and writer.poll() is None:
            writer.kill()
    p95 = statistics.quantiles(latencies, n=20)[-1]
    errors = sum(1 for s in statuses if s >= 500)
    figures = {"requests": len(statuses), "concurrency": CONCURRENCY, "seconds": round(seconds, 2),
               "throughput_rps": round(len(statuses) / seconds, 1), "p50_ms": round(statistics.median(latencies)
                                                                                     * 1000, 1),
               "p95_ms": round(p95 * 1000, 1), "max_ms": round(max(latencies) * 1000, 1), "5xx": errors,
               "non_200": sum(1 for s in statuses if s != 200), "writer_running_during_load": writer_was_running,
               "documents_before": docs_before.get("documents"), "documents_after": after.get("documents")}
    print("load:", json.dumps(figures))
    if os.environ.get("NEWSEVENTS_LOAD_REPORT"):
        Path(os.environ["NEWSEVENTS_LOAD_REPORT"]).write_text(json.dumps(figures))
    assert len(statuses) == REQUESTS
    assert errors == 0 and figures["non_200"] == 0, figures
    assert after["documents"] == docs_before["documents"] + 160  # the writer was not starved


# -- abuse: injection, body limits, token ---------------------------------------------------------------------

ATTACKS = ["' OR 1=1 --", "1; DROP TABLE events; --", "\") UNION SELECT * FROM documents --", "../../etc/passwd",
           "..%2F..%2Fetc%2Fpasswd", "%00", "9" * 400, "-1", "1e309", "99999999999999999999999",
           "NaN", "\u202e\u0645\u0631\u062d\u0628\u0627", "\U0001f600" * 50, "<script>alert(1)</script>",
           "x" * 5000, "${jndi:ldap://x}", "*", "%", "_", "\\", "'; DELETE FROM mentions; --"]
PARAMS = {"/api/events": ["actor", "country", "type", "quad_class", "since", "until", "place", "q", "sort", "limit",
                          "offset"],
          "/api/counts": ["actor", "country", "type", "quad_class", "since", "until", "place", "q"],
          "/api/network": ["actor", "q", "limit"], "/api/places": ["place", "since", "limit"],
          "/api/actors": ["q", "limit"], "/": ["actor", "q", "type", "since"], "/map": ["q", "place"]}


@pytest.fixture(scope="module")
def abuse_db(base_db, tmp_path_factory) -> Path:
    db = tmp_path_factory.mktemp("abuse") / "abuse.duckdb"
    shutil.copy(base_db, db)
    return db


def _error_shape(resp: httpx.Response) -> None:
    body = resp.json()
    assert set(body) == {"error"} and isinstance(body["error"]["code"], str) and body["error"]["message"]


def test_injection_in_every_query_parameter_is_4xx_or_harmless(abuse_db):
    before = _snapshot(abuse_db)
    client = TestClient(create_app(ServeConfig(db=abuse_db)), raise_server_exceptions=False)
    tried = 0
    for path, names in PARAMS.items():
        for name in names:
            for attack in ATTACKS if path.startswith("/api") else ATTACKS[:6]:
                resp = client.get(path, params={name: attack})
                tried += 1
                assert resp.status_code < 500, (path, name, attack, resp.text[:300])
                if resp.status_code >= 400:
                    assert resp.status_code in (400, 404, 413, 422), (path, name, attack)
                    if path.startswith("/api"):
                        _error_shape(resp)
                elif path.startswith("/api"):
                    assert "items" in resp.json() or "days" in resp.json() or "nodes" in resp.json() \
                        or resp.json()
    for attack in ATTACKS:
        resp = client.get("/api/events/" + attack.replace("/", "%2F"))
        assert resp.status_code in (404, 422), (attack, resp.status_code)
        _error_shape(resp)
    for path in ("/static/../../etc/passwd", "/static/%2e%2e/%2e%2e/etc/passwd", "/assets/..%2F..%2Fpyproject.toml"):
        assert client.get(path).status_code == 404
    assert tried > 500
    assert _snapshot(abuse_db) == before  # nothing changed the data


def test_body_size_limits_hold(abuse_db):
    client = TestClient(create_app(ServeConfig(db=abuse_db, max_body_bytes=64 * 1024)),
                        raise_server_exceptions=False)
    big = client.post("/api/extract", json={"text": "Police arrested protesters. " * 5000})
    assert big.status_code == 413
    _error_shape(big)

    def chunks():
        for _ in range(100):
            yield b"x" * 1024

    chunked = client.post("/api/extract", content=chunks(), headers={"content-type": "application/json"})
    assert chunked.status_code == 413
    lying = client.post("/api/extract", content=b"{}", headers={"content-length": "abc"})
    assert lying.status_code in (400, 413)
    long_text = TestClient(create_app(ServeConfig(db=abuse_db, max_text_chars=100)), raise_server_exceptions=False)
    resp = long_text.post("/api/extract", json={"text": "a" * 101})
    assert resp.status_code == 413
    _error_shape(resp)
    bad_json = client.post("/api/extract", content=b"{not json", headers={"content-type": "application/json"})
    assert bad_json.status_code == 422
    _error_shape(bad_json)


def test_with_a_token_no_route_answers_without_it(abuse_db):
    app = create_app(ServeConfig(db=abuse_db, token=TOKEN))
    client = TestClient(app, raise_server_exceptions=False)
    from newsevents.serve import api, ui

    paths = {"/openapi.json"}
    for route in list(api.router.routes) + list(ui.router.routes):
        paths.add(route.path.replace("{event_key}", "abc").replace("{name}", "app.js"))
    assert len(paths) >= 10
    for path in sorted(paths) + ["/nonexistent", "/static/app.js"]:
        for method in ("GET", "POST", "HEAD", "OPTIONS", "DELETE"):
            for headers in ({}, {"authorization": "Bearer wrong"}, {"authorization": f"Basic {TOKEN}"},
                            {"cookie": "newsevents_token=wrong"}):
                resp = client.request(method, path, headers=headers)
                assert resp.status_code == 401, (method, path, headers, resp.status_code)
        wrong = client.get(path, params={"token": TOKEN + "x"})
        assert wrong.status_code == 401
    ok = client.get("/api/health", headers={"authorization": f"Bearer {TOKEN}"})
    assert ok.status_code == 200

"""Tests for newsevents.ingest: every input format; every bad input is a coded rejection, never an exception."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from newsevents.ingest import decode_bytes, read_inputs
from newsevents.model import RawDoc, Rejected


@pytest.fixture(scope="module")
def ingest_dir(fixtures_dir: Path) -> Path:
    return fixtures_dir / "ingest"


def _one(paths: list[str] | str, **kwargs) -> RawDoc | Rejected:
    results = list(read_inputs(paths, **kwargs))
    assert len(results) == 1, results
    return results[0]


def test_txt_file(ingest_dir: Path) -> None:
    doc = _one([str(ingest_dir / "note.txt")])
    assert isinstance(doc, RawDoc)
    assert doc.doc_id == "note"
    assert doc.text is not None and doc.text.startswith("Protesters gathered outside the parliament")
    assert doc.html is None and doc.date is None
    assert doc.origin == str(ingest_dir / "note.txt")


def test_default_date_applies_only_without_own_date(ingest_dir: Path) -> None:
    note = _one([str(ingest_dir / "note.txt")], default_date="2024-04-30")
    assert note.date == "2024-04-30"
    recs = [r for r in read_inputs([str(ingest_dir / "records.jsonl")], default_date="2020-01-01")
            if isinstance(r, RawDoc)]
    by_id = {r.doc_id: r for r in recs}
    assert by_id["rec-1"].date == "2024-05-03"
    assert by_id["rec-4"].date == "2020-01-01"


def test_html_file_keeps_markup_for_clean(ingest_dir: Path) -> None:
    doc = _one([str(ingest_dir / "page.html")])
    assert isinstance(doc, RawDoc)
    assert doc.doc_id == "page"
    assert doc.text is None
    assert doc.html is not None and "<article>" in doc.html


def test_jsonl_good_bad_and_missing_text_lines(ingest_dir: Path) -> None:
    path = str(ingest_dir / "records.jsonl")
    results = list(read_inputs([path]))
    assert [type(r).__name__ for r in results] == ["RawDoc", "Rejected", "Rejected", "RawDoc"]
    good, bad_json, no_text, good2 = results
    assert isinstance(good, RawDoc) and good.doc_id == "rec-1"
    assert good.url == "https://example.org/rec-1" and good.title == "Convoy attacked"
    assert good.origin == f"{path}:1"
    assert isinstance(bad_json, Rejected)
    assert (bad_json.code, bad_json.stage, bad_json.doc_id) == ("E105", "ingest", "records.jsonl:2")
    assert bad_json.origin == f"{path}:2" and bad_json.reason.startswith("[E105]")
    assert isinstance(no_text, Rejected) and no_text.code == "E106" and no_text.doc_id == "rec-3"
    assert isinstance(good2, RawDoc) and good2.doc_id == "rec-4" and good2.origin == f"{path}:5"


def test_empty_binary_and_cp1252_files(ingest_dir: Path) -> None:
    empty = _one([str(ingest_dir / "empty.txt")])
    assert isinstance(empty, Rejected) and empty.code == "E102" and empty.doc_id == "empty"
    blob = _one([str(ingest_dir / "blob.dat")])
    assert isinstance(blob, Rejected) and blob.code == "E103"
    latin = _one([str(ingest_dir / "latin.txt")])
    assert isinstance(latin, RawDoc)
    assert latin.text is not None and "minister\u2019s caf\u00e9 meeting in Bogot\u00e1" in latin.text
    assert "\u2013 officials" in latin.text


def test_folder_recurses_sorted_and_skips_hidden(ingest_dir: Path) -> None:
    results = list(read_inputs([str(ingest_dir / "folder")]))
    assert [r.doc_id for r in results] == ["a", "b"]
    assert all(isinstance(r, RawDoc) for r in results)


def test_whole_fixture_folder_bad_files_do_not_stop_others(ingest_dir: Path) -> None:
    results = list(read_inputs([str(ingest_dir), str(ingest_dir / "missing.txt")]))
    codes = {r.doc_id: r.code for r in results if isinstance(r, Rejected)}
    docs = {r.doc_id for r in results if isinstance(r, RawDoc)}
    assert codes == {"blob": "E103", "empty": "E102", "records.jsonl:2": "E105", "rec-3": "E106",
                     "missing": "E101"}
    assert docs == {"latin", "note", "page", "rec-1", "rec-4", "a", "b"}


def test_missing_path(tmp_path: Path) -> None:
    missing = str(tmp_path / "nope.txt")
    rej = _one([missing])
    assert isinstance(rej, Rejected) and rej.code == "E101" and rej.origin == missing


def test_stdin_is_one_document() -> None:
    doc = _one(["-"], stdin=io.StringIO("Troops entered the town.\n"), default_date="2024-01-02")
    assert isinstance(doc, RawDoc)
    assert (doc.doc_id, doc.text, doc.date) == ("stdin", "Troops entered the town.\n", "2024-01-02")
    empty = _one(["-"], stdin=io.StringIO("  \n"))
    assert isinstance(empty, Rejected) and empty.code == "E102"


def test_stdin_bytes_are_decoded_like_files() -> None:
    stream = io.TextIOWrapper(io.BytesIO("Caf\u00e9 talks \u2019ended\u2019.".encode("cp1252")))
    doc = _one(["-"], stdin=stream)
    assert isinstance(doc, RawDoc) and doc.text == "Caf\u00e9 talks \u2019ended\u2019."


def test_too_large(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    big.write_text("word " * 100, encoding="utf-8")
    rej = _one([str(big)], max_bytes=100)
    assert isinstance(rej, Rejected) and rej.code == "E109"
    lines = tmp_path / "lines.jsonl"
    lines.write_text('{"id": "a", "text": "' + "x" * 200 + '"}\n{"id": "b", "text": "short"}\n', encoding="utf-8")
    results = list(read_inputs([str(lines)], max_bytes=100))
    assert [getattr(r, "code", None) for r in results] == ["E109", None]


def test_undecodable_bytes_are_e104(tmp_path: Path) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"Talks \x81\x8d\x8f\x90 resumed " + bytes(range(0xA1, 0xC0)) * 3)
    rej = _one([str(bad)])
    assert isinstance(rej, Rejected) and rej.code == "E104"


def test_record_field_types(tmp_path: Path) -> None:
    path = tmp_path / "recs.jsonl"
    path.write_text(
        '{"id": 7, "text": "numeric id"}\n'
        '{"id": "h1", "html": "<html><body><p>Hello</p></body></html>"}\n'
        '{"id": "e1", "text": "   "}\n'
        '[1, 2]\n'
        '{"id": "d1", "text": "dated", "date": 20240430}\n',
        encoding="utf-8")
    results = list(read_inputs([str(path)]))
    assert isinstance(results[0], RawDoc) and results[0].doc_id == "7"  # numeric ids are kept as text
    assert isinstance(results[1], RawDoc) and results[1].html is not None and results[1].text is None
    assert isinstance(results[2], Rejected) and results[2].code == "E102"
    assert isinstance(results[3], Rejected) and results[3].code == "E106"
    assert isinstance(results[4], RawDoc) and results[4].date == "20240430"


def test_json_file_object_and_list(tmp_path: Path) -> None:
    one = tmp_path / "one.json"
    one.write_text('{\n  "id": "solo",\n  "text": "A single pretty-printed record."\n}\n', encoding="utf-8")
    many = tmp_path / "many.json"
    many.write_text('[{"id": "m1", "text": "first"}, {"id": "m2"}]', encoding="utf-8")
    results = list(read_inputs([str(one), str(many)]))
    assert isinstance(results[0], RawDoc) and results[0].doc_id == "solo"
    assert isinstance(results[1], RawDoc) and results[1].doc_id == "m1"
    assert isinstance(results[2], Rejected) and results[2].code == "E106"
    assert results[2].origin == f"{many}:2"


def test_unknown_extension_read_as_text_and_known_binary_type_unsupported(tmp_path: Path) -> None:
    (tmp_path / "README").write_text("Police arrested ten people.", encoding="utf-8")
    (tmp_path / "scan.pdf").write_bytes(b"%PDF-1.4 ...")
    results = list(read_inputs([str(tmp_path)]))
    assert isinstance(results[0], RawDoc) and results[0].doc_id == "README"
    assert isinstance(results[1], Rejected) and results[1].code == "E107"


def test_unreadable_file_is_e108(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "locked.txt"
    path.write_text("secret", encoding="utf-8")
    real_open = Path.open

    def fake_open(self: Path, *args, **kwargs):
        if self.name == "locked.txt":
            raise PermissionError(13, "Permission denied", str(self))
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", fake_open)
    rej = _one([str(path)])
    assert isinstance(rej, Rejected) and rej.code == "E108"


def test_decode_bytes_paths() -> None:
    assert decode_bytes("\ufeffbom text".encode()).text == "bom text"
    assert decode_bytes("utf16 text".encode("utf-16")).text == "utf16 text"
    assert decode_bytes(b"a\x00b").code is not None and decode_bytes(b"a\x00b").code.value == "E103"
    page = b'<meta charset="iso-8859-7"><p>' + "Αθήνα, Ελλάδα: συνομιλίες".encode("iso-8859-7")
    decoded = decode_bytes(page, html=True)
    assert decoded.encoding == "iso-8859-7" and decoded.text is not None and "Αθήνα, Ελλάδα" in decoded.text


def test_html_without_extension_is_sniffed_and_single_path_string_accepted(tmp_path: Path) -> None:
    page = tmp_path / "saved_page"
    page.write_text("<!DOCTYPE html><html><body><p>Talks resumed.</p></body></html>", encoding="utf-8")
    doc = _one(str(page))  # a bare string is one path, not a sequence of characters
    assert isinstance(doc, RawDoc) and doc.html is not None and doc.text is None
    md = tmp_path / "notes.md"
    md.write_text("<html> is how a page starts.", encoding="utf-8")
    doc = _one([str(md)])
    assert isinstance(doc, RawDoc) and doc.text is not None

"""Coded errors and rejection reasons, in one place so users can search a code and tests can match it.

Codes: E1xx input/ingest, E2xx cleaning, E3xx NLP, E4xx extraction, E5xx store, E9xx usage.
Every message says what to do next.
"""

from __future__ import annotations

from enum import StrEnum


class Code(StrEnum):
    """Reason codes for rejected documents and user-facing errors."""

    E101 = "E101"  # path does not exist
    E102 = "E102"  # empty file / empty text
    E103 = "E103"  # binary (not text) content
    E104 = "E104"  # invalid UTF-8 that could not be decoded by any fallback
    E105 = "E105"  # JSONL line is not valid JSON
    E106 = "E106"  # JSONL record lacks required "id"/"text" or has wrong types
    E107 = "E107"  # unsupported file type
    E108 = "E108"  # unreadable file (permissions, I/O error)
    E109 = "E109"  # document too large
    E110 = "E110"  # invalid publication date
    E111 = "E111"  # corrupt WARC record
    E112 = "E112"  # truncated archive (gzip or WARC ends inside a record)
    E113 = "E113"  # record too large after decompression
    E114 = "E114"  # time limit per document exceeded
    E115 = "E115"  # HTML nested too deeply
    E116 = "E116"  # a sentence (run of text without a sentence end) too long
    E201 = "E201"  # HTML page with no extractable main text
    E202 = "E202"  # nothing left after cleaning
    E301 = "E301"  # NLP failure on a document
    E401 = "E401"  # extraction failure on a document
    E901 = "E901"  # invalid command-line value
    E902 = "E902"  # an optional extra is not installed


MESSAGES: dict[Code, str] = {
    Code.E101: "Path not found: {detail}. Check the path, or pass '-' to read standard input.",
    Code.E102: "Empty document: {detail}. Nothing to extract; remove it or check the scraper.",
    Code.E103: "Binary content, not text: {detail}. Pass .txt, .html or .jsonl files.",
    Code.E104: "Text could not be decoded: {detail}. Re-encode the file as UTF-8.",
    Code.E105: "Line is not valid JSON: {detail}. Fix the line; each line must be one JSON object.",
    Code.E106: "JSON record is missing a field or has a wrong type: {detail}. "
               "Each record needs string fields \"id\" and \"text\".",
    Code.E107: "Unsupported file type: {detail}. Use .txt, .html/.htm, .jsonl/.json, RSS/Atom feeds "
               "(.rss/.atom/.xml) or WARC (.warc/.warc.gz).",
    Code.E108: "File could not be read: {detail}. Check permissions.",
    Code.E109: "Document too large: {detail}. Split it or raise the limit in the settings.",
    Code.E110: "Invalid publication date: {detail}. Use YYYY-MM-DD.",
    Code.E111: "Corrupt WARC record: {detail}. The record was skipped; re-download or repair the archive.",
    Code.E112: "Truncated archive: {detail}. The file ends inside a record; re-download it.",
    Code.E113: "Record too large after decompression: {detail}. Raise the size limit if it is genuine.",
    Code.E114: "Time limit exceeded: {detail}. The document was skipped; raise max_seconds_per_document "
               "if it is genuine.",
    Code.E115: "HTML nested too deeply: {detail}. The page is malformed or hostile; raise max_html_depth "
               "if it is genuine.",
    Code.E116: "Sentence too long: {detail}. The text has no sentence ends (table dump or junk?); split it "
               "or raise max_sentence_chars.",
    Code.E201: "No article text found in HTML: {detail}. The page may be an index or a paywall.",
    Code.E202: "Nothing left after cleaning: {detail}.",
    Code.E301: "Language processing failed: {detail}. Please report this with the document.",
    Code.E401: "Event extraction failed: {detail}. Please report this with the document.",
    Code.E901: "Invalid value: {detail}.",
    Code.E902: "Optional component not installed: {detail}.",
}


def message(code: Code, detail: str) -> str:
    """The user-facing message for ``code``, prefixed with the code: "[E101] Path not found: ...". """
    return f"[{code.value}] " + MESSAGES[code].format(detail=detail)


class NewsEventsError(Exception):
    """An error a user can act on; carries its code."""

    def __init__(self, code: Code, detail: str, *, formatted: str | None = None):
        self.code = code
        self.detail = detail
        super().__init__(formatted or message(code, detail))

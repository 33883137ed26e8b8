"""Bytes to text for ingest: BOM/UTF-8 first, then a checked cp1252 fallback; binary content is recognised.

Decoding never raises: it returns the text or the reason code (E103 binary, E104 undecodable).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from newsevents.errors import Code

# Leading bytes of common binary formats that might carry a text-like extension by mistake.
_MAGIC: tuple[bytes, ...] = (
    b"%PDF", b"\x89PNG", b"GIF8", b"\xff\xd8\xff", b"PK\x03\x04", b"\x1f\x8b", b"BZh", b"\xfd7zXZ",
    b"7z\xbc\xaf", b"Rar!", b"\x7fELF", b"MZ\x90\x00", b"DUCK", b"PAR1", b"SQLite format 3\x00",
)
_SNIFF = 8192
# Bytes that never appear in text: C0 controls other than tab, LF, VT, FF, CR, and ESC/SUB (tolerated), plus DEL.
_CONTROL_BYTES = frozenset(set(range(0, 32)) - {9, 10, 11, 12, 13, 26, 27}) | {127}
_CHARSET_RE = re.compile(rb"""charset\s*=\s*["']?([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
# Non-ASCII characters a cp1252-encoded news text plausibly contains besides letters.
_TYPOGRAPHIC = frozenset("‘’‚“”„–—…•€£¥¢§°±²³´·¸¹º»«¼½¾×÷©®™†‡‰¶\u00a0")


@dataclass(frozen=True)
class Decoded:
    """Result of decoding: ``text`` and the ``encoding`` used, or a ``code`` with a ``detail``."""

    text: str | None = None
    encoding: str | None = None
    code: Code | None = None
    detail: str = ""


def looks_binary(data: bytes) -> bool:
    """True when ``data`` is not text: a known binary signature, NUL bytes or many control bytes."""
    head = data[:_SNIFF]
    if head.startswith(_MAGIC):
        return True
    if b"\x00" in head:
        return True
    if not head:
        return False
    controls = sum(1 for b in head if b in _CONTROL_BYTES)
    return controls / len(head) > 0.05


def plausible_text(text: str, *, declared: bool = False) -> bool:
    """Heuristic check that a fallback decoding produced natural-language text, not byte soup.

    A guessed (cp1252) decoding must be mostly ASCII with letters or typographic marks beyond it; a charset the
    document declares itself only has to avoid control characters and odd symbols.
    """
    if not text:
        return True
    controls = sum(1 for c in text if unicodedata.category(c) == "Cc" and c not in "\t\n\r\x0b\x0c")
    if controls / len(text) >= 0.01:
        return False
    non_ascii = [c for c in text if ord(c) > 127]
    if not non_ascii:
        return True
    if not declared and len(non_ascii) / len(text) > 0.3:
        return False
    good = sum(1 for c in non_ascii if c.isalpha() or c in _TYPOGRAPHIC)
    return good / len(non_ascii) >= 0.8


def _declared_charset(data: bytes) -> str | None:
    """The charset an HTML page declares in its first bytes (``<meta charset=...>``), if any."""
    m = _CHARSET_RE.search(data[:4096])
    if not m:
        return None
    name = m.group(1).decode("ascii", "ignore").lower()
    try:
        "".encode(name)
    except LookupError:
        return None
    return name


def decode_bytes(data: bytes, *, html: bool = False) -> Decoded:
    """Decode ``data`` as text: UTF-16/UTF-8 (with or without BOM), a declared HTML charset, then cp1252.

    A fallback is accepted only when the result looks like natural text; otherwise E104 (or E103 for binary).
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return Decoded(text=data.decode("utf-16"), encoding="utf-16")
        except UnicodeDecodeError:
            return Decoded(code=Code.E104, detail="invalid UTF-16 after a byte-order mark")
    if looks_binary(data):
        return Decoded(code=Code.E103, detail="NUL or control bytes, or a binary file signature")
    try:
        return Decoded(text=data.decode("utf-8-sig"), encoding="utf-8")
    except UnicodeDecodeError as exc:
        utf8_error = exc
    candidates: list[tuple[str, bool]] = []
    if html:
        declared = _declared_charset(data)
        if declared and declared.replace("-", "").replace("_", "") not in ("utf8", "utf8sig"):
            candidates.append((declared, True))
    candidates.append(("cp1252", False))
    for encoding, is_declared in candidates:
        try:
            text = data.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
        if plausible_text(text, declared=is_declared):
            return Decoded(text=text, encoding=encoding)
    return Decoded(code=Code.E104, detail=f"not UTF-8 ({utf8_error.reason} at byte {utf8_error.start}) "
                                          "and no plausible fallback")

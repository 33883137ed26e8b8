"""Text normalisation for cleaned articles: mojibake repair, NFC, invisible characters, whitespace, paragraphs.

Every later character offset refers to the text this produces, so it is deterministic and idempotent.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Characters deleted outright: zero-width spaces/joiners, word joiner, BOM, soft hyphen, bidi marks.
_INVISIBLE = frozenset("\u200b\u200c\u200d\u2060\ufeff\u00ad\u200e\u200f\u202a\u202b\u202c\u202d\u202e"
                       "\u2066\u2067\u2068\u2069\u180e")
# Characters that end a line: the usual ones plus Unicode line/paragraph separators.
_LINE_BREAKS = re.compile(r"\r\n|[\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")
_SPACES = re.compile(r"[^\S\n ]")
# A replacement character next to a space marks a lost quote or dash: dropped (inside a word it stays).
_LOST_CHAR = re.compile(r"(?<=\s)\ufffd+|\ufffd+(?=\s)")
_SENTENCE_END = (".", "!", "?", ":", ";", '"', "”", "’", "'", ")", "»")
# Code points a mojibake repair may produce: Latin, Greek, Cyrillic, general punctuation, currency, ™.
_ORPHAN_RDQUO = re.compile("\u00e2\u20ac(?:\ufffd|(?=[\\s.,;:!?)]|$))")
_ORPHAN_NBSP = re.compile("\u00c2+(?![^\\W\\d_])")
_REPAIR_OK = ((0x00A0, 0x024F), (0x0370, 0x04FF), (0x2010, 0x2044), (0x20A0, 0x20CF), (0x2122, 0x2122))


@lru_cache(maxsize=1)
def _cp1252_tables() -> tuple[dict[str, int], str]:
    """Byte value of each character cp1252 (with Latin-1 for its 5 holes) maps 0x80-0xFF to; the characters."""
    table: dict[str, int] = {}
    for b in range(0x80, 0x100):
        try:
            ch = bytes([b]).decode("cp1252")
        except UnicodeDecodeError:
            ch = chr(b)
        table[ch] = b
    return table, "".join(table)


@lru_cache(maxsize=1)
def _mojibake_re() -> re.Pattern[str]:
    """UTF-8 byte sequences misread as cp1252: a lead character followed by the right number of continuations."""
    table, _ = _cp1252_tables()
    by_byte = {b: ch for ch, b in table.items()}

    def cls(lo: int, hi: int) -> str:
        return "[" + "".join(re.escape(by_byte[b]) for b in range(lo, hi + 1)) + "]"

    cont = cls(0x80, 0xBF)
    return re.compile(f"{cls(0xC2, 0xDF)}{cont}|{cls(0xE0, 0xEF)}{cont}{{2}}|{cls(0xF0, 0xF4)}{cont}{{3}}")


def _repair_ok(text: str) -> bool:
    return all(any(lo <= ord(c) <= hi for lo, hi in _REPAIR_OK) or ord(c) >= 0x1F000 for c in text)


def fix_mojibake(text: str) -> str:
    """Repair UTF-8 text that was decoded as cp1252 ("â€™" -> "’", "Ã©" -> "é"), sequence by sequence.

    A sequence is replaced only when its bytes are valid UTF-8 and decode to a plausible character.
    """
    table, _ = _cp1252_tables()

    def repair(m: re.Match[str]) -> str:
        seq = m.group(0)
        try:
            fixed = bytes(table[c] for c in seq).decode("utf-8")
        except (KeyError, UnicodeDecodeError):
            return seq
        return fixed if _repair_ok(fixed) else seq

    text = _mojibake_re().sub(repair, text)
    # A closing quote whose last byte (0x9D, undefined in cp1252) was lost in transit: "â€" alone or "â€\ufffd".
    text = _ORPHAN_RDQUO.sub("\u201d", text)
    # A no-break space (C2 A0) whose second byte became a plain space or vanished: "Â" not followed by a letter.
    return _ORPHAN_NBSP.sub(" ", text)


def _char_ok(c: str) -> bool:
    if c in _INVISIBLE:
        return False
    if c == "\n" or c == "\t":
        return True
    cat = unicodedata.category(c)
    return cat not in ("Cc", "Cf", "Cs", "Co")


def normalize_text(text: str) -> str:
    """Mojibake repair, NFC, invisible/control characters removed, tabs and odd spaces made plain spaces (one
    for one: runs are kept so that evidence text is found verbatim in the source), one line per paragraph.

    Lines are paragraphs; blank lines collapse. Hard-wrapped text (paragraphs separated by blank lines whose
    inner lines do not end sentences) is unwrapped so a sentence is never split across lines.
    """
    text = _LINE_BREAKS.sub("\n", text)
    for _ in range(4):  # repairs can expose new repairs ("Ã\u200b©"); stop at the fixed point
        fixed = unicodedata.normalize("NFC", fix_mojibake(unicodedata.normalize("NFC", text)))
        fixed = _LOST_CHAR.sub("", "".join(c for c in fixed if _char_ok(c)))
        if fixed == text:
            break
        text = fixed
    text = _SPACES.sub(" ", text)  # one space for each tab or odd space: runs of spaces stay, offsets hold
    blocks = [[ln.strip() for ln in block.split("\n") if ln.strip()] for block in re.split(r"\n[ ]*\n", text)]
    blocks = [b for b in blocks if b]
    if _hard_wrapped(blocks):
        lines = [" ".join(b) for b in blocks]
    else:
        lines = [ln for b in blocks for ln in b]
    return "\n".join(lines)


def _hard_wrapped(blocks: list[list[str]]) -> bool:
    """True when blank lines separate paragraphs and most inner line ends fall mid-sentence."""
    inner = [ln for b in blocks for ln in b[:-1]]
    if len(blocks) < 2 or len(inner) < 2:
        return False
    mid = sum(1 for ln in inner if not ln.endswith(_SENTENCE_END))
    return mid / len(inner) >= 0.6


def split_paragraphs(text: str) -> list[tuple[int, int]]:
    """Character spans ``(start, end)`` of the paragraphs (non-empty lines) of a cleaned text."""
    spans: list[tuple[int, int]] = []
    pos = 0
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped:
            start = pos + line.index(stripped[0])
            spans.append((start, start + len(stripped)))
        pos += len(line) + 1
    return spans

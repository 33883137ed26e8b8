"""Name normalisation shared by the actor knowledge base and its dictionary importers.

One function decides how a phrase becomes a lookup key, so table aliases and text spans always agree:
accents dropped, possessive "'s" removed, dots of acronyms removed ("U.S." -> "US"), hyphens split words.
"""

from __future__ import annotations

import re
import unicodedata

# A token in running text: dotted acronyms ("U.S.", "P.R.C.") or words with inner apostrophes ("People's").
TOKEN_RE = re.compile(r"(?:[^\W\d_]\.){2,}|[^\W_]+(?:['’][^\W_]+)*['’]?")
_APOS_S_RE = re.compile(r"['’]s\b", re.IGNORECASE)
_SPACE_RE = re.compile(r"\s+")


def fold(text: str) -> str:
    """Strip accents and unify quotes ("Erdoğan" -> "Erdogan", "’" -> "'") without changing case."""
    text = text.replace("’", "'").replace("‘", "'").replace("–", "-").replace("—", "-")
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def token_form(token: str) -> str:
    """Normalise one token, keeping case: drop possessive 's, apostrophes and acronym dots."""
    tok = fold(token)
    tok = _APOS_S_RE.sub("", tok)
    return tok.replace("'", "").replace(".", "")


def key_tokens(phrase: str) -> list[str]:
    """Split a phrase into normalised tokens (case kept), dropping a leading "the"."""
    toks = [token_form(m.group(0)) for m in TOKEN_RE.finditer(fold(phrase))]
    toks = [t for t in toks if t]
    if len(toks) > 1 and toks[0].lower() == "the":
        toks = toks[1:]
    return toks


def case_key(phrase: str) -> str:
    """Case-preserving key of a phrase ("the U.S." -> "US")."""
    return " ".join(key_tokens(phrase))


def lower_key(phrase: str) -> str:
    """Case-insensitive key of a phrase ("the Islamic Resistance Movement" -> "islamic resistance movement")."""
    return case_key(phrase).lower()


def is_case_sensitive(alias: str) -> bool:
    """True for short all-capital aliases ("UN", "US", "IS", "WHO") that must match their exact case."""
    letters = [c for c in fold(alias) if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters) and len(letters) <= 5


def singular_candidates(key: str) -> list[str]:
    """Possible singular forms of a (multiword) lowercase key, changing only its last word."""
    head, _, last = key.rpartition(" ")
    prefix = head + " " if head else ""
    out: list[str] = []
    if last.endswith("ies") and len(last) > 4:
        out.append(last[:-3] + "y")
    if last.endswith("men") and len(last) > 3:
        out.append(last[:-3] + "man")
    if last.endswith("ves") and len(last) > 4:
        out.extend([last[:-3] + "f", last[:-3] + "fe"])
    if last.endswith(("ses", "xes", "ches", "shes", "zes")):
        out.append(last[:-2])
    if last.endswith("s") and not last.endswith("ss") and len(last) > 2:
        out.append(last[:-1])
    if last == "people":
        out.append("person")
    if last == "children":
        out.append("child")
    return [prefix + w for w in out]


def collapse(text: str) -> str:
    """Collapse runs of whitespace to single spaces and strip the ends."""
    return _SPACE_RE.sub(" ", text).strip()

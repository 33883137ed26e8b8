"""Readers for PETRARCH/Phoenix (TABARI-format) actor and agent dictionaries.

They turn ``*.actors.txt`` blocks (a name, "+" synonyms, ``[CODE 050101-091231]`` date-restricted codes) and
``*agents.txt`` lines (``NOUN {PLURAL} [~GOV]``) into plain records the actor knowledge base indexes.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

_BRACKET_RE = re.compile(r"\[([^\]]*)\]")
_BRACE_RE = re.compile(r"\{([^}]*)\}")
_SUBST_RE = re.compile(r"^(![A-Z]+!)\s*=\s*(.+)$")
_TWO_DIGIT_YEAR_CUTOFF = 30  # "140130" is 2014, "470101" is 1947 (PETRARCH's files end in 2014)


@dataclass(frozen=True)
class CodeSpan:
    """One ``[CODE start-end]`` assignment; dates are a half-open [start, end) range, None = open."""

    code: str
    start: dt.date | None = None
    end: dt.date | None = None


@dataclass(frozen=True)
class DictActor:
    """One actor block of a dictionary: its names (first is the entry name) and code assignments."""

    names: tuple[str, ...]
    codes: tuple[CodeSpan, ...]
    person: bool = False  # the block comes from a leaders list ("# CountryInfo.txt") or is date restricted


def parse_date(text: str) -> dt.date | None:
    """Parse a PETRARCH date: YYMMDD (two-digit years <= 30 are 20xx) or YYYYMMDD; None when malformed."""
    text = text.strip()
    try:
        if len(text) == 6:
            yy = int(text[:2])
            year = 2000 + yy if yy <= _TWO_DIGIT_YEAR_CUTOFF else 1900 + yy
            return dt.date(year, int(text[2:4]), int(text[4:6]))
        if len(text) == 8:
            return dt.date(int(text[:4]), int(text[4:6]), int(text[6:8]))
    except ValueError:
        return None
    return None


def parse_code(body: str) -> CodeSpan | None:
    """Parse the inside of one ``[...]`` group: "PSEGOV >050115", "IGOUNO 970101-061231", "PSE"."""
    parts = body.split()
    if not parts:
        return None
    code = parts[0].strip().upper()
    if not code or not code.replace("~", "").isalnum():
        return None
    start = end = None
    if len(parts) > 1:
        spec = "".join(parts[1:])
        if spec.startswith(">"):
            start = parse_date(spec[1:])
            if start is None:
                return None
        elif spec.startswith("<"):
            end = parse_date(spec[1:])
            if end is None:
                return None
        elif "-" in spec:
            a, _, b = spec.partition("-")
            start, end = parse_date(a), parse_date(b)
            if start is None or end is None:
                return None
        else:
            return None
    return CodeSpan(code, start, end)


def dict_name(raw: str) -> str:
    """Turn a dictionary name ("MAHMOUD_ABBAS_", "U.N._") into a plain phrase ("MAHMOUD ABBAS")."""
    return " ".join(raw.replace("_", " ").split())


def _strip_comment(line: str) -> tuple[str, str]:
    body, sep, comment = line.partition("#")
    return body.rstrip(), comment if sep else ""


def parse_actor_lines(lines: Iterable[str]) -> Iterator[DictActor]:
    """Parse TABARI actor-file lines into actor blocks (names with their shared codes)."""
    names: list[str] = []
    codes: list[CodeSpan] = []
    person = False

    def flush() -> DictActor | None:
        if names and codes:
            return DictActor(tuple(names), tuple(codes), person or any(c.start or c.end for c in codes))
        return None

    for raw in lines:
        body, comment = _strip_comment(raw.rstrip("\n"))
        if not body.strip():
            continue
        stripped = body.strip()
        if body[0] in " \t" and stripped.startswith("["):
            codes.extend(c for c in (parse_code(m.group(1)) for m in _BRACKET_RE.finditer(stripped)) if c)
            continue
        if stripped[0] in "+<":
            name = dict_name(_BRACKET_RE.sub("", stripped[1:]))
            if name:
                names.append(name)
            codes.extend(c for c in (parse_code(m.group(1)) for m in _BRACKET_RE.finditer(stripped)) if c)
            continue
        if stripped[0] in "&{-!":
            continue
        block = flush()
        if block:
            yield block
        names, codes = [], []
        person = "CountryInfo" in comment or "rulers" in comment
        first = stripped.find("[")
        name = dict_name(stripped if first < 0 else stripped[:first])
        if name:
            names.append(name)
        codes.extend(c for c in (parse_code(m.group(1)) for m in _BRACKET_RE.finditer(stripped)) if c)
    block = flush()
    if block:
        yield block


def parse_agent_lines(lines: Iterable[str]) -> Iterator[tuple[str, str]]:
    """Parse agent-file lines into (phrase, code) pairs; "~GOV" becomes "GOV", "IGO~" becomes "IGO"."""
    subst: dict[str, list[str]] = {}
    for raw in lines:
        body, _ = _strip_comment(raw.rstrip("\n"))
        body = body.strip()
        if not body:
            continue
        m = _SUBST_RE.match(body)
        if m:
            subst[m.group(1)] = [w.strip() for w in m.group(2).split(",") if w.strip()]
            continue
        codes = _BRACKET_RE.findall(body)
        if not codes:
            continue
        code = codes[0].strip().replace("~", "").upper()
        if not code.isalpha():
            continue
        plurals = [p.strip() for grp in _BRACE_RE.findall(body) for p in grp.split(",") if p.strip()]
        term = _BRACE_RE.sub(" ", _BRACKET_RE.sub(" ", body)).strip()
        for phrase in (term, *plurals):
            for expanded in _expand(phrase, subst):
                if expanded.endswith("MINIST"):
                    for suffix in ("ER", "ERS", "RY", "RIES"):
                        yield dict_name(expanded + suffix), code
                else:
                    yield dict_name(expanded), code


def _expand(phrase: str, subst: dict[str, list[str]]) -> list[str]:
    """Expand "!PERSON!"-style substitution sets inside an agent phrase."""
    for key, words in subst.items():
        if key in phrase:
            return [x for w in words for x in _expand(phrase.replace(key, w, 1), subst)]
    return [phrase.split()[0]] if phrase.split() else []


def read_actor_files(directory: Path) -> Iterator[DictActor]:
    """Read every ``*.actors.txt`` file of a PETRARCH/Phoenix dictionary folder, in name order."""
    for path in sorted(directory.glob("*actors.txt")):
        with path.open(encoding="utf-8", errors="replace") as fh:
            yield from parse_actor_lines(fh)


def read_agent_files(directory: Path) -> Iterator[tuple[str, str]]:
    """Read every ``*agents.txt`` file of a PETRARCH/Phoenix dictionary folder."""
    for path in sorted(directory.glob("*agents.txt")):
        with path.open(encoding="utf-8", errors="replace") as fh:
            yield from parse_agent_lines(fh)

"""Actor knowledge base: countries, capitals (metonymy), named actors with dated roles, and agent nouns.

The builtin tables under ``knowledge/data/`` are the project's own; PETRARCH/Phoenix dictionaries can be
added below them (builtin entries win on conflicts). Lookups are exact on a normalised phrase; ``find``
scans text for the longest non-overlapping names.
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newsevents.knowledge import dictionaries
from newsevents.knowledge.names import (
    TOKEN_RE,
    case_key,
    fold,
    is_case_sensitive,
    lower_key,
    singular_candidates,
    token_form,
)

SECTORS = frozenset(
    [
        "GOV",
        "MIL",
        "COP",
        "JUD",
        "LEG",
        "PTY",
        "OPP",
        "REB",
        "SPY",
        "UAF",
        "CVL",
        "BUS",
        "MED",
        "JRN",
        "EDU",
        "LAB",
        "REL",
        "REF",
        "AGR",
        "ELI",
        "PRE",
        "SOC",
        "CRM",
        "UNK",
        "HLH",
        "NGO",
        "IGO",
        "ENV",
        "HRI",
        "DEV",
        "MNC",
    ]
)
# Non-country first blocks of CAMEO codes and the sector they imply when no sector block follows.
INTERNATIONAL = {"IGO": "IGO", "NGO": "NGO", "IMG": "REB", "MNC": "BUS", "NGM": "NGO"}
# Lowercase words that are ordinary English too: a country/actor only when written with a capital.
AMBIGUOUS_LOWER = frozenset(
    [
        "china",
        "turkey",
        "chad",
        "jordan",
        "guinea",
        "jersey",
        "georgia",
        "niger",
        "pole",
        "poles",
        "dane",
        "danes",
        "swede",
        "swedes",
        "finn",
        "finns",
        "turk",
        "turks",
        "kiwi",
        "kiwis",
        "scot",
        "scots",
        "brit",
        "brits",
        "man",
        "chamorro",
        "congress",
        "labour",
        "democrats",
        "republicans",
        "amal",
        "mali",
        "wagner",
        "hamilton",
        "victoria",
        "douglas",
        "santiago",
        "lima",
        "nice",
        "reunion",
        "mann",
    ]
)
# Phrases that contain a known name but are not that actor: matching them hides the shorter name in find().
BLOCKERS = frozenset(
    [
        "south china sea",
        "east china sea",
        "sea of japan",
        "new jersey",
        "new mexico",
        "new south wales",
        "new england",
        "new york",
        "washington state",
        "george washington",
        "michael jordan",
        "guinea pig",
        "jordan river",
        "gulf of mexico",
        "turkey shoot",
        "chad valley",
        "niger delta",
        "indian ocean",
        "china sea",
    ]
)
RELIGIONS = {
    b: "REL"
    for b in ["CHR", "MUS", "JEW", "BUD", "HIN", "CTH", "SHI", "SUN", "ITH", "ZRO", "JAN", "SIK", "CON", "MOS"]
}
_DATA_DIR = Path(__file__).resolve().parent / "data"
_MAX_NGRAM = 12
_BUILTIN, _DICTIONARY = 0, 1
_MEMO_MAX = 200_000  # cached query answers per knowledge base before the memo starts over
_SOURCE_ORDER = ("named", "country", "capital", "demonym")


@dataclass(frozen=True)
class ActorEntry:
    """What the knowledge base knows about a name: canonical name, ISO3 country, sector and actor code."""

    name: str
    country: str | None
    sector: str | None
    code: str
    kind: str  # country|capital|demonym|group|party|igo|ngo|gov_body|person|agent
    group: str | None = None  # CAMEO-style known-group block ("HMS"), kept apart from code
    source: str = "builtin"  # builtin | dictionary


@dataclass(frozen=True)
class _Role:
    entry: ActorEntry
    start: dt.date | None
    end: dt.date | None
    origin: int  # _BUILTIN or _DICTIONARY
    rank: int  # index in _SOURCE_ORDER (named actors before countries before capitals...)
    exact: str | None  # case-preserving key that must match for case-sensitive aliases, else None
    person: bool

    def dated(self) -> bool:
        return self.start is not None or self.end is not None

    def covers(self, when: dt.date) -> bool:
        return (self.start is None or self.start <= when) and (self.end is None or when < self.end)


def _rows(filename: str) -> Iterator[dict[str, str]]:
    """Yield the rows of a packaged TSV table (``#`` lines are comments; the first other line is the header)."""
    text = (_DATA_DIR / filename).read_text(encoding="utf-8")
    lines = [ln for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]
    for row in csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE):
        yield {k: (v or "").strip() for k, v in row.items()}


def _split(value: str) -> list[str]:
    return [v.strip() for v in value.split("|") if v.strip()]


def _date(value: str) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


@functools.lru_cache(maxsize=1)
def country_rows() -> tuple[dict[str, str], ...]:
    """The builtin country table (iso3, name, aliases, demonyms, capitals), one dict per row."""
    return tuple(_rows("countries.tsv"))


@functools.lru_cache(maxsize=1)
def named_actor_rows() -> tuple[dict[str, str], ...]:
    """The builtin named-actor table, one dict per (name, role) row."""
    return tuple(_rows("named_actors.tsv"))


@functools.lru_cache(maxsize=1)
def agent_rows() -> tuple[dict[str, str], ...]:
    """The builtin agent-noun table (term, sector, subsector)."""
    return tuple(_rows("agents.tsv"))


def split_code(code: str, iso3: frozenset[str]) -> tuple[str | None, str | None]:
    """Country and sector of a CAMEO-style code ("PSEREBHMS" -> PSE, REB; "IGOUNO" -> None, IGO)."""
    blocks = [code[i : i + 3] for i in range(0, len(code), 3)]
    if not blocks:
        return None, None
    first = blocks[0]
    country = first if first in iso3 else None
    rest = blocks[1:] if (country or first in INTERNATIONAL) else blocks
    sector = next((b for b in rest if b in SECTORS), None)
    if first in INTERNATIONAL:
        return None, sector if first == "IMG" and sector else INTERNATIONAL[first]
    return country, sector


class ActorKB:
    """Indexes of names -> dated roles, country words -> ISO3 and agent nouns -> sector; read-only once built."""

    def __init__(self) -> None:
        self._ci: dict[str, list[_Role]] = {}
        self._countries: dict[str, str] = {}
        self._agents: dict[str, tuple[str, str | None]] = {}
        self._dict_agents: dict[str, tuple[str, str | None]] = {}
        self.iso3: frozenset[str] = frozenset()
        self.counts: dict[str, int] = {}
        # Memo of query results (the indexes are read-only once built): (method, args) -> answer.
        self._memo: dict[tuple, Any] = {}

    def _memoized(self, key: tuple, compute: Callable[[], Any]) -> Any:
        memo = self._memo
        try:
            return memo[key]
        except KeyError:
            pass
        if len(memo) >= _MEMO_MAX:
            memo.clear()
        value = memo[key] = compute()
        return value

    # ---- construction -------------------------------------------------------------------------------
    @classmethod
    def load(cls, dictionaries: Path | None = None) -> ActorKB:
        """Build the KB from the builtin tables, plus a PETRARCH/Phoenix dictionary folder when given."""
        return _load_cached(str(dictionaries) if dictionaries else "")

    def _add(self, alias: str, role: _Role) -> None:
        key = lower_key(alias)
        if not key:
            return
        if is_case_sensitive(alias):
            role = _Role(role.entry, role.start, role.end, role.origin, role.rank, case_key(alias), role.person)
        self._ci.setdefault(key, []).append(role)

    def _build_builtin(self) -> None:
        iso3 = {r["iso3"] for r in country_rows()}
        self.iso3 = frozenset(iso3)
        for r in country_rows():
            iso, name = r["iso3"], r["name"]
            country = ActorEntry(name, iso, None, iso, "country")
            capital = ActorEntry(name, iso, "GOV", iso + "GOV", "capital")
            demonym = ActorEntry(name, iso, None, iso, "demonym")
            for alias in [name, *_split(r["aliases"])]:
                self._add(alias, _Role(country, None, None, _BUILTIN, 1, None, False))
                self._countries.setdefault(lower_key(alias), iso)
            for alias in _split(r["capitals"]):
                self._add(alias, _Role(capital, None, None, _BUILTIN, 2, None, False))
                self._countries.setdefault(lower_key(alias), iso)
            for alias in _split(r["demonyms"]):
                self._add(alias, _Role(demonym, None, None, _BUILTIN, 3, None, False))
                self._countries.setdefault(lower_key(alias), iso)
        aliases: dict[str, list[str]] = {}
        for r in named_actor_rows():
            aliases.setdefault(r["name"], []).extend(_split(r["aliases"]))
        for r in named_actor_rows():
            country = r["country"] or None
            sector = r["sector"] or None
            code = r["code"] or f"{country or ''}{sector or ''}"
            entry = ActorEntry(r["name"], country, sector, code, r["kind"], r["group"] or None)
            role = _Role(entry, _date(r["start"]), _date(r["end"]), _BUILTIN, 0, None, r["kind"] == "person")
            for alias in dict.fromkeys([r["name"], *aliases[r["name"]]]):
                self._add(alias, role)
        for r in agent_rows():
            self._agents.setdefault(lower_key(r["term"]), (r["sector"], r["subsector"] or None))
        self.counts["builtin_names"] = len(self._ci)
        self.counts["agents"] = len(self._agents)

    def _build_dictionaries(self, directory: Path) -> None:
        n_actors = n_names = n_roles = 0
        for block in dictionaries.read_actor_files(directory):
            n_actors += 1
            canonical = block.names[0].title()
            for span in block.codes:
                country, sector = split_code(span.code, self.iso3)
                kind = _dict_kind(span.code, country, sector, block.person)
                entry = ActorEntry(canonical, country, sector, span.code, kind, source="dictionary")
                role = _Role(entry, span.start, span.end, _DICTIONARY, 0, None, block.person)
                for name in block.names:
                    n_roles += 1
                    self._add_dictionary(name, role)
            n_names += len(block.names)
        n_agents = 0
        for phrase, code in dictionaries.read_agent_files(directory):
            head = code[:3]
            sector = head if head in SECTORS else INTERNATIONAL.get(head) or RELIGIONS.get(head)
            extra = code[3:6] if code[3:6] in SECTORS else None
            if sector:
                self._dict_agents.setdefault(lower_key(phrase), (sector, extra))
                n_agents += 1
        self.counts.update(
            dictionary_actors=n_actors,
            dictionary_names=n_names,
            dictionary_roles=n_roles,
            dictionary_agents=n_agents,
        )

    def _add_dictionary(self, name: str, role: _Role) -> None:
        key = lower_key(name)
        if not key:
            return
        if " " not in key and len(key) <= 4:  # dictionary names are upper case: keep short ones exact
            role = _Role(
                role.entry, role.start, role.end, role.origin, role.rank, case_key(name).upper(), role.person
            )
        self._ci.setdefault(key, []).append(role)

    # ---- queries ------------------------------------------------------------------------------------
    def lookup(self, phrase: str, when: dt.date | None = None) -> ActorEntry | None:
        """Exact match of a normalised phrase ("Beijing" -> CHNGOV capital, "the Islamic Resistance Movement"
        -> Hamas); dated roles apply only when ``when`` is inside their [start, end) term."""
        return self._memoized(("lookup", phrase, when), lambda: self._lookup(phrase, when))

    def _lookup(self, phrase: str, when: dt.date | None) -> ActorEntry | None:
        key = lower_key(phrase)
        if not key or (key in AMBIGUOUS_LOWER and phrase.strip()[:1].islower()):
            return None
        role = self._choose(self._ci.get(key, ()), case_key(phrase), phrase.strip()[:1].isupper(), when)
        return role.entry if role else None

    def country_of(self, word: str) -> str | None:
        """ISO3 of a country name, alias, demonym or capital ("Chinese" -> CHN, "Gazan" -> PSE)."""
        return self._memoized(("country_of", word), lambda: self._country_of(word))

    def _country_of(self, word: str) -> str | None:
        key = lower_key(word)
        if not key or (key in AMBIGUOUS_LOWER and word.strip()[:1].islower()):
            return None
        exact = case_key(word)
        roles = [r for r in self._ci.get(key, ()) if r.origin == _BUILTIN and r.rank > 0]
        if roles:
            ok = [r for r in roles if r.exact is None or r.exact == exact]
            return min(ok, key=lambda r: r.rank).entry.country if ok else None
        return next((self._countries[k] for k in singular_candidates(key) if k in self._countries), None)

    def agent_sector(self, noun: str) -> str | None:
        """Sector of an agent noun or multiword role ("spokesman" -> GOV, "rebels" -> REB), plural or singular."""
        found = self.agent(noun)
        return found[0] if found else None

    def agent(self, noun: str) -> tuple[str, str | None] | None:
        """(sector, secondary sector) of an agent noun ("health ministry" -> ("GOV", "HLH")), or None."""
        return self._memoized(("agent", noun), lambda: self._agent(noun))

    def _agent(self, noun: str) -> tuple[str, str | None] | None:
        key = lower_key(noun)
        if not key:
            return None
        for table in (self._agents, self._dict_agents):
            for k in (key, *singular_candidates(key)):
                if k in table:
                    return table[k]
        return None

    def find(
        self, text: str, when: dt.date | None = None, *, demonyms: bool = False
    ) -> list[tuple[int, int, ActorEntry]]:
        """Longest non-overlapping named actors, countries and capitals in ``text`` as (start, end, entry)
        character spans; names must start with a capital letter and short all-caps aliases match exactly."""
        folded = fold(text) if len(fold(text)) == len(text) else text
        toks = []
        for m in TOKEN_RE.finditer(folded):
            form = token_form(m.group(0))
            if not form:
                continue
            end = m.end()
            raw = m.group(0)
            if raw.endswith(("'s", "’s", "'S")):
                end -= 2
            elif raw.endswith(("'", "’")):
                end -= 1
            toks.append((m.start(), end, form))
        out: list[tuple[int, int, ActorEntry]] = []
        i = 0
        while i < len(toks):
            hit = None
            for n in range(min(_MAX_NGRAM, len(toks) - i), 0, -1):
                if n > 1 and not _adjacent(text, toks[i : i + n]):
                    continue
                exact = " ".join(t[2] for t in toks[i : i + n])
                key = exact.lower()
                if key in BLOCKERS:
                    hit = (n, None)
                    break
                roles = self._ci.get(key)
                if not roles or not text[toks[i][0]].isupper() and not text[toks[i][0]].isdigit():
                    continue
                role = self._choose(roles, exact, True, when, demonyms=demonyms)
                if role:
                    hit = (n, role.entry)
                    break
            if hit is None:
                i += 1
                continue
            n, entry = hit
            if entry is not None:
                out.append((toks[i][0], toks[i + n - 1][1], entry))
            i += n
        return out

    def __len__(self) -> int:
        return len(self._ci)

    # ---- helpers ------------------------------------------------------------------------------------
    def _choose(
        self,
        roles: list[_Role] | tuple[_Role, ...],
        exact: str,
        capitalised: bool,
        when: dt.date | None,
        *,
        demonyms: bool = True,
    ) -> _Role | None:
        usable = [
            r
            for r in roles
            if (r.exact is None or r.exact == exact)
            and (capitalised or not r.person)
            and (demonyms or r.rank != 3)
        ]
        if not demonyms and any(r.origin == _BUILTIN and r.rank == 3 for r in roles):
            # a builtin demonym ("Palestinian") is not a name: dictionary entries for it do not count either
            usable = [r for r in usable if r.origin == _BUILTIN]
        for group in sorted({(r.origin, r.rank) for r in usable}):
            found = _pick_by_date([r for r in usable if (r.origin, r.rank) == group], when)
            if found:
                return found
        return None


def _pick_by_date(roles: list[_Role], when: dt.date | None) -> _Role | None:
    """Dated roles covering ``when`` first (latest start), then undated ones; when None, the current role."""
    dated = [r for r in roles if r.dated()]
    undated = [r for r in roles if not r.dated()]
    if when is not None:
        inside = [r for r in dated if r.covers(when)]
        if inside:
            return max(inside, key=lambda r: r.start or dt.date.min)
        return undated[0] if undated else None
    open_ended = [r for r in dated if r.end is None]
    if open_ended:
        return max(open_ended, key=lambda r: r.start or dt.date.min)
    if undated:
        return undated[0]
    return max(dated, key=lambda r: r.end or dt.date.max) if dated else None


def _adjacent(text: str, toks: list[tuple[int, int, str]]) -> bool:
    """True when consecutive tokens are separated only by spaces, hyphens, dots, "&" or a possessive "'s"."""
    for (_, end, _), (start, _, _) in zip(toks, toks[1:], strict=False):
        gap = text[end:start].replace("'s", "").replace("’s", "")
        if "\n" in gap or any(c not in " -.&'’\u00a0" for c in gap):
            return False
    return True


def _dict_kind(code: str, country: str | None, sector: str | None, person: bool) -> str:
    if person:
        return "person"
    head = code[:3]
    if head == "IGO":
        return "igo"
    if head == "NGO":
        return "ngo"
    if country and len(code) == 3:
        return "country"
    if sector in ("REB", "UAF", "CRM"):
        return "group"
    if sector == "PTY":
        return "party"
    if sector in ("GOV", "MIL", "COP", "JUD", "LEG", "SPY"):
        return "gov_body"
    return "group"


@functools.lru_cache(maxsize=4)
def _load_cached(directory: str) -> ActorKB:
    kb = ActorKB()
    kb._build_builtin()
    if directory:
        path = Path(directory)
        if path.is_dir():
            kb._build_dictionaries(path)
    return kb

"""The trigger lexicon: head words (verbs, event nouns, adjectives) with dependency conditions -> CAMEO/PLOVER.

Rows live in ``data/triggers.tsv``. ``Lexicon.match(token)`` picks, for one spaCy token in its parse, the rule
with the most satisfied conditions, then the highest priority: "called for a ceasefire" -> 0256 beats "called
for" -> 020; "said" alone is 010 at priority 1, so an extractor can prefer the event embedded under it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # spaCy is only needed for type hints here; tokens arrive already parsed
    from spacy.tokens import Token

TRIGGERS_FILE = Path(__file__).resolve().parent / "data" / "triggers.tsv"
COLUMNS = ("lemma", "pos", "conditions", "cameo", "plover", "mode", "priority", "note")
POS_VALUES = ("VERB", "NOUN", "ADJ")

# condition key -> dependency labels of the head's children that can satisfy it
CHILD_DEPS: MappingProxyType[str, frozenset[str]] = MappingProxyType({
    "prt": frozenset({"prt", "prep", "advmod"}),
    "prep": frozenset({"prep", "prt", "agent", "dative"}),
    "dobj": frozenset({"dobj", "obj", "nsubjpass", "oprd"}),
    "xcomp": frozenset({"xcomp", "ccomp", "acl", "advcl", "relcl"}),
    "amod": frozenset({"amod"}),
    "compound": frozenset({"compound"}),
    "advmod": frozenset({"advmod"}),
    "acomp": frozenset({"acomp"}),
    "attr": frozenset({"attr"}),
    "nsubj": frozenset({"nsubj", "nsubjpass"}),
})
TOKEN_KEYS = frozenset({"head", "sub", "form", "tag"})  # conditions on the token itself or its surroundings
NESTED_DEPS: MappingProxyType[str, frozenset[str]] = MappingProxyType({
    **CHILD_DEPS, "pobj": frozenset({"pobj", "pcomp"}),
})  # keys allowed after ':' ("prep=for:pobj=ceasefire", "dobj=strike:compound=hunger")
CLAUSE_BREAKS = frozenset({"conj", "parataxis", "relcl", "cc"})
ANY = "*"

# irregular forms of trigger verbs and nouns, for the surface-form pre-filter and lemmatizer slips
IRREGULAR: MappingProxyType[str, tuple[str, ...]] = MappingProxyType({
    "say": ("said",), "tell": ("told",), "hold": ("held",), "meet": ("met",), "take": ("took", "taken"),
    "make": ("made",), "seek": ("sought",), "give": ("gave", "given"), "go": ("went", "gone"),
    "fight": ("fought",), "shoot": ("shot",), "strike": ("struck", "stricken"), "break": ("broke", "broken"),
    "freeze": ("froze", "frozen"), "lay": ("laid",), "send": ("sent",), "withdraw": ("withdrew", "withdrawn"),
    "forgive": ("forgave", "forgiven"), "speak": ("spoke", "spoken"), "write": ("wrote", "written"),
    "throw": ("threw", "thrown"), "slay": ("slew", "slain"), "beat": ("beaten",), "burn": ("burnt",),
    "find": ("found",), "blow": ("blew", "blown"), "pay": ("paid",), "seize": ("seized",), "shut": ("shut",),
    "cut": ("cut",), "hit": ("hit",), "put": ("put",), "set": ("set",), "quit": ("quit",),
    "forbid": ("forbade", "forbidden"), "lead": ("led",), "win": ("won",), "deal": ("dealt",),
    "flee": ("fled",), "bring": ("brought",), "buy": ("bought",), "sell": ("sold",), "wound": ("wounded",),
    "casualty": ("casualties",), "hostility": ("hostilities",), "atrocity": ("atrocities",),
})


@dataclass(frozen=True)
class TriggerRule:
    """One lexicon row: head ``lemma``/``pos`` plus conditions -> ``cameo`` and optional PLOVER override."""

    lemma: str
    pos: str
    conditions: tuple[tuple[str, str], ...]
    cameo: str
    plover: str | None
    mode: str | None
    priority: int
    note: str = ""

    @property
    def specificity(self) -> int:
        """How many checks the conditions make (a preposition with its object counts twice; flags count 0)."""
        n = 0
        for key, value in self.conditions:
            if key in CHILD_DEPS or key in TOKEN_KEYS:
                n += 2 if ":" in value else 1
        return n

    @property
    def flags(self) -> frozenset[str]:
        """Valueless conditions such as ``neg_ok``: hints for the extractor, never checked here."""
        return frozenset(k for k, v in self.conditions if not v and k not in CHILD_DEPS and k not in TOKEN_KEYS)


@dataclass(frozen=True)
class TriggerMatch:
    """A rule satisfied by ``head``; ``tokens`` are the head plus the words that met its conditions, in order."""

    rule: TriggerRule
    head: Token
    tokens: tuple[Token, ...]
    # other words reporting the same event, for the evidence span only: the casualty verb that gives its toll
    # ("a car bomb ... killed 15"), the verb it is the object or subject of ("continued their assault",
    # "the attack occurred")
    linked: tuple[Token, ...] = ()


def _words(token: Token) -> tuple[str, str]:
    return token.lemma_.lower(), token.lower_


def _in(token: Token, values: frozenset[str]) -> bool:
    if ANY in values:
        return True
    lemma, lower = _words(token)
    return lemma in values or lower in values


@dataclass(frozen=True)
class _Compiled:
    """A rule with its conditions parsed into value sets, ready for fast checks."""

    rule: TriggerRule
    checks: tuple[tuple[str, frozenset[str], tuple[str, frozenset[str]] | None], ...]  # key, values, nested
    order: int = 0  # position in the file: the last tie-breaker

    @property
    def rank(self) -> tuple[int, int, int]:
        return (-self.rule.specificity, -self.rule.priority, self.order)

    def satisfied(self, token: Token) -> tuple[Token, ...] | None:
        """Tokens that met the conditions (head first), or None if one fails."""
        found: list[Token] = [token]
        for key, values, nested in self.checks:
            hit = _check(token, key, values, nested)
            if hit is None:
                return None
            found.extend(hit)
        return tuple(found)


def _check(token: Token, key: str, values: frozenset[str],
           nested: tuple[str, frozenset[str]] | None) -> tuple[Token, ...] | None:
    """Tokens satisfying one condition (empty tuple when it holds without adding words), None when it fails."""
    deps = CHILD_DEPS.get(key)
    if deps is not None:
        for child in token.children:
            if child.dep_ not in deps or not _in(child, values):
                continue
            if nested is None:
                return (child,)
            inner_deps, inner_values = NESTED_DEPS[nested[0]], nested[1]
            for obj in child.children:
                if obj.dep_ in inner_deps and _in(obj, inner_values):
                    return (child, obj)
                # "called for calm and restraint": accept a conjunct of the object too
                if obj.dep_ in inner_deps and any(c.dep_ == "conj" and _in(c, inner_values) for c in obj.children):
                    return (child, obj)
        return None
    if key == "head":
        return () if token.head is not token and _in(token.head, values) else None
    if key == "sub":
        return () if any(_in(t, values) for t in _same_clause_descendants(token)) else None
    if key == "form":
        return () if token.lower_ in values else None
    if key == "tag":
        return () if token.tag_.lower() in values else None  # cells are lower-cased on reading
    return ()  # flag


def _same_clause_descendants(token: Token) -> list[Token]:
    """Words below ``token`` without entering coordinated clauses or clauses with their own subject."""
    out: list[Token] = []
    stack = [c for c in token.children if c.dep_ not in CLAUSE_BREAKS]
    while stack:
        t = stack.pop()
        if t.pos_ in ("VERB", "AUX") and any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in t.children):
            continue  # "..., while others staged a hunger strike": another event's clause
        out.append(t)
        stack.extend(c for c in t.children if c.dep_ not in CLAUSE_BREAKS)
    return out


class Lexicon:
    """Trigger rules indexed by lemma and POS; build with ``Lexicon.load()`` and call ``match(token)``."""

    def __init__(self, rules: Iterable[TriggerRule]):
        self._rules = tuple(rules)
        index: dict[tuple[str, str], list[_Compiled]] = {}
        for order, rule in enumerate(self._rules):
            index.setdefault((rule.lemma, rule.pos), []).append(_compile(rule, order))
        self._index = MappingProxyType({k: tuple(sorted(v, key=lambda c: c.rank)) for k, v in index.items()})
        forms: dict[str, str] = {}
        for rule in self._rules:
            for form in inflections(rule.lemma, rule.pos):
                forms.setdefault(form, rule.lemma)
        self._forms = MappingProxyType(forms)
        self._lemmas = frozenset({r.lemma for r in self._rules} | set(forms))

    @classmethod
    def load(cls) -> Lexicon:
        """The lexicon from the package's ``triggers.tsv``, parsed once per process."""
        return _load_lexicon()

    @property
    def rules(self) -> tuple[TriggerRule, ...]:
        """Every rule in file order."""
        return self._rules

    def lemmas(self) -> frozenset[str]:
        """Every trigger lemma and its inflected surface forms, lower case (a fast pre-filter for tokens)."""
        return self._lemmas

    def match(self, token: Token) -> TriggerMatch | None:
        """The best rule for ``token`` in its parse (most specific conditions met, then priority), or None."""
        pos = token.pos_
        if pos == "PROPN":  # "Talks resumed" at the start of a headline; never a named entity
            if token.ent_type_:
                return None
            pos = "NOUN"
        elif pos not in POS_VALUES:
            return None
        lemma, lower = _words(token)
        candidates = self._index.get((lemma, pos), ())
        alt = self._forms.get(lower)
        if alt is not None and alt != lemma:  # lemmatizer slips: "staged" -> "stag"
            extra = self._index.get((alt, pos), ())
            if extra:
                candidates = tuple(sorted(candidates + extra, key=lambda c: c.rank))
        for compiled in candidates:
            found = compiled.satisfied(token)
            if found is not None:
                unique = {t.i: t for t in found}
                return TriggerMatch(rule=compiled.rule, head=token,
                                    tokens=tuple(unique[i] for i in sorted(unique)))
        return None


def _compile(rule: TriggerRule, order: int = 0) -> _Compiled:
    checks = []
    for key, value in rule.conditions:
        nested = None
        if ":" in value:
            value, _, rest = value.partition(":")
            inner_key, _, inner_values = rest.partition("=")
            nested = (inner_key, frozenset(inner_values.split("|")))
        checks.append((key, frozenset(value.split("|")) if value else frozenset(), nested))
    return _Compiled(rule=rule, checks=tuple(checks), order=order)


def parse_conditions(text: str) -> tuple[tuple[str, str], ...]:
    """Parse a conditions cell ("prep=for:pobj=ceasefire|truce;neg_ok", or "-") into (key, value) pairs."""
    text = text.strip()
    if text in ("", "-"):
        return ()
    out = []
    for part in text.split(";"):
        part = part.strip()
        if not part:
            continue
        key, sep, value = part.partition("=")
        key = key.strip()
        if sep and key not in CHILD_DEPS and key not in TOKEN_KEYS:
            raise ValueError(f"unknown condition key {key!r} in {text!r}")
        if ":" in value:
            inner_key, inner_sep, inner_value = value.partition(":")[2].partition("=")
            if key not in CHILD_DEPS or inner_key not in NESTED_DEPS or not inner_sep or not inner_value:
                raise ValueError(f"nesting must look like 'prep=for:pobj=ceasefire', got {part!r}")
        if sep and not value:
            raise ValueError(f"empty value for {key!r} in {text!r}")
        out.append((key, value.strip().lower()))
    return tuple(out)


def inflections(lemma: str, pos: str) -> frozenset[str]:
    """Likely surface forms of a trigger lemma (regular English inflection plus known irregulars)."""
    forms = {lemma, *IRREGULAR.get(lemma, ())}
    if pos == "ADJ" or not lemma.isalpha():
        return frozenset(forms)
    if lemma.endswith(("s", "sh", "ch", "x", "z")):
        forms.add(lemma + "es")
    elif lemma.endswith("y") and lemma[-2:-1] not in "aeiou":
        forms.add(lemma[:-1] + "ies")
    else:
        forms.add(lemma + "s")
    if pos != "VERB":
        return frozenset(forms)
    stem = lemma[:-1] if lemma.endswith("e") else lemma
    if lemma.endswith("y") and lemma[-2:-1] not in "aeiou":
        forms.add(lemma[:-1] + "ied")
    else:
        forms.add(stem + "ed")
    forms.add(stem + "ing" if not lemma.endswith("ee") else lemma + "ing")
    if len(lemma) >= 3 and lemma[-1] not in "aeiouwxy" and lemma[-2] in "aeiou" and lemma[-3] not in "aeiou":
        forms.update({lemma + lemma[-1] + "ed", lemma + lemma[-1] + "ing"})  # "ban" -> "banned"
    return frozenset(forms)


def _opt(cell: str) -> str | None:
    return None if cell in ("", "-") else cell


def read_rules(path: Path = TRIGGERS_FILE) -> tuple[TriggerRule, ...]:
    """Parse a triggers TSV into rules; ValueError names the line of a malformed row."""
    rules = []
    header_seen = False
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = [c.strip() for c in line.split("\t")]
        if not header_seen:
            if tuple(cells) != COLUMNS:
                raise ValueError(f"{path.name}:{n}: header {cells} != {list(COLUMNS)}")
            header_seen = True
            continue
        if len(cells) != len(COLUMNS):
            raise ValueError(f"{path.name}:{n}: {len(cells)} cells, expected {len(COLUMNS)}")
        lemma, pos, cond, cameo, plover, mode, priority, note = cells
        if pos not in POS_VALUES:
            raise ValueError(f"{path.name}:{n}: pos {pos!r} not in {POS_VALUES}")
        try:
            rules.append(TriggerRule(lemma=lemma.lower(), pos=pos, conditions=parse_conditions(cond),
                                     cameo=cameo, plover=_opt(plover), mode=_opt(mode), priority=int(priority),
                                     note=note))
        except ValueError as exc:
            raise ValueError(f"{path.name}:{n}: {exc}") from exc
    return tuple(rules)


@lru_cache(maxsize=1)
def _load_lexicon() -> Lexicon:
    return Lexicon(read_rules())

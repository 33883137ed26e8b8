"""The project's event ontology: CAMEO codes with QuadClass, Goldstein and their PLOVER type, mode and context.

Read from the package's own tables ``data/cameo.tsv`` and ``data/plover.tsv``; ``Ontology.load()`` is cached,
so every caller shares one immutable instance.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType

from newsevents.model import EventType

DATA_DIR = Path(__file__).resolve().parent / "data"
CAMEO_FILE = DATA_DIR / "cameo.tsv"
PLOVER_FILE = DATA_DIR / "plover.tsv"

CAMEO_COLUMNS = ("code", "root", "quad_class", "goldstein", "goldstein_icews", "plover", "plover_mode",
                 "plover_context", "name")
PLOVER_COLUMNS = ("kind", "plover", "value", "quad_class", "description")

def quad_class_of(root: str) -> int:
    """QuadClass of a CAMEO root "01".."20": 1 verbal coop, 2 material coop, 3 verbal/4 material conflict."""
    n = int(root)
    if not 1 <= n <= 20:
        raise ValueError(f"CAMEO root must be 01-20, got {root!r}")
    return 1 if n <= 5 else 2 if n <= 8 else 3 if n <= 13 else 4


@dataclass(frozen=True)
class CameoCode:
    """One CAMEO code as the project codes it: names, scores and its default PLOVER type/mode/contexts."""

    code: str
    name: str
    root: str
    quad_class: int
    goldstein: float
    goldstein_icews: float
    plover: str | None
    plover_mode: str | None
    plover_context: tuple[str, ...] = ()


def _rows(path: Path, columns: tuple[str, ...]) -> list[dict[str, str]]:
    """Data rows of one of the package's TSV tables (``#`` comments skipped; header checked)."""
    lines = [ln for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip() and not ln.startswith("#")]
    header = tuple(lines[0].split("\t"))
    if header != columns:
        raise ValueError(f"{path.name}: header {header} != expected {columns}")
    out = []
    for n, line in enumerate(lines[1:], start=2):
        cells = line.split("\t")
        if len(cells) != len(columns):
            raise ValueError(f"{path.name}: data line {n} has {len(cells)} cells, expected {len(columns)}")
        out.append(dict(zip(columns, (c.strip() for c in cells), strict=True)))
    return out


def _opt(cell: str) -> str | None:
    return None if cell in ("", "-") else cell


class Ontology:
    """Lookup of CAMEO codes and PLOVER types/modes/contexts; build with ``Ontology.load()``."""

    def __init__(self, codes: Mapping[str, CameoCode], modes: Mapping[str, tuple[str, ...]],
                 contexts: tuple[str, ...], plover_quad: Mapping[str, int]):
        self._codes = MappingProxyType(dict(codes))
        self._modes = MappingProxyType(dict(modes))
        self._contexts = contexts
        self._plover_quad = MappingProxyType(dict(plover_quad))

    @classmethod
    def load(cls) -> Ontology:
        """The ontology from the package's tables, loaded once per process."""
        return _load_ontology()

    # -- CAMEO -------------------------------------------------------------------------------------------
    def cameo(self, code: str) -> CameoCode:
        """The table row for ``code`` ("010", "0256", "19"); KeyError naming the nearest known codes otherwise."""
        try:
            return self._codes[code]
        except KeyError:
            pass
        c = str(code).strip()
        if c.isdigit() and len(c) == 1:
            c = "0" + c  # "1" -> "01"
        if c in self._codes:
            return self._codes[c]
        near = sorted(k for k in self._codes if c and k.startswith(c[:2]))[:8]
        hint = f" Codes under root {c[:2]}: {', '.join(near)}." if near else " Roots are 01-20."
        raise KeyError(f"Unknown CAMEO code {code!r}: codes are 2-4 digit strings such as '010', '0256', '190'."
                       + hint)

    def cameo_codes(self) -> list[str]:
        """Every CAMEO code in the table, in table order (roots included)."""
        return list(self._codes)

    def __contains__(self, code: object) -> bool:
        return code in self._codes

    def event_type(self, cameo_code: str, plover: str | None = None, mode: str | None = None,
                   context: tuple[str, ...] = ()) -> EventType:
        """The ``EventType`` for a CAMEO code: PLOVER type, mode and contexts from the table unless given.

        ``plover``/``mode``/``context`` left at None/empty take the table's values (a trigger rule without an
        override passes None); an overriding type drops the table's mode. Unknown types/modes raise ValueError.
        """
        row = self.cameo(cameo_code)
        if plover is None:
            plover = row.plover
        elif plover not in self._modes:
            raise ValueError(f"Unknown PLOVER type {plover!r}; expected one of {', '.join(self._modes)}")
        if mode is None:
            mode = row.plover_mode if plover == row.plover else None
        elif plover is None:
            raise ValueError(f"PLOVER mode {mode!r} given for {row.code}, which has no PLOVER type")
        elif mode not in self._modes[plover]:
            raise ValueError(f"Unknown mode {mode!r} for {plover}; expected one of "
                             f"{', '.join(self._modes[plover]) or '(none)'}")
        ctx = tuple(context) if context else row.plover_context
        bad = [c for c in ctx if c not in self._contexts]
        if bad:
            raise ValueError(f"Unknown PLOVER context(s) {bad}; see plover_contexts()")
        return EventType(cameo_code=row.code, cameo_root=row.root, quad_class=row.quad_class,
                         goldstein=row.goldstein, plover=plover, plover_mode=mode,
                         plover_context=ctx if plover is not None else ())

    # -- PLOVER ------------------------------------------------------------------------------------------
    def plover_types(self) -> list[str]:
        """The 16 PLOVER event types in the manual's order."""
        return list(self._modes)

    def plover_modes(self, plover: str) -> list[str]:
        """Modes defined for one PLOVER type (empty for types without modes); KeyError for an unknown type."""
        try:
            return list(self._modes[plover])
        except KeyError:
            raise KeyError(f"Unknown PLOVER type {plover!r}; expected one of {', '.join(self._modes)}") from None

    def plover_contexts(self) -> list[str]:
        """Every PLOVER context name (military, diplomatic, economic, ...)."""
        return list(self._contexts)

    def plover_quad_class(self, plover: str) -> int:
        """The QuadClass PLOVER assigns to an event type (e.g. AGREE 1, ASSAULT 4)."""
        return self._plover_quad[plover]


@lru_cache(maxsize=1)
def _load_ontology() -> Ontology:
    """Parse both tables once and cross-check them (every PLOVER type/mode/context in cameo.tsv is defined)."""
    modes: dict[str, list[str]] = {}
    quads: dict[str, int] = {}
    contexts: list[str] = []
    for r in _rows(PLOVER_FILE, PLOVER_COLUMNS):
        if r["kind"] == "type":
            modes[r["plover"]] = []
            quads[r["plover"]] = int(r["quad_class"])
        elif r["kind"] == "mode":
            modes[r["plover"]].append(r["value"])
        elif r["kind"] == "context":
            contexts.append(r["value"])
        else:
            raise ValueError(f"plover.tsv: unknown kind {r['kind']!r}")
    codes: dict[str, CameoCode] = {}
    for r in _rows(CAMEO_FILE, CAMEO_COLUMNS):
        plover, mode = _opt(r["plover"]), _opt(r["plover_mode"])
        ctx = tuple(c for c in (r["plover_context"].split(",") if _opt(r["plover_context"]) else ()) if c)
        if plover is not None and plover not in modes:
            raise ValueError(f"cameo.tsv {r['code']}: unknown PLOVER type {plover}")
        if mode is not None and (plover is None or mode not in modes[plover]):
            raise ValueError(f"cameo.tsv {r['code']}: mode {mode} is not a mode of {plover}")
        if any(c not in contexts for c in ctx):
            raise ValueError(f"cameo.tsv {r['code']}: unknown context in {ctx}")
        codes[r["code"]] = CameoCode(code=r["code"], name=r["name"], root=r["root"],
                                     quad_class=int(r["quad_class"]), goldstein=float(r["goldstein"]),
                                     goldstein_icews=float(r["goldstein_icews"]), plover=plover,
                                     plover_mode=mode, plover_context=ctx)
    return Ontology(codes, {k: tuple(v) for k, v in modes.items()}, tuple(contexts), quads)

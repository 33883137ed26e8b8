"""Repeated-paragraph removal: scrapers often deliver a story twice, or sprinkle "Advertisement" lines through it.

A paragraph is dropped when it repeats an earlier one exactly or near-exactly (Jaccard of word sets at or above
a threshold, with a length guard), when it is a short line that recurs (boilerplate), or when it has no words.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict

_WORD = re.compile(r"\w+")
# Below this many words a paragraph is compared exactly only: near-matching short lines is unreliable.
MIN_FUZZY_WORDS = 8
# Short lines (at most this many words, no sentence punctuation) that recur are boilerplate, every occurrence.
MAX_BOILERPLATE_WORDS = 4
# Near duplicates must have similar sizes (distinct-word counts within this ratio).
LENGTH_RATIO = 0.75
# Lines that are page furniture wherever they appear (normalised words).
BOILERPLATE_LINES = frozenset({
    ("advertisement",), ("advertisements",), ("ad",), ("skip", "advertisement"), ("continue", "reading"),
    ("story", "continues", "below", "advertisement"), ("article", "continues", "below", "advertisement"),
    ("continue", "reading", "the", "main", "story"), ("read", "more"), ("share", "this", "article"),
    ("scroll", "to", "continue", "with", "content"), ("sponsored", "content"),
})
# Words of a social "share bar" line ("Facebook Twitter Linkedin Mail"): a line made only of them is furniture.
SHARE_BAR_WORDS = frozenset({
    "facebook", "twitter", "x", "linkedin", "mail", "email", "e", "whatsapp", "telegram", "reddit", "pinterest",
    "print", "share", "copy", "link", "messenger", "sms", "tumblr", "flipboard", "comments", "comment",
})
_SENTENCE_END = (".", "!", "?", ":", '"', "”", "’")


def words(paragraph: str) -> tuple[str, ...]:
    """The paragraph's words, case-folded, punctuation dropped: the key used for comparisons."""
    return tuple(_WORD.findall(paragraph.casefold()))


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    """Jaccard similarity of two sets (1.0 for two empty sets)."""
    if not a and not b:
        return 1.0
    return len(a & b) / len(a | b)


def _is_short_line(paragraph: str, key: tuple[str, ...]) -> bool:
    return len(key) <= MAX_BOILERPLATE_WORDS and not paragraph.rstrip().endswith(_SENTENCE_END)


def _is_share_bar(key: tuple[str, ...]) -> bool:
    return 2 <= len(key) <= 10 and all(w in SHARE_BAR_WORDS for w in key)


def _prefix(tokens: list[str], threshold: float) -> list[str]:
    """Prefix-filter tokens: two sets with Jaccard >= threshold share a token within both prefixes."""
    need = max(1, math.ceil(threshold * len(tokens) - 1e-9)) if threshold > 0 else 1
    return tokens[: len(tokens) - need + 1]


def keep_mask(paragraphs: list[str], threshold: float = 0.9) -> list[bool]:
    """For each paragraph, whether it survives repeated-paragraph removal (first occurrences are kept).

    Near-duplicate search uses prefix filtering over word sets ordered by rarity, so it stays fast on long texts.
    """
    keys = [words(p) for p in paragraphs]
    counts = Counter(keys)
    rarity = Counter(w for key in set(keys) if len(key) >= MIN_FUZZY_WORDS for w in set(key))
    seen: set[tuple[str, ...]] = set()
    kept_sets: list[frozenset[str]] = []  # word sets of kept long paragraphs
    index: dict[str, list[int]] = defaultdict(list)  # prefix word -> positions in kept_sets
    mask: list[bool] = []
    for paragraph, key in zip(paragraphs, keys, strict=True):
        keep = bool(key) and key not in BOILERPLATE_LINES and key not in seen and not _is_share_bar(key)
        if keep and counts[key] > 1 and _is_short_line(paragraph, key):
            keep = False  # recurring short line such as "Reuters" or "Share": boilerplate, every occurrence
        if keep and len(key) >= MIN_FUZZY_WORDS:
            wordset = frozenset(key)
            prefix = _prefix(sorted(wordset, key=lambda w: (rarity[w], w)), threshold)
            n = len(wordset)
            lo, hi = n * LENGTH_RATIO, n / LENGTH_RATIO
            for i in sorted({i for w in prefix for i in index.get(w, ())}):
                other = kept_sets[i]
                if lo <= len(other) <= hi and jaccard(wordset, other) >= threshold:
                    keep = False
                    break
            if keep:
                for w in prefix:
                    index[w].append(len(kept_sets))
                kept_sets.append(wordset)
        seen.add(key)
        mask.append(keep)
    return mask


def remove_repeated(paragraphs: list[str], threshold: float = 0.9) -> list[str]:
    """The paragraphs that survive ``keep_mask``, in order."""
    return [p for p, keep in zip(paragraphs, keep_mask(paragraphs, threshold), strict=True) if keep]

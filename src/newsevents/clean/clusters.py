"""Near-duplicate story clusters: syndicated copies of one wire story share a cluster id (its first member's id).

Exact copies match by content hash; near copies by MinHash LSH over word 5-shingles (datasketch, fixed seed, so
signatures and ids are deterministic): a candidate joins when its estimated Jaccard similarity reaches
``threshold`` or when one text is (nearly) contained in the other (a copy cut short or with a paragraph added).
Signatures are bytes (shingle count + MinHash), so a store can persist them and reload the clusterer.
"""

from __future__ import annotations

import hashlib
import re
import struct
from collections.abc import Iterable

_WORD = re.compile(r"\w+")
SHINGLE_WORDS = 5
NUM_PERM = 128
SEED = 20240430
THRESHOLD = 0.8
# Share of the smaller text's shingles found in the larger one that also makes a copy (truncated syndication).
CONTAINMENT = 0.9
# LSH retrieval threshold: low enough to find contained copies, whose Jaccard similarity can be far below 0.8.
RETRIEVE = 0.3
# Containment alone only counts when the smaller text has at least this many shingles (not a stray sentence).
MIN_CONTAINED = 25
# datasketch >= 2.0 permutation scheme, pinned: persisted signatures are only comparable within one scheme.
SCHEME = "affine32"


def _words(text: str) -> list[str]:
    return _WORD.findall(text.casefold())


def content_hash(text: str) -> str:
    """SHA-256 (hex, 32 chars) of the text's case-folded words: equal for copies differing only in spacing,
    punctuation or case."""
    return hashlib.sha256(" ".join(_words(text)).encode("utf-8")).hexdigest()[:32]


def shingles(text: str, size: int = SHINGLE_WORDS) -> set[str]:
    """Word ``size``-shingles of the text (one shingle of all words when it is shorter)."""
    words = _words(text)
    if len(words) < size:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i:i + size]) for i in range(len(words) - size + 1)}


class StoryClusterer:
    """Assigns each added document to a story cluster, incrementally; the cluster id is its first member's doc_id.

    Candidates come from LSH; a candidate joins only when its estimated Jaccard similarity reaches ``threshold``.
    Among several, the most similar wins, ties going to the earliest added: the same order gives the same ids.
    """

    def __init__(self, threshold: float = THRESHOLD, num_perm: int = NUM_PERM, seed: int = SEED,
                 shingle_words: int = SHINGLE_WORDS, containment: float = CONTAINMENT):
        from datasketch import MinHash, MinHashLSH

        self.threshold, self.num_perm, self.seed, self.shingle_words = threshold, num_perm, seed, shingle_words
        self.containment = containment
        self._lsh = MinHashLSH(threshold=min(RETRIEVE, threshold), num_perm=num_perm)
        self._permutations = MinHash(num_perm=num_perm, seed=seed, scheme=SCHEME).permutations
        self._minhash: dict[str, object] = {}
        self._size: dict[str, int] = {}
        self._cluster: dict[str, str] = {}
        self._order: dict[str, int] = {}
        self._by_hash: dict[str, str] = {}

    def __len__(self) -> int:
        return len(self._cluster)

    def __contains__(self, doc_id: object) -> bool:
        return doc_id in self._cluster

    def _new_minhash(self, hashvalues: object | None = None) -> object:
        from datasketch import MinHash

        return MinHash(num_perm=self.num_perm, seed=self.seed, hashvalues=hashvalues,
                       permutations=self._permutations, scheme=SCHEME)

    def minhash(self, text: str) -> object:
        """The MinHash of the text's shingles (a datasketch ``MinHash``)."""
        mh = self._new_minhash()
        mh.update_batch([s.encode("utf-8") for s in sorted(shingles(text, self.shingle_words))])  # type: ignore[attr-defined]
        return mh

    def _register(self, doc_id: str, cluster_id: str, mh: object | None, size: int = 0) -> None:
        self._cluster[doc_id] = cluster_id
        self._order[doc_id] = len(self._order)
        if mh is not None:
            self._minhash[doc_id] = mh
            self._size[doc_id] = size
            self._lsh.insert(doc_id, mh)

    def add(self, doc_id: str, text: str) -> str:
        """Add a document and return its cluster id; adding a known doc_id again returns its cluster unchanged."""
        if doc_id in self._cluster:
            return self._cluster[doc_id]
        digest = content_hash(text)
        if not _words(text):
            self._register(doc_id, doc_id, None)  # empty texts are nobody's copy
            return doc_id
        mh = self.minhash(text)
        size = len(shingles(text, self.shingle_words))
        cluster_id = self._by_hash.get(digest) or self._best_match(mh, size) or doc_id
        self._by_hash.setdefault(digest, cluster_id)
        self._register(doc_id, cluster_id, mh, size)
        return cluster_id

    def _best_match(self, mh: object, size: int) -> str | None:
        best: tuple[float, int, str] | None = None
        for other in self._lsh.query(mh):
            jaccard = mh.jaccard(self._minhash[other])  # type: ignore[attr-defined]
            other_size = self._size[other]
            # |A & B| = J (|A| + |B|) / (1 + J); contained share = that over the smaller set.
            common = jaccard * (size + other_size) / (1 + jaccard)
            contained = common / max(1, min(size, other_size))
            if jaccard < self.threshold and (contained < self.containment or min(size, other_size) < MIN_CONTAINED):
                continue
            key = (-jaccard, self._order[other], other)
            if best is None or key < best:
                best = key
        return self._cluster[best[2]] if best is not None else None

    def cluster_of(self, doc_id: str) -> str | None:
        """The cluster id of a known document, or None."""
        return self._cluster.get(doc_id)

    def signature(self, doc_id: str) -> bytes:
        """The document's shingle count (uint32) and MinHash (num_perm uint32), little-endian; b"" for an empty
        text. KeyError if the doc_id is unknown."""
        if doc_id not in self._cluster:
            raise KeyError(doc_id)
        mh = self._minhash.get(doc_id)
        if mh is None:
            return b""
        return struct.pack("<I", self._size[doc_id]) + mh.hashvalues.astype("<u4").tobytes()  # type: ignore[attr-defined]

    @classmethod
    def from_signatures(cls, items: Iterable[tuple[str, str, bytes]], **params: float | int) -> StoryClusterer:
        """A clusterer restored from ``(doc_id, cluster_id, signature)`` rows, in their original insertion order.

        ``params`` (threshold, num_perm, seed, shingle_words) must match those the signatures were made with.
        """
        import numpy as np

        clusterer = cls(**params)  # type: ignore[arg-type]
        width = 4 + clusterer.num_perm * 4
        for doc_id, cluster_id, signature in items:
            if doc_id in clusterer._cluster:
                continue
            if not signature:
                clusterer._register(doc_id, cluster_id, None)
                continue
            if len(signature) != width:
                raise ValueError(f"signature of {doc_id!r} has {len(signature)} bytes, expected {width}")
            (size,) = struct.unpack_from("<I", signature)
            values = np.frombuffer(signature, dtype="<u4", offset=4).astype(np.uint32)
            clusterer._register(doc_id, cluster_id, clusterer._new_minhash(values), size)
        return clusterer

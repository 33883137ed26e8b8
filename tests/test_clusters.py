"""Tests for near-duplicate story clusters: syndicated copies join, follow-ups do not, ids are deterministic."""

from __future__ import annotations

import pytest

from newsevents.clean.clusters import StoryClusterer, content_hash, shingles

WIRE = (
    "Police in the capital fired tear gas on Tuesday to disperse several hundred protesters who had gathered "
    "outside the parliament building to demand the release of detained opposition leaders.\n"
    "Witnesses said at least twelve people were arrested during the clashes, which lasted for more than two hours "
    "before the crowd was pushed back into the side streets near the central market.\n"
    "The interior ministry said in a statement that the gathering had not been authorised and that officers had "
    "acted with restraint after demonstrators threw stones at a police cordon.\n"
    "Opposition leaders called for a general strike on Thursday and vowed to return to the streets every day "
    "until their colleagues were freed, raising fears of further unrest before next month's elections.\n"
    "The government has rejected calls for talks, accusing the opposition of trying to destabilise the country "
    "with the help of foreign backers, a charge the opposition denies."
)
# The same story as another outlet runs it: new headline line, byline, dateline, one sentence trimmed.
SYNDICATED = (
    "Tear gas fired at parliament protest\nBy Staff Reporter, Agence Example\nCAPITAL CITY (AE) -\n"
    + WIRE.replace(" with the help of foreign backers", "")
)
FOLLOW_UP = (
    "A general strike called by the opposition shut shops and schools across the capital on Thursday, two days "
    "after police broke up a protest outside parliament.\n"
    "Most public transport stopped running and long queues formed at the few petrol stations that stayed open, "
    "residents said, while riot police patrolled the main avenues.\n"
    "The opposition said the strike was a success and announced a march for Saturday; the government said it "
    "would not be intimidated and urged workers to return to their jobs on Friday."
)


def test_content_hash_ignores_case_spacing_and_punctuation() -> None:
    assert content_hash("Police  arrested ten people.") == content_hash("police arrested ten people")
    assert content_hash("Police arrested ten people.") != content_hash("Police arrested nine people.")
    assert len(content_hash("x")) == 32
    assert shingles("a b c") == {"a b c"} and len(shingles(WIRE)) > 100


def test_syndicated_copy_joins_follow_up_does_not() -> None:
    clusterer = StoryClusterer()
    assert clusterer.add("wire-1", WIRE) == "wire-1"
    assert clusterer.add("outlet-7", SYNDICATED) == "wire-1"
    assert clusterer.add("wire-1-copy", WIRE.upper()) == "wire-1"  # exact duplicate by content hash
    assert clusterer.add("wire-2", FOLLOW_UP) == "wire-2"
    assert clusterer.add("wire-1", FOLLOW_UP) == "wire-1"  # a known id keeps its cluster
    assert clusterer.cluster_of("outlet-7") == "wire-1" and clusterer.cluster_of("nope") is None
    assert len(clusterer) == 4 and "wire-2" in clusterer


def test_copy_cut_short_joins_but_unrelated_short_text_does_not() -> None:
    clusterer = StoryClusterer()
    clusterer.add("wire-1", WIRE)
    first_two = "\n".join(WIRE.split("\n")[:2])  # a regional paper ran only the first two paragraphs
    assert clusterer.add("regional", first_two) == "wire-1"
    assert clusterer.add("other", "Police arrested two men in the capital on Tuesday after a robbery.") == "other"


def test_empty_texts_are_singletons() -> None:
    clusterer = StoryClusterer()
    assert clusterer.add("e1", "") == "e1"
    assert clusterer.add("e2", " ... ") == "e2"
    assert clusterer.signature("e1") == b""


def test_deterministic_ids_and_signatures_across_instances_and_batches() -> None:
    docs = [("a", FOLLOW_UP), ("b", WIRE), ("c", SYNDICATED), ("d", FOLLOW_UP + "\nMore to follow.")]
    first, second = StoryClusterer(), StoryClusterer()
    ids1 = [first.add(d, t) for d, t in docs]
    ids2 = [second.add(d, t) for d, t in docs[:2]]
    rows = [(d, second.cluster_of(d) or "", second.signature(d)) for d, _ in docs[:2]]
    reloaded = StoryClusterer.from_signatures(rows)
    ids2 += [reloaded.add(d, t) for d, t in docs[2:]]
    assert ids1 == ids2 == ["a", "b", "b", "a"]
    assert first.signature("c") == reloaded.signature("c")
    assert len(first.signature("c")) == 4 + 128 * 4


def test_from_signatures_rejects_wrong_width_and_unknown_ids() -> None:
    with pytest.raises(ValueError):
        StoryClusterer.from_signatures([("x", "x", b"\x00" * 10)])
    with pytest.raises(KeyError):
        StoryClusterer().signature("missing")

"""Casualty and crowd figures: number reading, qualifiers, typing by the counted word, and event scoping."""

from __future__ import annotations

import pytest

from newsevents.extract.magnitudes import magnitudes, parse_number
from newsevents.model import Count

SEED = ("According to figures from the Hamas-run health ministry in Gaza, Israel's retaliatory offensive has "
        "resulted in the deaths of at least 34,535 people in the Gaza Strip, predominantly women and children.")


def _mag(nlp, text: str, trigger: str):
    doc = nlp(text)
    tok = next(t for t in doc if t.lower_ == trigger.lower())
    return magnitudes(doc[:], tok)


def _simple(mag) -> dict[str, tuple[int, str]]:
    return {k: (v["value"], v["qualifier"]) for k, v in mag.to_dict().items() if v}


@pytest.mark.parametrize("words, value", [
    (["34,535"], 34535), (["1,00,000"], 100000), (["1.2", "million"], 1200000), (["twelve"], 12),
    (["two", "dozen"], 24), (["a", "dozen"], 12), (["two", "hundred", "and", "fifty"], 250),
    (["twenty", "-", "five"], 25), (["3", "lakh"], 300000), (["5000"], 5000), (["hundreds"], None),
])
def test_parse_number(words, value):
    assert parse_number(words) == value


@pytest.mark.parametrize("trigger", ["offensive", "deaths"])
def test_seed_deaths(nlp, trigger):
    mag = _mag(nlp, SEED, trigger)
    assert mag.killed == Count(34535, "at_least")
    assert mag.injured is None and mag.arrested is None and mag.crowd is None


CASES = [
    ("Gunmen killed 12 people in the market.", "killed", {"killed": (12, "exact")}),
    ("12 people were killed in the attack.", "attack", {"killed": (12, "exact")}),
    ("The death toll rose to 40 from 30.", "toll", {"killed": (40, "exact")}),
    ("The toll stands at 112.", "toll", {"killed": (112, "exact")}),
    ("The injury toll climbed to 64.", "toll", {"injured": (64, "exact")}),
    ("A bomb exploded in the market, leaving 5 dead and 20 wounded.", "exploded",
     {"killed": (5, "exact"), "injured": (20, "exact")}),
    ("The attack left 3 people injured.", "attack", {"injured": (3, "exact")}),
    ("Troops opened fire on the crowd, killing 7 and injuring 30.", "opened",
     {"killed": (7, "exact"), "injured": (30, "exact")}),
    ("The blast injured 7 and 12 people died.", "blast", {"killed": (12, "exact"), "injured": (7, "exact")}),
    ("Police arrested 20 protesters.", "arrested", {"arrested": (20, "exact")}),
    ("Around two dozen were detained.", "detained", {"arrested": (24, "about")}),
    ("No fewer than 60 protesters were detained.", "detained", {"arrested": (60, "at_least")}),
    ("Up to twelve people were arrested.", "arrested", {"arrested": (12, "up_to")}),
    ("A crowd of 5,000 gathered outside parliament.", "gathered", {"crowd": (5000, "exact")}),
    ("A crowd estimated at 10,000 gathered outside parliament.", "gathered", {"crowd": (10000, "about")}),
    ("An estimated 5,000 people marched through the city.", "marched", {"crowd": (5000, "about")}),
    ("Over 1.2 million people protested in the capital.", "protested", {"crowd": (1200000, "at_least")}),
    ("Nearly 1,00,000 people marched in Kolkata.", "marched", {"crowd": (100000, "up_to")}),
    ("Fewer than 100 people attended the rally.", "rally", {"crowd": (100, "up_to")}),
    ("The protest drew more than 20,000 people.", "protest", {"crowd": (20000, "at_least")}),
    ("Some 2,000 workers went on strike.", "strike", {"crowd": (2000, "about")}),
    ("Some 300 people were injured.", "injured", {"injured": (300, "about")}),
    ("As many as 40 people lost their lives in the floods.", "floods", {"killed": (40, "up_to")}),
    ("The bombing claimed the lives of 17 people.", "bombing", {"killed": (17, "exact")}),
    ("Soldiers shot dead a dozen villagers.", "shot", {"killed": (12, "exact")}),
    ("Twenty-five people were wounded in the blast.", "blast", {"injured": (25, "exact")}),
    ("More than two hundred and fifty people were killed.", "killed", {"killed": (250, "at_least")}),
    ("Gunmen killed 5 soldiers and 3 civilians.", "killed", {"killed": (8, "exact")}),
    ("The attack killed 12 people, including 5 children.", "attack", {"killed": (12, "exact")}),
    ("The clashes left one policeman dead.", "clashes", {"killed": (1, "exact")}),
    ("Israeli strikes killed 27 people on Monday, health officials said.", "strikes", {"killed": (27, "exact")}),
    # nothing to count, or nothing that counts
    ("Thousands of demonstrators rallied in the square.", "rallied", {}),
    ("Hundreds were injured in the stampede.", "stampede", {}),
    ("Twelve soldiers killed a man in the village.", "killed", {}),
    ("A 25-year-old man was killed in 2007 in a dispute over rs 300 crore.", "killed", {}),
    ("Police arrested a man aged 25.", "arrested", {}),
    ("The two leaders met for 3 hours.", "met", {}),
    ("Five people were killed, police said.", "said", {}),
    # figures of another event in the sentence stay with that event
    ("Police arrested 20 protesters after clashes killed 5 people.", "arrested", {"arrested": (20, "exact")}),
    ("Police arrested 20 protesters after clashes killed 5 people.", "killed", {"killed": (5, "exact")}),
]


@pytest.mark.parametrize("text, trigger, expected", CASES)
def test_magnitudes(nlp, text, trigger, expected):
    assert _simple(_mag(nlp, text, trigger)) == expected


def test_seed_article_has_one_casualty_figure(nlp, shared_dir):
    text = (shared_dir / "seed" / "article.txt").read_text(encoding="utf-8")
    doc = nlp(text)
    figures = []
    for sent in doc.sents:
        root = sent.root
        mag = magnitudes(sent, root)
        if not mag.is_empty():
            figures.append((sent.text[:30], mag))
    # the closing paragraph (repeated once in the raw article) is the only one with a figure
    assert {m.killed for _, m in figures} == {Count(34535, "at_least")}
    assert all(m.crowd is None and m.injured is None for _, m in figures)

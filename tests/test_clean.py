"""Tests for newsevents.clean: HTML main text, normalisation, repeated-paragraph removal, publication dates."""

from __future__ import annotations

import datetime as dt
import random
import time
from pathlib import Path

import pytest

from newsevents.clean import clean_document, fix_mojibake, keep_mask, normalize_text, split_paragraphs
from newsevents.model import Article, RawDoc, Rejected

LONG = ("The foreign ministers of Armenia and Georgia agreed on Tuesday to reopen a second border crossing "
        "between the two countries, according to a joint statement released after talks in Tbilisi on trade.")
OTHER = ("Opposition lawmakers in Tbilisi criticised the plan, saying it had been negotiated without consulting "
         "the regional councils that manage the border districts and their customs posts.")


def _article(text: str, **kwargs) -> Article:
    result = clean_document(RawDoc(doc_id="d", text=text, origin="test"), **kwargs)
    assert isinstance(result, Article), result
    return result


def test_seed_article_11_in_6_out(shared_dir: Path) -> None:
    text = (shared_dir / "seed" / "article.txt").read_text(encoding="utf-8")
    art = clean_document(RawDoc(doc_id="seed", text=text, date="2024-04-30"))
    assert isinstance(art, Article)
    assert (art.paragraphs_in, art.paragraphs_out, art.paragraphs_removed) == (11, 6, 5)
    assert art.date == dt.date(2024, 4, 30)
    assert art.text.count("Foreign ministry spokesman Lin Jian disclosed the meeting") == 1
    assert art.text.startswith("China confirmed on Tuesday")
    assert art.text.endswith("predominantly women and children.")
    assert len(art.text.split("\n")) == 6


def test_near_exact_repeat_removed_and_different_paragraphs_kept() -> None:
    changed = LONG.replace("second", "new")
    art = _article(f"{LONG}\n{OTHER}\n{changed}")
    assert art.text == f"{LONG}\n{OTHER}"
    assert (art.paragraphs_in, art.paragraphs_out, art.paragraphs_removed) == (3, 2, 1)
    strict = _article(f"{LONG}\n{OTHER}\n{changed}", near_duplicate_threshold=1.0)
    assert strict.paragraphs_out == 3


def test_short_repeated_boilerplate_dropped_but_short_unique_lines_kept() -> None:
    text = f"Reuters\n{LONG}\nAdvertisement\n{OTHER}\nReuters\nShort line.\nAdvertisement"
    art = _article(text)
    assert art.text == f"{LONG}\n{OTHER}\nShort line."
    assert art.paragraphs_removed == 4
    # A short exact repeat with sentence punctuation keeps its first occurrence only.
    assert keep_mask(["Talks failed.", LONG, "Talks failed."]) == [True, True, False]


def test_normalisation_whitespace_controls_and_blank_lines() -> None:
    raw = "  First\u00a0 paragraph\u200b here.\t\r\n\r\n\r\n Second\x07 one\u2028Third\ufeff line.  \n\n"
    # odd spaces become plain spaces one for one (runs are kept, so evidence text is found verbatim in the
    # source); lines are stripped, blank lines and invisible characters go
    assert normalize_text(raw) == "First  paragraph here.\nSecond one\nThird line."
    assert normalize_text("in an  alleyway\tof Cairo") == "in an  alleyway of Cairo"
    assert normalize_text("Cafe\u0301 talks") == "Caf\u00e9 talks"  # NFC


def test_mojibake_repaired() -> None:
    assert fix_mojibake("It\u00e2\u20ac\u2122s") == "It\u2019s"
    assert fix_mojibake("\u00e2\u20ac\u0153Peace\u00e2\u20ac\u009d") == "\u201cPeace\u201d"
    assert fix_mojibake("caf\u00c3\u00a9 \u00e2\u20ac\u201d done") == "caf\u00e9 \u2014 done"
    # Correct text is left alone, including characters that look like lead bytes.
    for good in ("Stra\u00dfe\u00bb", "na\u00efve caf\u00e9", "\u00c0 bient\u00f4t \u00a9 2024"):
        assert fix_mojibake(good) == good
    art = _article("The minister\u00e2\u20ac\u2122s statement")
    assert art.text == "The minister\u2019s statement"


def test_hard_wrapped_paragraphs_are_unwrapped() -> None:
    text = ("Protesters gathered outside the parliament\nin Nairobi on Monday to oppose the bill.\n\n"
            "Police used tear gas to disperse\nthe crowd, witnesses said.\n")
    art = _article(text)
    assert art.text == ("Protesters gathered outside the parliament in Nairobi on Monday to oppose the bill.\n"
                        "Police used tear gas to disperse the crowd, witnesses said.")


def test_dates() -> None:
    def date_of(value: str | None) -> dt.date | None | str:
        result = clean_document(RawDoc(doc_id="d", text="Talks resumed.", date=value))
        return result.date if isinstance(result, Article) else result.code

    assert date_of("2024-04-30") == dt.date(2024, 4, 30)
    assert date_of("2024-04-30T10:00:00Z") == dt.date(2024, 4, 30)
    assert date_of("2024-04-30T23:30:00+05:00") == dt.date(2024, 4, 30)
    assert date_of(None) is None
    for bad in ("yesterday", "2024-13-01", "30/04/2024", "20240430x"):
        assert date_of(bad) == "E110"
    rej = clean_document(RawDoc(doc_id="d", text="x", date="soon", origin="f.jsonl:3"))
    assert isinstance(rej, Rejected) and rej.stage == "clean" and rej.origin == "f.jsonl:3"


def test_html_main_text_title_and_date(fixtures_dir: Path) -> None:
    html = (fixtures_dir / "ingest" / "page.html").read_text(encoding="utf-8")
    art = clean_document(RawDoc(doc_id="page", html=html))
    assert isinstance(art, Article)
    assert art.title == "Ministers agree on border crossing plan"
    assert art.date == dt.date(2024, 3, 12)
    assert art.text.startswith("The foreign ministers of Armenia and Georgia agreed on Tuesday")
    assert "heavy lorries." in art.text
    for boilerplate in ("Subscribe now", "Most read", "Ten recipes", "Copyright", "Cookie settings"):
        assert boilerplate not in art.text
    assert art.paragraphs_out == 4
    # The caller's date wins over the page's own metadata.
    own = clean_document(RawDoc(doc_id="page", html=html, date="2024-03-13"))
    assert isinstance(own, Article) and own.date == dt.date(2024, 3, 13)


def test_html_without_article_text_is_e201() -> None:
    rej = clean_document(RawDoc(doc_id="nav", html="<html><body><nav><a href='/'>Home</a></nav></body></html>"))
    assert isinstance(rej, Rejected) and rej.code == "E201" and rej.stage == "clean"


def test_nothing_left_is_e202() -> None:
    for text in ("\u200b\u200b \n \x07", "Advertisement\n* * *"):
        rej = clean_document(RawDoc(doc_id="d", text=text))
        assert isinstance(rej, Rejected) and rej.code == "E202"


def test_split_paragraphs_spans_match_text() -> None:
    art = _article(f"{LONG}\n\n\n{OTHER}\n{LONG}")
    spans = split_paragraphs(art.text)
    assert [art.text[s:e] for s, e in spans] == [LONG, OTHER]
    assert split_paragraphs("a\n\n  b c \n") == [(0, 1), (5, 8)]


def test_clean_is_deterministic_and_idempotent(shared_dir: Path) -> None:
    text = (shared_dir / "seed" / "article.txt").read_text(encoding="utf-8")
    first = _article(text)
    assert _article(text) == first
    again = _article(first.text)
    assert again.text == first.text and again.paragraphs_removed == 0


@pytest.mark.parametrize("threshold", [0.8, 0.9, 0.95])
def test_threshold_never_merges_distinct_paragraphs(threshold: float) -> None:
    assert keep_mask([LONG, OTHER], threshold) == [True, True]


def test_scraper_artefacts_lost_nbsp_and_replacement_chars() -> None:
    assert fix_mojibake("read this story in... \u00c2 \u00c2 hindi talks\u00c2 govt") == \
        "read this story in...     hindi talks  govt"
    assert fix_mojibake("\u00c2ge \u00c2NGELO \u00c2\u00a35") == "\u00c2ge \u00c2NGELO \u00a35"
    assert fix_mojibake("\u00e2\u20ac\u0153we demand a ban,\u00e2\u20ac\ufffd he said") == \
        "\u201cwe demand a ban,\u201d he said"
    assert normalize_text("a situation \ufffd similar, a\ufffdb") == "a situation  similar, a\ufffdb"


def test_share_bar_line_dropped() -> None:
    art = _article(f"{LONG}\nFacebook Twitter Linkedin Mail\nTwitter said on Monday it had closed the accounts.")
    assert art.text == f"{LONG}\nTwitter said on Monday it had closed the accounts."


def test_near_duplicate_search_is_fast_on_many_paragraphs() -> None:
    rng = random.Random(7)
    vocab = [f"w{i}" for i in range(5000)]
    paragraphs = [" ".join(rng.choice(vocab) for _ in range(rng.randint(10, 60))) + "." for _ in range(3000)]
    repeats = [p.replace(p.split()[1], "changed", 1) for p in paragraphs[:50] if len(p.split()) >= 40]
    start = time.perf_counter()
    mask = keep_mask(paragraphs + repeats)
    assert time.perf_counter() - start < 5.0
    assert mask[: len(paragraphs)] == [True] * len(paragraphs)
    assert mask[len(paragraphs):] == [False] * len(repeats) and repeats


def test_html_date_not_guessed_from_copyright_line() -> None:
    html = ("<html><head><title>Doha talks</title></head><body><article><p>Talks resumed in Doha on Monday, "
            "officials said, after a week-long pause in the negotiations.</p></article>"
            "<footer>\u00a9 2021 Example News</footer></body></html>")
    art = clean_document(RawDoc(doc_id="p", html=html))
    assert isinstance(art, Article) and art.date is None and art.title == "Doha talks"

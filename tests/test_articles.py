"""Normalising reader records into the articles frame: ids, headline forms, dates, duplicates."""

from __future__ import annotations

import pandas as pd
import pytest

from workbench.articles import article_id, articles_frame, title_case
from workbench.dedupe import mark_duplicates


@pytest.mark.parametrize(
    ("headline", "expected"),
    [
        ("U.S. WARNS OF IRAN, RUSSIA ALLIANCE", "U.S. Warns of Iran, Russia Alliance"),
        ("NATO CHIEF SAYS WAR COULD SPREAD", "NATO Chief Says War Could Spread"),
        ("THE UN AND THE WEST", "The UN and the West"),
        ("PRE-EMPTIVE STRIKE DEBATE", "Pre-Emptive Strike Debate"),
        ("Already Mixed Case Stays", "Already Mixed Case Stays"),
        (None, None),
        ("", ""),
    ],
)
def test_title_case(headline, expected):
    assert title_case(headline) == expected


def test_article_id_is_stable_and_distinguishes_copies():
    a = article_id("/x/folder/a.txt", 0, "H", "body")
    assert a == article_id("other/place/a.txt", 0, "H", "body")  # same file name and content
    assert a != article_id("/x/folder/b.txt", 0, "H", "body")  # a syndicated copy in another file
    assert a != article_id("/x/folder/a.txt", 1, "H", "body")  # the second story of a file
    assert len(a) == 16


def test_articles_frame_normalises_fields():
    frame = articles_frame(
        [
            {
                "source": "a.txt",
                "format": "text",
                "headline": "One",
                "text": "Two words",
                "date": "2026-06-01",
                "authors": "Jane Roe",
            },
            {"source": "a.txt", "format": "text", "headline": None, "text": "", "date": "not a date"},
        ]
    )
    assert frame["n_words"].tolist() == [2, 0]
    assert frame["authors"].tolist() == [["Jane Roe"], []]
    assert frame["date"].iloc[0] == pd.Timestamp("2026-06-01")
    assert pd.isna(frame["date"].iloc[1])
    assert frame["duplicate_of"].isna().all()


STORY = " ".join(
    f"Sentence {i} of the wire story says the ministers met in the capital to discuss the ceasefire plan."
    for i in range(12)
)


def test_mark_duplicates_finds_exact_and_near_copies():
    near = STORY.replace("Sentence 11 of the wire story", "Sentence eleven of the wire report")
    other = " ".join(
        f"An unrelated report number {i} about markets, grain prices and rain." for i in range(12)
    )
    frame = articles_frame(
        [
            {"source": "b.txt", "text": STORY, "date": "2026-06-02"},
            {"source": "a.txt", "text": STORY, "date": "2026-06-01"},
            {"source": "c.txt", "text": near, "date": "2026-06-03"},
            {"source": "d.txt", "text": other, "date": "2026-06-01"},
            {"source": "e.txt", "text": "Too short to judge.", "date": "2026-06-01"},
            {"source": "f.txt", "text": "Too short to judge.", "date": "2026-06-01"},
        ]
    )
    marked = mark_duplicates(frame)
    first = frame["article_id"].iloc[1]  # the earliest copy is the original
    assert marked["duplicate_of"].tolist() == [first, None, first, None, None, None]
    assert frame["duplicate_of"].isna().all()  # the input is not mutated

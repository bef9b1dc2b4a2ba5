"""The analysis verbs on real articles: the seed plus the GGT development corpus."""

from __future__ import annotations

import pytest

import workbench as wb
from tests.shared import CORPORA, SEED, require_shared

pytestmark = pytest.mark.corpora


@pytest.fixture(scope="module")
def corpus():
    require_shared(SEED)
    return wb.load([SEED, CORPORA / "ggt-dev"], progress=False)


def test_filter_on_iran_keeps_the_seed(corpus):
    iran = corpus.filter(country="IRN")
    assert str(SEED) in set(iran.articles["source"].astype(str))


def test_seed_top_countries(corpus):
    ranked = corpus.filter(publication="Calgary Herald").counts("country")
    assert set(ranked["country"].astype(str).head(4)) == {"RUS", "IRN", "USA", "UKR"}


def test_cleverly_talks_about_iran_and_russia(corpus):
    table = corpus.crosstab("speaker", "country")
    assert table.loc["James Cleverly", "IRN"] > 0
    assert table.loc["James Cleverly", "RUS"] > 0

"""Year and section intents and question frames on the real seed corpus (hybrid index).

A year in the query asks for what was done that year: a passage whose own text
names the year speaks of it, a passage that only lies in a five-year summary
covering it does not. Section words (自己評価, 評価) ask for that part of the
reports; question frames (…はあるか, どのように…しているか) are not topics.
"""

from __future__ import annotations

from search_app.yearintent import named_years


def test_a_year_is_named_by_a_sentence_not_by_a_tables_year_columns_or_a_range():
    assert named_years("令和7年度からは定期的に栄養士相談も開始した。") == {2025}
    assert named_years("R5年度より常設ひろば全6施設に拡大") == {2023}
    assert named_years("令和4年5月から「ひろば預かり」を開始した") == {2022}
    assert named_years("R3年度 | R4年度 | R5年度 | R6年度\n相談件数 | 1129件 | 1037件") == set()
    assert named_years("対象期間：令和3年度～令和7年度") == set()


def _names_2025(p) -> bool:
    return 2025 in named_years(p["text"])


def test_a_year_written_in_the_passages_text_ranks_it_for_that_years_query(hybrid_service):
    # Only 西区's five-year summary (2021-2025) covers 令和7年度; every one of its
    # passages passes the year filter, a few of them say what happened in 令和7年度.
    results = hybrid_service.search("令和7年度の相談")["results"]
    naming = [n for n, p in enumerate(results) if _names_2025(p)]
    assert len(naming) >= 3
    assert naming == list(range(len(naming)))   # all of them before any passage that does not


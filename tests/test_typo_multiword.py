"""Slips that span more than one word (search_app.spelling): a space typed inside a word
(a paste from a PDF, a line break, the IME's conversion boundary), half-width kana with a
full-width space, and a kanji compound left in hiragana that reads as two report words.
The corrections come from the reports' own words, as for one-word slips
(tests/test_typo_suggestions.py); words that match as typed are never joined."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize("typed, corrected", [
    ("ボラン ティア", "ボランティア"),
    ("ﾎﾞﾗﾝ　ﾃｨｱ", "ボランティア"),            # half-width kana, a full-width space
    ("ボラン ティア 西区", "ボランティア 西区"),   # the ward typed with it is kept
])
def test_a_word_split_by_a_space_that_matches_nothing_is_searched_written_together(
        keyword_service, typed, corrected):
    r = keyword_service.search(typed, mode="bm25")
    assert r["spelling"] is not None and r["spelling"]["searched"] is True
    assert r["spelling"]["corrected"] == corrected
    assert r["total"] == keyword_service.search(corrected, mode="bm25")["total"] > 0
    assert any("に一致する記載がないため、「ボランティア」で検索しました" in n for n in r["notices"])


@pytest.mark.parametrize("typed, corrected", [
    ("子育て支 援", "子育て支援"),
    ("子育てパート ナー", "子育てパートナー"),
    ("令和5年度の子育て支 援", "令和5年度の子育て支援"),
])
def test_a_space_inside_a_word_of_a_query_that_finds_something_is_offered_as_moshikashite(
        keyword_service, typed, corrected):
    r = keyword_service.search(typed, mode="bm25")
    assert r["total"] > 0
    assert r["spelling"] == {"original": typed, "corrected": corrected, "searched": False,
                             "words": r["spelling"]["words"]}


@pytest.mark.parametrize("query", ["妊娠期 支援", "両親 教室", "子育て ひろば", "子育てサポート システム", "多胎 児"])
def test_words_that_match_as_spaced_are_not_joined(keyword_service, query):
    assert keyword_service.search(query, mode="bm25")["spelling"] is None


@pytest.mark.parametrize("typed, corrected", [
    ("ていきょうかいいん", "提供会員"),               # テイキョウ + カイイン
    ("ていきょうかいいんのかくほ", "提供会員の確保"),  # a particle between them kept as typed
])
def test_a_hiragana_run_that_reads_as_report_words_in_a_row_is_corrected_to_all_of_them(
        keyword_service, typed, corrected):
    r = keyword_service.search(typed, mode="bm25")
    assert r["spelling"] is not None and r["spelling"]["corrected"] == corrected
    # (before: only the run's end was read, 「ていきょうか委員」 offered)
    assert "委員" not in r["spelling"]["corrected"]


def test_the_page_offers_the_joined_word_as_a_link(client):
    page = client.get("/?q=" + "子育て支 援").get_data(as_text=True)
    assert "もしかして" in page and "子育て支援" in page


def test_a_question_typed_all_in_hiragana_finds_the_word_sudachi_cut_apart(keyword_service):
    # Sudachi cuts しえんしている as し + え + んし: no morpheme boundary after しえん (支援)
    r = keyword_service.search("どのようにしえんしているか", mode="bm25")
    assert r["total"] > 0
    assert r["spelling"]["searched"] is True and r["spelling"]["corrected"] == "どのように支援しているか"
    assert "「しえん」に一致する記載がないため、「支援」で検索しました" in r["notices"]
    assert not any("辞書にも見つかりません" in n for n in r["notices"])

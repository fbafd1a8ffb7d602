"""A query word typed with a slip (a large kana for a small one, a dash for ー, one
character off, a kanji word left in hiragana) that matches nothing is corrected from the
reports' own words: with no results the corrected words are searched and the user is told,
with a link back to the words as typed; with results the correction is offered as
「もしかして」. In the web page, the JSON API and the CLI alike."""

from __future__ import annotations

import json

import pytest

from search_app import spelling


@pytest.mark.parametrize("typed, word", [
    ("ボランテイア", "ボランティア"),    # large イ for small ィ
    ("ボランティヤ", "ボランティア"),    # one kana wrong
    ("たたいじ", "多胎児"),              # a kanji word left in hiragana
])
def test_a_word_that_matches_nothing_is_searched_as_the_report_word_and_the_user_is_told(
        keyword_service, typed, word):
    r = keyword_service.search(typed, mode="bm25")
    right = keyword_service.search(word, mode="bm25")
    assert r["total"] == right["total"] > 0
    assert r["spelling"]["searched"] is True
    assert r["spelling"]["corrected"] == word and r["spelling"]["original"] == typed
    assert r["query"] == typed
    assert f"「{typed}」に一致する記載がないため、「{word}」で検索しました" in r["notices"]


def test_searching_exactly_as_typed_does_not_correct(keyword_service):
    r = keyword_service.search("ボランテイア", mode="bm25", spell=False)
    assert r["total"] == 0 and r["spelling"] is None


@pytest.mark.parametrize("typed, corrected", [
    ("子育てしえん", "子育て支援"),       # しえん: Sudachi cuts it into し + え + ん
    ("サポ－ト", "サポート"),             # a full-width minus for ー
    ("サポ‐ト", "サポート"),              # a hyphen for ー
])
def test_a_slip_in_a_query_that_still_finds_something_is_suggested_not_searched(keyword_service, typed, corrected):
    r = keyword_service.search(typed, mode="bm25")
    assert r["total"] > 0
    assert r["spelling"] == {"original": typed, "corrected": corrected, "searched": False,
                             "words": r["spelling"]["words"]}


def test_the_ward_and_year_typed_with_the_slip_are_kept_in_the_corrected_query(keyword_service):
    r = keyword_service.search("ボランテイア 西区", mode="bm25")
    assert r["spelling"]["corrected"] == "ボランティア 西区"
    assert r["results"] and {p["ward"] for p in r["results"]} == {"西区"}


@pytest.mark.parametrize("query", ["ボランティア", "多胎児", "子育て支援", "プレママ", "ファミリー・サポート"])
def test_a_query_whose_words_all_match_gets_no_correction(keyword_service, query):
    assert keyword_service.search(query, mode="bm25")["spelling"] is None


def test_a_word_with_no_report_word_near_it_gets_no_correction(keyword_service):
    r = keyword_service.search("ぴよぴよざうるす", mode="bm25")
    assert r["spelling"] is None


def test_large_and_small_kana_and_dashes_fold_to_the_same_spelling_key():
    assert spelling.fold("ボランテイア") == spelling.fold("ボランティア")
    assert spelling.fold("シヤツター") == spelling.fold("シャッター")
    assert spelling.fold("サポ－ト") == spelling.fold("サポ‐ト") == spelling.fold("サポート")
    assert spelling.within_one_edit("ボランテア", "ボランテイア")
    assert spelling.within_one_edit("ボランテアイ", "ボランテイア")     # two neighbours swapped
    assert not spelling.within_one_edit("ボラ", "ボランテイア")


def test_the_json_api_answers_the_correction_in_a_spelling_field(client):
    r = client.get("/api/search", query_string={"q": "ボランテイア", "mode": "bm25"}).get_json()
    assert r["spelling"]["searched"] is True and r["spelling"]["corrected"] == "ボランティア"
    assert r["total"] > 0
    as_typed = client.get("/api/search", query_string={"q": "ボランテイア", "mode": "bm25", "spell": "0"}).get_json()
    assert as_typed["spelling"] is None and as_typed["total"] == 0
    plain = client.get("/api/search", query_string={"q": "ボランティア", "mode": "bm25"}).get_json()
    assert plain["spelling"] is None


def test_the_page_says_what_was_searched_and_links_back_to_the_words_as_typed(client):
    html = client.get("/", query_string={"q": "ボランテイア", "mode": "bm25"}).get_data(as_text=True)
    assert "「<strong>ボランティア</strong>」の検索結果を表示しています" in html
    assert 'class="spelling-original"' in html and "spell=0" in html
    assert "「ボランテイア」のまま検索する" in html
    back = client.get("/", query_string={"q": "ボランテイア", "mode": "bm25", "spell": "0"}).get_data(as_text=True)
    assert "spelling-original" not in back and "に一致する取組は見つかりませんでした" in back


def test_the_page_offers_moshikashite_as_a_link_that_runs_the_corrected_query(client):
    html = client.get("/", query_string={"q": "子育てしえん", "mode": "bm25"}).get_data(as_text=True)
    assert "もしかして：" in html
    assert 'class="spelling-corrected"' in html and ">子育て支援</a>" in html


def test_the_cli_prints_moshikashite_and_what_it_searched(keyword_index, capsys):
    from search_app import cli

    assert cli.main(["search", "子育てしえん", "--index", str(keyword_index), "--mode", "bm25"]) == 0
    assert "もしかして：子育て支援" in capsys.readouterr().out
    assert cli.main(["search", "ボランテイア", "--index", str(keyword_index), "--mode", "bm25"]) == 0
    out = capsys.readouterr()
    assert "「ボランティア」の検索結果です" in out.out
    assert "「ボランテイア」に一致する記載がないため、「ボランティア」で検索しました" in out.err
    assert cli.main(["search", "ボランテイア", "--index", str(keyword_index), "--mode", "bm25", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["spelling"]["searched"] is True



@pytest.mark.parametrize("mode", ["hybrid", "semantic"])
def test_a_slip_found_only_by_meaning_is_still_searched_as_the_report_word(hybrid_service, mode):
    """The semantic half finds neighbours for any text: passages found by meaning alone are
    not a match of the words as typed, so the corrected words are searched."""
    r = hybrid_service.search("たたいじ", mode=mode)
    assert r["spelling"]["searched"] is True and r["spelling"]["corrected"] == "多胎児"
    assert "「たたいじ」に一致する記載がないため、「多胎児」で検索しました" in r["notices"]
    # a query with a word that does match keeps its results and is offered the correction
    kept = hybrid_service.search("ボランティヤの育成", mode=mode)
    assert kept["spelling"]["searched"] is False and kept["spelling"]["corrected"] == "ボランティアの育成"

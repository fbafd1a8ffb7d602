"""What a claimed ward rests on, said to the user.

e5-small places a topic the reports never mention (天気予報, 住宅ローン) as close to
some passage as a genuine paraphrase (measured: best cosine, margin and z-score
overlap), so the semantic half's nearest passages are kept as an answer — but a ward
claimed only by meaning is marked as a guess (basis "meaning", 推定 on the card), and
the answer names the query words no report uses and nothing bridges.
"""

from __future__ import annotations

import re

OFF_TOPIC = "天気予報"           # no seed report, glossary line or dictionary synonym bridges it


def test_a_ward_claimed_only_by_meaning_is_marked_as_a_guess(hybrid_service):
    r = hybrid_service.search(OFF_TOPIC)
    assert r["wards"], "the nearest passages in meaning are still offered"
    assert {w["basis"] for w in r["wards"]} == {"meaning"}
    assert any("「天気予報」は報告書に出てきません" in n and "意味の近い記載" in n for n in r["notices"])


def test_a_ward_whose_report_names_the_query_word_rests_on_words(hybrid_service):
    r = hybrid_service.search("多胎児")
    assert {w["ward"]: w["basis"] for w in r["wards"]} == {"西区": "words", "港南区": "words"}
    assert not any("報告書に出てきません" in n for n in r["notices"])


def test_a_word_reached_through_a_glossary_synonym_is_not_called_unknown(hybrid_service):
    # ファミサポ is the common name of 子サポ (横浜子育てサポートシステム), which the reports use
    r = hybrid_service.search("ファミサポ")
    assert r["wards"] and all(w["basis"] == "words" for w in r["wards"])
    assert not any("ファミサポ" in n for n in r["notices"])


def test_keyword_search_says_which_words_no_report_uses(keyword_service):
    r = keyword_service.search("天気予報の相談", mode="bm25")
    notice = [n for n in r["notices"] if "報告書に出てきません" in n]
    assert notice and "「天気予報」" in notice[0] and "「相談」" not in notice[0]
    assert "意味の近い" not in notice[0], "keyword search shows no passages by meaning"


def test_the_search_page_marks_a_meaning_only_ward_as_a_guess(client):
    html = client.get("/", query_string={"q": OFF_TOPIC}).get_data(as_text=True)
    assert "検索語に一致する取組はありません" in html
    assert re.search(r'class="basis-guess"[^>]*>推定：意味の近さのみ<', html)
    assert "「天気予報」は報告書に出てきません" in html
    words = client.get("/", query_string={"q": "多胎児"}).get_data(as_text=True)
    assert 'class="basis-guess"' not in words and "の取組が見つかりました" in words

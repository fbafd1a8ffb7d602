"""The glossary as a domain thesaurus: synonym groups and narrower-term lines
(``broader > narrower``), on the real seed corpus (the `keyword_service` fixture) and on
the packaged glossary.
"""

from __future__ import annotations

import re

import pytest

from indexer.synonyms import DEFAULT_GLOSSARY_PATH, Glossary, validate
from search_app import expansion, querybuild, wardanswer
from search_app.query import parse_query
from search_app.querybuild import QueryBuilder


def wards(result):
    return {w["ward"] for w in result["wards"]}


@pytest.fixture(scope="module")
def packaged():
    return Glossary.load(DEFAULT_GLOSSARY_PATH)



# -- the packaged vocabulary on the seed corpus ------------------------------------------


def test_a_query_for_an_everyday_word_finds_the_reports_term_through_the_glossary(keyword_service):
    # ネウボラ is the everyday (Finnish) name of 子育て世代包括支援センター, which 中区 and
    # 港北区 name; no report, and no general dictionary, says ネウボラ
    r = keyword_service.search("ネウボラ", mode="bm25")
    assert any("子育て世代包括支援センター" in p["text"] for p in r["results"][:2])
    assert wards(r) == {"中区", "港北区"}
    # 来場者数 (visitors) is what the reports call 利用者数
    r = keyword_service.search("来場者数", mode="bm25")
    assert "年間利用者数" in r["results"][0]["text"]


def test_the_answer_says_which_alternatives_were_searched_and_where_they_come_from(keyword_service):
    r = keyword_service.search("ネウボラ", mode="bm25")
    assert {"word": "ネウボラ", "source": "glossary", "terms": ["子育て世代包括支援センター"]} in r["alternatives"]
    r = keyword_service.search("外遊び", mode="bm25")
    narrower = [a for a in r["alternatives"] if a["source"] == "narrower"]
    assert narrower and narrower[0]["word"] == "外遊び" and "プレイパーク" in narrower[0]["terms"]
    r = keyword_service.search("送り迎え", mode="bm25")   # no glossary line: Sudachi's dictionary
    assert {"word": "送り迎え", "source": "dictionary", "terms": ["送迎"]} in r["alternatives"]
    # a word searched only as itself, and a listing, name no alternatives
    assert keyword_service.search("ツインスターズ", mode="bm25")["alternatives"] == []
    assert keyword_service.search("令和5年度", mode="bm25")["alternatives"] == []


def test_without_its_glossary_line_the_everyday_word_finds_nothing(keyword_service, staff_glossary):
    # the control for the test above
    staff_glossary("父親 パパ\n")
    r = keyword_service.search("ネウボラ", mode="bm25")
    assert not r["results"] and not r["wards"]


def test_a_word_no_report_uses_finds_the_passages_of_its_narrower_terms(keyword_service):
    # 外遊び > プレイパーク みちあそび ...: only 西区 writes of its play park and street play
    r = keyword_service.search("外遊び", mode="bm25")
    assert r["results"]
    assert any("プレイパーク" in p["text"] for p in r["results"][:3])
    assert wards(r) == {"西区"}


def test_a_narrower_term_is_a_weaker_stand_in_and_never_a_specific_word(keyword_service):
    builder = keyword_service.builder()
    parsed = parse_query("外遊び")
    found = builder.synonyms(parsed)
    narrower = [s for s in found if s.narrower]
    assert {"プレイパーク", "みちあそび"} <= {s.synonym for s in narrower}
    assert all(s.weight < querybuild.GENERAL_WEIGHT < querybuild.SYNONYM_WEIGHT for s in narrower)
    (concept,) = builder.concepts(parsed)
    assert concept.feedback and concept.weight == querybuild.GENERAL_LOOSE_WEIGHT
    coverage = wardanswer.UnitCoverage(keyword_service.data, builder, [concept])
    assert coverage.specific == [False]
    # the same words as a synonym group make a full concept that is a specific word
    as_synonyms = QueryBuilder(keyword_service.data, Glossary.parse("外遊び プレイパーク みちあそび\n"))
    (full,) = as_synonyms.concepts(parsed)
    assert not full.feedback and full.weight == 1.0
    assert wardanswer.UnitCoverage(keyword_service.data, as_synonyms, [full]).specific == [True]


def test_a_narrower_term_does_not_claim_a_ward_by_itself(keyword_service):
    # 沐浴 is the query's specific word (泉区, 中区, 港南区 write of 沐浴体験); 西区 writes
    # only of プレイパーク, a narrower term of 外遊び: it answers nothing here
    r = keyword_service.search("外遊び 沐浴", mode="bm25")
    assert wards(r) == {"泉区", "中区", "港南区"}
    assert any("プレイパーク" in p["text"] for p in r["results"])  # it still ranks


def test_narrower_terms_are_one_way(packaged):
    assert "プレイパーク" in packaged.narrower_of("外遊び")
    assert "プレイパーク" not in packaged.synonyms_of("外遊び")
    assert "外遊び" not in packaged.narrower_of("プレイパーク")
    assert "外遊び" not in packaged.synonyms_of("プレイパーク")
    assert not any(e.term == "外遊び" for e in packaged.expand_query("プレイパークの開催日"))


def test_a_narrower_term_brings_its_own_synonyms_but_not_its_narrower_terms():
    g = Glossary.parse("遊び場 > プレイパーク\nプレイパーク 冒険遊び場\nプレイパーク > 木登り\n")
    assert g.narrower_of("遊び場") == ["プレイパーク", "冒険遊び場"]
    assert "木登り" not in g.narrower_of("遊び場")


def test_a_synonym_of_the_broader_term_gets_its_narrower_terms():
    g = Glossary.parse("外遊び 屋外遊び\n外遊び > プレイパーク\n")
    assert g.narrower_of("屋外遊び") == ["プレイパーク"]
    assert [(e.term, e.narrower) for e in g.expand_query("屋外遊び")] == \
        [("外遊び", False), ("プレイパーク", True)]


def test_narrower_terms_of_a_word_the_reports_use_are_not_looked_for(keyword_service):
    # SNS is in the reports: its narrower terms (LINE, インスタグラム ...) would only add noise
    builder = keyword_service.builder()
    assert builder.in_corpus("SNS")
    assert not [s for s in builder.synonyms(parse_query("SNS")) if s.narrower]


def test_a_word_its_narrower_terms_bridge_to_the_reports_asks_no_feedback(keyword_service):
    builder = keyword_service.builder()
    assert expansion.unknown_terms(parse_query("外遊び"), builder) == []


def test_the_semantic_half_gets_only_synonyms_the_reports_use(keyword_service):
    builder = keyword_service.builder()
    # リーフレット's group: パンフレット and パンフ are in no report
    assert builder.semantic_synonyms(parse_query("リーフレット")) == []
    # 双子 -> 多胎児, which the reports use; narrower terms are never added
    assert "多胎児" in builder.semantic_synonyms(parse_query("双子"))
    assert builder.semantic_synonyms(parse_query("外遊び")) == []


def test_the_next_search_uses_a_narrower_line_staff_added(keyword_service, staff_glossary):
    staff_glossary("父親 パパ\n")
    assert not keyword_service.search("外遊び", mode="bm25")["results"]
    staff_glossary("父親 パパ\n外遊び > プレイパーク\n")
    r = keyword_service.search("外遊び", mode="bm25")
    assert any("プレイパーク" in p["text"] for p in r["results"])


# -- the file format -----------------------------------------------------------------------


def test_a_malformed_narrower_line_gets_a_japanese_message_with_its_line_number():
    text = ("# 見出し\n"
            "父親 パパ\n"
            "外遊び >\n"                 # 3: nothing on the right
            "> 公園\n"                   # 4: nothing on the left
            "遊び > 外遊び > 公園\n"      # 5: two arrows
            "外遊び > 外遊び 公園\n"      # 6: a term on both sides
            "父親 > パパ\n"              # 7: already synonyms (line 2)
            "公園 > 広場\n"              # 8: narrower both ways (with 9)
            "広場 ＞ 公園\n"             # 9
            "支援 > 子育て支援\n")       # 10: words found in every report
    errors = validate(text)
    assert sorted({n for n, _ in errors}) == [3, 4, 5, 6, 7, 8, 9, 10]
    messages = {}
    for n, m in errors:
        messages.setdefault(n, m)
    assert "上位語 > 下位語" in messages[3] and "上位語 > 下位語" in messages[4]
    assert "1行に1つ" in messages[5]
    assert "外遊び" in messages[6] and "両側" in messages[6]
    assert "2 行目" in messages[7] and "同義語" in messages[7]
    assert "9 行目" in messages[8] and "互いの下位語" in messages[8]
    assert "支援" in messages[10]
    assert all(re.search("[ぁ-んァ-ン一-龥]", m) for _n, m in errors)


def test_a_good_narrower_line_passes_validation_and_is_parsed():
    text = "外遊び 屋外遊び\n外遊び > プレイパーク 公園遊び  # 例\nSNS, LINE ＞ 公式LINE\n"
    assert validate(text) == []
    g = Glossary.parse(text)
    assert g.groups == (("外遊び", "屋外遊び"),)
    assert g.narrower == (("外遊び", ("プレイパーク", "公園遊び")),
                          ("SNS", ("公式LINE",)), ("LINE", ("公式LINE",)))


def test_a_malformed_narrower_line_is_ignored_with_a_warning_when_loaded(caplog):
    with caplog.at_level("WARNING", logger="indexer.synonyms"):
        g = Glossary.parse("外遊び >\n父親 パパ\n", source="staff.txt")
    assert g.groups == (("父親", "パパ"),) and g.narrower == ()
    assert any("staff.txt:1" in r.getMessage() for r in caplog.records)


def test_the_packaged_thesaurus_has_groups_and_narrower_lines_and_passes_validation(packaged):
    assert validate(DEFAULT_GLOSSARY_PATH.read_text(encoding="utf-8")) == []
    assert len(packaged.groups) >= 200 and len(packaged.narrower) >= 10


def test_a_glossary_term_inside_a_longer_word_of_the_query_is_not_matched(packaged):
    # 催し is inside 開催し, 学童 inside 学童期: neither is a glossary term on its own
    assert not any(e.surface in ("催し", "学童") for e in packaged.expand_query("講座を開催した学童期の子"))


def test_a_glossary_term_that_ends_or_starts_inside_a_word_of_the_query_is_not_matched():
    g = Glossary.parse("インスタ インスタグラム\n祖父 おじいちゃん\nママ 母親\n")
    assert not g.expand_query("ツインスターズの利用者")          # インスタ inside ツインスターズ
    assert [e.term for e in g.expand_query("インスタで発信")] == ["インスタグラム"]
    assert {e.term for e in g.expand_query("祖父母とママ")} == {"母親"}   # not 祖父 inside 祖父母


# -- the admin page ------------------------------------------------------------------------

TOKEN = "thesaurus-test-token"


def _client(tmp_path):
    from search_app.web import create_app

    return create_app({"TESTING": True, "ADMIN_TOKEN": TOKEN,
                       "INDEX_DIR": str(tmp_path / "no-index")}).test_client()


def _post(client, text):
    html = client.get("/admin/glossary").get_data(as_text=True)
    token = re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)
    return client.post("/admin/glossary", data={"glossary": text, "admin_token": TOKEN,
                                                "csrf_token": token})


def test_the_admin_page_saves_a_narrower_line_and_rejects_a_malformed_one(tmp_path, staff_glossary):
    path = staff_glossary("父親 パパ\n")
    client = _client(tmp_path)
    resp = _post(client, "父親 パパ\n外遊び > プレイパーク\n")
    assert resp.status_code == 200, resp.get_data(as_text=True)
    assert path.read_text(encoding="utf-8") == "父親 パパ\n外遊び > プレイパーク\n"
    resp = _post(client, "父親 パパ\n外遊び > プレイパーク\n公園 >\n")
    html = resp.get_data(as_text=True)
    assert resp.status_code == 400
    assert "3行目" in html and "上位語 &gt; 下位語" in html and "保存しませんでした" in html
    assert path.read_text(encoding="utf-8") == "父親 パパ\n外遊び > プレイパーク\n"

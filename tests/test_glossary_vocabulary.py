"""The glossary as the field's vocabulary: words parents, hub staff and city staff type
find the words the reports use for the same thing (on the seed corpus, the
`keyword_service` fixture, keyword mode so that only the vocabulary can bridge them).

Every query here is a word of the vocabulary itself (indexer/data/glossary.txt), chosen
because the seed reports use another member of its line; none comes from a judged query.
"""

from __future__ import annotations

import pytest

from indexer.synonyms import DEFAULT_GLOSSARY_PATH, Glossary, validate


def wards(result):
    return {w["ward"] for w in result["wards"]}


def texts(result, n=10):
    return [p["text"] for p in result["results"][:n]]


def alternatives(result, source):
    return {t for a in result["alternatives"] if a["source"] == source for t in a["terms"]}


@pytest.fixture(scope="module")
def packaged():
    return Glossary.load(DEFAULT_GLOSSARY_PATH)



def test_the_packaged_vocabulary_passes_the_admin_pages_validation():
    assert validate(DEFAULT_GLOSSARY_PATH.read_text(encoding="utf-8")) == []


def test_a_formal_word_for_twins_finds_the_reports_twins_and_multiples(keyword_service):
    # 双生児 (the medical word) -> 双子 (西区's 2期目 issue) and 多胎児 (西区's flyer, 港南区's
    # ツインスターズ); no seed report writes 双生児
    r = keyword_service.search("双生児", mode="bm25")
    assert any("双子" in t for t in texts(r)) and any("多胎児" in t for t in texts(r))
    assert wards(r) == {"西区", "港南区"}
    assert {"多胎児", "双子"} <= alternatives(r, "glossary")


def test_families_of_many_nationalities_are_the_families_with_foreign_roots(keyword_service):
    # 港南区 writes 多国籍 (グローバルデイ); 中区 and 西区 write 外国につながる親子
    r = keyword_service.search("多国籍", mode="bm25")
    assert wards(r) == {"中区", "西区", "港南区"}
    assert any("外国につながる" in t for t in texts(r, 3))
    r = keyword_service.search("外国籍", mode="bm25")
    assert "港南区" in wards(r)


def test_another_citys_name_for_a_network_meeting_finds_the_wards_liaison_council(keyword_service):
    r = keyword_service.search("ネットワーク会議", mode="bm25")
    assert "港南区子育て連絡会" in texts(r)[0]
    assert "港南区" in wards(r)


def test_the_formal_name_of_the_support_systems_care_finds_its_activity_counts(keyword_service):
    # 相互援助活動 is the national name of what 子サポ reports count as 援助活動
    r = keyword_service.search("相互援助活動", mode="bm25")
    assert any("援助活動数" in t for t in texts(r, 3))
    assert wards(r) == {"西区"}


def test_accident_prevention_in_other_words_finds_the_checklist_item(keyword_service):
    r = keyword_service.search("事故予防", mode="bm25")
    assert "事故防止" in texts(r)[0]


def test_experienced_families_are_the_reports_senior_mums_and_families(keyword_service):
    r = keyword_service.search("先輩家庭", mode="bm25")
    found = " ".join(texts(r, 3))
    assert "先輩ファミリー" in found and "先輩ママ" in found
    assert wards(r) == {"西区"}


def test_families_moved_by_an_employer_find_the_passages_on_newcomers(keyword_service):
    # 転勤族 > 転入: a narrower stand-in, named as such in the answer
    r = keyword_service.search("転勤族", mode="bm25")
    assert r["results"] and all("転入" in t for t in texts(r, 2))
    assert "転入" in alternatives(r, "narrower")
    assert wards(r) == {"西区"}


def test_without_its_line_the_word_for_transferred_families_finds_nothing(keyword_service, staff_glossary):
    # the control for the test above: no report and no general dictionary says 転勤族
    staff_glossary("父親 パパ\n")
    r = keyword_service.search("転勤族", mode="bm25")
    assert not r["results"] and not r["wards"]


def test_a_coinage_for_involved_fathers_is_searched_and_finds_the_fathers_passages(keyword_service):
    # イクメン is not in Sudachi's dictionary: its spelling group (育メン) lets the search run,
    # its narrower line (> 父親) finds what the reports say about fathers
    r = keyword_service.search("イクメン", mode="bm25")
    assert r["results"]
    assert any("父親" in t for t in texts(r, 3))
    assert "父親" in alternatives(r, "narrower")


def test_a_coinage_known_only_by_its_narrower_line_is_searched(keyword_service, staff_glossary):
    # staff may write a topic line alone (no synonym group): the word is known, so it is searched
    staff_glossary("イクメン > 父親\n")
    r = keyword_service.search("イクメン", mode="bm25")
    assert r["results"] and any("父親" in t for t in texts(r, 3))
    staff_glossary("父親 パパ\n")
    assert not keyword_service.search("イクメン", mode="bm25")["results"]


def test_the_liaison_council_is_not_a_synonym_of_every_meeting(packaged):
    # the line bridges one council to another, not 連絡会 to 会議 in general
    assert packaged.synonyms_of("連絡会") == ["ネットワーク会議"]
    assert packaged.synonyms_of("定例会") == ["定例会議"]


def test_a_specialist_child_commissioner_is_a_kind_of_commissioner_not_another_name(packaged):
    assert "主任児童委員" in packaged.narrower_of("民生委員")
    assert "主任児童委員" not in packaged.synonyms_of("民生委員")
    assert not packaged.expand_query("主任児童委員")


def test_the_new_centre_names_its_predecessors_one_way(packaged):
    below = packaged.narrower_of("こども家庭センター")
    assert {"子育て世代包括支援センター", "子ども家庭総合支援拠点", "ネウボラ"} <= set(below)
    assert "こども家庭センター" not in packaged.narrower_of("子育て世代包括支援センター")
    assert "こども家庭センター" not in packaged.synonyms_of("子育て世代包括支援センター")


# --- The users' side (vocab16): the words parents, hub staff and city staff type for what
#     the reports describe. Every query is a word of the glossary's users'-side block, chosen
#     because the seed reports write another member of its line; none comes from a judged query.

def test_printed_matter_a_kids_corner_and_the_care_plaza_in_everyday_words(keyword_service):
    # 印刷物: 西区's 「紙媒体での情報発信」 and 港北区's 紙媒体; キッズコーナー: 西区's
    # 区役所キッズスペース; ケアプラ (the clipped form): the 地域ケアプラザ of 西区 and 港北区
    r = keyword_service.search("印刷物", mode="bm25")
    assert any("紙媒体" in t for t in texts(r, 3))
    assert "紙媒体" in alternatives(r, "glossary")
    assert "西区" in wards(r) and wards(r) <= {"西区", "港北区"}
    r = keyword_service.search("キッズコーナー", mode="bm25")
    assert "キッズスペース" in texts(r)[0]
    assert wards(r) == {"西区"}
    r = keyword_service.search("ケアプラ", mode="bm25")
    assert r["results"] and all("ケアプラザ" in t for t in texts(r, 2))
    assert wards(r) == {"西区", "港北区"}


def test_a_trial_run_and_an_expert_in_the_words_staff_and_parents_use(keyword_service):
    # トライアル (泉区's 「トライアル開催」) and the city's 試行 (港北区's 「試行実施」) are one
    # thing; 専門家 (what parents ask for) finds 泉区's 「区の専門職」
    r = keyword_service.search("トライアル", mode="bm25")
    assert any("試行実施" in t for t in texts(r))
    assert wards(r) == {"泉区", "港北区"}
    r = keyword_service.search("専門家", mode="bm25")
    assert any("区の専門職" in t for t in texts(r, 3))
    assert "泉区" in wards(r)


def test_where_to_leave_the_older_child_finds_the_reports_words_for_both(keyword_service):
    # 港北区's leaflet: 「出産時の上の子の預け先」; parents say 預かり先 and 兄姉 too
    for query, word in (("預かり先", "預け先"), ("兄姉", "上の子")):
        r = keyword_service.search(query, mode="bm25")
        assert r["results"] and word in texts(r)[0], query
        assert wards(r) == {"港北区"}, query
    r = keyword_service.search("相談数", mode="bm25")
    assert any("相談件数" in t for t in texts(r, 3))


def test_without_the_users_side_lines_those_words_find_nothing(keyword_service, staff_glossary):
    # the control for the three tests above: neither the reports nor Sudachi's dictionary
    # bridge these words
    staff_glossary("父親 パパ\n")
    for query in ("印刷物", "預かり先", "兄姉", "ケアプラ", "ウェビナー"):
        r = keyword_service.search(query, mode="bm25")
        assert not r["results"] and not r["wards"], query


def test_a_webinar_stands_in_as_a_kind_of_online_course(keyword_service):
    # ウェビナー > オンライン講座: no seed report says ウェビナー; 港南区 writes オンライン講座.
    # The answer names it as a narrower stand-in, not as a synonym
    r = keyword_service.search("ウェビナー", mode="bm25")
    assert "オンライン講座" in texts(r)[0]
    assert "オンライン講座" in alternatives(r, "narrower")
    assert "オンライン講座" not in alternatives(r, "glossary")
    assert wards(r) == {"港南区"}


def test_a_narrower_stand_in_does_not_claim_a_ward_by_itself(keyword_service):
    # 新生児 > 乳児: alone, the stand-in 赤ちゃん finds 西区's passages; with 沐浴, a word the
    # reports use, only the wards that write of 沐浴 answer (西区 never does)
    alone = keyword_service.search("新生児", mode="bm25")
    assert "赤ちゃん" in alternatives(alone, "narrower")
    assert "西区" in wards(alone)
    r = keyword_service.search("新生児 沐浴", mode="bm25")
    assert wards(r) == {"中区", "泉区", "港南区"}
    assert "西区" not in wards(r)


def test_the_users_narrower_words_run_one_way(packaged):
    # the user's narrower word finds the reports' wider one, never the reverse
    def expands_to(term):
        return {e.term for e in packaged.expand_query(term)}

    for narrow, wide in (("産褥期", "産後"), ("新生児", "乳児"), ("ウェビナー", "オンライン講座"),
                         ("育児ノイローゼ", "育児ストレス")):
        assert wide in packaged.narrower_of(narrow), narrow
        assert wide not in packaged.synonyms_of(narrow), narrow
        assert narrow not in expands_to(wide), narrow
    # a topic and its kinds: 多言語 finds 英語, 英語 does not find 多言語; the ward's
    # professionals are kinds of 専門職, not other names for it
    assert "英語" in packaged.narrower_of("多言語")
    assert "多言語" not in expands_to("英語")
    assert "保健師" in packaged.narrower_of("専門家")
    assert "保健師" not in packaged.synonyms_of("専門家")
